import type { NominationState, ReportedOutcome, Stage } from '@laurel/domain';
import { formatPosition } from '../../event-store/port';
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

export interface NominationFilter {
  readonly stage?: Stage;
  readonly outcome?: ReportedOutcome;
  readonly blockId?: string;
  /** The proposing unit. */
  readonly unitId?: string;
  readonly campaignYear?: number;
  readonly awardType?: string;
  readonly province?: string;
  /** Escalated, or an open stage past its deadline. */
  readonly overdue?: boolean;
}

export interface NominationListItem {
  readonly nominationId: string;
  readonly stage: Stage;
  readonly outcome: ReportedOutcome | null;
  readonly nomineeName: string | null;
  readonly nomineeKind: string | null;
  readonly awardType: string | null;
  readonly campaignYear: number | null;
  readonly province: string | null;
  readonly blockId: string | null;
  readonly proposingUnitId: string | null;
  readonly stageDeadline: string | null;
  readonly escalated: boolean;
  /** Escalated, or an open stage whose deadline has passed (as of the query). */
  readonly overdue: boolean;
  /** When the award was revoked after it was given; null for every other nomination. */
  readonly revokedAt: string | null;
  /** Stream version of the last event applied: compare with an append's `nextVersion`. */
  readonly version: number;
  /** Store position of the last event folded (`<commit>.<prepare>`). */
  readonly position: string;
  readonly draftedAt: string;
  readonly stageEnteredAt: string;
  readonly updatedAt: string;
}

export interface NominationDetail extends NominationListItem {
  /** The folded state, secret-ballot choices redacted. */
  readonly state: NominationState;
}

interface ListRow {
  readonly nomination_id: string;
  readonly stage: Stage;
  readonly outcome: ReportedOutcome | null;
  readonly nominee_name: string | null;
  readonly nominee_kind: string | null;
  readonly award_type: string | null;
  readonly campaign_year: number | null;
  readonly province: string | null;
  readonly block_id: string | null;
  readonly proposing_unit_id: string | null;
  readonly stage_deadline: string | null;
  readonly escalated: boolean;
  readonly overdue: boolean;
  readonly revoked_at: string | null;
  readonly version: number;
  readonly position_commit: string;
  readonly position_prepare: string;
  readonly drafted_at: string;
  readonly stage_entered_at: string;
  readonly updated_at: string;
  readonly state?: NominationState;
}

const CURSOR_TAG = 'nominations';
const OPEN_STAGES = `('BlockVote', 'CouncilReview', 'AwaitingSupplement', 'ProvincialDecision')`;

export interface NominationListOptions {
  /** The clock `overdue` is judged by. Default: the system clock. */
  readonly now?: () => Date;
}

/** Queries over the nomination list, newest draft first. */
export class NominationList {
  private readonly table: string;
  private readonly now: () => Date;

  constructor(
    private readonly sql: SqlQueryable,
    tables: ProjectionTables,
    options: NominationListOptions = {},
  ) {
    this.table = tables.nominationList;
    this.now = options.now ?? (() => new Date());
  }

  /** Columns of alias `n`. Filters and sort keys are qualified too: the text output columns share their names. */
  private columns(nowParam: string): string {
    return `n.nomination_id, n.stage, n.outcome, n.nominee_name, n.nominee_kind, n.award_type, n.campaign_year,
      n.province, n.block_id, n.proposing_unit_id, ${isoText('n.stage_deadline')} AS stage_deadline, n.escalated,
      (n.escalated OR (n.stage IN ${OPEN_STAGES} AND n.stage_deadline < ${nowParam}::timestamptz)) AS overdue,
      n.state->'revocation'->>'at' AS revoked_at,
      n.version, n.position_commit::text AS position_commit, n.position_prepare::text AS position_prepare,
      ${isoText('n.drafted_at')} AS drafted_at, ${isoText('n.stage_entered_at')} AS stage_entered_at,
      ${isoText('n.updated_at')} AS updated_at`;
  }

  async list(filter: NominationFilter = {}, page: PageOptions = {}): Promise<Page<NominationListItem>> {
    const limit = pageLimit(page.limit);
    const params: unknown[] = [this.now().toISOString()];
    const where: string[] = [];
    const equal = (column: string, value: string | number | undefined): void => {
      if (value === undefined) return;
      params.push(value);
      where.push(`n.${column} = $${params.length}`);
    };
    equal('stage', filter.stage);
    equal('outcome', filter.outcome);
    equal('block_id', filter.blockId);
    equal('proposing_unit_id', filter.unitId);
    equal('campaign_year', filter.campaignYear);
    equal('award_type', filter.awardType);
    equal('province', filter.province);
    if (filter.overdue !== undefined) {
      where.push(
        `${filter.overdue ? '' : 'NOT '}(n.escalated OR (n.stage IN ${OPEN_STAGES} AND n.stage_deadline < $1::timestamptz))`,
      );
    }
    if (page.after !== undefined) {
      const [draftedAt, id] = decodeCursor(CURSOR_TAG, page.after, 2) as [string, string];
      params.push(cursorInstant(draftedAt, page.after), id);
      where.push(`(n.drafted_at, n.nomination_id) < ($${params.length - 1}::timestamptz, $${params.length}::text)`);
    }
    params.push(limit + 1);
    const text = `SELECT ${this.columns('$1')} FROM ${this.table} n
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY n.drafted_at DESC, n.nomination_id DESC LIMIT $${params.length}`;
    const rows = await this.sql.query<ListRow>(text, params, { prepare: true });
    const items = rows.slice(0, limit).map(toItem);
    const last = items[items.length - 1];
    return rows.length > limit && last
      ? { items, nextCursor: encodeCursor(CURSOR_TAG, [last.draftedAt, last.nominationId]) }
      : { items };
  }

  async byId(nominationId: string): Promise<NominationDetail | undefined> {
    const rows = await this.sql.query<ListRow>(
      `SELECT ${this.columns('$2')}, n.state FROM ${this.table} n WHERE n.nomination_id = $1`,
      [nominationId, this.now().toISOString()],
      { prepare: true },
    );
    const row = rows[0];
    return row?.state ? { ...toItem(row), state: row.state } : undefined;
  }

  /** Several nominations' rows (without their state) in one read, keyed by id; ids not projected are absent. */
  async byIds(nominationIds: readonly string[]): Promise<Map<string, NominationListItem>> {
    if (nominationIds.length === 0) return new Map();
    const rows = await this.sql.query<ListRow>(
      `SELECT ${this.columns('$2')} FROM ${this.table} n WHERE n.nomination_id = ANY($1::text[])`,
      [[...new Set(nominationIds)], this.now().toISOString()],
      { prepare: true },
    );
    return new Map(rows.map((row) => [row.nomination_id, toItem(row)]));
  }
}

function toItem(row: ListRow): NominationListItem {
  return {
    nominationId: row.nomination_id,
    stage: row.stage,
    outcome: row.outcome,
    nomineeName: row.nominee_name,
    nomineeKind: row.nominee_kind,
    awardType: row.award_type,
    campaignYear: row.campaign_year,
    province: row.province,
    blockId: row.block_id,
    proposingUnitId: row.proposing_unit_id,
    stageDeadline: row.stage_deadline,
    escalated: row.escalated,
    overdue: row.overdue,
    revokedAt: row.revoked_at,
    version: row.version,
    position: formatPosition({ commit: BigInt(row.position_commit), prepare: BigInt(row.position_prepare) }),
    draftedAt: row.drafted_at,
    stageEnteredAt: row.stage_entered_at,
    updatedAt: row.updated_at,
  };
}
