import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@laurel/domain';
import { ConcurrencyError } from '@laurel/infra/event-store/errors';
import type { RecordedEvent } from '@laurel/infra/event-store/port';
import type { Stores } from '@laurel/infra/runtime/stores';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import { CLOCK, STORES } from '../tokens';
import { NominationWorkflows } from './nomination-workflows';

export const RESERVATION_EVENT_TYPE = 'AchievementReserved';

/** What is kept unique across nominations: one award per achievement, one leading unit per block for the flag. */
export type ReservationKind = 'achievement' | 'leadingUnit';

/**
 * Cross-nomination rules the decider cannot see (domain README): "no double
 * reward" (`achievementKey`) and, for the provincial flag, one leading unit
 * per block (`leadingUnitKey`).
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
    const holder = typeof last?.data['nominationId'] === 'string' ? last.data['nominationId'] : undefined;
    if (holder === nominationId) return;
    if (holder !== undefined && !(await this.released(holder))) throw this.taken(kind, key, holder);
    try {
      await this.stores.events.append(
        streamName,
        [
          {
            id: randomUUID(),
            type: RESERVATION_EVENT_TYPE,
            data: {
              kind,
              key,
              nominationId,
              ...(holder !== undefined ? { previousNominationId: holder } : {}),
              at: this.clock().toISOString(),
              by: { ...actor },
            },
            metadata: { actor: { ...actor }, correlationId: nominationId, schemaVersion: 1 },
          },
        ],
        last?.version ?? 0,
      );
    } catch (error) {
      if (error instanceof ConcurrencyError) throw this.taken(kind, key, undefined);
      throw error;
    }
  }

  private async lastOf(streamName: string): Promise<RecordedEvent | undefined> {
    for await (const event of this.stores.events.readStream(streamName, { direction: 'backward', maxCount: 1 })) {
      return event;
    }
    return undefined;
  }

  /** A holder that closed without an award (or never came to exist) no longer holds its key. */
  private async released(holderId: string): Promise<boolean> {
    try {
      const state = await this.workflows.state(holderId);
      return state.stage === 'Closed' && state.outcome !== 'Awarded';
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return true;
      throw error;
    }
  }

  private taken(kind: ReservationKind, key: string, holder: string | undefined): ApiError {
    const what =
      kind === 'achievement'
        ? 'this achievement (nominee, award, campaign) is already awarded or nominated: no double reward'
        : 'this block already has a leading unit nominated for the provincial emulation flag this year';
    return new ApiError(409, ApiErrorCode.ALREADY_NOMINATED, what, {
      kind,
      key,
      ...(holder !== undefined ? { heldBy: holder } : {}),
    });
  }
}
