import { randomUUID } from 'node:crypto';
import { nominationStreamName, nominationWorkflowId, stateQuery } from '@laurel/workflows/nomination/messages';
import { ApiHarness, NT, draftBody } from '../support/api-harness';
import { createTestDatabase, databaseUrlFrom, probePostgresSync, type TestDatabase } from '../support/postgres';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * True answers and no ghosts while the store is out of reach. PostgreSQL sits
 * behind the test's own proxy, which can freeze: every byte held, then
 * delivered late, as when a database or a network pauses.
 *
 * - An action the workflow has accepted but cannot apply (the store frozen)
 *   answers 202 with its id and a route to poll, within the request's
 *   deadline, never "retry later"; a retry with the same Idempotency-Key
 *   after the store is back finds the same nomination, applied once, its run
 *   never terminated.
 * - An attempt that failed on the store (here: the stream moved under the
 *   workflow, which then caught up) does not burn its Idempotency-Key: the
 *   same request acts once, on the caught-up state.
 */
const adminUrl = databaseUrlFrom(process.env);
const probe = probePostgresSync(adminUrl);
if (!probe.reachable) console.warn(`no-ghosts suite skipped: PostgreSQL not reachable (${probe.reason})`);
const suite = probe.reachable ? describe : describe.skip;

// Past the first workflow task heartbeat (8 s): a task running a local activity reports the update accepted then.
const DEADLINE_MS = 15_000;

suite('no ghosts: accepted means 202 and applied once; a failed attempt burns no key', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let api: ApiHarness;

  beforeAll(async () => {
    database = await createTestDatabase(adminUrl, 'laurel_ghosts');
    const upstream = new URL(database.url);
    proxy = await TcpProxy.start(upstream.hostname, Number(upstream.port || 5432));
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    api = await ApiHarness.start(
      { DATABASE_URL: proxied.toString() },
      { apiOptions: { actionTimeoutMs: DEADLINE_MS } },
    );
  }, 120_000);

  afterAll(async () => {
    proxy?.set('open');
    await api?.stop();
    await proxy?.stop();
    await database?.drop();
  });

  async function workflowStage(nominationId: string): Promise<string> {
    const handle = api.client.workflow.getHandle(nominationWorkflowId(nominationId));
    return (await handle.query(stateQuery)).stage;
  }

  it('answers 202 for a draft accepted while the store is frozen, then adopts it on a retry with the same key', async () => {
    const key = `frozen-${randomUUID()}`;
    proxy.set('freeze');
    const started = Date.now();
    const first = await api.post(NT.officer, '/nominations', draftBody(), { 'Idempotency-Key': key });
    const waited = Date.now() - started;
    expect({ status: first.status, body: first.body }).toMatchObject({ status: 202, body: { status: 'pending' } });
    expect(waited).toBeLessThan(DEADLINE_MS + 1_000);
    const pending = first.body as { nominationId: string; actionId: string; poll: string };
    expect(pending.poll).toBe(`/nominations/${pending.nominationId}/actions/${pending.actionId}`);
    expect(first.headers['location']).toBe(pending.poll);
    const { nominationId } = pending;

    // Still pending while frozen: the poll route says so, and so does a retry.
    const polled = await api.get(NT.officer, pending.poll);
    expect(polled.status).toBe(202);
    // Someone else cannot poll another person's action.
    expect((await api.get(NT.head, pending.poll)).status).toBe(404);

    proxy.set('open');
    const retry = await api.post(NT.officer, '/nominations', draftBody(), { 'Idempotency-Key': key });
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ nominationId, stage: 'Draft', version: 1, eventTypes: ['NominationDrafted'] });
    expect(await api.streamVersion(nominationId)).toBe(1);
    const done = await api.get(NT.officer, pending.poll);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ nominationId, version: 1 });
    const described = await api.client.workflow.getHandle(nominationWorkflowId(nominationId)).describe();
    expect(described.status.name).toBe('RUNNING');
    expect(await workflowStage(nominationId)).toBe('Draft');

    const submitted = await api.act(NT.head, `/nominations/${nominationId}/submit`);
    expect(submitted.stage).toBe('BlockVote');
    const verify = await api.get(NT.auditor, `/nominations/${nominationId}/verify`);
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true });
  }, 120_000);

  it('acts once when the attempt failed on the store: the Idempotency-Key is not burned', async () => {
    proxy.set('open');
    const { nominationId } = await api.draft();
    const stream = nominationStreamName(nominationId);
    const [first] = await api.stream(nominationId);
    // Another writer appends behind the workflow's back: its next append conflicts, and it catches up.
    await api.stores.events.append(
      stream,
      [
        {
          id: randomUUID(),
          type: 'DraftEdited',
          data: {
            at: new Date().toISOString(),
            by: { userId: NT.officer, role: 'unit_officer', unitId: NT.proposingUnit },
            changes: { achievements: 'Sửa từ một nơi ghi khác' },
            achievementKey: first!.data['achievementKey'] as string,
          },
          metadata: { actor: { userId: NT.officer, role: 'unit_officer' }, causationId: `planted-${randomUUID()}` },
        },
      ],
      1,
    );
    const key = `edit-${randomUUID()}`;
    const patch = async () =>
      api
        .http()
        .patch(`/nominations/${nominationId}`)
        .set(await api.authHeader(NT.officer))
        .set({ 'Idempotency-Key': key })
        .send({ achievements: 'Hoàn thành xuất sắc nhiệm vụ ba năm liền.' });
    const once = await patch();
    expect({ status: once.status, body: once.body }).toMatchObject({ status: 200, body: { version: 3 } });
    const twice = await patch();
    expect(twice.status).toBe(200);
    expect(twice.body).toMatchObject({ version: 3 });
    expect(await api.streamVersion(nominationId)).toBe(3);
    const stored = await api.stream(nominationId);
    expect(stored.map((e) => e.type)).toEqual(['NominationDrafted', 'DraftEdited', 'DraftEdited']);
    expect(stored[2]!.metadata['causationId']).toBe(`EditDraft:${NT.officer}:${key} #2`);
  }, 120_000);
});
