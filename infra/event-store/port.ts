/**
 * The event store port: the only way Laurel's code reads or writes events.
 *
 * Numbering, pinned down by the contract suite:
 * - A stream's events carry `version` 1, 2, 3, … (the first event is version 1).
 *   A stream's version is the version of its last event; an absent or empty
 *   stream has version 0. `expectedVersion` on append is that number.
 * - `position` orders every event of the store. It is a pair so that the
 *   PostgreSQL adapter can order by (committing transaction, sequence) and the
 *   KurrentDB adapter by its (commit, prepare) log position; compare positions
 *   with `comparePositions`, never by hand. `START` is before every event.
 * - Whole-log reads (`readAll`, `subscribe`, `headPosition`) only show events
 *   before which nothing can still appear: on PostgreSQL an event committed
 *   while an older transaction is still running waits until that transaction
 *   ends. So a checkpoint never skips an event, and an append's own position
 *   may briefly lie beyond `headPosition()`.
 * - Errors: see errors.ts. Bad input throws an `InvalidInputError` subclass
 *   before anything is written; conflicts throw `ConcurrencyError` or
 *   `EventIdConflictError`; anything else is an infrastructure failure.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A global position in the store's log: ordered by `commit`, then `prepare`. */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const START: Position = Object.freeze({ commit: -1n, prepare: -1n });

export function comparePositions(a: Position, b: Position): -1 | 0 | 1 {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Text form for HTTP headers, query strings and checkpoints: `<commit>.<prepare>`. */
export function formatPosition(p: Position): string {
  return `${p.commit}.${p.prepare}`;
}

export function parsePosition(text: string): Position {
  const match = /^(-?\d{1,20})\.(-?\d{1,20})$/.exec(text.trim());
  if (!match) throw new TypeError(`not a store position: "${text}" (expected "<commit>.<prepare>")`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

/** An event to append. `id` is chosen by the caller (deterministic ids make retries idempotent). */
export interface EventToAppend {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /**
   * The time to record (ISO-8601 UTC with milliseconds), for a caller that
   * must know it before the append — the hash chain covers it. Honoured by
   * stores with `recordsGivenTime`; others use their own clock.
   */
  readonly recordedAt?: string;
}

/** Optional capability: the store records `EventToAppend.recordedAt` as given, and reads it back unchanged. */
export interface RecordsGivenTime {
  readonly recordsGivenTime: true;
}

export function recordsGivenTime(store: EventStore): boolean {
  return (store as Partial<RecordsGivenTime>).recordsGivenTime === true;
}

/** An event as stored. */
export interface RecordedEvent extends Omit<EventToAppend, 'recordedAt'> {
  readonly streamName: string;
  readonly version: number;
  readonly position: Position;
  /** ISO-8601 time at which the store recorded it. */
  readonly recordedAt: string;
}

/** `number`: the stream must be at exactly this version (0 = absent or empty). `'any'`: no check. */
export type ExpectedVersion = number | 'any';

export interface AppendResult {
  /** The stream's version after the append (the version of its last event). */
  readonly nextVersion: number;
  /** The position of the last event appended (or found, for an idempotent repeat). */
  readonly position: Position;
}

export interface ReadStreamOptions {
  readonly direction?: 'forward' | 'backward';
  /** First version to read (inclusive). Default: 1 forward, the last event backward. */
  readonly fromVersion?: number;
  /** Read at most this many events. Default: all. */
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this position. Default `START`. */
  readonly after?: Position;
  readonly maxCount?: number;
  /** Only streams whose name starts with one of these prefixes. */
  readonly streamPrefixes?: readonly string[];
}

export interface SubscribeOptions {
  /** Deliver events strictly after this position, then follow live appends. */
  readonly after?: Position;
  readonly streamPrefixes?: readonly string[];
  /**
   * Called once per event, in position order; the next event waits for the
   * returned promise. A throw stops the subscription and reaches `onError`,
   * as does a failure of the store; resume from your last checkpoint.
   */
  readonly onEvent: (event: RecordedEvent) => Promise<void> | void;
  readonly onError?: (error: unknown) => void;
  /** Called each time the subscription has caught up with the log. */
  readonly onCaughtUp?: (position: Position) => void;
}

export interface Subscription {
  /**
   * Stops delivery; resolves once no `onEvent` call is in flight. Calling it
   * from inside `onEvent` is fine, but do not await it there (it would wait
   * for that very call).
   */
  stop(): Promise<void>;
}

/** The port every adapter implements and the contract suite checks. */
export interface EventStore {
  /**
   * Appends events atomically. Throws `ConcurrencyError` when the stream is not at
   * `expectedVersion`. Idempotent by event id: appending events whose ids are
   * already stored with the same content is a no-op returning the original
   * result; the same id with other content throws `EventIdConflictError`.
   */
  append(streamName: string, events: readonly EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult>;
  /** Reads one stream in pages; never loads a long stream whole. Absent stream: nothing. */
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /** The stream's current version (0 when absent). */
  streamVersion(streamName: string): Promise<number>;
  /** Reads every stream's events in position order, in pages. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Catch-up subscription: history after `after`, then live appends; no gaps, no duplicates. */
  subscribe(options: SubscribeOptions): Subscription;
  /** The position of the last event whole-log readers can see (`START` when none). */
  headPosition(): Promise<Position>;
  /**
   * No event appended so far has a position at or above this one. Unlike
   * `headPosition`, it is never held back by transactions still settling, so
   * a position at or above it was never returned by an append and never will
   * be soon: a reader may refuse it instead of waiting for it.
   */
  positionCeiling(): Promise<Position>;
  /**
   * Whether whole-log reads now show every event whose position is below
   * `position`: with a ceiling taken earlier, "has everything appended before
   * then settled?" A reader that must see all of it (a start-up scan) waits for
   * true instead of guessing how long settling takes.
   */
  settledBelow(position: Position): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Optional capability: `readAll` by whole pages, for bulk consumers (the chain
 * verifier, projection rebuilds) that would otherwise pay one await per event.
 * Same order, filters and `after` semantics as `readAll`.
 */
export interface PagedReadAll {
  readAllPages(options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent[]>;
}

export function supportsPagedReadAll(store: EventStore): store is EventStore & PagedReadAll {
  return typeof (store as Partial<PagedReadAll>).readAllPages === 'function';
}

/**
 * Waits until whole-log reads show everything appended before this call (the
 * store's ceiling now has settled below it), up to `timeoutMs`. False when a
 * transaction still running outlasted the wait (or `signal` gave it up): what
 * it writes may be missing.
 */
export async function settleAppendsSoFar(
  store: EventStore,
  timeoutMs: number,
  options: { readonly signal?: AbortSignal; readonly pollMs?: number } = {},
): Promise<boolean> {
  const ceiling = await store.positionCeiling();
  const deadline = Date.now() + timeoutMs;
  const pollMs = options.pollMs ?? 50;
  while (!(await store.settledBelow(ceiling))) {
    if (Date.now() >= deadline || options.signal?.aborted) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return true;
}

/** `readAll` in pages: the store's own pages when it has them, else chunks of `pageSize`. */
export async function* readAllInPages(
  store: EventStore,
  options?: ReadAllOptions,
  pageSize = 500,
): AsyncGenerator<readonly RecordedEvent[]> {
  if (supportsPagedReadAll(store)) {
    yield* store.readAllPages(options);
    return;
  }
  let page: RecordedEvent[] = [];
  for await (const event of store.readAll(options)) {
    page.push(event);
    if (page.length >= pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}
