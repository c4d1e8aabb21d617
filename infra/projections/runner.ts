// Over 400 lines, one class: the subscription, the queue, the generation counter and the checkpoint change
// together, and splitting them would scatter that hazard. Its SQL, options and waiters are modules of their
// own (runner-sql.ts, runner-types.ts, position-waiters.ts).
import { ChainedEventStore } from '../audit/chained-event-store';
import {
  START,
  comparePositions,
  formatPosition,
  readAllInPages,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '../event-store/port';
import type { SqlQueryable } from '../event-store/sql/sql-client';
import { SqlEventStore } from '../event-store/sql/sql-event-store';
import { NominationList } from './nomination-list/nomination-list';
import { NominationListProjection } from './nomination-list/nomination-list.projection';
import { NOMINATION_STREAM_PREFIX, nominationIdOfStream } from '@laurel/domain';
import { advance, untracked, type NominationChange, type Projection } from './projection';
import { projectionTables, type ProjectionTables } from './schema';
import { Publication } from './statistics/publication';
import { Statistics } from './statistics/statistics';
import { StatisticsProjection } from './statistics/statistics.projection';
import { TaskInbox } from './task-inbox/task-inbox';
import { TaskInboxProjection } from './task-inbox/task-inbox.projection';
import { PositionWaiters } from './position-waiters';
import { SESSION_STREAM_PREFIXES } from './sessions/session-rows';
import { SessionReadModel } from './sessions/sessions';
import { sessionProjections } from './sessions/sessions.projection';
import {
  batchSql,
  checkpointSql,
  countNominationEvents,
  MAX_WRITE_ATTEMPTS,
  toCheckpoint,
  type BatchReadRow,
  type Checkpoint,
  type CheckpointRow,
} from './runner-sql';
import {
  ProjectionEpochChangedError,
  type ProjectionRunnerOptions,
  type RebuildProgress,
  type RebuildResult,
  type RunnerStats,
} from './runner-types';

export * from './runner-types';

const MAX_RETRY_DELAY_MS = 30_000;

/** How long a read-your-writes wait trusts the position to be a nomination event before asking the store. */
const DIRECT_WAIT_MS = 100;

/** The streams the read models follow: the nominations, and the sessions that drive them. */
const FOLLOWED = [NOMINATION_STREAM_PREFIX, ...SESSION_STREAM_PREFIXES];

/**
 * Feeds the read models from the store's catch-up subscription. Each batch of
 * events is applied to every projection in ONE transaction (one statement)
 * that also moves the checkpoint, skipping events at or before it and writing
 * nothing if the checkpoint moved meanwhile: a repeated delivery, a restart or
 * a second runner on the same database never applies an event twice.
 *
 * Batching: the subscription hands events over one by one; they queue and are
 * flushed on the next turn of the event loop, so a lone event is applied at
 * once and a backlog goes through `maxBatch` at a time. A full queue makes the
 * subscription wait (back-pressure).
 */
export class ProjectionRunner {
  readonly tables: ProjectionTables;
  readonly taskInbox: TaskInbox;
  readonly nominations: NominationList;
  readonly statistics: Statistics;
  readonly publication: Publication;
  readonly sessions: SessionReadModel;
  private readonly name: string;
  private readonly maxBatch: number;
  private readonly list: NominationListProjection;
  private readonly projections: readonly Projection[];
  private readonly checkpointText: ReturnType<typeof checkpointSql>;
  private readonly batchText: ReturnType<typeof batchSql>;
  /** Channel whose NOTIFY wakes the store's subscriptions (PostgreSQL store only). */
  private readonly storeChannel: string | undefined;
  private readonly sqlStore: SqlEventStore | undefined;

  private status: RunnerStats['status'] = 'stopped';
  private epoch = 0;
  /** Bumped whenever the subscription is replaced, so stale deliveries and flushes are dropped. */
  private generation = 0;
  private subscription: Subscription | undefined;
  private queue: RecordedEvent[] = [];
  private flushScheduled = false;
  private flushing: Promise<void> = Promise.resolve();
  private retryTimer: NodeJS.Timeout | undefined;
  private consecutiveFailures = 0;
  private readonly progress = new PositionWaiters();
  private counters = { appliedEvents: 0, batches: 0, lastBatchSize: 0, restarts: 0 };
  private lastLagMs: number | undefined;
  private lastError: string | undefined;

  private constructor(private readonly options: ProjectionRunnerOptions) {
    this.tables = projectionTables(options.schema ?? 'laurel');
    this.name = options.name ?? 'read_models';
    this.maxBatch = options.maxBatch ?? 500;
    if (!Number.isInteger(this.maxBatch) || this.maxBatch < 1)
      throw new TypeError('maxBatch must be a positive integer');
    this.list = new NominationListProjection(this.tables);
    // The list goes first: it stores the states the next batch evolves from.
    this.projections = [
      this.list,
      new TaskInboxProjection(this.tables, options.rules),
      new StatisticsProjection(this.tables, options.rules?.policies),
      ...sessionProjections(this.tables),
    ];
    this.taskInbox = new TaskInbox(options.sql, this.tables);
    this.nominations = new NominationList(options.sql, this.tables, options.list);
    this.statistics = new Statistics(options.sql, this.tables);
    this.publication = new Publication(options.sql, this.tables);
    this.sessions = new SessionReadModel(options.sql, this.tables);
    this.checkpointText = checkpointSql(this.tables);
    this.batchText = batchSql(this.tables, this.list, this.projections);
    const inner = options.store instanceof ChainedEventStore ? options.store.inner : options.store;
    this.sqlStore = inner instanceof SqlEventStore ? inner : undefined;
    // PGlite runs one transaction at a time, so nothing is held back there.
    this.storeChannel = this.sqlStore && options.sql.driver === 'postgres' ? this.sqlStore.channel : undefined;
  }

  /** Creates the tables if needed (idempotent, safe to race) and returns a stopped runner. */
  static async create(options: ProjectionRunnerOptions): Promise<ProjectionRunner> {
    const runner = new ProjectionRunner(options);
    const { tables } = runner;
    await options.sql.transaction(async (tx) => {
      await tx.query(tables.lockSchema, [tables.schema]);
      // A database from before the statistics table: its checkpoint is past
      // events the new table never saw, so every read model starts over
      // (emptied, epoch bumped) and the runner replays the store into them.
      // The same for a database from before the sessions tables.
      const existed = await tx.query<{
        statistics: string | null;
        checkpoints: string | null;
        sessions: string | null;
      }>(
        `SELECT to_regclass($1)::text AS statistics, to_regclass($2)::text AS checkpoints,
          to_regclass($3)::text AS sessions`,
        [tables.statistics, tables.checkpoints, tables.sessionHeader],
      );
      for (const statement of tables.createSchema) await tx.query(statement);
      if (existed[0]?.checkpoints && !(existed[0].statistics && existed[0].sessions)) {
        await tx.query(
          `TRUNCATE ${tables.taskInbox}, ${tables.nominationList}, ${tables.statistics}, ${tables.sessionHeader}, ${tables.sessionItems}`,
        );
        await tx.query(runner.checkpointText.reset, [runner.name]);
      }
      await tx.query(runner.checkpointText.ensure, [runner.name]);
    });
    return runner;
  }

  /** Subscribes from the stored checkpoint. Resolves once subscribed, not once caught up (see `waitFor`). */
  async start(): Promise<void> {
    if (this.status !== 'stopped') return;
    const checkpoint = await this.readCheckpoint(this.options.sql);
    this.status = 'running';
    this.follow(checkpoint);
  }

  /** Stops the subscription; resolves once no batch is being applied. */
  async stop(): Promise<void> {
    if (this.status === 'running') this.status = 'stopped';
    this.generation++;
    this.queue = [];
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
    await this.flushing;
  }

  /** The position the read models have reached (every event at or before it is applied). */
  position(): Position {
    return this.progress.reached;
  }

  /**
   * Read-your-writes: resolves true once the read models have applied
   * `position` (for instance an append's result), false after `timeoutMs`.
   */
  async waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    const started = Date.now();
    // A nomination's own write is usually applied within moments: wait for it as it is first,
    // so the common read-your-writes path adds no store read.
    if (await this.progress.waitFor(position, Math.min(timeoutMs, DIRECT_WAIT_MS))) return true;
    // The read models follow nomination and session streams only, so the position of another stream's
    // event (a campaign's, a dossier's, a decision list's) is never delivered here: it is reached once the
    // last nomination event at or before it is applied, at once when there is none.
    const target = await this.lastNominationEventUpTo(position);
    const left = (): number => Math.max(0, timeoutMs - (Date.now() - started));
    if (target !== undefined) return this.progress.waitFor(target, left());
    // No nomination event up to it: reached, if the position exists at all.
    if (comparePositions(await this.options.store.headPosition(), position) >= 0) return true;
    return this.progress.waitFor(position, left());
  }

  private async lastNominationEventUpTo(position: Position): Promise<Position | undefined> {
    let last: Position | undefined;
    const events = this.options.store.readAll({
      after: this.progress.reached,
      streamPrefixes: FOLLOWED,
    });
    for await (const event of events) {
      if (comparePositions(event.position, position) > 0) break;
      last = event.position;
    }
    return last;
  }

  stats(): RunnerStats {
    return {
      status: this.status,
      position: formatPosition(this.progress.reached),
      ...this.counters,
      lastLagMs: this.lastLagMs,
      lastError: this.lastError,
    };
  }

  /**
   * Empties the read models and the checkpoint, replays every nomination
   * event from the store, and resumes following if the runner was running.
   * Readers see the models fill up again while it runs.
   */
  async rebuild(options: { onProgress?: (progress: RebuildProgress) => void } = {}): Promise<RebuildResult> {
    if (this.status === 'rebuilding') throw new Error('a rebuild is already running');
    const wasRunning = this.status === 'running';
    await this.stop();
    this.status = 'rebuilding';
    const started = Date.now();
    try {
      const head = await this.options.store.headPosition();
      const total = await this.countEvents(head);
      await this.options.sql.transaction(async (tx) => {
        const { taskInbox, nominationList, statistics, sessionHeader, sessionItems } = this.tables;
        await tx.query(`TRUNCATE ${taskInbox}, ${nominationList}, ${statistics}, ${sessionHeader}, ${sessionItems}`);
        const rows = await tx.query<{ epoch: number }>(this.checkpointText.reset, [this.name]);
        this.epoch = rows[0]!.epoch;
      });
      this.resetTo(START);
      let done = 0;
      let position: Position = START;
      options.onProgress?.({ done, total, position });
      for await (const page of readAllInPages(this.options.store, { streamPrefixes: FOLLOWED })) {
        for (let i = 0; i < page.length; i += this.maxBatch) {
          await this.applyBatch(page.slice(i, i + this.maxBatch), false);
        }
        done += page.length;
        position = page[page.length - 1]!.position;
        options.onProgress?.({ done, total: total === undefined ? undefined : Math.max(total, done), position });
      }
      const counts = await this.options.sql.query<{ nominations: string; tasks: string }>(
        `SELECT (SELECT count(*) FROM ${this.tables.nominationList})::text AS nominations,
          (SELECT count(*) FROM ${this.tables.taskInbox})::text AS tasks`,
      );
      return {
        events: done,
        nominations: Number(counts[0]?.nominations ?? 0),
        tasks: Number(counts[0]?.tasks ?? 0),
        durationMs: Date.now() - started,
        position,
      };
    } finally {
      this.status = 'stopped';
      if (wasRunning) await this.start();
    }
  }

  // ─── Following the store ──────────────────────────────────────────────────

  private follow(from: Checkpoint): void {
    const generation = ++this.generation;
    this.epoch = from.epoch;
    this.advanceTo(from.position);
    this.subscription = this.options.store.subscribe({
      after: from.position,
      streamPrefixes: FOLLOWED,
      onEvent: (event) => this.enqueue(generation, event),
      onError: (error) => this.failed(generation, error),
    });
  }

  private enqueue(generation: number, event: RecordedEvent): Promise<void> | undefined {
    if (generation !== this.generation) return undefined;
    this.queue.push(event);
    if (this.queue.length >= this.maxBatch) return this.flush(generation);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // After the rest of the current page has been queued (the subscription
      // delivers it synchronously), so a page becomes one transaction.
      setImmediate(() => {
        this.flushScheduled = false;
        // The generation at this moment: the queue only ever holds the current one's events.
        const current = this.generation;
        this.flush(current).catch((error: unknown) => this.failed(current, error));
      });
    }
    return undefined;
  }

  /** Applies the queue batch by batch; one flush at a time. */
  private flush(generation: number): Promise<void> {
    const run = this.flushing.then(async () => {
      while (generation === this.generation && this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.applyBatch(batch, true);
      }
    });
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private failed(generation: number, error: unknown): void {
    if (generation !== this.generation || this.status !== 'running') return;
    this.generation++;
    this.queue = [];
    this.lastError = error instanceof Error ? error.message : String(error);
    this.counters.restarts++;
    this.options.onError?.(error);
    const subscription = this.subscription;
    this.subscription = undefined;
    const delay = Math.min((this.options.retryDelayMs ?? 500) * 2 ** this.consecutiveFailures, MAX_RETRY_DELAY_MS);
    this.consecutiveFailures++;
    void (async () => {
      await subscription?.stop().catch(() => undefined);
      await this.flushing;
      if (this.status !== 'running') return;
      this.retryTimer = setTimeout(() => void this.resume(), delay);
    })();
  }

  /** Re-reads the checkpoint (another process may have moved it or rebuilt) and follows from there. */
  private async resume(): Promise<void> {
    this.retryTimer = undefined;
    if (this.status !== 'running') return;
    const generation = this.generation;
    try {
      const checkpoint = await this.readCheckpoint(this.options.sql);
      if (this.status !== 'running' || generation !== this.generation) return;
      if (checkpoint.epoch !== this.epoch) this.resetTo(START);
      this.follow(checkpoint);
    } catch (error) {
      this.failed(generation, error);
    }
  }

  // ─── One statement per batch ──────────────────────────────────────────────

  /**
   * Applies a batch in two round trips: one read (checkpoint and the stored
   * states of the batch's nominations, one snapshot, no lock) and one write
   * statement — a single transaction — that moves the checkpoint only if it
   * is still where the read found it, and writes every projection's rows only
   * if it moved. If another runner got there first, nothing is written and
   * the batch is read and folded again. The write holds a transaction id
   * only for its own duration, which keeps it from holding back the store's
   * catch-up reads (see event-store/sql/schema.ts).
   */
  private async applyBatch(batch: readonly RecordedEvent[], live: boolean): Promise<void> {
    if (batch.length === 0) return;
    const ids = new Set<string>();
    for (const event of batch) {
      const id = nominationIdOfStream(event.streamName);
      if (id !== undefined) ids.add(id);
    }
    const { sql } = this.options;
    for (let attempt = 1; ; attempt++) {
      const read = (await sql.query<BatchReadRow>(this.batchText.read, [this.name, [...ids]], { prepare: true }))[0];
      if (!read) {
        // Someone deleted the row by hand: start it again.
        await sql.query(this.checkpointText.ensure, [this.name]);
        continue;
      }
      const checkpoint = toCheckpoint(read);
      if (checkpoint.epoch !== this.epoch) throw new ProjectionEpochChangedError(this.epoch, checkpoint.epoch);
      const fresh = batch.filter((event) => comparePositions(event.position, checkpoint.position) > 0);
      if (fresh.length === 0) {
        this.advanceTo(checkpoint.position);
        return;
      }

      const tracked = this.list.parseStates(read.states);
      const changes: NominationChange[] = [];
      const sessionEvents: RecordedEvent[] = [];
      for (const event of fresh) {
        const id = nominationIdOfStream(event.streamName);
        if (id === undefined) {
          sessionEvents.push(event);
          continue;
        }
        const change = advance(tracked.get(id) ?? untracked(id, event), event);
        if (!change) continue;
        changes.push(change);
        tracked.set(id, change.after);
      }
      const position = fresh[fresh.length - 1]!.position;
      const written = await sql.query<{ moved: number }>(
        this.batchText.write,
        [
          this.name,
          position.commit.toString(),
          position.prepare.toString(),
          checkpoint.position.commit.toString(),
          checkpoint.position.prepare.toString(),
          checkpoint.epoch,
          ...this.projections.map((projection) => JSON.stringify(projection.rows(changes, sessionEvents))),
        ],
        { prepare: true },
      );
      if (written[0]?.moved !== 1) {
        if (attempt >= MAX_WRITE_ATTEMPTS) throw new Error(`checkpoint ${this.name} kept moving under this runner`);
        continue;
      }
      this.applied(position, fresh, live);
      return;
    }
  }

  private applied(position: Position, events: readonly RecordedEvent[], live: boolean): void {
    // Runners and waiters in other processes re-read the checkpoint.
    this.options.sql.notify(this.tables.progressChannel);
    // The write held an xid, so appends that began meanwhile stayed invisible
    // to catch-up reads until it committed, and their own wake-up may already
    // have been spent: wake the subscriptions rather than leave them to poll.
    if (this.storeChannel) this.options.sql.notify(this.storeChannel);
    this.consecutiveFailures = 0;
    this.counters.batches++;
    this.counters.lastBatchSize = events.length;
    this.counters.appliedEvents += events.length;
    this.advanceTo(position);
    if (live) {
      const now = Date.now();
      for (const event of events) {
        const lag = Math.max(0, now - Date.parse(event.recordedAt));
        this.lastLagMs = lag;
        this.options.onApplied?.(event, lag);
      }
    }
  }

  private async readCheckpoint(sql: SqlQueryable): Promise<Checkpoint> {
    const rows = await sql.query<CheckpointRow>(this.checkpointText.read, [this.name]);
    return rows[0] ? toCheckpoint(rows[0]) : { position: START, epoch: 1 };
  }

  private advanceTo(position: Position): void {
    this.progress.advanceTo(position);
  }

  private resetTo(position: Position): void {
    this.progress.resetTo(position);
  }

  private countEvents(upTo: Position): Promise<number | undefined> {
    if (this.options.countEvents) return this.options.countEvents(upTo);
    return countNominationEvents(this.sqlStore, this.tables.schema, upTo);
  }
}
