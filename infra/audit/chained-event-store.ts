import stringify from 'safe-stable-stringify';
import { ConcurrencyError, EventIdConflictError, InvalidEventPayloadError } from '../event-store/errors';
import {
  readAllInPages,
  recordsGivenTime,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type JsonObject,
  type PagedReadAll,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store/port';
import { assertEvents, assertExpectedVersion, assertStreamName, vouchedBatch } from '../event-store/validation';
import { ChainRequiresExpectedVersionError, UnchainedPredecessorError } from './errors';
import { GENESIS_HASH, HASH_VERSION, eventHash } from './hash';

export interface ChainedEventStoreOptions {
  /** Streams whose last hash is remembered, saving a read per append. Default 10,000. */
  readonly headCacheSize?: number;
  /** The time each append records (hash version 2 covers it). Default: the system clock. */
  readonly clock?: () => Date;
}

/**
 * Wraps any event store so that every appended event carries `prevHash` and
 * `hash` in its metadata (see hash.ts). Everything that appends goes through it.
 *
 * `prevHash` is the hash of the event at `expectedVersion`, so a retried
 * append with the same ids produces byte-identical events and the store's
 * idempotency recognises the repeat. `'any'` is refused for that reason (see
 * ChainRequiresExpectedVersionError). From hash version 2 on the hash also
 * covers the time the chain chose and the store recorded, so a retry at a
 * later time differs in `recordedAt` and `hash` alone: it is recognised here
 * (see adoptRepeat). Stores that cannot record a given time (KurrentDB keeps
 * its own) stay on version 1.
 */
export class ChainedEventStore implements EventStore, PagedReadAll {
  private readonly heads = new Map<string, { readonly version: number; readonly hash: string }>();
  private readonly headCacheSize: number;
  private readonly clock: () => Date;
  private readonly hashVersion: 1 | 2;

  constructor(
    readonly inner: EventStore,
    options: ChainedEventStoreOptions = {},
  ) {
    this.headCacheSize = options.headCacheSize ?? 10_000;
    this.clock = options.clock ?? (() => new Date());
    this.hashVersion = recordsGivenTime(inner) ? HASH_VERSION : 1;
  }

  async append(
    streamName: string,
    events: readonly EventToAppend[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    assertStreamName(streamName);
    if (expectedVersion === 'any') throw new ChainRequiresExpectedVersionError(streamName);
    assertExpectedVersion(expectedVersion);
    assertEvents(streamName, events);
    for (let i = 0; i < events.length; i++) {
      const metadata = events[i]!.metadata;
      for (const key of ['hash', 'prevHash', 'hashVersion'] as const) {
        if (Object.prototype.hasOwnProperty.call(metadata, key)) {
          throw new InvalidEventPayloadError(i, 'metadata', `.${key}`, 'reserved for the hash chain');
        }
      }
    }

    const firstPrevHash = expectedVersion === 0 ? GENESIS_HASH : await this.hashAt(streamName, expectedVersion);
    let prevHash = firstPrevHash;
    const recordedAt = this.hashVersion === 2 ? this.clock().toISOString() : undefined;
    const chained = events.map((event, i): EventToAppend => {
      const metadata: JsonObject =
        this.hashVersion === 2 ? { ...event.metadata, prevHash, hashVersion: 2 } : { ...event.metadata, prevHash };
      const hash = eventHash({
        streamName,
        version: expectedVersion + i + 1,
        id: event.id,
        type: event.type,
        data: event.data,
        metadata,
        ...(recordedAt ? { recordedAt } : {}),
      });
      prevHash = hash;
      return {
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: { ...metadata, hash },
        ...(recordedAt ? { recordedAt } : {}),
      };
    });
    let result: AppendResult;
    try {
      // Validated above; the chain added only its own hashes and time, so the store need not check again.
      result = await this.inner.append(streamName, vouchedBatch(chained), expectedVersion);
    } catch (error) {
      if (!(error instanceof EventIdConflictError)) throw error;
      const repeat = await this.adoptRepeat(streamName, chained, expectedVersion, firstPrevHash);
      if (!repeat) throw error;
      return repeat;
    }
    this.remember(streamName, result.nextVersion, prevHash);
    return result;
  }

  /**
   * The store saw the ids with other content. When the stored events are this
   * batch, at the same versions, chained onto the same predecessor, and differ
   * only in the time recorded and so the hashes, it is an earlier attempt of
   * this append: its result stands.
   */
  private async adoptRepeat(
    streamName: string,
    chained: readonly EventToAppend[],
    expectedVersion: number,
    firstPrevHash: string,
  ): Promise<AppendResult | undefined> {
    if (this.hashVersion !== 2) return undefined;
    const timeless = (metadata: JsonObject): string | undefined => {
      const { hash: _hash, prevHash: _prevHash, ...rest } = metadata;
      return stringify(rest);
    };
    let i = 0;
    let last: RecordedEvent | undefined;
    for await (const stored of this.inner.readStream(streamName, {
      fromVersion: expectedVersion + 1,
      maxCount: chained.length,
    })) {
      const mine = chained[i]!;
      if (
        stored.version !== expectedVersion + i + 1 ||
        stored.id !== mine.id ||
        stored.type !== mine.type ||
        stringify(stored.data) !== stringify(mine.data) ||
        timeless(stored.metadata) !== timeless(mine.metadata) ||
        (i === 0 && stored.metadata['prevHash'] !== firstPrevHash)
      ) {
        return undefined;
      }
      last = stored;
      i++;
    }
    if (i !== chained.length || !last) return undefined;
    return { nextVersion: last.version, position: last.position };
  }

  /** The stored hash of event `version`, from the cache or one backward read of one event. */
  private async hashAt(streamName: string, version: number): Promise<string> {
    // Safe to cache: the event at a given version never changes (the store
    // refuses a second writer of that version), so a remembered hash stays true.
    const cached = this.heads.get(streamName);
    if (cached?.version === version) return cached.hash;
    for await (const event of this.inner.readStream(streamName, {
      direction: 'backward',
      fromVersion: version,
      maxCount: 1,
    })) {
      if (event.version !== version) break;
      const hash = event.metadata['hash'];
      if (typeof hash !== 'string') throw new UnchainedPredecessorError(streamName, version);
      return hash;
    }
    // The stream is shorter than the caller believes: the append is a conflict.
    throw new ConcurrencyError(streamName, version, await this.inner.streamVersion(streamName));
  }

  private remember(streamName: string, version: number, hash: string): void {
    this.heads.delete(streamName);
    this.heads.set(streamName, { version, hash });
    if (this.heads.size > this.headCacheSize) {
      const oldest = this.heads.keys().next();
      if (!oldest.done) this.heads.delete(oldest.value);
    }
  }

  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readStream(streamName, options);
  }

  streamVersion(streamName: string): Promise<number> {
    return this.inner.streamVersion(streamName);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readAll(options);
  }

  readAllPages(options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent[]> {
    return readAllInPages(this.inner, options);
  }

  subscribe(options: SubscribeOptions): Subscription {
    return this.inner.subscribe(options);
  }

  headPosition(): Promise<Position> {
    return this.inner.headPosition();
  }

  positionCeiling(): Promise<Position> {
    return this.inner.positionCeiling();
  }

  settledBelow(position: Position): Promise<boolean> {
    return this.inner.settledBelow(position);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
