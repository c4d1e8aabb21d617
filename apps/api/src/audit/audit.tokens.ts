/** Where the audit reads a nomination's workflow record from (Temporal in the app, fabricated in tests). */
export const WORKFLOW_RECORDS = Symbol('WorkflowRecords');
/** Checks the proofs of people's actions in stored events: `ActionVerifier` (infra/audit/action-proof). */
export const ACTION_VERIFIER = Symbol('ActionVerifier');
