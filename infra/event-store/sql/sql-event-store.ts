// The event store on SQL (PostgreSQL, or PGlite embedded): append, read, subscribe.
// Over 400 lines on purpose: one adapter class behind the port, whose append paths
// (single, grouped, the explanation of a refusal) share its prepared statements
// and options; the group queue itself is in group-commit.ts.
import stringify from 'safe-stable-stringify';
import { ConcurrencyError, EventIdConflictError, StoreClosedError } from '../errors';
import {
  START,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type JsonObject,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type RecordsGivenTime,
  type SubscribeOptions,
  type Subscription,
} from '../port';
import { GroupCommitQueue, type AppendBatchInfo } from './group-commit';
import { PollingSubscription } from './polling-subscription';
import { eventStoreSql, likePrefix, type EventStoreSql } from './schema';
import { UNIQUE_VIOLATION, sqlErrorInfo, type SqlClient } from './sql-client';
import { isStoreUnreachable } from './unreachable';
import {
  DEFAULT_MAX_EVENT_BYTES,
  assertExpectedVersion,
  assertStreamName,
  normalisePosition,
  normalisePrefixes,
  normaliseReadAllOptions,
  normaliseReadStreamOptions,
  prepareEvents,
  type PreparedEvent,
} from '../validation';

export { AppendQueueTimeoutError, type AppendBatchInfo } from './group-commit';

/** One page fetched from the database, reported for monitoring and for the contract suite. */
export interface ReadBatchInfo {
  readonly operation: 'readStream' | 'readAll' | 'subscribe';
  /** Rows asked for (the page size, or less near `maxCount`). */
  readonly requested: number;
  readonly received: number;
}

export interface SqlEventStoreOptions {
  /** Schema holding the tables. Default `laurel`. */
  readonly schema?: string;
  /** Rows per page for reads and subscriptions. Default 500. */
  readonly readBatchSize?: number;
  /** Largest serialised event (data + metadata + id + type, UTF-8 bytes). Default 256 KiB. */
  readonly maxEventBytes?: number;
  /** Subscriptions re-read this often even without a notification. Default 1000 ms. */
  readonly pollIntervalMs?: number;
  /**
   * Fetch the next readAll page while the caller consumes the current one.
   * Default: on for PostgreSQL (pooled connections overlap), off for PGlite.
   */
  readonly prefetch?: boolean;
  /**
   * How appends wake subscribers. `after-commit` (default): the client signals
   * once the append has committed, coalescing bursts (see PgSqlClient.notify);
   * `in-transaction`: NOTIFY inside the append's own transaction, which never
   * loses a wake-up but makes PostgreSQL commit notifying transactions one at a
   * time (about 4,500/s here against 10,000/s). Either way delivery order and
   * completeness come from reads, and subscribers also poll.
   */
  readonly notify?: 'after-commit' | 'in-transaction';
  /** Close the SQL client with the store. Default true. */
  readonly closeClient?: boolean;
  readonly onBatch?: (batch: ReadBatchInfo) => void;
  /**
   * Group commit (group-commit.ts): appends that arrive while another is in
   * flight go together in one statement and one commit; a lone append still
   * goes at once. Default: on for PostgreSQL, off for PGlite (one embedded
   * connection: there is no round trip to share). An append that waits 3 s
   * for a group fails with AppendQueueTimeoutError, unsent.
   */
  readonly groupCommit?: boolean;
  /** Appends waiting that send a second group while one is in flight (GroupCommitOptions.overlapAt). */
  readonly groupOverlapAt?: number;
  /** Each append round trip (grouped or single), for monitoring and the benchmark. */
  readonly onAppendBatch?: (batch: AppendBatchInfo) => void;
}

interface EventRow {
  readonly sequence: string;
  readonly transaction_id: string;
  readonly stream_name: string;
  readonly version: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly recorded_at: string;
}

interface AppendRow {
  readonly version: number;
  readonly sequence: string;
  readonly transaction_id: string;
}

interface AppendBatchRow {
  readonly index: number;
  readonly status: 'appended' | 'conflict' | 'refused';
  readonly version: number | null;
  readonly sequence: string | null;
  readonly transaction_id: string | null;
}

/** One validated append, serialised once, as both paths take it. */
interface PendingAppend {
  readonly streamName: string;
  readonly expectedVersion: ExpectedVersion;
  readonly prepared: readonly PreparedEvent[];
  /** The events as one JSON array text. */
  readonly batch: string;
}

interface AppendFailureRow {
  readonly head_version: number;
  readonly event_id: string | null;
  readonly stream_name: string | null;
  readonly version: number | null;
  readonly type: string | null;
  readonly data: JsonObject | null;
  readonly metadata: JsonObject | null;
  readonly sequence: string | null;
  readonly transaction_id: string | null;
}

/** `'any'` appends retry this often when another writer takes the next version first. */
const MAX_ANY_ATTEMPTS = 20;

/**
 * The event store on PostgreSQL or PGlite: one implementation, the same SQL.
 * See schema.ts for the ordering rule that makes catch-up reads gap-free.
 */
export class SqlEventStore implements EventStore, RecordsGivenTime {
  /** `recorded_at` takes the caller's time when given (milliseconds, as it is read back). */
  readonly recordsGivenTime = true;
  private readonly sql: EventStoreSql;
  private readonly batchSize: number;
  private readonly maxEventBytes: number;
  private readonly pollIntervalMs: number;
  private readonly prefetch: boolean;
  private readonly notifyAfterCommit: boolean;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly groups: GroupCommitQueue<PendingAppend, AppendResult> | undefined;
  /** Without group commit, onAppendBatch still hears of every (single) append. */
  private readonly onLoneAppend: ((item: PendingAppend) => void) | undefined;
  private closed = false;

  private constructor(
    readonly client: SqlClient,
    private readonly options: SqlEventStoreOptions,
  ) {
    this.sql = eventStoreSql(options.schema ?? 'laurel');
    this.batchSize = positiveInteger('readBatchSize', options.readBatchSize ?? 500);
    this.maxEventBytes = positiveInteger('maxEventBytes', options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES);
    this.pollIntervalMs = positiveInteger('pollIntervalMs', options.pollIntervalMs ?? 1000);
    this.prefetch = options.prefetch ?? client.driver === 'postgres';
    this.notifyAfterCommit = (options.notify ?? 'after-commit') === 'after-commit';
    const onAppendBatch = options.onAppendBatch;
    if (options.groupCommit ?? client.driver === 'postgres') {
      this.groups = new GroupCommitQueue<PendingAppend, AppendResult>({
        appendAlone: (item) => this.appendAlone(item),
        appendGroup: (items) => this.appendGroup(items),
        isUnreachable: isStoreUnreachable,
        streamOf: (item) => item.streamName,
        bytesOf: payloadBytes,
        ...(options.groupOverlapAt !== undefined
          ? { overlapAt: positiveInteger('groupOverlapAt', options.groupOverlapAt) }
          : {}),
        ...(onAppendBatch ? { onBatch: onAppendBatch } : {}),
      });
    } else if (onAppendBatch) {
      this.onLoneAppend = (item) => onAppendBatch({ size: 1, bytes: payloadBytes(item), grouped: false });
    }
  }

  /** Creates the schema if needed (idempotent, safe to race) and returns the store. */
  static async create(client: SqlClient, options: SqlEventStoreOptions = {}): Promise<SqlEventStore> {
    const store = new SqlEventStore(client, options);
    const schema = options.schema ?? 'laurel';
    // CREATE ... IF NOT EXISTS can still collide when two processes race on a
    // fresh schema; a transaction-scoped advisory lock serialises them.
    await client.transaction(async (tx) => {
      await tx.query(store.sql.lockSchema, [schema]);
      for (const statement of store.sql.createSchema) await tx.query(statement);
    });
    return store;
  }

  /** The NOTIFY channel appends signal on. */
  get channel(): string {
    return this.sql.channel;
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
    // The batch goes over as one JSON text parameter, built from the strings
    // validation already produced, so no payload is serialised twice.
    let batch = '[';
    for (let i = 0; i < prepared.length; i++) {
      const event = prepared[i]!;
      if (i > 0) batch += ',';
      batch += `{"id":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)},"data":${event.dataJson},"metadata":${event.metadataJson}`;
      batch += event.recordedAt ? `,"recordedAt":"${event.recordedAt}"}` : '}';
    }
    batch += ']';
    const item: PendingAppend = { streamName, expectedVersion, prepared, batch };
    if (this.groups) return this.groups.submit(item);
    this.onLoneAppend?.(item);
    return this.appendAlone(item);
  }

  /**
   * The single path: one call of append_events, its own transaction.
   * `refused` says a group already tried this item and wrote nothing of it,
   * so the first step is to find out why.
   */
  private async appendAlone(item: PendingAppend, refused = false): Promise<AppendResult> {
    const { streamName, expectedVersion, prepared } = item;
    const expected = expectedVersion === 'any' ? -1 : expectedVersion;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1 || !refused) {
        try {
          const rows = await this.client.query<AppendRow>(
            this.sql.append,
            [streamName, expected, item.batch, !this.notifyAfterCommit],
            { prepare: true },
          );
          const row = rows[0];
          if (row) {
            if (this.notifyAfterCommit) this.client.notify(this.sql.channel);
            return {
              nextVersion: row.version,
              position: { commit: BigInt(row.transaction_id), prepare: BigInt(row.sequence) },
            };
          }
        } catch (error) {
          if (sqlErrorInfo(error).code !== UNIQUE_VIOLATION) throw error;
        }
      }
      const outcome = await this.explainFailedAppend(streamName, prepared);
      if (outcome.kind === 'repeat') return outcome.result;
      if (expectedVersion === 'any' && attempt < MAX_ANY_ATTEMPTS) continue;
      throw new ConcurrencyError(streamName, expectedVersion, outcome.actualVersion);
    }
  }

  /**
   * Several appends in one statement and one commit (append_event_batch).
   * Resolves once the group committed; an item the group refused is then
   * explained (and, for 'any', retried) exactly as on the single path.
   */
  private async appendGroup(items: readonly PendingAppend[]): Promise<Promise<AppendResult>[]> {
    let json = '[';
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (i > 0) json += ',';
      const expected = item.expectedVersion === 'any' ? -1 : item.expectedVersion;
      json += `{"stream":${JSON.stringify(item.streamName)},"expected":${expected},"events":${item.batch}}`;
    }
    json += ']';
    const rows = await this.client.query<AppendBatchRow>(this.sql.appendBatch, [json, !this.notifyAfterCommit], {
      prepare: true,
    });
    const byIndex = new Map<number, AppendBatchRow>();
    for (const row of rows) byIndex.set(row.index, row);
    if (byIndex.size !== items.length) {
      // Not with the function as written. Were it to happen, the queue replays the
      // group one by one, and idempotency makes whatever it did write a repeat.
      throw new Error(`append_event_batch answered ${rows.length} rows for ${items.length} appends`);
    }
    if (this.notifyAfterCommit && rows.some((row) => row.status === 'appended')) this.client.notify(this.sql.channel);
    return items.map((item, i) => {
      const row = byIndex.get(i)!;
      if (row.status !== 'appended') return this.appendAlone(item, true);
      return Promise.resolve({
        nextVersion: row.version!,
        position: { commit: BigInt(row.transaction_id!), prepare: BigInt(row.sequence!) },
      });
    });
  }

  /**
   * An append wrote nothing: either the version did not match, or an id is
   * already stored. Same ids with the same content, in order, in this stream,
   * is a repeat of an earlier append and returns its result.
   */
  private async explainFailedAppend(
    streamName: string,
    prepared: readonly PreparedEvent[],
  ): Promise<{ kind: 'repeat'; result: AppendResult } | { kind: 'conflict'; actualVersion: number }> {
    const rows = await this.client.query<AppendFailureRow>(this.sql.appendFailure, [
      streamName,
      prepared.map((e) => e.id),
    ]);
    const actualVersion = rows[0]?.head_version ?? 0;
    const stored = new Map<string, AppendFailureRow>();
    for (const row of rows) if (row.event_id !== null) stored.set(row.event_id, row);
    if (stored.size === 0) return { kind: 'conflict', actualVersion };

    let firstVersion = 0;
    for (let i = 0; i < prepared.length; i++) {
      const event = prepared[i]!;
      const row = stored.get(event.id);
      if (!row) {
        const other = prepared.find((e) => stored.has(e.id))!;
        throw new EventIdConflictError(other.id, streamName, 'stored by an append with a different batch of events');
      }
      if (row.stream_name !== streamName) {
        throw new EventIdConflictError(event.id, streamName, `already stored in stream ${row.stream_name}`);
      }
      if (i === 0) firstVersion = row.version!;
      if (
        row.version !== firstVersion + i ||
        row.type !== event.type ||
        stringify(row.data) !== stringify(event.data) ||
        stringify(row.metadata) !== stringify(event.metadata)
      ) {
        throw new EventIdConflictError(event.id, streamName, 'already stored with other content');
      }
    }
    const last = stored.get(prepared[prepared.length - 1]!.id)!;
    return {
      kind: 'repeat',
      result: {
        nextVersion: last.version!,
        position: { commit: BigInt(last.transaction_id!), prepare: BigInt(last.sequence!) },
      },
    };
  }

  async *readStream(streamName: string, options?: ReadStreamOptions): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    assertStreamName(streamName);
    const { direction, fromVersion, maxCount } = normaliseReadStreamOptions(options);
    const text = direction === 'forward' ? this.sql.readStreamForward : this.sql.readStreamBackward;
    let remaining = maxCount;
    let from = fromVersion;
    while (remaining > 0 && from >= 1) {
      this.assertOpen();
      const limit = Math.min(this.batchSize, remaining);
      const rows = await this.client.query<EventRow>(text, [streamName, from, limit], { prepare: true });
      this.options.onBatch?.({ operation: 'readStream', requested: limit, received: rows.length });
      for (const row of rows) yield toRecordedEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      const lastVersion = rows[rows.length - 1]!.version;
      from = direction === 'forward' ? lastVersion + 1 : lastVersion - 1;
    }
  }

  async streamVersion(streamName: string): Promise<number> {
    this.assertOpen();
    assertStreamName(streamName);
    const rows = await this.client.query<{ version: number }>(this.sql.streamVersion, [streamName], { prepare: true });
    return rows[0]?.version ?? 0;
  }

  async *readAll(options?: ReadAllOptions): AsyncGenerator<RecordedEvent> {
    for await (const page of this.readAllPages(options)) {
      for (const event of page) yield event;
    }
  }

  /**
   * readAll by whole pages (at most `readBatchSize` events each): for bulk
   * consumers such as the chain verifier, which would otherwise pay one await
   * per event.
   */
  async *readAllPages(options?: ReadAllOptions): AsyncGenerator<readonly RecordedEvent[]> {
    this.assertOpen();
    const { after, maxCount, streamPrefixes } = normaliseReadAllOptions(options);
    let remaining = maxCount;
    if (remaining <= 0) return;
    let limit = Math.min(this.batchSize, remaining);
    let pending: Promise<RecordedEvent[]> | undefined = this.fetchAllPage(after, limit, streamPrefixes, 'readAll');
    while (pending) {
      const page: RecordedEvent[] = await pending;
      pending = undefined;
      remaining -= page.length;
      if (page.length === limit && remaining > 0) {
        const requested = Math.min(this.batchSize, remaining);
        const fetchNext = (): Promise<RecordedEvent[]> =>
          this.fetchAllPage(page[page.length - 1]!.position, requested, streamPrefixes, 'readAll');
        limit = requested;
        if (this.prefetch) {
          pending = fetchNext();
          // Handled when awaited; this only keeps an abandoned prefetch from being reported as unhandled.
          pending.catch(() => undefined);
          yield page;
        } else {
          yield page;
          this.assertOpen();
          pending = fetchNext();
        }
      } else {
        if (page.length > 0) yield page;
      }
    }
  }

  /** One page of settled events strictly after `after`, in position order. */
  async fetchAllPage(
    after: Position,
    limit: number,
    streamPrefixes: readonly string[],
    operation: ReadBatchInfo['operation'],
  ): Promise<RecordedEvent[]> {
    const from =
      after.commit < 0n
        ? { commit: '0', prepare: '-1' }
        : { commit: String(after.commit), prepare: String(after.prepare) };
    const rows =
      streamPrefixes.length === 0
        ? await this.client.query<EventRow>(this.sql.readAll, [from.commit, from.prepare, limit], { prepare: true })
        : await this.client.query<EventRow>(
            this.sql.readAllByPrefix,
            [from.commit, from.prepare, limit, streamPrefixes.map(likePrefix)],
            { prepare: true },
          );
    this.options.onBatch?.({ operation, requested: limit, received: rows.length });
    const events = new Array<RecordedEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) events[i] = toRecordedEvent(rows[i]!);
    return events;
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    const after = normalisePosition(options.after);
    const prefixes = normalisePrefixes(options.streamPrefixes);
    const subscription: PollingSubscription = new PollingSubscription({
      after,
      batchSize: this.batchSize,
      pollIntervalMs: this.pollIntervalMs,
      fetchPage: (from, limit) => this.fetchAllPage(from, limit, prefixes, 'subscribe'),
      listen: (onNotify) => this.client.listen(this.sql.channel, onNotify),
      onEvent: options.onEvent,
      ...(options.onError ? { onError: options.onError } : {}),
      ...(options.onCaughtUp ? { onCaughtUp: options.onCaughtUp } : {}),
      onStopped: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  /** The last settled event's position: nothing can appear at or before it later. */
  async headPosition(): Promise<Position> {
    this.assertOpen();
    const rows = await this.client.query<{ transaction_id: string; sequence: string }>(this.sql.headPosition, [], {
      prepare: true,
    });
    const row = rows[0];
    return row ? { commit: BigInt(row.transaction_id), prepare: BigInt(row.sequence) } : START;
  }

  async positionCeiling(): Promise<Position> {
    this.assertOpen();
    // xmax of the current snapshot: the first transaction id not yet assigned, on PostgreSQL and PGlite alike.
    const rows = await this.client.query<{ xmax: string }>(
      'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax',
      [],
      { prepare: true },
    );
    return { commit: BigInt(rows[0]!.xmax), prepare: 0n };
  }

  async settledBelow(position: Position): Promise<boolean> {
    this.assertOpen();
    // Transaction ids start above zero: nothing lies below START or any position before the first id.
    if (position.commit <= 0n) return true;
    // Settled means older than every transaction still running (the snapshot's xmin), as `headPosition` reads it.
    const rows = await this.client.query<{ settled: boolean }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::text::xid8 AS settled',
      [position.commit.toString()],
      { prepare: true },
    );
    return rows[0]!.settled === true;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.groups?.close();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.options.closeClient ?? true) await this.client.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamName: row.stream_name,
    version: row.version,
    position: { commit: BigInt(row.transaction_id), prepare: BigInt(row.sequence) },
    recordedAt: row.recorded_at,
  };
}

function payloadBytes(item: PendingAppend): number {
  return Buffer.byteLength(item.batch, 'utf8');
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
