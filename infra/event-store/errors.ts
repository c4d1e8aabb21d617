import type { ExpectedVersion } from './port';

/**
 * Typed event store errors. `code` is stable: the API maps it to HTTP and
 * clients may branch on it, so never rename one. `details` is plain JSON for
 * the `{ error: { code, message, details } }` response shape.
 */
export type EventStoreErrorCode =
  | 'concurrency_conflict'
  | 'event_id_conflict'
  | 'invalid_stream_name'
  | 'invalid_expected_version'
  | 'empty_append'
  | 'invalid_event'
  | 'invalid_event_id'
  | 'duplicate_event_id'
  | 'invalid_event_type'
  | 'invalid_event_payload'
  | 'event_too_large'
  | 'invalid_read_options'
  | 'store_closed'
  // Raised by the hash-chained store (infra/audit).
  | 'chain_requires_expected_version'
  | 'chain_predecessor_unchained';

export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

export abstract class EventStoreError extends Error {
  abstract readonly code: EventStoreErrorCode;
  readonly details: ErrorDetails;

  protected constructor(message: string, details: ErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** The stream was not at the expected version. Nothing was written. */
export class ConcurrencyError extends EventStoreError {
  readonly code = 'concurrency_conflict';

  constructor(
    readonly streamName: string,
    readonly expectedVersion: ExpectedVersion,
    /** The stream's version when the conflict was detected (it may have moved on since). */
    readonly actualVersion: number,
  ) {
    super(`stream ${streamName} is at version ${actualVersion}, expected ${expectedVersion}`, {
      streamName,
      expectedVersion: String(expectedVersion),
      actualVersion,
    });
  }
}

/** An event id is already stored with other content (or in another stream or batch). Nothing was written. */
export class EventIdConflictError extends EventStoreError {
  readonly code = 'event_id_conflict';

  constructor(
    readonly eventId: string,
    readonly streamName: string,
    readonly reason: string,
  ) {
    super(`event id "${eventId}" appended to ${streamName} conflicts with a stored event: ${reason}`, {
      eventId,
      streamName,
      reason,
    });
  }
}

/** Base of every rejection of bad input. The API answers 400 (413 for `event_too_large`). */
export abstract class InvalidInputError extends EventStoreError {}

export class InvalidStreamNameError extends InvalidInputError {
  readonly code = 'invalid_stream_name';

  constructor(
    readonly streamName: unknown,
    reason: string,
  ) {
    super(`invalid stream name ${describe(streamName)}: ${reason}`, { streamName: describe(streamName), reason });
  }
}

export class InvalidExpectedVersionError extends InvalidInputError {
  readonly code = 'invalid_expected_version';

  constructor(readonly expectedVersion: unknown) {
    super(`invalid expected version ${describe(expectedVersion)}: expected a non-negative integer or 'any'`, {
      expectedVersion: describe(expectedVersion),
    });
  }
}

export class EmptyAppendError extends InvalidInputError {
  readonly code = 'empty_append';

  constructor(readonly streamName: string) {
    super(`append to ${streamName} has no events`, { streamName });
  }
}

/** The event itself is not an object with `id`, `type`, `data` and `metadata`. */
export class InvalidEventError extends InvalidInputError {
  readonly code = 'invalid_event';

  constructor(
    readonly index: number,
    reason: string,
  ) {
    super(`event #${index} is invalid: ${reason}`, { index, reason });
  }
}

export class InvalidEventIdError extends InvalidInputError {
  readonly code = 'invalid_event_id';

  constructor(
    readonly index: number,
    readonly eventId: unknown,
    reason: string,
  ) {
    super(`event #${index} has an invalid id ${describe(eventId)}: ${reason}`, {
      index,
      eventId: describe(eventId),
      reason,
    });
  }
}

/** The same id appears twice in one batch. */
export class DuplicateEventIdError extends InvalidInputError {
  readonly code = 'duplicate_event_id';

  constructor(readonly eventId: string) {
    super(`event id "${eventId}" appears more than once in the batch`, { eventId });
  }
}

export class InvalidEventTypeError extends InvalidInputError {
  readonly code = 'invalid_event_type';

  constructor(
    readonly index: number,
    readonly eventType: unknown,
  ) {
    super(
      `event #${index} has an invalid type ${describe(eventType)}: expected [A-Za-z][A-Za-z0-9_.]*, at most 200 characters`,
      {
        index,
        eventType: describe(eventType),
      },
    );
  }
}

/** `data` or `metadata` is not a plain JSON object. `path` points at the offending value. */
export class InvalidEventPayloadError extends InvalidInputError {
  readonly code = 'invalid_event_payload';

  constructor(
    readonly index: number,
    readonly field: 'data' | 'metadata',
    readonly path: string,
    reason: string,
  ) {
    super(`event #${index} ${field}${path} is not storable JSON: ${reason}`, { index, field, path, reason });
  }
}

export class EventTooLargeError extends InvalidInputError {
  readonly code = 'event_too_large';

  constructor(
    readonly index: number,
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`event #${index} is ${sizeBytes} bytes serialised; the limit is ${limitBytes}`, {
      index,
      sizeBytes,
      limitBytes,
    });
  }
}

export class InvalidReadOptionsError extends InvalidInputError {
  readonly code = 'invalid_read_options';

  constructor(option: string, value: unknown, expected: string) {
    super(`invalid read option ${option}=${describe(value)}: expected ${expected}`, {
      option,
      value: describe(value),
    });
  }
}

export class StoreClosedError extends EventStoreError {
  readonly code = 'store_closed';

  constructor() {
    super('the event store is closed', {});
  }
}

export function isEventStoreError(error: unknown): error is EventStoreError {
  return error instanceof EventStoreError;
}

/** A short, safe rendering of a bad value for messages (never the whole payload). */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  return Array.isArray(value) ? 'an array' : 'an object';
}
