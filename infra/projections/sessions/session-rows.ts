import {
  recusesOn,
  reportedOutcome,
  type BlockSessionEvent,
  type CouncilSessionEvent,
  type NominationState,
} from '@laurel/domain';
import type { RecordedEvent } from '../../event-store/port';
import type { NominationChange } from '../projection';

/** Streams of the year's batch workflows that the sessions read model follows beside the nominations. */
export const SESSION_STREAM_PREFIXES = ['block-session-', 'council-session-'] as const;

export type SessionKind = 'block' | 'council';

/**
 * One session's change in one batch. Fields left undefined leave the stored
 * column as it is; `ballots` are appended. Deltas, not totals, because the
 * batch is written in one statement without reading the rows first: the
 * runner applies each event exactly once, so adding is safe.
 */
export interface HeaderDelta {
  session_id: string;
  kind?: SessionKind;
  province?: string;
  block_id?: string | null;
  campaign_year?: number | null;
  title?: string;
  stage?: 'Open' | 'Closed';
  quorum_ratio?: number | null;
  member_ids?: string[];
  /** Council: members with their units (recusals); block: the units that vote on some item. */
  members?: unknown[];
  policy?: unknown;
  opened_at?: string;
  opened_by?: string;
  item_count?: number;
  ballots: unknown[];
  closed?: unknown;
  version: number;
  updated_at: string;
}

/** `closed` once the item's own vote or review is counted; a voting item of a closed session reads as closing. */
export type ItemStatus = 'voting' | 'closed';

export interface ItemDelta {
  session_id: string;
  nomination_id: string;
  ordinal?: number;
  item?: unknown;
  votes_due: number;
  votes_applied: number;
  status?: ItemStatus;
  stage?: string;
  outcome?: string | null;
  result?: unknown;
}

export interface SessionRows {
  readonly headers: HeaderDelta[];
  readonly items: ItemDelta[];
}

const STREAM = /^(block-session|council-session)-(.+)$/;

function streamSession(streamName: string): { kind: SessionKind; sessionId: string } | undefined {
  const m = STREAM.exec(streamName);
  if (!m) return undefined;
  return { kind: m[1] === 'block-session' ? 'block' : 'council', sessionId: m[2]! };
}

/**
 * The session an item's update came from, by the update id the session's
 * workflow gives it (it becomes the nomination event's causation id):
 * `session:<id>:vote:<unit>`, `session:<id>:close`,
 * `council-session:<id>:opinion:<member>`, `council-session:<id>:close`.
 */
export function causingSession(
  causationId: unknown,
): { kind: SessionKind; sessionId: string; act: 'vote' | 'close' } | undefined {
  if (typeof causationId !== 'string') return undefined;
  const council = causationId.startsWith('council-session:');
  if (!council && !causationId.startsWith('session:')) return undefined;
  const rest = causationId.slice(council ? 'council-session:'.length : 'session:'.length);
  const marker = council ? ':opinion:' : ':vote:';
  const at = rest.lastIndexOf(marker);
  if (at > 0) return { kind: council ? 'council' : 'block', sessionId: rest.slice(0, at), act: 'vote' };
  if (rest.endsWith(':close') && rest.length > ':close'.length) {
    return { kind: council ? 'council' : 'block', sessionId: rest.slice(0, -':close'.length), act: 'close' };
  }
  return undefined;
}

/** Whether the item's own vote (block) or review (council) has been counted, and what came of it. */
function itemClosed(kind: SessionKind, state: NominationState): { stage: string; outcome: string | null } | undefined {
  if (state.stage === 'Initial') return undefined;
  const counted = kind === 'block' ? state.blockVote?.tally !== undefined : state.council?.tally !== undefined;
  if (!counted) return undefined;
  return { stage: state.stage, outcome: state.stage === 'Closed' ? reportedOutcome(state) : null };
}

class Collector {
  private readonly headers = new Map<string, HeaderDelta>();
  private readonly items = new Map<string, ItemDelta>();

  header(kind: SessionKind, sessionId: string, recorded: RecordedEvent): HeaderDelta {
    const key = `${kind}|${sessionId}`;
    let h = this.headers.get(key);
    if (!h) {
      h = { session_id: key, ballots: [], version: 0, updated_at: recorded.recordedAt };
      this.headers.set(key, h);
    }
    h.version = Math.max(h.version, recorded.version);
    h.updated_at = recorded.recordedAt;
    return h;
  }

  item(kind: SessionKind, sessionId: string, nominationId: string): ItemDelta {
    const key = `${kind}|${sessionId}|${nominationId}`;
    let i = this.items.get(key);
    if (!i) {
      i = { session_id: `${kind}|${sessionId}`, nomination_id: nominationId, votes_due: 0, votes_applied: 0 };
      this.items.set(key, i);
    }
    return i;
  }

  rows(): SessionRows {
    return { headers: [...this.headers.values()], items: [...this.items.values()] };
  }
}

function blockEvent(c: Collector, sessionId: string, recorded: RecordedEvent): void {
  const event = { type: recorded.type, data: recorded.data } as unknown as BlockSessionEvent;
  const h = c.header('block', sessionId, recorded);
  switch (event.type) {
    case 'BlockSessionOpened': {
      const d = event.data;
      const voters = new Set(d.items.flatMap((i) => i.eligibleVoterUnitIds));
      Object.assign(h, {
        kind: 'block',
        province: d.province,
        block_id: d.blockId,
        campaign_year: d.campaignYear,
        title: d.title,
        stage: 'Open',
        quorum_ratio: d.blockVote.quorumRatio,
        member_ids: [...d.memberUnitIds],
        members: d.memberUnitIds.filter((u) => voters.has(u)),
        policy: d.policy,
        opened_at: d.at,
        opened_by: d.by.userId,
        item_count: d.items.length,
      });
      d.items.forEach((item, ordinal) => {
        const row = c.item('block', sessionId, item.nominationId);
        row.ordinal = ordinal;
        row.status = 'voting';
        row.item = {
          proposingUnitId: item.proposingUnitId,
          awardType: item.awardType,
          nomineeName: item.nomineeName,
          eligibleVoterUnitIds: item.eligibleVoterUnitIds,
        };
      });
      return;
    }
    case 'SessionBallotCast':
      h.ballots.push({ unitId: event.data.unitId, at: event.data.at, items: event.data.choices.length });
      for (const choice of event.data.choices) c.item('block', sessionId, choice.nominationId).votes_due++;
      return;
    case 'BlockSessionClosed': {
      const { results, policy: _policy, by: _by, ...closed } = event.data;
      h.stage = 'Closed';
      h.closed = closed;
      for (const result of results) {
        const row = c.item('block', sessionId, result.nominationId);
        row.result = result;
      }
      return;
    }
  }
}

function councilEvent(c: Collector, sessionId: string, recorded: RecordedEvent): void {
  const event = { type: recorded.type, data: recorded.data } as unknown as CouncilSessionEvent;
  const h = c.header('council', sessionId, recorded);
  switch (event.type) {
    case 'CouncilSessionOpened': {
      const d = event.data;
      Object.assign(h, {
        kind: 'council',
        province: d.province,
        block_id: null,
        campaign_year: null,
        title: d.title,
        stage: 'Open',
        quorum_ratio: d.quorumRatio,
        member_ids: d.members.map((m) => m.userId),
        members: d.members,
        policy: d.policy,
        opened_at: d.at,
        opened_by: d.by.userId,
        item_count: d.items.length,
      });
      d.items.forEach((item, ordinal) => {
        const row = c.item('council', sessionId, item.nominationId);
        row.ordinal = ordinal;
        row.status = 'voting';
        row.item = {
          proposingUnitId: item.proposingUnitId,
          nomineeUnitId: item.nomineeUnitId,
          awardType: item.awardType,
          nomineeName: item.nomineeName,
          secretBallot: item.secretBallot,
          recusedMemberIds: d.members.filter((m) => recusesOn(item, m)).map((m) => m.userId),
        };
      });
      return;
    }
    case 'CouncilBallotCast':
      // Who voted and on how many items, never how: the stored choices of secret items are sealed anyway.
      h.ballots.push({ memberId: event.data.memberId, at: event.data.at, items: event.data.choices.length });
      for (const choice of event.data.choices) c.item('council', sessionId, choice.nominationId).votes_due++;
      return;
    case 'CouncilSessionClosed': {
      const { by: _by, ...closed } = event.data;
      h.stage = 'Closed';
      h.closed = closed;
      return;
    }
  }
}

/** A nomination event caused by a session's update: a vote applied, or the item counted. */
function itemEvent(c: Collector, change: NominationChange): void {
  const cause = causingSession((change.recorded.metadata as { causationId?: unknown }).causationId);
  if (!cause || !change.event) return;
  const row = c.item(cause.kind, cause.sessionId, change.after.nominationId);
  const voteType = cause.kind === 'block' ? 'BlockVoteCast' : 'CouncilOpinionRecorded';
  if (cause.act === 'vote' && change.event.type === voteType) row.votes_applied++;
  const closed = itemClosed(cause.kind, change.after.state);
  if (closed) {
    row.status = 'closed';
    row.stage = closed.stage;
    row.outcome = closed.outcome;
    // Council: the review's own count; a secret item's is totals only (its choices are redacted in the state).
    if (cause.kind === 'council' && change.after.state.stage !== 'Initial') {
      row.result = change.after.state.council?.tally;
    }
  }
}

/**
 * The sessions read model's rows for one batch: the session streams' events
 * in store order, and the nomination changes whose causation names a session.
 * Both are in one batch in store order, so a session's opening is always
 * written no later than the votes it causes.
 */
export function sessionRows(
  sessionEvents: readonly RecordedEvent[],
  changes: readonly NominationChange[],
): SessionRows {
  const c = new Collector();
  for (const recorded of sessionEvents) {
    const s = streamSession(recorded.streamName);
    if (!s) continue;
    if (s.kind === 'block') blockEvent(c, s.sessionId, recorded);
    else councilEvent(c, s.sessionId, recorded);
  }
  for (const change of changes) itemEvent(c, change);
  return c.rows();
}
