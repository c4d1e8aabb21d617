/** Where the audit reads a nomination's workflow record from (Temporal in the app, fabricated in tests). */
export const WORKFLOW_RECORDS = Symbol('WorkflowRecords');
