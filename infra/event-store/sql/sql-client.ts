/**
 * The little SQL surface the event store needs, so that one implementation
 * runs on PGlite (embedded) and on PostgreSQL (`pg`).
 */
export interface SqlQueryable {
  /**
   * Runs one statement with `$n` parameters and returns its rows. `prepare`
   * asks the driver to reuse a server-side prepared statement for this text
   * (hot paths); drivers without that ignore it.
   */
  query<R extends object>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<R[]>;
}

export interface QueryOptions {
  readonly prepare?: boolean;
}

export interface SqlClient extends SqlQueryable {
  readonly driver: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction on one connection; commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` for each NOTIFY on `channel` (a lower-case identifier).
   * Notifications are wake-up hints only: they may be lost (a dropped
   * connection), so callers must also poll. Resolves to an unsubscribe function.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /**
   * Signals `channel` after a commit, without waiting: listeners in this
   * process at once, other processes through NOTIFY where there are any.
   * Bursts are coalesced, but a signal always goes out after the latest call.
   */
  notify(channel: string): void;
  close(): Promise<void>;
}

/** The fields of a database error we branch on; both drivers expose them. */
export interface SqlErrorInfo {
  readonly code?: string;
  readonly constraint?: string;
}

export function sqlErrorInfo(error: unknown): SqlErrorInfo {
  if (typeof error !== 'object' || error === null) return {};
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof constraint === 'string' ? { constraint } : {}),
  };
}

export const UNIQUE_VIOLATION = '23505';
