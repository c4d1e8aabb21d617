import type { NominationChange, Projection } from '../projection';
import type { ProjectionTables } from '../schema';
import { answeredTask, closeTask, pendingTasks, sameTask, type TaskRow, type TaskRules } from './tasks';

const COLUMNS = [
  'task_id',
  'nomination_id',
  'action',
  'role',
  'scope',
  'unit_id',
  'block_id',
  'stage',
  'stage_entered_version',
  'due_at',
  'due_sort',
  'excluded_user_ids',
  'excluded_unit_ids',
  'nominee_name',
  'award_type',
  'campaign_year',
  'province',
  'proposing_unit_id',
  'nomination_block_id',
  'status',
  'created_at',
  'completed_by',
  'completed_at',
] as const;

/**
 * The task inbox. For each event it diffs the pending tasks of the state
 * before and after (tasks.ts): tasks that left the list are closed as done or
 * cancelled, new or changed ones are written; one upsert per batch.
 */
export class TaskInboxProjection implements Projection {
  readonly name = 'task_inbox';

  constructor(
    private readonly tables: ProjectionTables,
    private readonly rules: TaskRules = {},
  ) {}

  upsertSql(rowsParam: string, guard: string): string {
    return `INSERT INTO ${this.tables.taskInbox} (${COLUMNS.join(', ')})
      SELECT ${COLUMNS.map((c) => (c === 'due_sort' ? `coalesce(r.due_at, 'infinity'::timestamptz)` : `r.${c}`)).join(', ')}
      FROM jsonb_to_recordset(${rowsParam}::text::jsonb) AS r(task_id text, nomination_id text, action text, role text,
        scope text, unit_id text, block_id text, stage text, stage_entered_version integer, due_at timestamptz,
        excluded_user_ids text[], excluded_unit_ids text[], nominee_name text, award_type text, campaign_year integer,
        province text, proposing_unit_id text, nomination_block_id text, status text, created_at timestamptz,
        completed_by text, completed_at timestamptz)
      WHERE EXISTS (SELECT 1 FROM ${guard})
      ON CONFLICT (task_id) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'task_id')
        .map((c) => `${c} = EXCLUDED.${c}`)
        .join(', ')}`;
  }

  /** The rows this batch of changes writes, last write per task winning. */
  rowsFor(changes: readonly NominationChange[]): Map<string, TaskRow> {
    const writes = new Map<string, TaskRow>();
    for (const change of changes) {
      if (!change.event) continue;
      const { event } = change;
      const before = byId(pendingTasks(change.before.state, change.before.entry, this.rules));
      const after = byId(pendingTasks(change.after.state, change.after.entry, this.rules));
      for (const [id, task] of before) {
        if (!after.has(id)) writes.set(id, closeTask(task, event));
      }
      for (const [id, task] of after) {
        const previous = before.get(id);
        if (!previous || !sameTask(previous, task)) writes.set(id, task);
      }
      if (event.type === 'CouncilOpinionRecorded') {
        const shared = [...before.values()].find((t) => t.action === 'give_opinion');
        if (shared) {
          const answered = answeredTask(shared, event.data.memberId, event.data.at);
          writes.set(answered.taskId, answered);
        }
      }
    }
    return writes;
  }

  rows(changes: readonly NominationChange[]): object[] {
    return [...this.rowsFor(changes).values()].map(taskRecord);
  }
}

function byId(tasks: readonly TaskRow[]): Map<string, TaskRow> {
  return new Map(tasks.map((t) => [t.taskId, t]));
}

function taskRecord(task: TaskRow): Record<string, unknown> {
  return {
    task_id: task.taskId,
    nomination_id: task.nominationId,
    action: task.action,
    role: task.role,
    scope: task.scope,
    unit_id: task.unitId,
    block_id: task.blockId,
    stage: task.stage,
    stage_entered_version: task.stageEnteredVersion,
    due_at: task.dueAt,
    excluded_user_ids: task.excludedUserIds,
    excluded_unit_ids: task.excludedUnitIds,
    nominee_name: task.summary.nomineeName,
    award_type: task.summary.awardType,
    campaign_year: task.summary.campaignYear,
    province: task.summary.province,
    proposing_unit_id: task.summary.proposingUnitId,
    nomination_block_id: task.summary.blockId,
    status: task.status,
    created_at: task.createdAt,
    completed_by: task.completedBy,
    completed_at: task.completedAt,
  };
}
