import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { nominationWorkflowId } from '@laurel/workflows/nomination/messages';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { ApiHarness, NT, draftBody, expectError } from '../support/api-harness';

/**
 * Answers that say what happened: a nominee's unit checked against the
 * directory and the proposing unit; "no worker" told apart from "Temporal
 * unreachable"; and one deadline per request, counted from its arrival, so
 * requests queued behind the same nomination's others are answered in time.
 */
describe('true answers', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  async function appWith(temporal: Client, options: Record<string, unknown>): Promise<INestApplication> {
    const app = await createApiApp({
      config: api.config,
      stores: api.stores,
      temporal,
      directory: api.directory,
      readModels: api.readModels,
      options,
    });
    await app.listen(0, '127.0.0.1');
    return app;
  }

  function httpOf(app: INestApplication) {
    const { port } = app.getHttpServer().address() as AddressInfo;
    return request(`http://127.0.0.1:${port}`);
  }

  it('refuses a nominee unit that is unknown, a path, or not the proposing unit, and writes nothing', async () => {
    const cases: Array<[string, string]> = [
      ['../../x', 'NOMINEE_UNIT_UNKNOWN'],
      ['no-such-unit', 'NOMINEE_UNIT_UNKNOWN'],
      ['lc-youth-union', 'NOMINEE_UNIT_NOT_PROPOSING'], // another province's unit
      ['nt-newspaper', 'NOMINEE_UNIT_NOT_PROPOSING'], // another unit of the same block: its council member would recuse
    ];
    for (const [unitId, code] of cases) {
      const body = draftBody();
      const nominee = { ...(body['nominee'] as Record<string, unknown>), unitId };
      const key = `unit-${randomUUID()}`;
      const response = await api.post(NT.officer, '/nominations', { ...body, nominee }, { 'Idempotency-Key': key });
      const error = expectError(response, 400, code);
      expect(error.details).toMatchObject({ field: 'nominee.unitId', unitId });
    }
    // Its own unit, named or left out, is taken; an edit is held to the same rule.
    const named = draftBody();
    const own = await api.act(
      NT.officer,
      '/nominations',
      { ...named, nominee: { ...(named['nominee'] as object), unitId: NT.proposingUnit } },
      201,
    );
    const edited = await api
      .http()
      .patch(`/nominations/${own.nominationId}`)
      .set(await api.authHeader(NT.officer))
      .send({ nominee: { kind: 'individual', name: 'Trần Văn Bình', unitId: 'lc-youth-union' } });
    expectError(edited, 400, 'NOMINEE_UNIT_NOT_PROPOSING');
    expect(await api.streamVersion(own.nominationId)).toBe(1);
  }, 60_000);

  it('answers 503 NO_WORKER, not TEMPORAL_UNAVAILABLE, when Temporal is up and no worker takes the action', async () => {
    const taskQueue = `no-worker-${randomUUID()}`;
    const app = await appWith(api.client, { taskQueue, actionTimeoutMs: 4_000 });
    try {
      const started = Date.now();
      const response = await httpOf(app)
        .post('/nominations')
        .set(await api.authHeader(NT.officer))
        .set({ 'Idempotency-Key': `nw-${randomUUID()}` })
        .send(draftBody());
      expectError(response, 503, 'NO_WORKER');
      expect(Date.now() - started).toBeLessThan(4_500);
      const nominationId = (response.body as { error: { details: { nominationId: string } } }).error.details
        .nominationId;
      await api.client.workflow.getHandle(nominationWorkflowId(nominationId)).terminate('test: no worker polls it');
    } finally {
      await app.close();
    }
  }, 60_000);

  it('answers five concurrent actions on one nomination within one deadline each, Temporal unreachable', async () => {
    const { nominationId } = await api.submitted();
    const connection = Connection.lazy({ address: '127.0.0.1:1' });
    const app = await appWith(new Client({ connection }), { actionTimeoutMs: 3_000, queryTimeoutMs: 1_000 });
    try {
      const http = httpOf(app);
      const started = Date.now();
      const answers = await Promise.all(
        NT.voters.slice(0, 5).map(async (voter) => {
          const response = await http
            .post(`/nominations/${nominationId}/votes`)
            .set(await api.authHeader(voter))
            .send({ choice: 'approve' });
          return {
            status: response.status,
            code: (response.body as { error?: { code: string } }).error?.code,
            at: Date.now() - started,
          };
        }),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(['TEMPORAL_UNAVAILABLE', 'NOMINATION_BUSY']).toContain(answer.code);
        // Counted from arrival, queue included: none waits behind the others' timeouts.
        expect(answer.at).toBeLessThan(3_000 + 1_500);
      }
      expect(await api.streamVersion(nominationId)).toBe(2);
    } finally {
      await app.close();
      await connection.close();
    }
  }, 60_000);
});
