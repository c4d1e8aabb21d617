import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START as KURRENT_START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AppendResult as KurrentAppendResult,
  type ReadPosition,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyError, InvalidEventPayloadError, StoreClosedError } from '../errors';
import {
  START,
  comparePositions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../port';
import type { ReadBatchInfo } from '../sql/sql-event-store';
import {
  DEFAULT_MAX_EVENT_BYTES,
  MAX_VERSION,
  assertExpectedVersion,
  assertStreamName,
  normalisePosition,
  normalisePrefixes,
  normaliseReadAllOptions,
  normaliseReadStreamOptions,
  prepareEvents,
  type PreparedEvent,
} from '../validation';
import {
  EVENT_ID_METADATA_KEY,
  eventUuid,
  filterFor,
  findRepeat,
  streamStateFor,
  toRecordedEvent,
  versionFromState,
} from './kurrentdb-events';
import { KurrentSubscription } from './kurrentdb-subscription';

export interface KurrentDbEventStoreOptions {
  /** Events per read request. Default 500. */
  readonly readBatchSize?: number;
  /** Default 256 KiB. */
  readonly maxEventBytes?: number;
  /** How far back an `'any'` append looks for its own ids to recognise a repeat. Default 100 events. */
  readonly anyIdempotencyWindow?: number;
  /** Dispose of the client with the store. Default true. */
  readonly closeClient?: boolean;
  readonly onBatch?: (batch: ReadBatchInfo) => void;
}

const MAX_ANY_ATTEMPTS = 20;

/**
 * The event store on KurrentDB (EventStoreDB's successor).
 *
 * Numbering: our version v is KurrentDB revision v-1; expected version 0 is
 * `NO_STREAM`. Positions are KurrentDB's own (commit, prepare) log positions.
 *
 * Idempotency: each event's UUID is derived from the stream, our id and the
 * canonical content, so a retry with the same content carries the same UUIDs
 * and the server's duplicate check (reliable with a specific expected state)
 * accepts it as a repeat. On a version conflict the events at the expected
 * position are read back to tell a repeat, an id conflict and a real conflict
 * apart. Unlike the SQL store, ids are only compared within a stream.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly batchSize: number;
  private readonly maxEventBytes: number;
  private readonly anyWindow: number;
  private readonly subscriptions = new Set<KurrentSubscription>();
  private closed = false;

  constructor(
    readonly client: KurrentDBClient,
    private readonly options: KurrentDbEventStoreOptions = {},
  ) {
    this.batchSize = options.readBatchSize ?? 500;
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.anyWindow = options.anyIdempotencyWindow ?? 100;
  }

  /** Connects with a `kurrentdb://host:2113?tls=false` style connection string. */
  static connect(url: string, options: KurrentDbEventStoreOptions = {}): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(url), options);
  }

  async append(
    streamName: string,
    events: readonly EventToAppend[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    this.assertOpen();
    assertStreamName(streamName);
    assertExpectedVersion(expectedVersion);
    const prepared = prepareEvents(streamName, events, { maxEventBytes: this.maxEventBytes });
    prepared.forEach((event, index) => {
      if (Object.prototype.hasOwnProperty.call(event.metadata, EVENT_ID_METADATA_KEY)) {
        throw new InvalidEventPayloadError(
          index,
          'metadata',
          `.${EVENT_ID_METADATA_KEY}`,
          'reserved by the KurrentDB adapter',
        );
      }
    });
    const data = prepared.map((event) =>
      jsonEvent({
        id: eventUuid(streamName, event),
        type: event.type,
        data: event.data,
        metadata: { ...event.metadata, [EVENT_ID_METADATA_KEY]: event.id },
      }),
    );

    if (expectedVersion === 'any') return this.appendAny(streamName, prepared, data);
    try {
      const result = await this.client.appendToStream(streamName, data, {
        streamState: streamStateFor(expectedVersion),
      });
      return await this.toAppendResult(streamName, result);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const window = await this.readWindow(streamName, expectedVersion + 1, prepared.length, 'forward');
      const repeat = findRepeat(streamName, prepared, window);
      if (repeat) return repeat;
      throw new ConcurrencyError(
        streamName,
        expectedVersion,
        versionFromState(error.actualState) ?? (await this.streamVersion(streamName)),
      );
    }
  }

  /**
   * `'any'` still appends with a specific expected state — the head just read —
   * because the server only de-duplicates reliably that way; a lost race reads
   * the head again.
   */
  private async appendAny(
    streamName: string,
    prepared: readonly PreparedEvent[],
    data: ReturnType<typeof jsonEvent>[],
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const recent = await this.readWindow(
        streamName,
        MAX_VERSION,
        Math.max(this.anyWindow, prepared.length),
        'backward',
      );
      const repeat = findRepeat(streamName, prepared, recent.slice().reverse());
      if (repeat) return repeat;
      const head = recent[0]?.version ?? 0;
      try {
        const result = await this.client.appendToStream(streamName, data, { streamState: streamStateFor(head) });
        return await this.toAppendResult(streamName, result);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ANY_ATTEMPTS) throw error;
      }
    }
  }

  private async toAppendResult(streamName: string, result: KurrentAppendResult): Promise<AppendResult> {
    const nextVersion = Number(result.nextExpectedRevision) + 1;
    if (result.position)
      return { nextVersion, position: { commit: result.position.commit, prepare: result.position.prepare } };
    // A de-duplicated repeat may come back without a position: take it from the stored event.
    const [last] = await this.readWindow(streamName, nextVersion, 1, 'forward');
    return { nextVersion, position: last?.position ?? START };
  }

  private async readWindow(
    streamName: string,
    fromVersion: number,
    count: number,
    direction: 'forward' | 'backward',
  ): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const event of this.readStream(streamName, { direction, fromVersion, maxCount: count }))
      events.push(event);
    return events;
  }

  async *readStream(streamName: string, options?: ReadStreamOptions): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    assertStreamName(streamName);
    const { direction, fromVersion, maxCount } = normaliseReadStreamOptions(options);
    let remaining = maxCount;
    let from = direction === 'forward' ? Math.max(fromVersion, 1) : fromVersion;
    while (remaining > 0 && from >= 1) {
      this.assertOpen();
      const limit = Math.min(this.batchSize, remaining);
      const page: RecordedEvent[] = [];
      try {
        for await (const resolved of this.client.readStream(streamName, {
          direction: direction === 'forward' ? FORWARDS : BACKWARDS,
          fromRevision: direction === 'backward' && from >= MAX_VERSION ? END : BigInt(from - 1),
          maxCount: limit,
        })) {
          const event = toRecordedEvent(resolved);
          if (event) page.push(event);
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return;
        throw error;
      }
      this.options.onBatch?.({ operation: 'readStream', requested: limit, received: page.length });
      for (const event of page) yield event;
      if (page.length < limit) return;
      remaining -= page.length;
      const last = page[page.length - 1]!.version;
      from = direction === 'forward' ? last + 1 : last - 1;
    }
  }

  async streamVersion(streamName: string): Promise<number> {
    const [last] = await this.readWindow(streamName, MAX_VERSION, 1, 'backward');
    return last?.version ?? 0;
  }

  async *readAll(options?: ReadAllOptions): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const { after, maxCount, streamPrefixes } = normaliseReadAllOptions(options);
    const filter = filterFor(streamPrefixes);
    let remaining = maxCount;
    let position = after;
    while (remaining > 0) {
      this.assertOpen();
      const limit = Math.min(this.batchSize, remaining);
      const fromStart = position.commit < 0n;
      // The read starts at `position` inclusive: ask for one more and drop it.
      const requested = fromStart ? limit : limit + 1;
      let raw = 0;
      let lastSeen: Position | undefined;
      const page: RecordedEvent[] = [];
      for await (const resolved of this.client.readAll({
        fromPosition: fromStart ? KURRENT_START : { commit: position.commit, prepare: position.prepare },
        direction: FORWARDS,
        maxCount: requested,
        filter,
      })) {
        raw++;
        if (resolved.event) lastSeen = resolved.event.position;
        const event = toRecordedEvent(resolved);
        if (event && comparePositions(event.position, position) > 0 && page.length < limit) page.push(event);
      }
      this.options.onBatch?.({ operation: 'readAll', requested, received: raw });
      for (const event of page) yield event;
      remaining -= page.length;
      if (raw < requested || !lastSeen || comparePositions(lastSeen, position) <= 0) return;
      // Events we skipped (not ours to return) still move the read forward.
      position = page.length === limit ? page[page.length - 1]!.position : lastSeen;
    }
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    const after = normalisePosition(options.after);
    const filter = filterFor(normalisePrefixes(options.streamPrefixes));
    const fromPosition: ReadPosition =
      after.commit < 0n ? KURRENT_START : { commit: after.commit, prepare: after.prepare };
    const subscription: KurrentSubscription = new KurrentSubscription(
      this.client.subscribeToAll({ fromPosition, filter }),
      after,
      options,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** KurrentDB shows an event to every reader once it is written: just past the head. */
  async positionCeiling(): Promise<Position> {
    const head = await this.headPosition();
    return { commit: head.commit, prepare: head.prepare + 1n };
  }

  /** Nothing on KurrentDB waits to settle: every written event is already in the log's reads. */
  async settledBelow(_position: Position): Promise<boolean> {
    this.assertOpen();
    return true;
  }

  async headPosition(): Promise<Position> {
    this.assertOpen();
    for await (const resolved of this.client.readAll({
      fromPosition: END,
      direction: BACKWARDS,
      maxCount: 1,
      filter: excludeSystemEvents(),
    })) {
      const event = toRecordedEvent(resolved);
      if (event) return event.position;
    }
    return START;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.options.closeClient ?? true) await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}
