import { PgSqlClient } from '../../infra/event-store/sql/pg-client';
import { databaseUrlFrom, probePostgresSync } from '../support/postgres';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * A connection lost while a transaction holds it (between two statements) rejects that
 * transaction and leaves the process running: the checked-out client had no 'error'
 * listener, so the loss was an unhandled event that ended the process.
 */
const adminUrl = databaseUrlFrom(process.env);
const probe = probePostgresSync(adminUrl);
if (!probe.reachable) console.warn(`connection-loss suite skipped: PostgreSQL not reachable (${probe.reason})`);
const suite = probe.reachable ? describe : describe.skip;

suite('PgSqlClient: a connection lost inside a transaction', () => {
  let proxy: TcpProxy;
  let client: PgSqlClient;

  beforeAll(async () => {
    const upstream = new URL(adminUrl);
    proxy = await TcpProxy.start(upstream.hostname, Number(upstream.port || 5432));
    const proxied = new URL(adminUrl);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    client = new PgSqlClient({ connectionString: proxied.toString() });
  });

  afterAll(async () => {
    await client?.close();
    await proxy?.stop();
  });

  it('rejects the transaction, emits nothing unhandled, and serves the next query', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (error: unknown): void => void unhandled.push(error);
    process.on('uncaughtException', onUnhandled);
    try {
      const attempt = client.transaction(async (tx) => {
        await tx.query('SELECT 1');
        proxy.set('cut');
        // Give the socket's end a turn to arrive while no statement is active.
        await new Promise((resolve) => setTimeout(resolve, 100));
        await tx.query('SELECT 2');
      });
      await expect(attempt).rejects.toThrow();
      proxy.set('open');
      expect(await client.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('uncaughtException', onUnhandled);
    }
  });
});
