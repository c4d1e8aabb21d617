import { START, comparePositions, type Position } from '../event-store/port';
import type { SqlClient } from '../event-store/sql/sql-client';
import { projectionTables, type ProjectionTables } from './schema';

export interface CheckpointWatcherOptions {
  readonly sql: SqlClient;
  /** Schema of the read models. Default `laurel`. */
  readonly schema?: string;
  /** Checkpoint row name. Default `read_models` (the runner's default). */
  readonly name?: string;
  /** While someone waits, the checkpoint is re-read this often even without a notification. Default 100 ms. */
  readonly pollIntervalMs?: number;
}

interface Waiter {
  readonly position: Position;
  readonly resolve: (reached: boolean) => void;
  timer?: NodeJS.Timeout;
}

/**
 * Read-your-writes for a process that reads the read models but does not run
 * the ProjectionRunner (an API process beside a separate runner on
 * PostgreSQL). It re-reads the stored checkpoint when a runner announces a
 * commit (NOTIFY on the schema's progress channel) and, while anyone waits,
 * on a short poll, since notifications may be lost.
 */
export class CheckpointWatcher {
  private readonly tables: ProjectionTables;
  private readonly name: string;
  private readonly pollIntervalMs: number;
  private readonly waiters = new Set<Waiter>();
  private reached: Position = START;
  private unlisten: (() => Promise<void>) | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private closed = false;

  private constructor(private readonly options: CheckpointWatcherOptions) {
    this.tables = projectionTables(options.schema ?? 'laurel');
    this.name = options.name ?? 'read_models';
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
  }

  static async open(options: CheckpointWatcherOptions): Promise<CheckpointWatcher> {
    const watcher = new CheckpointWatcher(options);
    watcher.unlisten = await options.sql.listen(watcher.tables.progressChannel, () => watcher.refresh());
    await watcher.read();
    return watcher;
  }

  /** The checkpoint as last read. */
  position(): Position {
    return this.reached;
  }

  /** True once the stored checkpoint is at or past `position`, false after `timeoutMs`. */
  async waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    if (comparePositions(this.reached, position) >= 0) return true;
    // The runner may have moved on since the last notification we heard.
    await this.read();
    if (comparePositions(this.reached, position) >= 0) return true;
    if (timeoutMs <= 0 || this.closed) return false;
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = { position, resolve };
      waiter.timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
      this.schedulePoll();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
    this.waiters.clear();
    await this.unlisten?.();
    await this.reading;
  }

  private schedulePoll(): void {
    if (this.pollTimer || this.closed || this.waiters.size === 0) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      this.refresh();
      this.schedulePoll();
    }, this.pollIntervalMs);
  }

  /** Reads the checkpoint, at most one read in flight (and one more queued behind it). */
  private refresh(): void {
    if (this.closed) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.read()
      .catch(() => undefined)
      .finally(() => {
        this.reading = undefined;
        if (this.readAgain) {
          this.readAgain = false;
          this.refresh();
        }
      });
  }

  private async read(): Promise<void> {
    const rows = await this.options.sql.query<{ position_commit: string; position_prepare: string }>(
      `SELECT position_commit::text AS position_commit, position_prepare::text AS position_prepare
       FROM ${this.tables.checkpoints} WHERE name = $1`,
      [this.name],
      { prepare: true },
    );
    const row = rows[0];
    // A rebuild moves the checkpoint back to START: follow it down as well as up.
    this.reached = row ? { commit: BigInt(row.position_commit), prepare: BigInt(row.position_prepare) } : START;
    for (const waiter of this.waiters) {
      if (comparePositions(this.reached, waiter.position) >= 0) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve(true);
      }
    }
  }
}
