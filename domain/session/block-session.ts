import { DomainError, type DomainErrorCode } from '../nomination/errors';
import type { Actor, AwardType, BlockVoteChoice, PolicyRef } from '../nomination/values';
import type { BlockVoteTally } from '../policy/voting';
import type { BlockVotePolicy } from '../policy/policy-set';
import { meetsRatio, tallyBlockVote } from '../policy/voting';

/**
 * A block's year-end vote session (its rules in domain/policy/voting.ts): the block leader
 * puts a set of the block's nominations on the agenda, each member unit casts
 * one ballot with a choice per item, and the leader closes it. Each item stays
 * its own nomination: the session's ballots are applied to the items' own
 * block votes, and its close counts every item by the block vote policy and
 * applies the flag's "one leading unit per block and year" there.
 */

export interface SessionActorRef {
  readonly userId: string;
  readonly role: string;
  readonly unitId?: string;
  readonly blockId?: string;
}

/** One nomination on the agenda, as it stood when the session opened. */
export interface BlockSessionItem {
  readonly nominationId: string;
  readonly proposingUnitId: string;
  readonly awardType: AwardType;
  readonly nomineeName: string;
  /** The nomination's own voters (the proposing unit already left out). */
  readonly eligibleVoterUnitIds: readonly string[];
}

export interface OpenBlockSession {
  readonly type: 'OpenBlockSession';
  readonly sessionId: string;
  readonly province: string;
  readonly blockId: string;
  readonly campaignYear: number;
  readonly title: string;
  /** The block's member units from the directory, as they are now. */
  readonly memberUnitIds: readonly string[];
  readonly items: readonly BlockSessionItem[];
  readonly policy: PolicyRef;
  readonly blockVote: BlockVotePolicy;
  readonly actor: Actor;
  readonly at: string;
}

export interface BallotChoice {
  readonly nominationId: string;
  readonly choice: BlockVoteChoice;
}

export interface CastSessionBallot {
  readonly type: 'CastSessionBallot';
  readonly choices: readonly BallotChoice[];
  readonly actor: Actor;
  readonly at: string;
}

export interface CloseBlockSession {
  readonly type: 'CloseBlockSession';
  readonly actor: Actor;
  readonly at: string;
}

export type BlockSessionCommand = OpenBlockSession | CastSessionBallot | CloseBlockSession;

/** The result of one item at close. `acclamation` only for the provincial flag. */
export interface BlockSessionItemResult {
  readonly nominationId: string;
  readonly tally: BlockVoteTally;
  readonly acclamation?: {
    readonly acclaimed: boolean;
    /** Why a passing vote did not acclaim: the policy's limit, naming the unit acclaimed first. */
    readonly refusedReason?: string;
    readonly acclaimedNominationId?: string;
  };
  /** The item's outcome in the block: passed its vote and, for the flag, was acclaimed. */
  readonly passed: boolean;
}

export type BlockSessionEvent =
  | {
      readonly type: 'BlockSessionOpened';
      readonly data: Omit<OpenBlockSession, 'type' | 'actor' | 'at'> & {
        readonly at: string;
        readonly by: SessionActorRef;
      };
    }
  | {
      readonly type: 'SessionBallotCast';
      readonly data: {
        readonly unitId: string;
        readonly choices: readonly BallotChoice[];
        readonly at: string;
        readonly by: SessionActorRef;
      };
    }
  | {
      readonly type: 'BlockSessionClosed';
      readonly data: {
        readonly ballots: number;
        readonly memberCount: number;
        /** Ballots from at least the policy's quorum share of the block's member units. */
        readonly quorumMet: boolean;
        readonly results: readonly BlockSessionItemResult[];
        readonly policy: PolicyRef;
        readonly at: string;
        readonly by: SessionActorRef;
      };
    };

export const BLOCK_SESSION_EVENT_TYPES = ['BlockSessionOpened', 'SessionBallotCast', 'BlockSessionClosed'] as const;

export type BlockSessionState =
  | { readonly stage: 'Initial' }
  | {
      readonly stage: 'Open' | 'Closed';
      readonly session: Omit<OpenBlockSession, 'type' | 'actor' | 'at'>;
      readonly openedAt: string;
      readonly openedBy: SessionActorRef;
      readonly ballots: readonly {
        readonly unitId: string;
        readonly choices: readonly BallotChoice[];
        readonly at: string;
        readonly by: SessionActorRef;
      }[];
      readonly closed?: Extract<BlockSessionEvent, { type: 'BlockSessionClosed' }>['data'];
    };

export type SessionDecision<E> = { ok: true; events: E[] } | { ok: false; error: DomainError };

export const initialBlockSessionState: BlockSessionState = { stage: 'Initial' };

function refuse<E>(code: DomainErrorCode, message: string, details?: Record<string, unknown>): SessionDecision<E> {
  return { ok: false, error: new DomainError(code, message, details) };
}

export function sessionActorRef(actor: Actor): SessionActorRef {
  return {
    userId: actor.userId,
    role: actor.role,
    ...(actor.unitId !== undefined ? { unitId: actor.unitId } : {}),
    ...(actor.blockId !== undefined ? { blockId: actor.blockId } : {}),
  };
}

/** The items a unit votes on: those whose own voters include it (never its own unit's). */
export function itemsForUnit(items: readonly BlockSessionItem[], unitId: string): BlockSessionItem[] {
  return items.filter((i) => i.proposingUnitId !== unitId && i.eligibleVoterUnitIds.includes(unitId));
}

const MAX_ITEMS = 2000;
const CHOICES: readonly BlockVoteChoice[] = ['approve', 'reject', 'abstain'];

function open(state: BlockSessionState, c: OpenBlockSession): SessionDecision<BlockSessionEvent> {
  if (state.stage !== 'Initial') return refuse('ALREADY_EXISTS', `session ${c.sessionId} already exists`);
  if (c.actor.role !== 'block_leader') {
    return refuse('ROLE_NOT_ALLOWED', 'only the block leader opens a block session', { role: c.actor.role });
  }
  if (c.actor.blockId !== c.blockId) {
    return refuse('OUT_OF_SCOPE', "only this block's leader opens its session", { blockId: c.blockId });
  }
  if (c.items.length === 0) return refuse('INVALID_COMMAND', 'a session needs at least one nomination on its agenda');
  if (c.items.length > MAX_ITEMS) return refuse('INVALID_COMMAND', `a session takes at most ${MAX_ITEMS} items`);
  const ids = new Set(c.items.map((i) => i.nominationId));
  if (ids.size !== c.items.length) return refuse('INVALID_COMMAND', 'a nomination is on the agenda twice');
  const { type: _type, actor, at, ...session } = c;
  return { ok: true, events: [{ type: 'BlockSessionOpened', data: { ...session, at, by: sessionActorRef(actor) } }] };
}

function cast(state: BlockSessionState, c: CastSessionBallot): SessionDecision<BlockSessionEvent> {
  if (state.stage !== 'Open') return refuse('WRONG_STAGE', 'the session is not open', { stage: state.stage });
  const unitId = c.actor.unitId;
  if (c.actor.role !== 'unit_head' || unitId === undefined) {
    return refuse('ROLE_NOT_ALLOWED', "a ballot is cast by a member unit's head", { role: c.actor.role });
  }
  if (!state.session.memberUnitIds.includes(unitId)) {
    return refuse('OUT_OF_SCOPE', `unit ${unitId} is not a member of block ${state.session.blockId}`, { unitId });
  }
  if (state.ballots.some((b) => b.unitId === unitId)) {
    return refuse('ALREADY_VOTED', `unit ${unitId} has already cast its ballot`, { unitId });
  }
  const byId = new Map(state.session.items.map((i) => [i.nominationId, i]));
  const seen = new Set<string>();
  for (const choice of c.choices) {
    const item = byId.get(choice.nominationId);
    if (!item) {
      return refuse('INVALID_COMMAND', `nomination ${choice.nominationId} is not on this session's agenda`, {
        nominationId: choice.nominationId,
      });
    }
    if (seen.has(choice.nominationId)) {
      return refuse('INVALID_COMMAND', `nomination ${choice.nominationId} has two choices`, {
        nominationId: choice.nominationId,
      });
    }
    seen.add(choice.nominationId);
    if (item.proposingUnitId === unitId) {
      return refuse('OWN_UNIT_VOTE', "a unit does not vote on its own unit's nomination", {
        nominationId: item.nominationId,
      });
    }
    if (!item.eligibleVoterUnitIds.includes(unitId)) {
      return refuse('NOT_ELIGIBLE_VOTER', `unit ${unitId} is not a voter of nomination ${item.nominationId}`, {
        nominationId: item.nominationId,
      });
    }
    if (!CHOICES.includes(choice.choice)) {
      return refuse('INVALID_COMMAND', `choice must be one of ${CHOICES.join(', ')}`, {
        nominationId: choice.nominationId,
      });
    }
  }
  const missing = itemsForUnit(state.session.items, unitId)
    .map((i) => i.nominationId)
    .filter((id) => !seen.has(id));
  if (missing.length > 0) {
    return refuse(
      'INVALID_COMMAND',
      `the ballot needs a choice for every item this unit votes on; missing ${missing.join(', ')}`,
      {
        missing,
      },
    );
  }
  const choices = c.choices.map((x) => ({ nominationId: x.nominationId, choice: x.choice }));
  return {
    ok: true,
    events: [{ type: 'SessionBallotCast', data: { unitId, choices, at: c.at, by: sessionActorRef(c.actor) } }],
  };
}

/**
 * Every item's tally by the block vote policy, and for the provincial flag
 * the acclamation: among the flag items that passed, the one with the most
 * approvals (agenda order breaks a tie) is acclaimed; where the policy allows
 * one leading unit per block and year, the others are refused with the reason.
 */
export function countBlockSession(
  session: Omit<OpenBlockSession, 'type' | 'actor' | 'at'>,
  ballots: readonly { readonly unitId: string; readonly choices: readonly BallotChoice[] }[],
): BlockSessionItemResult[] {
  const tallies = session.items.map((item) => {
    const choices = ballots.flatMap((b) =>
      b.choices.filter((c) => c.nominationId === item.nominationId).map((c) => c.choice),
    );
    return { item, tally: tallyBlockVote(choices, item.eligibleVoterUnitIds.length, session.blockVote) };
  });
  const flagWinners = tallies
    .map((t, index) => ({ ...t, index }))
    .filter((t) => t.item.awardType === 'ProvincialEmulationFlag' && t.tally.passed)
    .sort((a, b) => b.tally.approve - a.tally.approve || a.index - b.index);
  const first = flagWinners[0];
  return tallies.map(({ item, tally }) => {
    if (item.awardType !== 'ProvincialEmulationFlag')
      return { nominationId: item.nominationId, tally, passed: tally.passed };
    if (!tally.passed)
      return { nominationId: item.nominationId, tally, passed: false, acclamation: { acclaimed: false } };
    const limited = session.blockVote.oneLeadingUnitPerBlockForFlag && first !== undefined && first.item !== item;
    if (!limited) return { nominationId: item.nominationId, tally, passed: true, acclamation: { acclaimed: true } };
    return {
      nominationId: item.nominationId,
      tally,
      passed: false,
      acclamation: {
        acclaimed: false,
        acclaimedNominationId: first.item.nominationId,
        refusedReason:
          `the policy allows one leading unit per block and year: block ${session.blockId} acclaimed ` +
          `${first.item.nomineeName} (nomination ${first.item.nominationId}) for ${session.campaignYear}`,
      },
    };
  });
}

function close(state: BlockSessionState, c: CloseBlockSession): SessionDecision<BlockSessionEvent> {
  if (state.stage !== 'Open') return refuse('WRONG_STAGE', 'the session is not open', { stage: state.stage });
  if (c.actor.role !== 'block_leader' || c.actor.blockId !== state.session.blockId) {
    return refuse('OUT_OF_SCOPE', "only this block's leader closes its session", { blockId: state.session.blockId });
  }
  const memberCount = state.session.memberUnitIds.length;
  return {
    ok: true,
    events: [
      {
        type: 'BlockSessionClosed',
        data: {
          ballots: state.ballots.length,
          memberCount,
          quorumMet: meetsRatio(state.ballots.length, memberCount, state.session.blockVote.quorumRatio),
          results: countBlockSession(state.session, state.ballots),
          policy: state.session.policy,
          at: c.at,
          by: sessionActorRef(c.actor),
        },
      },
    ],
  };
}

export function decideBlockSession(
  state: BlockSessionState,
  command: BlockSessionCommand,
): SessionDecision<BlockSessionEvent> {
  switch (command.type) {
    case 'OpenBlockSession':
      return open(state, command);
    case 'CastSessionBallot':
      return cast(state, command);
    case 'CloseBlockSession':
      return close(state, command);
    default: {
      const never: never = command;
      return refuse('INVALID_COMMAND', `unknown command ${(never as { type: string }).type}`);
    }
  }
}

export function evolveBlockSession(state: BlockSessionState, event: BlockSessionEvent): BlockSessionState {
  switch (event.type) {
    case 'BlockSessionOpened': {
      const { at, by, ...session } = event.data;
      return { stage: 'Open', session, openedAt: at, openedBy: by, ballots: [] };
    }
    case 'SessionBallotCast':
      if (state.stage === 'Initial') return state;
      return { ...state, ballots: [...state.ballots, event.data] };
    case 'BlockSessionClosed':
      if (state.stage === 'Initial') return state;
      return { ...state, stage: 'Closed', closed: event.data };
  }
}
