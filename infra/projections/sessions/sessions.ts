import type { SqlQueryable } from '../../event-store/sql/sql-client';
import type { ProjectionTables } from '../schema';
import { isoText } from '../sql-text';
import type { SessionKind } from './session-rows';

export type { SessionKind };

/** A session as the read model holds it. */
export interface SessionHeader {
  readonly kind: SessionKind;
  readonly sessionId: string;
  readonly province: string;
  readonly blockId: string | null;
  readonly campaignYear: number | null;
  readonly title: string;
  readonly stage: 'Open' | 'Closed';
  readonly quorumRatio: number;
  /** Block: member unit ids; council: member user ids. */
  readonly memberIds: readonly string[];
  /** Block: the member units that vote on some item; council: members with their units. */
  readonly members: readonly unknown[];
  readonly policy: { readonly id: string; readonly version: number };
  readonly openedAt: string;
  readonly openedBy: string;
  readonly itemCount: number;
  /** Who voted, when, on how many items (never how). */
  readonly ballots: readonly {
    readonly unitId?: string;
    readonly memberId?: string;
    readonly at: string;
    readonly items: number;
  }[];
  readonly closed: {
    readonly at: string;
    readonly ballots: number;
    readonly memberCount: number;
    readonly quorumMet: boolean;
  } | null;
  /** The session stream's version. */
  readonly version: number;
  /** Over every item, not one page. */
  readonly totals: { readonly votesDue: number; readonly votesApplied: number; readonly closed: number };
}

export interface SessionItemRow {
  readonly nominationId: string;
  readonly ordinal: number;
  /** The agenda entry as the session opened with it (kind-specific fields). */
  readonly item: Record<string, unknown>;
  readonly votesDue: number;
  readonly votesApplied: number;
  /** `closing` is the read of a voting item once its session has closed. */
  readonly status: 'voting' | 'closing' | 'closed';
  readonly stage: string | null;
  readonly outcome: string | null;
  /** Block: the session's count of the item at close; council: the review's tally (totals only). */
  readonly result: Record<string, unknown> | null;
}

export interface ItemPage {
  readonly offset: number;
  readonly limit?: number;
}

interface HeaderRow {
  readonly session_id: string;
  readonly kind: SessionKind;
  readonly province: string;
  readonly block_id: string | null;
  readonly campaign_year: number | null;
  readonly title: string;
  readonly stage: 'Open' | 'Closed';
  readonly quorum_ratio: number;
  readonly member_ids: string[];
  readonly members: unknown[];
  readonly policy: { id: string; version: number };
  readonly opened_at: string;
  readonly opened_by: string;
  readonly item_count: number;
  readonly ballots: SessionHeader['ballots'];
  readonly closed: SessionHeader['closed'];
  readonly version: number;
  readonly votes_due: string;
  readonly votes_applied: string;
  readonly items_closed: string;
}

interface ItemRow {
  readonly session_id: string;
  readonly nomination_id: string;
  readonly ordinal: number;
  readonly item: Record<string, unknown>;
  readonly votes_due: number;
  readonly votes_applied: number;
  readonly status: 'voting' | 'closed';
  readonly stage: string | null;
  readonly outcome: string | null;
  readonly result: Record<string, unknown> | null;
}

/** Reads of the sessions read model: one statement for the header with its totals, one for a page of items. */
export class SessionReadModel {
  constructor(
    private readonly sql: SqlQueryable,
    private readonly tables: ProjectionTables,
  ) {}

  async header(kind: SessionKind, sessionId: string): Promise<SessionHeader | undefined> {
    const rows = await this.sql.query<HeaderRow>(
      `${this.headerSelect()} WHERE h.session_id = $1 AND h.kind IS NOT NULL`,
      [`${kind}|${sessionId}`],
    );
    return rows[0] && toHeader(rows[0]);
  }

  /** A kind's sessions, newest first, in one statement; only one province's when it is given. */
  async headers(kind: SessionKind, province?: string): Promise<SessionHeader[]> {
    const rows = await this.sql.query<HeaderRow>(
      `${this.headerSelect()} WHERE h.kind = $1 AND ($2::text IS NULL OR h.province = $2::text)
        ORDER BY h.opened_at DESC, h.session_id`,
      [kind, province ?? null],
    );
    return rows.map(toHeader);
  }

  /** The header with its totals over every item; the caller adds the WHERE. */
  private headerSelect(): string {
    const { sessionHeader, sessionItems } = this.tables;
    return `SELECT h.session_id, h.kind, h.province, h.block_id, h.campaign_year, h.title, h.stage, h.quorum_ratio,
          h.member_ids, h.members, h.policy, ${isoText('h.opened_at')} AS opened_at, h.opened_by, h.item_count,
          h.ballots, h.closed, h.version,
          (SELECT coalesce(sum(i.votes_due), 0) FROM ${sessionItems} i WHERE i.session_id = h.session_id)::text AS votes_due,
          (SELECT coalesce(sum(i.votes_applied), 0) FROM ${sessionItems} i WHERE i.session_id = h.session_id)::text AS votes_applied,
          (SELECT count(*) FROM ${sessionItems} i WHERE i.session_id = h.session_id AND i.status = 'closed')::text AS items_closed
        FROM ${sessionHeader} h`;
  }

  /** The agenda in its order; a page when `limit` is given. */
  async items(header: SessionHeader, page: ItemPage = { offset: 0 }): Promise<SessionItemRow[]> {
    const rows = await this.sql.query<ItemRow>(
      `SELECT session_id, nomination_id, ordinal, item, votes_due, votes_applied, status, stage, outcome, result
        FROM ${this.tables.sessionItems}
        WHERE session_id = $1 AND item IS NOT NULL
        ORDER BY ordinal OFFSET $2 LIMIT $3`,
      [`${header.kind}|${header.sessionId}`, page.offset, page.limit ?? null],
    );
    return rows.map((r) => toItem(r, header));
  }

  /** Several sessions' whole agendas in one statement, each in its order, keyed by session id. */
  async itemsOf(headers: readonly SessionHeader[]): Promise<Map<string, SessionItemRow[]>> {
    const byKey = new Map(headers.map((h) => [`${h.kind}|${h.sessionId}`, h]));
    const agendas = new Map<string, SessionItemRow[]>(headers.map((h) => [h.sessionId, []]));
    if (headers.length === 0) return agendas;
    const rows = await this.sql.query<ItemRow>(
      `SELECT session_id, nomination_id, ordinal, item, votes_due, votes_applied, status, stage, outcome, result
        FROM ${this.tables.sessionItems}
        WHERE session_id = ANY($1::text[]) AND item IS NOT NULL
        ORDER BY session_id, ordinal`,
      [[...byKey.keys()]],
    );
    for (const r of rows) {
      const header = byKey.get(r.session_id)!;
      agendas.get(header.sessionId)!.push(toItem(r, header));
    }
    return agendas;
  }
}

function toHeader(r: HeaderRow): SessionHeader {
  return {
    kind: r.kind,
    sessionId: r.session_id.slice(r.kind.length + 1),
    province: r.province,
    blockId: r.block_id,
    campaignYear: r.campaign_year,
    title: r.title,
    stage: r.stage,
    quorumRatio: r.quorum_ratio,
    memberIds: r.member_ids,
    members: r.members,
    policy: r.policy,
    openedAt: r.opened_at,
    openedBy: r.opened_by,
    itemCount: r.item_count,
    ballots: r.ballots,
    closed: r.closed,
    version: r.version,
    totals: {
      votesDue: Number(r.votes_due),
      votesApplied: Number(r.votes_applied),
      closed: Number(r.items_closed),
    },
  };
}

function toItem(r: ItemRow, header: SessionHeader): SessionItemRow {
  return {
    nominationId: r.nomination_id,
    ordinal: r.ordinal,
    item: r.item,
    votesDue: r.votes_due,
    votesApplied: r.votes_applied,
    status: r.status === 'closed' ? 'closed' : header.stage === 'Closed' ? 'closing' : 'voting',
    stage: r.stage,
    outcome: r.outcome,
    result: r.result,
  };
}
