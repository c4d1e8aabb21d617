// Every refusal the API makes, as a table per route family, each checked for its status, its error shape and an
// untouched stream. Over 400 lines because the tables are long, not the logic; they share one stack.
import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { EmbeddedTokens } from '../../apps/api/src/auth/embedded-tokens';
import { createApiApp } from '../../apps/api/src/create-api-app';
import type { ReadModels } from '../../apps/api/src/projections/read-models';
import { ADMIN, ApiHarness, NT, draftBody, evidence, expectError } from '../support/api-harness';

type Response = { status: number; body: unknown };

interface Refusal {
  readonly name: string;
  readonly send: (id: string) => Promise<Response>;
  readonly status: number;
  readonly code: string;
}

describe('refusals: status, error shape, and nothing written', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  const vote =
    (user: string, body: unknown = { choice: 'approve' }) =>
    (id: string) =>
      api.post(user, `/nominations/${id}/votes`, body);

  /** A token the API's own issuer made, but as of an hour ago: expired by now. */
  async function expiredToken(): Promise<string> {
    const key = new TextEncoder().encode(api.config.AUTH_JWT_SECRET!);
    const anHourAgo = () => new Date(Date.now() - 3_600_000);
    const issued = await new EmbeddedTokens(key, 60, api.directory, anHourAgo).issue(
      api.directory.findUser(NT.voters[0])!,
    );
    return issued.access_token;
  }

  async function foreignToken(): Promise<string> {
    const key = new TextEncoder().encode(randomBytes(32).toString('hex'));
    const issued = await new EmbeddedTokens(key, 600, api.directory, () => new Date()).issue(
      api.directory.findUser(NT.voters[0])!,
    );
    return issued.access_token;
  }

  it('refuses every bad vote on a nomination in its block vote, leaves its stream untouched, and takes the next good vote', async () => {
    const { nominationId: id } = await api.submitted();
    const before = await api.streamVersion(id);
    const http = () => api.http();
    const refusals: Refusal[] = [
      {
        name: 'no token',
        send: (n) => http().post(`/nominations/${n}/votes`).send({ choice: 'approve' }),
        status: 401,
        code: 'UNAUTHENTICATED',
      },
      {
        name: 'garbage token',
        send: (n) =>
          http().post(`/nominations/${n}/votes`).set('Authorization', 'Bearer not.a.token').send({ choice: 'approve' }),
        status: 401,
        code: 'INVALID_TOKEN',
      },
      {
        name: 'not a bearer header',
        send: (n) => http().post(`/nominations/${n}/votes`).set('Authorization', 'Basic dXNlcjpwdw==').send({}),
        status: 401,
        code: 'INVALID_TOKEN',
      },
      {
        name: 'expired token',
        send: async (n) =>
          http()
            .post(`/nominations/${n}/votes`)
            .set('Authorization', `Bearer ${await expiredToken()}`)
            .send({ choice: 'approve' }),
        status: 401,
        code: 'INVALID_TOKEN',
      },
      {
        name: 'token signed with another key',
        send: async (n) =>
          http()
            .post(`/nominations/${n}/votes`)
            .set('Authorization', `Bearer ${await foreignToken()}`)
            .send({ choice: 'approve' }),
        status: 401,
        code: 'INVALID_TOKEN',
      },
      { name: 'wrong role: unit officer', send: vote(NT.officer), status: 403, code: 'ROLE_NOT_ALLOWED' },
      { name: 'wrong role: auditor', send: vote(NT.auditor), status: 403, code: 'ROLE_NOT_ALLOWED' },
      { name: 'wrong role: admin', send: vote(ADMIN), status: 403, code: 'ROLE_NOT_ALLOWED' },
      { name: 'wrong role: chairman', send: vote(NT.chairman), status: 403, code: 'ROLE_NOT_ALLOWED' },
      {
        name: 'wrong scope: a Lào Cai unit head',
        send: vote('lc-head-youth-union'),
        status: 403,
        code: 'OUT_OF_SCOPE',
      },
      { name: 'wrong scope: a Hà Tĩnh unit head', send: vote('ht-head-finance'), status: 403, code: 'OUT_OF_SCOPE' },
      { name: 'own unit vote', send: vote(NT.head), status: 403, code: 'OWN_UNIT_VOTE' },
      {
        name: 'wrong stage: decision during the block vote',
        send: (n) =>
          api.post(NT.chairman, `/nominations/${n}/decision`, { outcome: 'approved', decisionNumber: '163/QĐ-UBND' }),
        status: 409,
        code: 'WRONG_STAGE',
      },
      {
        name: 'wrong stage: submitting again',
        send: (n) => api.post(NT.head, `/nominations/${n}/submit`),
        status: 409,
        code: 'WRONG_STAGE',
      },
      {
        name: 'wrong stage: a supplement nobody asked for',
        send: (n) => api.post(NT.officer, `/nominations/${n}/supplements`, { evidence: [evidence()] }),
        status: 409,
        code: 'WRONG_STAGE',
      },
      {
        name: 'wrong scope: another block leader closes the vote',
        send: (n) => api.post('lc-leader-front', `/nominations/${n}/block-vote/close`),
        status: 403,
        code: 'OUT_OF_SCOPE',
      },
      {
        name: 'malformed JSON',
        send: async (n) =>
          http()
            .post(`/nominations/${n}/votes`)
            .set(await api.authHeader(NT.voters[0]))
            .set('Content-Type', 'application/json')
            .send('{"choice": "approve",'),
        status: 400,
        code: 'MALFORMED_JSON',
      },
      {
        name: 'unknown field',
        send: vote(NT.voters[0], { choice: 'approve', weight: 2 }),
        status: 400,
        code: 'INVALID_BODY',
      },
      { name: 'wrong type', send: vote(NT.voters[0], { choice: 5 }), status: 400, code: 'INVALID_BODY' },
      { name: 'unknown choice', send: vote(NT.voters[0], { choice: 'maybe' }), status: 400, code: 'INVALID_BODY' },
      {
        name: 'missing body',
        send: async (n) =>
          http()
            .post(`/nominations/${n}/votes`)
            .set(await api.authHeader(NT.voters[0])),
        status: 400,
        code: 'INVALID_BODY',
      },
      {
        name: 'an array for a body',
        send: async (n) =>
          http()
            .post(`/nominations/${n}/votes`)
            .set(await api.authHeader(NT.voters[0]))
            .send([{ choice: 'approve' }]),
        status: 400,
        code: 'INVALID_BODY',
      },
      {
        name: 'oversized body',
        send: vote(NT.voters[0], { choice: 'approve', comment: 'ư'.repeat(40_000) }),
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      },
      {
        name: 'a comment longer than the domain keeps',
        send: vote(NT.voters[0], { choice: 'approve', comment: 'x'.repeat(2001) }),
        status: 400,
        code: 'INVALID_BODY',
      },
      {
        name: 'a bad Idempotency-Key',
        send: async (n) =>
          http()
            .post(`/nominations/${n}/votes`)
            .set(await api.authHeader(NT.voters[0]))
            .set('Idempotency-Key', 'x'.repeat(300))
            .send({ choice: 'approve' }),
        status: 400,
        code: 'INVALID_HEADER',
      },
    ];

    for (const refusal of refusals) {
      const response = await refusal.send(id);
      try {
        expectError(response, refusal.status, refusal.code);
      } catch (error) {
        throw new Error(`${refusal.name}: ${(error as Error).message}`, { cause: error });
      }
      expect({ refusal: refusal.name, version: await api.streamVersion(id) }).toEqual({
        refusal: refusal.name,
        version: before,
      });
    }

    // Not stuck: the workflow takes the next valid action, then refuses a repeat of it.
    const accepted = await api.act(NT.voters[0], `/nominations/${id}/votes`, { choice: 'approve' });
    expect(accepted.version).toBe(before + 1);
    expectError(await vote(NT.voters[0])(id), 409, 'ALREADY_VOTED');
    expect(await api.streamVersion(id)).toBe(before + 1);
  });

  it('answers 404 NOT_FOUND for an unknown nomination on every route', async () => {
    const unknown = randomUUID();
    const calls: [string, () => Promise<Response>][] = [
      ['GET', () => api.get(NT.auditor, `/nominations/${unknown}`)],
      [
        'PATCH',
        async () =>
          api
            .http()
            .patch(`/nominations/${unknown}`)
            .set(await api.authHeader(NT.officer))
            .send({ achievements: 'Mới' }),
      ],
      ['submit', () => api.post(NT.head, `/nominations/${unknown}/submit`)],
      ['withdraw', () => api.post(NT.head, `/nominations/${unknown}/withdraw`, { reason: 'Rút' })],
      ['vote', () => api.post(NT.voters[0], `/nominations/${unknown}/votes`, { choice: 'approve' })],
      ['close vote', () => api.post(NT.leader, `/nominations/${unknown}/block-vote/close`)],
      [
        'opinion',
        () => api.post(NT.council[0], `/nominations/${unknown}/council-opinions`, { recommendation: 'approve' }),
      ],
      ['close council', () => api.post(NT.board, `/nominations/${unknown}/council-review/close`)],
      [
        'supplement request',
        () => api.post(NT.board, `/nominations/${unknown}/supplement-requests`, { reason: 'Thiếu' }),
      ],
      ['supplement', () => api.post(NT.officer, `/nominations/${unknown}/supplements`, { evidence: [evidence()] })],
      ['hold', () => api.post(NT.board, `/nominations/${unknown}/hold`, { reason: 'Thanh tra' })],
      ['release', () => api.post(NT.board, `/nominations/${unknown}/hold/release`, { reason: 'Xong' })],
      [
        'decision',
        () => api.post(NT.chairman, `/nominations/${unknown}/decision`, { outcome: 'rejected', reason: 'Không' }),
      ],
    ];
    for (const [name, call] of calls) {
      const response = await call();
      try {
        expectError(response, 404, 'NOT_FOUND');
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
      }
    }
    expectError(await api.get(NT.auditor, '/no-such-route'), 404, 'ROUTE_NOT_FOUND');
    // Not an id at all: refused before any lookup (hostile-input.e2e.spec.ts has the rest).
    expectError(await api.get(NT.auditor, `/nominations/${encodeURIComponent('../../etc/passwd')}`), 400, 'INVALID_ID');
  });

  it('refuses what the domain refuses, with its code, and writes nothing', async () => {
    // A draft the decider refuses starts no workflow.
    const future = await api.post(
      NT.officer,
      '/nominations',
      draftBody({ campaignYear: new Date().getUTCFullYear() + 1 }),
    );
    expectError(future, 400, 'INVALID_COMMAND');
    expectError(await api.post(NT.officer, '/nominations', draftBody({ awardType: 'Medal' })), 400, 'INVALID_BODY');
    expectError(
      await api.post(NT.officer, '/nominations', draftBody({ awardType: 'ProvincialEmulationFlag' })),
      400,
      'AWARD_NOT_FOR_NOMINEE_KIND',
    );

    const ineligible = await api.draft({ record: { titles: [], ratings: [], initiatives: [] } });
    expectError(await api.post(NT.head, `/nominations/${ineligible.nominationId}/submit`), 400, 'NOMINEE_INELIGIBLE');
    const noEvidence = await api.draft({ evidence: [] });
    expectError(await api.post(NT.head, `/nominations/${noEvidence.nominationId}/submit`), 400, 'EVIDENCE_MISSING');
    expect(await api.streamVersion(ineligible.nominationId)).toBe(1);
    expect(await api.streamVersion(noEvidence.nominationId)).toBe(1);
    // Fixed, it goes through: the refused submission left nothing behind.
    const fixed = await api
      .http()
      .patch(`/nominations/${noEvidence.nominationId}`)
      .set(await api.authHeader(NT.officer))
      .send({ evidence: ['proposal_letter', 'achievement_report', 'unit_council_minutes'].map(evidence) });
    expect(fixed.status).toBe(200);
    expect((await api.act(NT.head, `/nominations/${noEvidence.nominationId}/submit`)).stage).toBe('BlockVote');

    const { nominationId: reviewed } = await api.inCouncilReview();
    const atReview = await api.streamVersion(reviewed);
    expectError(
      await api.post(NT.recusedCouncillor, `/nominations/${reviewed}/council-opinions`, { recommendation: 'approve' }),
      403,
      'COUNCIL_MEMBER_RECUSED',
    );
    expectError(
      await api.post('lc-council-front', `/nominations/${reviewed}/council-opinions`, { recommendation: 'approve' }),
      403,
      'OUT_OF_SCOPE',
    );
    await api.act(NT.board, `/nominations/${reviewed}/supplement-requests`, { reason: 'Thiếu biên bản.' });
    await api.act(NT.officer, `/nominations/${reviewed}/supplements`, { evidence: [evidence()] });
    expectError(
      await api.post(NT.board, `/nominations/${reviewed}/supplement-requests`, { reason: 'Lần hai.' }),
      409,
      'SUPPLEMENT_LIMIT_REACHED',
    );
    expect(await api.streamVersion(reviewed)).toBe(atReview + 2);

    const { nominationId: deciding } = await api.awaitingDecision();
    const atDecision = await api.streamVersion(deciding);
    expectError(
      await api.post(NT.chairman, `/nominations/${deciding}/decision`, { outcome: 'approved' }),
      400,
      'INVALID_COMMAND',
    );
    expectError(
      await api.post(NT.chairman, `/nominations/${deciding}/decision`, { outcome: 'approved', decisionNumber: 'số 5' }),
      400,
      'INVALID_COMMAND',
    );
    expect(await api.streamVersion(deciding)).toBe(atDecision);
    const rejected = await api.act(NT.chairman, `/nominations/${deciding}/decision`, {
      outcome: 'rejected',
      reason: 'Chưa đủ tiêu chuẩn theo Điều 74.',
    });
    expect(rejected).toMatchObject({ stage: 'Closed', outcome: 'NotAwarded' });
    // A closed nomination takes nothing more.
    expectError(await api.post(NT.head, `/nominations/${deciding}/withdraw`, { reason: 'Muộn' }), 409, 'WRONG_STAGE');
  });

  it('guards login: wrong password 401, then 429 once the limit is spent', async () => {
    expectError(await api.http().post('/auth/token').send({ username: NT.voters[5] }), 400, 'INVALID_BODY');
    expectError(
      await api.http().post('/auth/token').send({ username: 'nobody', password: 'x' }),
      401,
      'INVALID_CREDENTIALS',
    );
    const attempts: number[] = [];
    for (let i = 0; i < api.config.AUTH_LOGIN_LIMIT_PER_MINUTE + 1; i++) {
      const response = await api.http().post('/auth/token').send({ username: NT.voters[6], password: 'wrong' });
      attempts.push(response.status);
      if (response.status === 429) expectError(response, 429, 'RATE_LIMITED');
    }
    expect(attempts.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect(attempts[attempts.length - 1]).toBe(429);
  });

  it('answers 503 PROJECTION_BEHIND when the read models do not reach a position in time', async () => {
    // A stalled projection: the read models of the running stack, except that they never catch up.
    const stalled: ReadModels = Object.create(api.readModels, { waitFor: { value: async () => false } });
    const app = await createApiApp({
      config: api.config,
      stores: api.stores,
      temporal: api.client,
      directory: api.directory,
      readModels: stalled,
      options: { readYourWritesTimeoutMs: 50 },
    });
    await app.listen(0, '127.0.0.1');
    try {
      const { port } = app.getHttpServer().address() as AddressInfo;
      const { nominationId, position } = await api.draft();
      const response = await request(`http://127.0.0.1:${port}`)
        .get(`/nominations/${nominationId}?position=${position}`)
        .set(await api.authHeader(NT.officer));
      expectError(response, 503, 'PROJECTION_BEHIND');
    } finally {
      await app.close();
    }
    expectError(await api.get(NT.auditor, '/tasks?position=yesterday'), 400, 'INVALID_HEADER');
  });

  describe('with Temporal out of reach', () => {
    let app: INestApplication;
    let connection: Connection;

    beforeAll(async () => {
      // Nothing listens on port 1: every call to Temporal fails to connect. Without the
      // client's retry interceptor the failure comes at once instead of after its back-off.
      connection = Connection.lazy({ address: '127.0.0.1:1', interceptors: [] });
      app = await createApiApp({
        config: api.config,
        stores: api.stores,
        temporal: new Client({ connection }),
        directory: api.directory,
        readModels: api.readModels,
        options: { actionTimeoutMs: 1500, queryTimeoutMs: 1500 },
      });
      await app.listen(0, '127.0.0.1');
    });

    afterAll(async () => {
      await app?.close();
      await connection?.close();
    });

    it('answers 503 for actions and readiness, and still serves what needs no Temporal', async () => {
      const { port } = app.getHttpServer().address() as AddressInfo;
      const http = () => request(`http://127.0.0.1:${port}`);
      const token = await api.token(NT.voters[0]);
      // A nomination the store knows (the scope comes from there); Temporal is what is missing.
      const { nominationId } = await api.submitted();
      const voted = await http()
        .post(`/nominations/${nominationId}/votes`)
        .set('Authorization', `Bearer ${token}`)
        .send({ choice: 'approve' });
      expectError(voted, 503, 'TEMPORAL_UNAVAILABLE');
      const health = await http().get('/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({
        status: 'unavailable',
        components: { temporal: { status: 'down' }, eventStore: { status: 'up' } },
      });
      const tasks = await http().get('/tasks').set('Authorization', `Bearer ${token}`);
      expect(tasks.status).toBe(200);
    });
  });
});
