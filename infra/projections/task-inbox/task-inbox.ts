import type { Stage } from '@laurel/domain';
import type { SqlQueryable } from '../../event-store/sql/sql-client';
import type { ProjectionTables } from '../schema';
import {
  cursorInstant,
  decodeCursor,
  encodeCursor,
  isoText,
  pageLimit,
  type Page,
  type PageOptions,
} from '../sql-text';
import type { TaskAction, TaskStatus, TaskSummary } from './tasks';

/** Who asks: the authenticated user's id, role and scope. */
export interface InboxUser {
  readonly userId: string;
  readonly role: string;
  readonly unitId?: string;
  readonly blockId?: string;
  /** The province of province-wide roles (Board, council, chairman): they see only its tasks. */
  readonly province?: string;
}

export interface InboxTask {
  readonly taskId: string;
  readonly nominationId: string;
  readonly action: TaskAction;
  readonly role: string;
  readonly unitId: string | null;
  readonly blockId: string | null;
  readonly stage: Stage;
  /** The stage deadline; null in stages without one. */
  readonly dueAt: string | null;
  readonly status: TaskStatus;
  readonly createdAt: string;
  readonly completedBy: string | null;
  readonly completedAt: string | null;
  readonly nomination: TaskSummary;
}

interface TaskRecord {
  readonly task_id: string;
  readonly nomination_id: string;
  readonly action: TaskAction;
  readonly role: string;
  readonly unit_id: string | null;
  readonly block_id: string | null;
  readonly stage: Stage;
  readonly due_at: string | null;
  readonly status: TaskStatus;
  readonly created_at: string;
  readonly completed_by: string | null;
  readonly completed_at: string | null;
  readonly nominee_name: string;
  readonly award_type: string;
  readonly campaign_year: number;
  readonly province: string;
  readonly proposing_unit_id: string;
  readonly nomination_block_id: string;
}

const PENDING_TAG = 'inbox.pending';
const DONE_TAG = 'inbox.done';

/** The scope a user's pending tasks are filed under, or undefined for roles that act on no task. */
export function scopeOf(user: InboxUser): string | undefined {
  switch (user.role) {
    case 'unit_officer':
    case 'unit_head':
      return user.unitId ? `unit:${user.unitId}` : undefined;
    case 'block_leader':
      return user.blockId ? `block:${user.blockId}` : undefined;
    case 'board_officer':
    case 'council_member':
    case 'chairman':
      return user.province ? `province:${user.province}` : undefined;
    default:
      return undefined;
  }
}

/**
 * Queries over the task inbox. Pending tasks come most urgent first (due date,
 * undated last, then oldest), by keyset over the partial index
 * `task_inbox_pending`, so a page costs the same however long the list.
 */
export class TaskInbox {
  private readonly pendingText: string;
  private readonly doneText: string;
  private readonly nominationText: string;

  constructor(
    private readonly sql: SqlQueryable,
    tables: ProjectionTables,
  ) {
    const columns = `t.task_id, t.nomination_id, t.action, t.role, t.unit_id, t.block_id, t.stage,
      ${isoText('t.due_at')} AS due_at, t.status, ${isoText('t.created_at')} AS created_at, t.completed_by,
      ${isoText('t.completed_at')} AS completed_at, t.nominee_name, t.award_type, t.campaign_year, t.province,
      t.proposing_unit_id, t.nomination_block_id`;
    const table = tables.taskInbox;
    // Sort keys are qualified (t.…): bare names would pick the text output
    // columns of the same name, sort as text and miss the index.
    this.pendingText = `SELECT ${columns} FROM ${table} t
      WHERE t.status = 'pending' AND t.role = $1 AND t.scope = $2
        AND NOT ($3::text = ANY (t.excluded_user_ids)) AND NOT ($4::text = ANY (t.excluded_unit_ids))
        AND (t.due_sort, t.created_at, t.task_id) > ($5::timestamptz, $6::timestamptz, $7::text)
      ORDER BY t.due_sort, t.created_at, t.task_id
      LIMIT $8`;
    this.doneText = `SELECT ${columns} FROM ${table} t
      WHERE t.status = 'done' AND t.completed_by = $1
        AND (t.completed_at, t.task_id) < ($2::timestamptz, $3::text)
      ORDER BY t.completed_at DESC, t.task_id DESC
      LIMIT $4`;
    this.nominationText = `SELECT ${columns} FROM ${table} t WHERE t.nomination_id = $1 ORDER BY t.created_at, t.task_id`;
  }

  /** What waits for this user, most urgent first. Excludes tasks the user may not take (recusal, other stages). */
  async pendingFor(user: InboxUser, page: PageOptions = {}): Promise<Page<InboxTask>> {
    const limit = pageLimit(page.limit);
    const scope = scopeOf(user);
    let from = ['-infinity', '1970-01-01T00:00:00.000Z', ''];
    if (page.after !== undefined) {
      const [due, created, id] = decodeCursor(PENDING_TAG, page.after, 3) as [string, string, string];
      from = [cursorInstant(due, page.after, true), cursorInstant(created, page.after), id];
    }
    if (scope === undefined) return { items: [] };
    const rows = await this.sql.query<TaskRecord>(
      this.pendingText,
      [user.role, scope, user.userId, user.unitId ?? '', ...from, limit + 1],
      { prepare: true },
    );
    const items = rows.slice(0, limit).map(toTask);
    const last = items[items.length - 1];
    return rows.length > limit && last
      ? { items, nextCursor: encodeCursor(PENDING_TAG, [last.dueAt ?? 'infinity', last.createdAt, last.taskId]) }
      : { items };
  }

  /** What this user has done, most recent first. */
  async doneBy(user: Pick<InboxUser, 'userId'>, page: PageOptions = {}): Promise<Page<InboxTask>> {
    const limit = pageLimit(page.limit);
    let from = ['infinity', ''];
    if (page.after !== undefined) {
      const [completed, id] = decodeCursor(DONE_TAG, page.after, 2) as [string, string];
      from = [cursorInstant(completed, page.after), id];
    }
    const rows = await this.sql.query<TaskRecord>(this.doneText, [user.userId, ...from, limit + 1], { prepare: true });
    const items = rows.slice(0, limit).map(toTask);
    const last = items[items.length - 1];
    return rows.length > limit && last?.completedAt
      ? { items, nextCursor: encodeCursor(DONE_TAG, [last.completedAt, last.taskId]) }
      : { items };
  }

  /** Every task of one nomination, in any status, oldest first (for admins and tests). */
  async forNomination(nominationId: string): Promise<InboxTask[]> {
    const rows = await this.sql.query<TaskRecord>(this.nominationText, [nominationId], { prepare: true });
    return rows.map(toTask);
  }
}

function toTask(row: TaskRecord): InboxTask {
  return {
    taskId: row.task_id,
    nominationId: row.nomination_id,
    action: row.action,
    role: row.role,
    unitId: row.unit_id,
    blockId: row.block_id,
    stage: row.stage,
    dueAt: row.due_at,
    status: row.status,
    createdAt: row.created_at,
    completedBy: row.completed_by,
    completedAt: row.completed_at,
    nomination: {
      nomineeName: row.nominee_name,
      awardType: row.award_type,
      campaignYear: row.campaign_year,
      province: row.province,
      proposingUnitId: row.proposing_unit_id,
      blockId: row.nomination_block_id,
    },
  };
}
