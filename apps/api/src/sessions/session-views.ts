import type { Client } from '@temporalio/client';
import type { BlockSessionItemResult, CouncilTally } from '@laurel/domain';
import { sessionStageQuery } from '@laurel/workflows/session/messages';
import { ApiError } from '../common/api-error';
import type { ItemPage, ReadModels, SessionHeader, SessionItemRow, SessionKind } from '../projections/read-models';
import type { CouncilSessionBody } from './council-session-schemas';
import type { BlockSessionBody } from './session-schemas';

/**
 * Session views from the sessions read model (infra/projections/sessions),
 * not from a query of the workflow: a 1,000-item session's state is too big
 * to ship on every read, and a busy workflow answers queries late.
 */

const SESSION_ID = /^[A-Za-z0-9_.:@-]{1,180}$/;
const MAX_LIMIT = 2000;

export function sessionNotFound(kind: SessionKind, sessionId: string): ApiError {
  const what = kind === 'block' ? 'block session' : 'council session';
  return new ApiError(404, 'NOT_FOUND', `${what} ${sessionId} does not exist`, { sessionId });
}

/** `?offset&limit`: both optional; without a limit, the whole agenda. 400 on anything else. */
export function itemPage(offset: unknown, limit: unknown): ItemPage {
  const parse = (raw: unknown, name: string, min: number, max: number): number | undefined => {
    if (raw === undefined || raw === '') return undefined;
    const n = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
    if (!(n >= min && n <= max)) {
      throw new ApiError(400, 'INVALID_QUERY', `${name} must be a whole number from ${min} to ${max}`, { [name]: raw });
    }
    return n;
  };
  const o = parse(offset, 'offset', 0, 1_000_000) ?? 0;
  const l = parse(limit, 'limit', 1, MAX_LIMIT);
  return l === undefined ? { offset: o } : { offset: o, limit: l };
}

/** The session's header, 404 when the id is malformed or the read model has not seen it. */
export async function readHeader(readModels: ReadModels, kind: SessionKind, sessionId: string): Promise<SessionHeader> {
  if (!SESSION_ID.test(sessionId)) throw sessionNotFound(kind, sessionId);
  const header = await readModels.session(kind, sessionId);
  if (!header) throw sessionNotFound(kind, sessionId);
  return header;
}

const SESSION_LIST_LIMIT = 200;

/**
 * The sessions of a kind the caller may see, newest first, with their whole
 * agendas: two reads of the sessions read model however many sessions there are.
 * A caller bound to a province reads only that province's sessions; `mayRead`
 * then narrows them to the caller's unit or block.
 */
export async function listSessions<Body>(
  readModels: ReadModels,
  kind: SessionKind,
  caller: { readonly province?: string | undefined; mayRead(header: SessionHeader): boolean },
  toBody: (header: SessionHeader, items: readonly SessionItemRow[], page: ItemPage) => Body,
): Promise<Body[]> {
  const headers = await readModels.sessions(kind, caller.province);
  const visible = headers.filter((h) => caller.mayRead(h)).slice(0, SESSION_LIST_LIMIT);
  const agendas = await readModels.sessionAgendas(visible);
  return visible.map((header) => toBody(header, agendas.get(header.sessionId) ?? [], { offset: 0 }));
}

/**
 * Whether the session's workflow has folded its opening, so that a ballot
 * sent now is judged against an open session (the read model can show the
 * opening a moment before). A small query; false while it cannot answer.
 */
export async function workflowOpened(client: Client, workflowId: string, timeoutMs: number): Promise<boolean> {
  try {
    const { stage } = await client.connection.withDeadline(Date.now() + timeoutMs, () =>
      client.workflow.getHandle(workflowId).query(sessionStageQuery),
    );
    return stage !== 'Initial';
  } catch {
    return false;
  }
}

/** Waits (bounded) until the read models show an action's position, so the caller's next read sees it. */
export async function settle(readModels: ReadModels, position: string | undefined, timeoutMs: number): Promise<void> {
  if (position !== undefined) await readModels.waitFor(position, timeoutMs);
}

function pageOf(header: SessionHeader, page: ItemPage): NonNullable<BlockSessionBody['page']> {
  return { offset: page.offset, limit: page.limit ?? null, total: header.itemCount };
}

function progressOf(header: SessionHeader, finished: boolean) {
  const t = header.totals;
  return header.stage === 'Closed'
    ? { done: t.closed, total: header.itemCount, finished }
    : { done: t.votesApplied, total: t.votesDue, finished };
}

function itemProgress(row: SessionItemRow) {
  return {
    votesApplied: row.votesApplied,
    votesDue: row.votesDue,
    status: row.status,
    ...(row.stage !== null ? { stage: row.stage } : {}),
    ...(row.outcome !== null ? { outcome: row.outcome } : {}),
  };
}

export function blockSessionBody(
  header: SessionHeader,
  rows: readonly SessionItemRow[],
  page: ItemPage,
): BlockSessionBody {
  const voted = new Set(header.ballots.map((b) => b.unitId));
  const voters = header.members as string[];
  const results = rows
    .map((r) => r.result as BlockSessionItemResult | null)
    .filter((r): r is BlockSessionItemResult => r !== null && r.tally !== undefined);
  return {
    sessionId: header.sessionId,
    stage: header.stage,
    province: header.province,
    blockId: header.blockId ?? '',
    campaignYear: header.campaignYear ?? 0,
    title: header.title,
    memberUnitIds: [...header.memberIds],
    policy: { ...header.policy },
    openedAt: header.openedAt,
    openedBy: header.openedBy,
    items: rows.map((r) => {
      const item = r.item as {
        proposingUnitId: string;
        awardType: string;
        nomineeName: string;
        eligibleVoterUnitIds: string[];
      };
      return {
        nominationId: r.nominationId,
        proposingUnitId: item.proposingUnitId,
        awardType: item.awardType,
        nomineeName: item.nomineeName,
        eligibleVoterUnitIds: [...item.eligibleVoterUnitIds],
        ...itemProgress(r),
      };
    }),
    ballots: header.ballots.map((b) => ({ unitId: b.unitId ?? '', at: b.at, items: b.items })),
    awaitingUnitIds: voters.filter((u) => !voted.has(u)),
    ...(header.closed
      ? {
          closed: {
            ...header.closed,
            // The results of the items on this page (all of them unless a limit was asked).
            results: results.map((r) => ({
              nominationId: r.nominationId,
              tally: { ...r.tally },
              passed: r.passed,
              ...(r.acclamation ? { acclamation: { ...r.acclamation } } : {}),
            })),
          },
        }
      : {}),
    progress: progressOf(header, header.stage === 'Closed' && header.totals.closed === header.itemCount),
    page: pageOf(header, page),
    version: header.version,
  };
}

export function councilSessionBody(
  header: SessionHeader,
  rows: readonly SessionItemRow[],
  page: ItemPage,
): CouncilSessionBody {
  const closed = header.closed;
  const finished = header.stage === 'Closed' && (!closed?.quorumMet || header.totals.closed === header.itemCount);
  return {
    sessionId: header.sessionId,
    stage: header.stage,
    province: header.province,
    title: header.title,
    memberIds: [...header.memberIds],
    quorumRatio: header.quorumRatio,
    policy: { ...header.policy },
    openedAt: header.openedAt,
    openedBy: header.openedBy,
    items: rows.map((r) => {
      const item = r.item as {
        proposingUnitId: string;
        awardType: string;
        nomineeName: string;
        secretBallot: boolean;
        recusedMemberIds: string[];
      };
      const tally = r.result as CouncilTally | null;
      return {
        nominationId: r.nominationId,
        proposingUnitId: item.proposingUnitId,
        awardType: item.awardType,
        nomineeName: item.nomineeName,
        secretBallot: item.secretBallot,
        recusedMemberIds: [...item.recusedMemberIds],
        ...itemProgress(r),
        ...(tally
          ? {
              tally: {
                approve: tally.approve,
                reject: tally.reject,
                eligible: tally.eligible,
                responded: tally.responded,
                approvalRatio: tally.approvalRatio,
                passed: tally.passed,
              },
            }
          : {}),
      };
    }),
    ballots: header.ballots.map((b) => ({ memberId: b.memberId ?? '', at: b.at, items: b.items })),
    ...(closed
      ? {
          closed: {
            at: closed.at,
            ballots: closed.ballots,
            memberCount: closed.memberCount,
            quorumMet: closed.quorumMet,
          },
        }
      : {}),
    progress: progressOf(header, finished),
    page: pageOf(header, page),
    version: header.version,
  };
}
