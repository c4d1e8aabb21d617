import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { QueryOptions, SqlClient, SqlQueryable } from './sql-client';

export interface PgliteClientOptions {
  /** Close the PGlite instance when the client closes (true when this module created it). */
  readonly ownsInstance?: boolean;
}

/**
 * PGlite runs one backend in this process: every query is serialised, so there
 * is nothing to pool. Notifications are delivered in-process by `db.listen`.
 */
export class PgliteSqlClient implements SqlClient {
  readonly driver = 'pglite';
  private closed = false;
  private readonly local = new Map<string, Set<() => void>>();

  constructor(
    readonly db: PGlite,
    private readonly options: PgliteClientOptions = {},
  ) {}

  /** Opens (creating if needed) a database in `dataDir`, or in memory for `memory://`. */
  static async open(dataDir: string): Promise<PgliteSqlClient> {
    // Loaded on demand: apps on PostgreSQL or KurrentDB never pay for the WASM runtime.
    const { PGlite } = await import('@electric-sql/pglite');
    // PGlite creates the data folder itself but not its parents.
    if (!dataDir.includes('://')) await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
    const db = await PGlite.create(dataDir);
    return new PgliteSqlClient(db, { ownsInstance: true });
  }

  async query<R extends object>(text: string, params: readonly unknown[] = [], _options?: QueryOptions): Promise<R[]> {
    const result = await this.db.query<R>(text, params as unknown[]);
    return result.rows;
  }

  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      fn({
        query: async <R extends object>(text: string, params: readonly unknown[] = []) =>
          (await tx.query<R>(text, params as unknown[])).rows,
      }),
    );
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    let callbacks = this.local.get(channel);
    if (!callbacks) this.local.set(channel, (callbacks = new Set()));
    callbacks.add(onNotify);
    // Also hear NOTIFYs issued inside transactions (the store's 'in-transaction' mode).
    const unlisten = await this.db.listen(channel, () => onNotify());
    return async () => {
      this.local.get(channel)?.delete(onNotify);
      if (!this.closed && !this.db.closed) await unlisten();
    };
  }

  /** A PGlite database belongs to one process, so every listener is right here. */
  notify(channel: string): void {
    for (const callback of this.local.get(channel) ?? []) callback();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.options.ownsInstance && !this.db.closed) await this.db.close();
  }
}
