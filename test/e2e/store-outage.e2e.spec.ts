import { ApiHarness, NT, expectError } from '../support/api-harness';
import { createTestDatabase, databaseUrlFrom, probePostgresSync, type TestDatabase } from '../support/postgres';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * With the store out of reach, reads answer 503 STORE_UNAVAILABLE (never 500,
 * never a hang past the database timeouts), and answer again once it is back.
 * PostgreSQL sits behind a proxy of the test's own, so the outage is real.
 */
const adminUrl = databaseUrlFrom(process.env);
const probe = probePostgresSync(adminUrl);
if (!probe.reachable) console.warn(`store outage suite skipped: PostgreSQL not reachable (${probe.reason})`);
const suite = probe.reachable ? describe : describe.skip;

suite('store outage: 503 STORE_UNAVAILABLE, then service again', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let api: ApiHarness;

  beforeAll(async () => {
    database = await createTestDatabase(adminUrl, 'laurel_outage');
    const upstream = new URL(database.url);
    proxy = await TcpProxy.start(upstream.hostname, Number(upstream.port || 5432));
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    api = await ApiHarness.start({ DATABASE_URL: proxied.toString() });
  }, 120_000);

  afterAll(async () => {
    proxy?.set('open');
    await api?.stop();
    await proxy?.stop();
    await database?.drop();
  });

  it('answers reads with 503 while the connection is cut, then 200 when it is back', async () => {
    const { nominationId } = await api.draft();
    expect((await api.get(NT.officer, `/nominations/${nominationId}`)).status).toBe(200);
    proxy.set('cut');
    for (const path of [
      `/nominations/${nominationId}`,
      '/nominations',
      '/tasks',
      `/nominations/${nominationId}/history`,
    ]) {
      const user = path.endsWith('/history') ? NT.auditor : NT.officer;
      expectError(await api.get(user, path), 503, 'STORE_UNAVAILABLE');
    }
    proxy.set('open');
    expect((await api.get(NT.officer, `/nominations/${nominationId}`)).status).toBe(200);
  }, 60_000);

  it('answers with 503 when the database accepts connections but never replies (bounded by the pool timeouts)', async () => {
    proxy.set('stall');
    expectError(await api.get(NT.officer, '/tasks'), 503, 'STORE_UNAVAILABLE');
    proxy.set('open');
    expect((await api.get(NT.officer, '/tasks')).status).toBe(200);
  }, 60_000);
});
