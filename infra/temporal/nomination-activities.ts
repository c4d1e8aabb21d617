import { ApplicationFailure } from '@temporalio/common';
import { v5 as uuidv5 } from 'uuid';
import type {
  AppendEventsInput,
  AppendEventsResult,
  JsonRecord,
  LoadedEvent,
  LoadEventsInput,
  LoadEventsResult,
  NominationActivities,
  Notification,
} from '../../workflows/nomination/activities';
import { ConcurrencyError, EventIdConflictError, InvalidInputError } from '../event-store/errors';
import { formatPosition, type EventStore } from '../event-store/port';
import type { NotificationOutbox } from '../notifications/outbox';
import { reserveKey } from '../reservations/achievement-reservations';

/** Namespace of Laurel's event ids: ids are UUIDv5 of `<stream>@<version>`, stable across retries and replays. */
export const EVENT_ID_NAMESPACE = '3b8c4c2e-6a51-5d0f-9f1e-5a7c2d4b9e10';

export function eventIdFor(key: string): string {
  return uuidv5(key, EVENT_ID_NAMESPACE);
}

export interface NominationActivityDeps {
  /** A hash-chaining store (ChainedEventStore): the chain is computed before append on every adapter. */
  readonly store: EventStore;
  readonly outbox: NotificationOutbox;
}

/**
 * The activities behind the nomination workflow. A store that rejects the
 * append for a reason no retry can fix (a conflicting writer, a reused id, bad
 * input) fails non-retryably; anything else (store unreachable) is thrown as
 * is and retried by the workflow's policy.
 */
export function createNominationActivities({ store, outbox }: NominationActivityDeps): NominationActivities {
  return {
    async appendEvents(input: AppendEventsInput): Promise<AppendEventsResult> {
      if (input.reserve) {
        const refusal = await reserveKey(store, input.reserve);
        if (refusal) {
          const { message, ...details } = refusal;
          throw ApplicationFailure.nonRetryable(message, 'ALREADY_NOMINATED', details);
        }
      }
      try {
        const result = await store.append(
          input.streamName,
          input.events.map((e) => ({ id: eventIdFor(e.key), type: e.type, data: e.data, metadata: e.metadata })),
          input.expectedVersion,
        );
        return { nextVersion: result.nextVersion, position: formatPosition(result.position) };
      } catch (error) {
        if (error instanceof ConcurrencyError) {
          throw ApplicationFailure.nonRetryable(error.message, 'CONCURRENCY_CONFLICT', error.details);
        }
        if (error instanceof EventIdConflictError) {
          throw ApplicationFailure.nonRetryable(error.message, 'EVENT_ID_CONFLICT', error.details);
        }
        if (error instanceof InvalidInputError) {
          throw ApplicationFailure.nonRetryable(error.message, 'INVALID_EVENT', error.code, error.details);
        }
        throw error;
      }
    },

    async loadEvents({ streamName, fromVersion }: LoadEventsInput): Promise<LoadEventsResult> {
      const events: LoadedEvent[] = [];
      for await (const e of store.readStream(streamName, { fromVersion })) {
        const causationId = e.metadata['causationId'];
        events.push({
          version: e.version,
          type: e.type,
          data: e.data as JsonRecord,
          ...(typeof causationId === 'string' ? { causationId } : {}),
          position: formatPosition(e.position),
        });
      }
      return { events };
    },

    async notify(notifications: readonly Notification[]): Promise<void> {
      await outbox.add(notifications);
    },
  };
}
