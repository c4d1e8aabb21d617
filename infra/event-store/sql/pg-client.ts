import { createHash } from 'node:crypto';
import { Client, Pool, type PoolConfig } from 'pg';
import type { QueryOptions, SqlClient, SqlQueryable } from './sql-client';

export interface PgClientOptions {
  readonly connectionString: string;
  /** Pool size; size it for the number of concurrent writers plus readers. Default 20. */
  readonly poolSize?: number;
  /** Delay before re-opening a lost LISTEN connection. Default 1000 ms. */
  readonly listenReconnectMs?: number;
  /** Extra `pg` pool settings (TLS, timeouts). */
  readonly pool?: Omit<PoolConfig, 'connectionString' | 'max'>;
}

/**
 * Every database call is bounded, and each bound is shorter than one attempt
 * of the append activity (10 s, workflows/nomination/nomination.workflow.ts):
 * a stalled server costs a request a clear error, never a hang, and an append
 * the server cancels (statement_timeout) rolls back rather than committing
 * after its attempt was given up.
 */
export const DEFAULT_TIMEOUTS = {
  connectionTimeoutMillis: 3_000,
  statement_timeout: 7_000,
  query_timeout: 8_000,
  idle_in_transaction_session_timeout: 8_000,
} as const satisfies Omit<PoolConfig, 'connectionString' | 'max'>;

/**
 * `pg.Pool` for statements plus one dedicated connection for LISTEN, shared by
 * every subscription of the process.
 */
export class PgSqlClient implements SqlClient {
  readonly driver = 'postgres';
  readonly pool: Pool;
  private readonly statementNames = new Map<string, string>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private listenClient: Client | undefined;
  private listenConnecting: Promise<Client> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly notifying = new Map<string, { inFlight: Promise<void> | undefined; pending: boolean }>();
  private closed = false;

  constructor(private readonly options: PgClientOptions) {
    this.pool = new Pool({
      ...DEFAULT_TIMEOUTS,
      ...options.pool,
      connectionString: options.connectionString,
      max: options.poolSize ?? 20,
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  async query<R extends object>(text: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<R[]> {
    const values = params as unknown[];
    const result = options?.prepare
      ? await this.pool.query<R>({ name: this.statementName(text), text, values })
      : await this.pool.query<R>(text, values);
    return result.rows;
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client has no pool listener: a connection lost between statements would
    // otherwise be an unhandled 'error' event and end the process. The failing query still rejects.
    let broken = false;
    const onLost = (): void => {
      broken = true;
    };
    client.on('error', onLost);
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async <R extends object>(text: string, params: readonly unknown[] = []) =>
          (await client.query<R>(text, params as unknown[])).rows,
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.removeListener('error', onLost);
      client.release(broken);
    }
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    assertChannel(channel);
    let callbacks = this.listeners.get(channel);
    const isNewChannel = callbacks === undefined;
    if (!callbacks) {
      callbacks = new Set();
      this.listeners.set(channel, callbacks);
    }
    callbacks.add(onNotify);
    if (isNewChannel) {
      const client = await this.listenConnection();
      await client.query(`LISTEN ${channel}`);
    } else {
      await this.listenConnection();
    }
    return async () => {
      const set = this.listeners.get(channel);
      if (!set) return;
      set.delete(onNotify);
      if (set.size > 0) return;
      this.listeners.delete(channel);
      const client = this.listenClient;
      if (client && !this.closed) await client.query(`UNLISTEN ${channel}`).catch(() => undefined);
    };
  }

  /**
   * NOTIFY outside the appending transaction, at most one in flight per
   * channel. PostgreSQL serialises the commits of every transaction that
   * notifies (a database-wide lock held through commit), which capped
   * concurrent appends at the speed of one commit at a time; a burst of
   * appends now costs one NOTIFY. A call during a NOTIFY in flight queues
   * exactly one more, so every commit is followed by a NOTIFY sent after it.
   * If the process dies between commit and NOTIFY, subscribers elsewhere
   * still find the events at their next poll.
   */
  notify(channel: string): void {
    assertChannel(channel);
    for (const callback of this.listeners.get(channel) ?? []) callback();
    if (this.closed) return;
    let state = this.notifying.get(channel);
    if (!state) this.notifying.set(channel, (state = { inFlight: undefined, pending: false }));
    if (state.inFlight) {
      state.pending = true;
      return;
    }
    const send = (): Promise<void> =>
      this.pool
        .query('SELECT pg_notify($1, $2)', [channel, ''])
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          if (state.pending && !this.closed) {
            state.pending = false;
            return send();
          }
          state.inFlight = undefined;
          return undefined;
        });
    state.inFlight = send();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.notifying.values()].flatMap((state) => (state.inFlight ? [state.inFlight] : [])));
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.listeners.clear();
    const client = this.listenClient;
    this.listenClient = undefined;
    await client?.end().catch(() => undefined);
    await this.pool.end();
  }

  /** A stable name per statement text; `pg` prepares it once per pooled connection. */
  private statementName(text: string): string {
    let name = this.statementNames.get(text);
    if (!name) {
      name = `laurel_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      this.statementNames.set(text, name);
    }
    return name;
  }

  private listenConnection(): Promise<Client> {
    if (this.listenClient) return Promise.resolve(this.listenClient);
    this.listenConnecting ??= this.openListenConnection().finally(() => {
      this.listenConnecting = undefined;
    });
    return this.listenConnecting;
  }

  private async openListenConnection(): Promise<Client> {
    const client = new Client({
      connectionTimeoutMillis: DEFAULT_TIMEOUTS.connectionTimeoutMillis,
      ...this.options.pool,
      connectionString: this.options.connectionString,
    });
    client.on('notification', (message) => {
      for (const callback of this.listeners.get(message.channel) ?? []) callback();
    });
    const onLost = (): void => {
      if (this.listenClient === client) this.listenClient = undefined;
      client.removeAllListeners('error');
      client.on('error', () => undefined);
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', onLost);
    await client.connect();
    for (const channel of this.listeners.keys()) await client.query(`LISTEN ${channel}`);
    this.listenClient = client;
    return client;
  }

  /** Re-opens LISTEN after a lost connection, then wakes every listener (notifications may have been missed). */
  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer || this.listeners.size === 0) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.closed || this.listeners.size === 0) return;
      this.listenConnection().then(
        () => {
          for (const set of this.listeners.values()) for (const callback of set) callback();
        },
        () => this.scheduleReconnect(),
      );
    }, this.options.listenReconnectMs ?? 1000);
    this.reconnectTimer.unref();
  }
}

function assertChannel(channel: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new TypeError(`not a channel identifier: ${channel}`);
}
