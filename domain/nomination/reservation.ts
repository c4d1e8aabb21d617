import type { ActorRef } from './events';
import type { NominationState } from './state';

/**
 * "No double reward" [law] and, for the provincial flag,
 * one leading unit per block: rules across nominations, which one
 * nomination's decider cannot see. Each key (`achievementKey`,
 * `leadingUnitKey` in domain/policy/eligibility.ts) has a stream of its own;
 * the application reads its last event and the holder's state, asks
 * `decideReservation`, and appends what it answers with the expected version
 * it read, so two submissions racing for one key cannot both win.
 */

/** Stored event type of a reservation stream: part of the stored format, never renamed. */
export const RESERVATION_EVENT_TYPE = 'AchievementReserved';

/** What is kept unique across nominations: one award per achievement, one leading unit per block for the flag. */
export type ReservationKind = 'achievement' | 'leadingUnit';

export interface AchievementReservedData {
  readonly kind: ReservationKind;
  readonly key: string;
  readonly nominationId: string;
  /** The holder whose claim lapsed, when the key is taken over. */
  readonly previousNominationId?: string;
  readonly at: string;
  readonly by: ActorRef;
}

export interface ReservationRequest {
  readonly kind: ReservationKind;
  readonly key: string;
  readonly nominationId: string;
  /** The nomination named by the stream's last event; undefined for a key never reserved. */
  readonly holderId: string | undefined;
  /** The holder's state; undefined when no such nomination exists (its draft was refused, say). */
  readonly holderState: NominationState | undefined;
  readonly at: string;
  readonly by: ActorRef;
}

export type ReservationDecision =
  /** The key is this nomination's already: nothing to write (a retried submission). */
  | { readonly outcome: 'held' }
  | {
      readonly outcome: 'reserve';
      readonly event: { readonly type: typeof RESERVATION_EVENT_TYPE; readonly data: AchievementReservedData };
    }
  | { readonly outcome: 'taken'; readonly refusal: ReservationRefusal };

export interface ReservationRefusal {
  readonly kind: ReservationKind;
  readonly key: string;
  readonly heldBy?: string;
  readonly message: string;
}

/**
 * Whether a nomination still holds the keys it reserved: while it is open,
 * and after it was awarded. One that closed otherwise (withdrawn, not
 * awarded, expired), or never came to exist, lets the next submission take
 * its keys over.
 */
export function holdsReservation(state: NominationState | undefined): boolean {
  if (state === undefined || state.stage === 'Initial') return false;
  return state.stage !== 'Closed' || state.outcome === 'Awarded';
}

export function reservationTaken(kind: ReservationKind, key: string, heldBy?: string): ReservationRefusal {
  const message =
    kind === 'achievement'
      ? 'this achievement (nominee, award, campaign) is already awarded or nominated: no double reward'
      : 'this block already has a leading unit nominated for the provincial emulation flag this year';
  return { kind, key, ...(heldBy !== undefined ? { heldBy } : {}), message };
}

export function decideReservation(request: ReservationRequest): ReservationDecision {
  const { kind, key, nominationId, holderId } = request;
  if (holderId === nominationId) return { outcome: 'held' };
  if (holderId !== undefined && holdsReservation(request.holderState)) {
    return { outcome: 'taken', refusal: reservationTaken(kind, key, holderId) };
  }
  return {
    outcome: 'reserve',
    event: {
      type: RESERVATION_EVENT_TYPE,
      data: {
        kind,
        key,
        nominationId,
        ...(holderId !== undefined ? { previousNominationId: holderId } : {}),
        at: request.at,
        by: request.by,
      },
    },
  };
}

/**
 * The key a command must take before its events are stored: a submission
 * takes its achievement's, so no other open or awarded nomination can carry
 * the same achievement. Other commands take none.
 */
export function reservationFor(
  state: NominationState,
  commandType: string,
): { readonly kind: ReservationKind; readonly key: string } | undefined {
  if (commandType !== 'SubmitNomination' || state.stage !== 'Draft') return undefined;
  return { kind: 'achievement', key: state.nomination.achievementKey };
}
