import { createHash, randomUUID } from 'node:crypto';
import {
  decideReservation,
  nominationStreamName,
  reservationTaken,
  type NominationState,
  type ReservationKind,
  type ReservationRefusal,
} from '@laurel/domain';
import { foldStream } from '../audit/stream-state';
import { ConcurrencyError } from '../event-store/errors';
import type { ReservationToTake } from '../../workflows/nomination/activities';
import type { EventStore, RecordedEvent } from '../event-store/port';

/**
 * The store's side of the cross-nomination rules the decider cannot see: "no
 * double reward" (`achievementKey`). The rule is the domain's
 * (domain/nomination/reservation.ts); this module reads and appends. The
 * nomination workflow reserves through its append activity, so a submission is
 * decided once, in the workflow, and the key is taken just before the
 * submission's own events are stored.
 *
 * A key is reserved by appending `AchievementReserved` to the stream
 * `<kind>-<sha256(key)>` with the expected version the reader saw: two
 * submissions racing for one key cannot both append, so exactly one wins. The
 * reservation stays with its nomination while that nomination is open or
 * awarded; once it closes otherwise (withdrawn, not awarded, expired) the next
 * submission takes the key over with another event on the same stream, so the
 * stream is the key's history.
 */

export function reservationStreamName(kind: ReservationKind, key: string): string {
  return `${kind}-${createHash('sha256').update(key.normalize('NFC')).digest('hex')}`;
}

/** A racing submission appended first: read again, once, to name the winner. */
const ATTEMPTS = 2;

/**
 * Reserves the key for the nomination; resolves when it is this nomination's
 * (now or already), or to the refusal naming who holds it.
 */
export async function reserveKey(
  store: EventStore,
  request: ReservationToTake,
): Promise<ReservationRefusal | undefined> {
  const { kind, key, nominationId, at, by } = request;
  const streamName = reservationStreamName(kind, key);
  for (let attempt = 1; ; attempt++) {
    const last = await lastOf(store, streamName);
    const holderId = typeof last?.data['nominationId'] === 'string' ? last.data['nominationId'] : undefined;
    const holderState =
      holderId === undefined || holderId === nominationId ? undefined : await stateOf(store, holderId);
    const decision = decideReservation({ kind, key, nominationId, holderId, holderState, at, by: { ...by } });
    if (decision.outcome === 'held') return undefined;
    if (decision.outcome === 'taken') return decision.refusal;
    try {
      await store.append(
        streamName,
        [
          {
            id: randomUUID(),
            type: decision.event.type,
            data: { ...decision.event.data },
            metadata: { actor: { ...by }, correlationId: nominationId, schemaVersion: 1 },
          },
        ],
        last?.version ?? 0,
      );
      return undefined;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      if (attempt >= ATTEMPTS) return reservationTaken(kind, key);
    }
  }
}

async function lastOf(store: EventStore, streamName: string): Promise<RecordedEvent | undefined> {
  for await (const event of store.readStream(streamName, { direction: 'backward', maxCount: 1 })) return event;
  return undefined;
}

/** The holder as its stream folds (the store is the record); undefined when it never came to exist. */
async function stateOf(store: EventStore, holderId: string): Promise<NominationState | undefined> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(nominationStreamName(holderId))) events.push(event);
  if (events.length === 0) return undefined;
  return foldStream(events);
}
