import { AsyncLocalStorage } from 'node:async_hooks';
import type { QueryOptions, SqlClient, SqlQueryable } from '@laurel/infra/event-store/sql/sql-client';

/** Statements counted for the work running inside `StatementCounter.count`. */
export interface StatementTally {
  statements: number;
}

/**
 * A SQL client that counts the statements sent on behalf of the work it is
 * asked to count (an append), by async context, so concurrent appends each
 * get their own tally. A transaction counts its BEGIN and COMMIT too; a NOTIFY
 * signal is counted where it is asked for (the client coalesces bursts, so this
 * is an upper bound).
 */
export class StatementCounter implements SqlClient {
  private readonly tallies = new AsyncLocalStorage<StatementTally>();
  constructor(readonly inner: SqlClient) {}

  get driver() {
    return this.inner.driver;
  }

  async count<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const tally: StatementTally = { statements: 0 };
    const result = await this.tallies.run(tally, fn);
    return { result, statements: tally.statements };
  }

  private tick(n = 1): void {
    const tally = this.tallies.getStore();
    if (tally) tally.statements += n;
  }

  query<R extends object>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<R[]> {
    this.tick();
    return this.inner.query<R>(text, params, options);
  }

  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    this.tick(2);
    return this.inner.transaction((tx) =>
      fn({
        query: <R extends object>(text: string, params?: readonly unknown[], options?: QueryOptions) => {
          this.tick();
          return tx.query<R>(text, params, options);
        },
      }),
    );
  }

  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    return this.inner.listen(channel, onNotify);
  }

  notify(channel: string): void {
    this.tick();
    this.inner.notify(channel);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
