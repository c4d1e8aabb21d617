import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  decideReservation,
  RESERVATION_EVENT_TYPE,
  reservationTaken,
  type Actor,
  type NominationState,
  type ReservationKind,
  type ReservationRefusal,
} from '@laurel/domain';
import { ConcurrencyError } from '@laurel/infra/event-store/errors';
import type { RecordedEvent } from '@laurel/infra/event-store/port';
import type { Stores } from '@laurel/infra/runtime/stores';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import { CLOCK, STORES } from '../tokens';
import { NominationWorkflows } from './nomination-workflows';

export { RESERVATION_EVENT_TYPE, type ReservationKind };

/**
 * Cross-nomination rules the decider cannot see: "no double reward"
 * (`achievementKey`) and, for the provincial flag, one leading unit per block
 * (`leadingUnitKey`). The rule is the domain's (domain/nomination/reservation.ts);
 * this class reads and appends.
 *
 * A key is reserved by appending `AchievementReserved` to the stream
 * `<kind>-<sha256(key)>` through the hash-chained store, with the expected
 * version the reader saw: two submissions racing for one key cannot both
 * append, so exactly one wins. The reservation stays with its nomination
 * while that nomination is open or awarded; once it closes otherwise
 * (withdrawn, not awarded, expired) the next submission takes the key over
 * with another event on the same stream, so the stream is the key's history.
 */
@Injectable()
export class AchievementReservations {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: () => Date,
    private readonly workflows: NominationWorkflows,
  ) {}

  static streamName(kind: ReservationKind, key: string): string {
    return `${kind}-${createHash('sha256').update(key.normalize('NFC')).digest('hex')}`;
  }

  /** Reserves `key` for `nominationId`, or answers 409 ALREADY_NOMINATED naming the holder. */
  async reserve(kind: ReservationKind, key: string, nominationId: string, actor: Actor): Promise<void> {
    const streamName = AchievementReservations.streamName(kind, key);
    const last = await this.lastOf(streamName);
    const holderId = typeof last?.data['nominationId'] === 'string' ? last.data['nominationId'] : undefined;
    const holderState = holderId === undefined || holderId === nominationId ? undefined : await this.stateOf(holderId);
    const by = { ...actor };
    const decision = decideReservation({
      kind,
      key,
      nominationId,
      holderId,
      holderState,
      at: this.clock().toISOString(),
      by,
    });
    if (decision.outcome === 'held') return;
    if (decision.outcome === 'taken') throw this.taken(decision.refusal);
    try {
      await this.stores.events.append(
        streamName,
        [
          {
            id: randomUUID(),
            type: decision.event.type,
            data: { ...decision.event.data },
            metadata: { actor: by, correlationId: nominationId, schemaVersion: 1 },
          },
        ],
        last?.version ?? 0,
      );
    } catch (error) {
      if (error instanceof ConcurrencyError) throw this.taken(reservationTaken(kind, key));
      throw error;
    }
  }

  private async lastOf(streamName: string): Promise<RecordedEvent | undefined> {
    for await (const event of this.stores.events.readStream(streamName, { direction: 'backward', maxCount: 1 })) {
      return event;
    }
    return undefined;
  }

  /** The holder's state; undefined when it never came to exist. */
  private async stateOf(holderId: string): Promise<NominationState | undefined> {
    try {
      return await this.workflows.state(holderId);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  private taken({ kind, key, heldBy, message }: ReservationRefusal): ApiError {
    return new ApiError(409, ApiErrorCode.ALREADY_NOMINATED, message, {
      kind,
      key,
      ...(heldBy !== undefined ? { heldBy } : {}),
    });
  }
}
