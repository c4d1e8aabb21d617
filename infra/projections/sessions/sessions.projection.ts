import type { RecordedEvent } from '../../event-store/port';
import type { NominationChange, Projection } from '../projection';
import type { ProjectionTables } from '../schema';
import { sessionRows, type SessionRows } from './session-rows';

/**
 * The rows of one batch, computed once for both tables: the runner asks each
 * projection in turn with the same arrays.
 */
class SessionRowsMemo {
  private last:
    { changes: readonly NominationChange[]; events: readonly RecordedEvent[]; rows: SessionRows } | undefined;

  rows(changes: readonly NominationChange[], events: readonly RecordedEvent[]): SessionRows {
    if (this.last?.changes !== changes || this.last.events !== events) {
      this.last = { changes, events, rows: sessionRows(events, changes) };
    }
    return this.last.rows;
  }
}

const HEADER_KEEP = [
  'kind',
  'province',
  'block_id',
  'campaign_year',
  'title',
  'quorum_ratio',
  'member_ids',
  'members',
  'policy',
  'opened_at',
  'opened_by',
  'item_count',
  'closed',
] as const;

/** One row per session: what it is, who voted (never how), its close. */
export class SessionHeaderProjection implements Projection {
  readonly name = 'session_header';

  constructor(
    private readonly tables: ProjectionTables,
    private readonly memo: SessionRowsMemo,
  ) {}

  rows(changes: readonly NominationChange[], sessionEvents: readonly RecordedEvent[] = []): readonly object[] {
    return this.memo.rows(changes, sessionEvents).headers;
  }

  upsertSql(rowsParam: string, guard: string): string {
    const t = this.tables.sessionHeader;
    const columns = [...HEADER_KEEP, 'session_id', 'stage', 'ballots', 'version', 'updated_at'];
    return `INSERT INTO ${t} AS t (${columns.join(', ')})
      SELECT ${columns.map((c) => (c === 'ballots' ? `coalesce(r.ballots, '[]'::jsonb)` : `r.${c}`)).join(', ')}
      FROM jsonb_to_recordset(${rowsParam}::text::jsonb) AS r(session_id text, kind text, province text,
        block_id text, campaign_year integer, title text, stage text, quorum_ratio double precision,
        member_ids jsonb, members jsonb, policy jsonb, opened_at timestamptz, opened_by text, item_count integer,
        ballots jsonb, closed jsonb, version integer, updated_at timestamptz)
      WHERE EXISTS (SELECT 1 FROM ${guard})
      ON CONFLICT (session_id) DO UPDATE SET
        ${HEADER_KEEP.map((c) => `${c} = coalesce(EXCLUDED.${c}, t.${c})`).join(', ')},
        stage = CASE WHEN t.stage = 'Closed' THEN t.stage ELSE coalesce(EXCLUDED.stage, t.stage) END,
        ballots = t.ballots || EXCLUDED.ballots,
        version = greatest(t.version, EXCLUDED.version),
        updated_at = EXCLUDED.updated_at`;
  }
}

/** One row per session item: the agenda entry, votes applied to its nomination, its count. */
export class SessionItemsProjection implements Projection {
  readonly name = 'session_items';

  constructor(
    private readonly tables: ProjectionTables,
    private readonly memo: SessionRowsMemo,
  ) {}

  rows(changes: readonly NominationChange[], sessionEvents: readonly RecordedEvent[] = []): readonly object[] {
    return this.memo.rows(changes, sessionEvents).items;
  }

  upsertSql(rowsParam: string, guard: string): string {
    const t = this.tables.sessionItems;
    return `INSERT INTO ${t} AS t (session_id, nomination_id, ordinal, item, votes_due, votes_applied, status, stage,
        outcome, result)
      SELECT r.session_id, r.nomination_id, r.ordinal, r.item, r.votes_due, r.votes_applied,
        coalesce(r.status, 'voting'), r.stage, r.outcome, r.result
      FROM jsonb_to_recordset(${rowsParam}::text::jsonb) AS r(session_id text, nomination_id text, ordinal integer,
        item jsonb, votes_due integer, votes_applied integer, status text, stage text, outcome text, result jsonb)
      WHERE EXISTS (SELECT 1 FROM ${guard})
      ON CONFLICT (session_id, nomination_id) DO UPDATE SET
        ordinal = coalesce(EXCLUDED.ordinal, t.ordinal),
        item = coalesce(EXCLUDED.item, t.item),
        votes_due = t.votes_due + EXCLUDED.votes_due,
        votes_applied = t.votes_applied + EXCLUDED.votes_applied,
        status = CASE WHEN t.status = 'closed' THEN t.status ELSE EXCLUDED.status END,
        stage = coalesce(EXCLUDED.stage, t.stage),
        outcome = CASE WHEN EXCLUDED.stage IS NULL THEN t.outcome ELSE EXCLUDED.outcome END,
        result = coalesce(EXCLUDED.result, t.result)`;
  }
}

/** Both tables of the sessions read model, sharing one computation per batch. */
export function sessionProjections(tables: ProjectionTables): [SessionHeaderProjection, SessionItemsProjection] {
  const memo = new SessionRowsMemo();
  return [new SessionHeaderProjection(tables, memo), new SessionItemsProjection(tables, memo)];
}
