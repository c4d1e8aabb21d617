import {
  formatPosition,
  type EventStore,
  type JsonObject,
  type JsonValue,
  type RecordedEvent,
} from '@laurel/infra/event-store/port';
import { nominationStreamName } from '@laurel/workflows/nomination/messages';
import { ApiError } from '../common/api-error';
import { ApiErrorCode, DOMAIN_ERROR_STATUS } from '../common/error-codes';

/** What an auditor sees of one stored event. */
export interface AuditEventView {
  readonly version: number;
  readonly id: string;
  readonly type: string;
  /** The event's data, secret-ballot choices sealed. */
  readonly data: JsonObject;
  readonly actor: JsonValue | null;
  /** Domain time of the act (`data.at`), covered by the hash. */
  readonly at: string | null;
  /** When the store recorded it; not covered by the hash. */
  readonly recordedAt: string;
  /** `<commit>.<prepare>` */
  readonly position: string;
  readonly hash: string | null;
  readonly prevHash: string | null;
  /** The Temporal update id, or `timer:<kind>:<stage>:<at>` for clock events. */
  readonly causationId: string | null;
}

/** The stream id part allowed by the store (`[A-Za-z0-9_.:@-]+`), bounded. */
const NOMINATION_ID = /^[A-Za-z0-9_.:@-]{1,180}$/;

export function assertNominationId(nominationId: string): void {
  if (!NOMINATION_ID.test(nominationId)) {
    throw new ApiError(
      400,
      ApiErrorCode.INVALID_QUERY,
      'a nomination id is 1-180 characters of A-Z a-z 0-9 _ . : @ -',
      {
        nominationId,
      },
    );
  }
}

export function notFound(nominationId: string): ApiError {
  return new ApiError(DOMAIN_ERROR_STATUS.NOT_FOUND, 'NOT_FOUND', `no nomination ${nominationId}`, { nominationId });
}

/**
 * Secret ballots (a council rule of domain/policy/policy-set.ts): the stored event keeps the choice for the tally,
 * but no view shows it, only that the member voted and when.
 */
export function redactEventData(type: string, data: JsonObject): JsonObject {
  if (type === 'CouncilOpinionRecorded' && data['ballot'] === 'secret') return { ...data, recommendation: 'sealed' };
  return data;
}

function stringOrNull(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

export function toAuditEventView(event: RecordedEvent): AuditEventView {
  const { metadata } = event;
  return {
    version: event.version,
    id: event.id,
    type: event.type,
    data: redactEventData(event.type, event.data),
    actor: metadata['actor'] ?? null,
    at: stringOrNull(event.data['at']),
    recordedAt: event.recordedAt,
    position: formatPosition(event.position),
    hash: stringOrNull(metadata['hash']),
    prevHash: stringOrNull(metadata['prevHash']),
    causationId: stringOrNull(metadata['causationId']),
  };
}

/** The whole stream of one nomination, in version order. */
export async function readNomination(store: EventStore, nominationId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(nominationStreamName(nominationId))) events.push(event);
  return events;
}

/** The first event (NominationDrafted): it names the proposing unit and block, which never change. */
export async function firstEvent(store: EventStore, nominationId: string): Promise<RecordedEvent | undefined> {
  for await (const event of store.readStream(nominationStreamName(nominationId), { maxCount: 1 })) return event;
  return undefined;
}
