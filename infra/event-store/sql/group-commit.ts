import { StoreClosedError } from '../errors';

/**
 * Group commit for appends: PostgreSQL pays one round trip and one commit
 * (a WAL flush) per transaction, so appends that arrive while another is on
 * its way to the server wait for it, then go together in one statement and
 * one transaction. A lone append never waits: with nothing in flight it goes
 * at once on its own.
 *
 * The queue knows nothing of SQL: the store gives it the single path
 * (`appendAlone`) and the grouped one (`appendGroup`), and tells it which
 * errors mean the server could not be reached.
 */

/** Round trips, for monitoring and the benchmark's counts. */
export interface AppendBatchInfo {
  /** Appends carried by the round trip. */
  readonly size: number;
  /** Their payload as sent (UTF-8 bytes of the events' JSON). */
  readonly bytes: number;
  /** True when the appends went as one group (one statement, one commit); false for the single path. */
  readonly grouped: boolean;
}

/**
 * An append waited too long for a group to take it: the store is overloaded or
 * stuck on something. Nothing of it was sent, so nothing was written; retry
 * later. Like an unreachable store, it deserves a 503, not a 500.
 */
export class AppendQueueTimeoutError extends Error {
  readonly code = 'append_queue_timeout';

  constructor(
    readonly streamName: string,
    readonly waitedMs: number,
  ) {
    super(`the append to ${streamName} waited ${waitedMs} ms for the event store and was not sent; retry later`);
    this.name = 'AppendQueueTimeoutError';
  }
}

export interface GroupCommitOptions<T, R> {
  /** The single path: one append, its own round trip (and its own follow-ups, e.g. an idempotency check). */
  appendAlone(item: T): Promise<R>;
  /**
   * One round trip for every item, in the order given. Resolves once the
   * group committed, to each item's outcome (which may still need a read of
   * its own, e.g. a refusal checked for a repeat); rejects if the group as a
   * whole failed, and then nothing of it was written.
   */
  appendGroup(items: readonly T[]): Promise<readonly Promise<R>[]>;
  /** Errors that say the server is out of reach: replaying one by one would only fail again, slower. */
  isUnreachable(error: unknown): boolean;
  streamOf(item: T): string;
  bytesOf(item: T): number;
  onBatch?: (info: AppendBatchInfo) => void;
  /** Default 64: one subtransaction per item stays within PostgreSQL's cache of 64 per transaction. */
  readonly maxGroupSize?: number;
  /** Default 1 MiB. One item larger than that still goes, alone. */
  readonly maxGroupBytes?: number;
  /** Groups in flight at once when a full group waits. Default 4; normally one. */
  readonly maxGroupsInFlight?: number;
  /** Default 3 s. */
  readonly queueTimeoutMs?: number;
  /**
   * Appends waiting that send a second group while one is in flight. Default 8:
   * with 16 writers on PostgreSQL, 8,300–8,700 appends/s against 5,900–6,500
   * with one group at a time (12 gave 7,900–8,300; 4, 7,500–8,100).
   */
  readonly overlapAt?: number;
}

interface Waiting<T, R> {
  readonly item: T;
  readonly bytes: number;
  readonly stream: string;
  readonly since: number;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

export const GROUP_COMMIT_DEFAULTS = {
  maxGroupSize: 64,
  maxGroupBytes: 1024 * 1024,
  maxGroupsInFlight: 4,
  queueTimeoutMs: 3_000,
  overlapAt: 8,
} as const;

export class GroupCommitQueue<T, R> {
  private readonly maxGroupSize: number;
  private readonly maxGroupBytes: number;
  private readonly maxGroupsInFlight: number;
  private readonly queueTimeoutMs: number;
  private readonly overlapAt: number;
  /** Streams of the appends in flight, with how many of them each has. */
  private readonly flyingStreams = new Map<string, number>();
  /** In arrival order: the oldest first, so the ones to time out are always a prefix. */
  private waiting: Waiting<T, R>[] = [];
  private waitingBytes = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: GroupCommitOptions<T, R>) {
    this.maxGroupSize = options.maxGroupSize ?? GROUP_COMMIT_DEFAULTS.maxGroupSize;
    this.maxGroupBytes = options.maxGroupBytes ?? GROUP_COMMIT_DEFAULTS.maxGroupBytes;
    this.maxGroupsInFlight = options.maxGroupsInFlight ?? GROUP_COMMIT_DEFAULTS.maxGroupsInFlight;
    this.queueTimeoutMs = options.queueTimeoutMs ?? GROUP_COMMIT_DEFAULTS.queueTimeoutMs;
    this.overlapAt = options.overlapAt ?? GROUP_COMMIT_DEFAULTS.overlapAt;
  }

  submit(item: T): Promise<R> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({
        item,
        bytes: this.options.bytesOf(item),
        stream: this.options.streamOf(item),
        since: Date.now(),
        resolve,
        reject,
      });
      this.waitingBytes += this.waiting[this.waiting.length - 1]!.bytes;
      this.pump();
    });
  }

  /** Refuses what still waits (nothing of it was sent); what is in flight finishes. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = this.waiting;
    this.waiting = [];
    this.waitingBytes = 0;
    for (const entry of waiting) entry.reject(new StoreClosedError());
  }

  /**
   * One group in flight normally: the next forms while it travels. A second
   * once `overlapAt` appends wait: a group that size already shares its commit
   * that many ways, and its wait for the WAL flush then overlaps the first's
   * instead of queueing behind it. More (up to maxGroupsInFlight connections)
   * only when a full group already waits, since waiting longer could not make
   * it any bigger. No group goes beside another while it holds a stream of
   * one in flight.
   */
  private pump(): void {
    while (
      this.waiting.length > 0 &&
      (this.inFlight === 0 ||
        // The counts first: the stream check walks the waiting list.
        (((this.inFlight === 1 && this.waiting.length >= this.overlapAt) ||
          (this.inFlight < this.maxGroupsInFlight && this.fullGroupWaits())) &&
          !this.waitsOnFlyingStream()))
    ) {
      void this.fly(this.takeGroup());
    }
    this.armTimer();
  }

  /**
   * A stream of the group in flight is also in the waiting one: the second
   * group would check its version before the first commits and see a
   * conflict that one after the other would not have, so it waits.
   */
  private waitsOnFlyingStream(): boolean {
    return this.waiting.some((entry) => this.flyingStreams.has(entry.stream));
  }

  private fullGroupWaits(): boolean {
    return this.waiting.length >= this.maxGroupSize || this.waitingBytes >= this.maxGroupBytes;
  }

  private takeGroup(): Waiting<T, R>[] {
    let count = 0;
    let bytes = 0;
    while (
      count < this.waiting.length &&
      count < this.maxGroupSize &&
      (count === 0 || bytes + this.waiting[count]!.bytes <= this.maxGroupBytes)
    ) {
      bytes += this.waiting[count]!.bytes;
      count++;
    }
    this.waitingBytes -= bytes;
    return this.waiting.splice(0, count);
  }

  private async fly(group: Waiting<T, R>[]): Promise<void> {
    this.inFlight++;
    for (const entry of group) this.flyingStreams.set(entry.stream, (this.flyingStreams.get(entry.stream) ?? 0) + 1);
    try {
      const bytes = group.reduce((sum, entry) => sum + entry.bytes, 0);
      if (group.length === 1) {
        // Nothing to share a round trip with: the single path is the cheaper one.
        const entry = group[0]!;
        this.options.onBatch?.({ size: 1, bytes, grouped: false });
        await this.options.appendAlone(entry.item).then(entry.resolve, entry.reject);
        return;
      }
      // One lock order for every group (Array.prototype.sort is stable, so one
      // stream's appends keep their arrival order): two groups in flight that
      // touch the same streams wait for each other, never deadlock.
      group.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
      this.options.onBatch?.({ size: group.length, bytes, grouped: true });
      let outcomes: readonly Promise<R>[];
      try {
        outcomes = await this.options.appendGroup(group.map((entry) => entry.item));
      } catch (error) {
        if (this.options.isUnreachable(error)) {
          for (const entry of group) entry.reject(error);
        } else {
          await this.replay(group);
        }
        return;
      }
      group.forEach((entry, i) => void outcomes[i]!.then(entry.resolve, entry.reject));
    } catch (error) {
      // Only a bug gets here (a throwing onBatch, say); settling twice is a no-op, so no caller is left hanging.
      for (const entry of group) entry.reject(error);
    } finally {
      this.inFlight--;
      for (const entry of group) {
        const left = this.flyingStreams.get(entry.stream)! - 1;
        if (left === 0) this.flyingStreams.delete(entry.stream);
        else this.flyingStreams.set(entry.stream, left);
      }
      this.pump();
    }
  }

  /**
   * The group failed as a whole for a reason of the server's (a lock
   * timeout, a deadlock, something one item's content provoked) and wrote
   * nothing: each item goes again on the single path, so each caller gets its
   * own true outcome. Streams replay side by side, each stream's items one
   * after another in arrival order, as the group would have applied them.
   */
  private async replay(group: readonly Waiting<T, R>[]): Promise<void> {
    const byStream = new Map<string, Waiting<T, R>[]>();
    for (const entry of group) {
      const list = byStream.get(entry.stream);
      if (list) list.push(entry);
      else byStream.set(entry.stream, [entry]);
    }
    await Promise.all(
      [...byStream.values()].map(async (entries) => {
        for (const entry of entries) await this.options.appendAlone(entry.item).then(entry.resolve, entry.reject);
      }),
    );
  }

  /** One timer, for the oldest waiting append; those that time out are always at the front. */
  private armTimer(): void {
    if (this.waiting.length === 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      return;
    }
    if (this.timer) return;
    const due = this.waiting[0]!.since + this.queueTimeoutMs - Date.now();
    this.timer = setTimeout(() => this.expire(), Math.max(0, due));
    // Something is always in flight while appends wait, and it keeps the process up; the timer need not.
    this.timer.unref();
  }

  private expire(): void {
    this.timer = undefined;
    const now = Date.now();
    let count = 0;
    while (count < this.waiting.length && now - this.waiting[count]!.since >= this.queueTimeoutMs) count++;
    const expired = this.waiting.splice(0, count);
    for (const entry of expired) {
      this.waitingBytes -= entry.bytes;
      entry.reject(new AppendQueueTimeoutError(entry.stream, now - entry.since));
    }
    this.armTimer();
  }
}
