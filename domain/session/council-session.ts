import { DomainError, type DomainErrorCode } from '../nomination/errors';
import type { Actor, AwardType, CouncilRecommendation, PolicyRef } from '../nomination/values';
import { meetsRatio } from '../policy/voting';
import { sessionActorRef, type SessionActorRef, type SessionDecision } from './block-session';

/**
 * A meeting of the provincial council (its rules in domain/policy/voting.ts): the
 * Board prepares the agenda, members vote per item — by secret ballot where
 * the item's rules say so — a member from a proposing unit recuses on that
 * item, and the session's quorum is checked at close. Each item's opinion is
 * applied to that nomination's own council review.
 */

export interface CouncilMember {
  readonly userId: string;
  readonly unitId?: string;
}

export interface CouncilSessionItem {
  readonly nominationId: string;
  readonly proposingUnitId: string;
  readonly nomineeUnitId: string;
  readonly awardType: AwardType;
  readonly nomineeName: string;
  readonly secretBallot: boolean;
  /** Members the nomination already names as recused. */
  readonly recusedMemberIds: readonly string[];
}

export interface OpenCouncilSession {
  readonly type: 'OpenCouncilSession';
  readonly sessionId: string;
  readonly province: string;
  readonly title: string;
  readonly members: readonly CouncilMember[];
  /** Share of members whose ballots make the meeting quorate. [default] the block vote's 2/3 */
  readonly quorumRatio: number;
  readonly items: readonly CouncilSessionItem[];
  readonly policy: PolicyRef;
  readonly actor: Actor;
  readonly at: string;
}

export interface CouncilBallotChoice {
  readonly nominationId: string;
  readonly recommendation: CouncilRecommendation;
}

export interface CastCouncilBallot {
  readonly type: 'CastCouncilBallot';
  readonly choices: readonly CouncilBallotChoice[];
  readonly actor: Actor;
  readonly at: string;
}

export interface CloseCouncilSession {
  readonly type: 'CloseCouncilSession';
  readonly actor: Actor;
  readonly at: string;
}

export type CouncilSessionCommand = OpenCouncilSession | CastCouncilBallot | CloseCouncilSession;

/** A stored ballot: a secret item's choice is sealed (only that the member voted on it). */
export type StoredCouncilChoice =
  | { readonly nominationId: string; readonly recommendation: CouncilRecommendation }
  | { readonly nominationId: string; readonly sealed: true };

export type CouncilSessionEvent =
  | {
      readonly type: 'CouncilSessionOpened';
      readonly data: Omit<OpenCouncilSession, 'type' | 'actor' | 'at'> & {
        readonly at: string;
        readonly by: SessionActorRef;
      };
    }
  | {
      readonly type: 'CouncilBallotCast';
      readonly data: {
        readonly memberId: string;
        readonly choices: readonly StoredCouncilChoice[];
        readonly at: string;
        readonly by: SessionActorRef;
      };
    }
  | {
      readonly type: 'CouncilSessionClosed';
      readonly data: {
        readonly ballots: number;
        readonly memberCount: number;
        readonly quorumMet: boolean;
        readonly at: string;
        readonly by: SessionActorRef;
      };
    };

export type CouncilSessionState =
  | { readonly stage: 'Initial' }
  | {
      readonly stage: 'Open' | 'Closed';
      readonly session: Omit<OpenCouncilSession, 'type' | 'actor' | 'at'>;
      readonly openedAt: string;
      readonly openedBy: SessionActorRef;
      readonly ballots: readonly Extract<CouncilSessionEvent, { type: 'CouncilBallotCast' }>['data'][];
      readonly closed?: Extract<CouncilSessionEvent, { type: 'CouncilSessionClosed' }>['data'];
    };

export const initialCouncilSessionState: CouncilSessionState = { stage: 'Initial' };

function refuse(
  code: DomainErrorCode,
  message: string,
  details?: Record<string, unknown>,
): SessionDecision<CouncilSessionEvent> {
  return { ok: false, error: new DomainError(code, message, details) };
}

/** A member recuses on an item the nomination names, or one proposed by (or for) the member's own unit. */
export function recusesOn(item: CouncilSessionItem, member: CouncilMember): boolean {
  return (
    item.recusedMemberIds.includes(member.userId) ||
    (member.unitId !== undefined && (member.unitId === item.proposingUnitId || member.unitId === item.nomineeUnitId))
  );
}

export function decideCouncilSession(
  state: CouncilSessionState,
  c: CouncilSessionCommand,
): SessionDecision<CouncilSessionEvent> {
  switch (c.type) {
    case 'OpenCouncilSession': {
      if (state.stage !== 'Initial') return refuse('ALREADY_EXISTS', `session ${c.sessionId} already exists`);
      if (c.actor.role !== 'board_officer') {
        return refuse('ROLE_NOT_ALLOWED', 'the Board prepares the council session', { role: c.actor.role });
      }
      if (c.items.length === 0) return refuse('INVALID_COMMAND', 'a session needs at least one item on its agenda');
      if (new Set(c.items.map((i) => i.nominationId)).size !== c.items.length) {
        return refuse('INVALID_COMMAND', 'a nomination is on the agenda twice');
      }
      if (c.members.length === 0) return refuse('INVALID_COMMAND', 'the council has no members');
      const { type: _type, actor, at, ...session } = c;
      return {
        ok: true,
        events: [{ type: 'CouncilSessionOpened', data: { ...session, at, by: sessionActorRef(actor) } }],
      };
    }
    case 'CastCouncilBallot': {
      if (state.stage !== 'Open') return refuse('WRONG_STAGE', 'the session is not open', { stage: state.stage });
      const member = state.session.members.find((m) => m.userId === c.actor.userId);
      if (c.actor.role !== 'council_member' || !member) {
        return refuse('ROLE_NOT_ALLOWED', 'a ballot is cast by a member of the council', { role: c.actor.role });
      }
      if (state.ballots.some((b) => b.memberId === member.userId)) {
        return refuse('ALREADY_VOTED', 'this member has already cast a ballot', { userId: member.userId });
      }
      const byId = new Map(state.session.items.map((i) => [i.nominationId, i]));
      const seen = new Set<string>();
      for (const choice of c.choices) {
        const item = byId.get(choice.nominationId);
        if (!item) {
          return refuse('INVALID_COMMAND', `nomination ${choice.nominationId} is not on the agenda`, {
            nominationId: choice.nominationId,
          });
        }
        if (seen.has(item.nominationId)) {
          return refuse('INVALID_COMMAND', `nomination ${item.nominationId} has two choices`);
        }
        seen.add(item.nominationId);
        if (recusesOn(item, member)) {
          return refuse('COUNCIL_MEMBER_RECUSED', 'a council member from the proposing unit recuses on this item', {
            nominationId: item.nominationId,
          });
        }
        if (choice.recommendation !== 'approve' && choice.recommendation !== 'reject') {
          return refuse('INVALID_COMMAND', 'recommendation must be approve or reject');
        }
      }
      const missing = state.session.items
        .filter((i) => !recusesOn(i, member) && !seen.has(i.nominationId))
        .map((i) => i.nominationId);
      if (missing.length > 0) {
        return refuse('INVALID_COMMAND', `the ballot needs a choice on every item; missing ${missing.join(', ')}`, {
          missing,
        });
      }
      const choices: StoredCouncilChoice[] = c.choices.map((x) =>
        byId.get(x.nominationId)?.secretBallot
          ? { nominationId: x.nominationId, sealed: true as const }
          : { nominationId: x.nominationId, recommendation: x.recommendation },
      );
      return {
        ok: true,
        events: [
          {
            type: 'CouncilBallotCast',
            data: { memberId: member.userId, choices, at: c.at, by: sessionActorRef(c.actor) },
          },
        ],
      };
    }
    case 'CloseCouncilSession': {
      if (state.stage !== 'Open') return refuse('WRONG_STAGE', 'the session is not open', { stage: state.stage });
      if (c.actor.role !== 'board_officer') {
        return refuse('ROLE_NOT_ALLOWED', 'the Board closes the council session', { role: c.actor.role });
      }
      const memberCount = state.session.members.length;
      return {
        ok: true,
        events: [
          {
            type: 'CouncilSessionClosed',
            data: {
              ballots: state.ballots.length,
              memberCount,
              quorumMet: meetsRatio(state.ballots.length, memberCount, state.session.quorumRatio),
              at: c.at,
              by: sessionActorRef(c.actor),
            },
          },
        ],
      };
    }
    default: {
      const never: never = c;
      return refuse('INVALID_COMMAND', `unknown command ${(never as { type: string }).type}`);
    }
  }
}

export function evolveCouncilSession(state: CouncilSessionState, event: CouncilSessionEvent): CouncilSessionState {
  switch (event.type) {
    case 'CouncilSessionOpened': {
      const { at, by, ...session } = event.data;
      return { stage: 'Open', session, openedAt: at, openedBy: by, ballots: [] };
    }
    case 'CouncilBallotCast':
      return state.stage === 'Initial' ? state : { ...state, ballots: [...state.ballots, event.data] };
    case 'CouncilSessionClosed':
      return state.stage === 'Initial' ? state : { ...state, stage: 'Closed', closed: event.data };
  }
}
