// The payload codec endpoint the Temporal UI calls (`--ui-codec-endpoint <API>/codec`):
// the worker encrypts every payload, the endpoint opens them for the UI's origin,
// keeps council opinions sealed, and refuses callers it should not serve.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import type { temporal } from '@temporalio/proto';
import request from 'supertest';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING } from '@laurel/infra/temporal/payload-codec';
import { nominationWorkflowId } from '@laurel/workflows/nomination/messages';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { temporalCliPath } from '../../scripts/temporal-paths';
import { ADMIN, ApiHarness, NT, expectError } from '../support/api-harness';
import { temporalTestAddress } from '../support/worker';

const UI = 'http://127.0.0.1:8233';

interface WirePayload {
  metadata: Record<string, string>;
  data: string;
}

let api: ApiHarness;
let nominationId: string;
/** The encrypted arguments of the draft and of a council opinion, as the UI sends them. */
let draftArgs: WirePayload;
let opinionArgs: WirePayload;

function toWire(payload: temporal.api.common.v1.IPayload): WirePayload {
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload.metadata ?? {}))
    metadata[key] = Buffer.from(value).toString('base64');
  return { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}

function readJson(payload: WirePayload): unknown {
  expect(Buffer.from(payload.metadata['encoding']!, 'base64').toString()).toBe('json/plain');
  return JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8'));
}

function decode(body: unknown, headers: Record<string, string> = { Origin: UI }) {
  return api
    .http()
    .post('/codec/decode')
    .set(headers)
    .send(body as object);
}

beforeAll(async () => {
  api = await ApiHarness.start(
    { TEMPORAL_UI_CODEC_ORIGINS: `${UI}, http://localhost:8233/` },
    { payloadCodec: new AesGcmPayloadCodec(randomBytes(32)) },
  );
  const review = await api.inCouncilReview();
  nominationId = review.nominationId;
  await api.act(NT.council[0], `/nominations/${nominationId}/council-opinions`, {
    recommendation: 'reject',
    comment: 'Thành tích chưa nổi bật.',
  });
  const history = await api.client.workflow.getHandle(nominationWorkflowId(nominationId)).fetchHistory();
  const argsOf = (name: string) => {
    const accepted = history.events!.find(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === name,
    );
    return toWire(
      accepted!.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!.payloads![0]!,
    );
  };
  draftArgs = argsOf('draft');
  opinionArgs = argsOf('recordCouncilOpinion');
}, 180_000);

afterAll(async () => {
  await api?.stop();
});

test('the UI on this machine reads a decrypted update, and its origin is allowed', async () => {
  expect(Buffer.from(draftArgs.metadata['encoding']!, 'base64').toString()).toBe(ENCRYPTED_ENCODING);
  const response = await decode({ payloads: [draftArgs] });
  expect(response.status).toBe(200);
  expect(response.headers['access-control-allow-origin']).toBe(UI);
  const [payload] = (response.body as { payloads: WirePayload[] }).payloads;
  expect(readJson(payload!)).toMatchObject({
    actor: { userId: NT.officer },
    awardType: 'ProvincialCertificateOfMerit',
  });
});

test('council opinions stay sealed in the UI', async () => {
  const response = await decode({ payloads: [opinionArgs] });
  expect(response.status).toBe(200);
  const opinion = readJson((response.body as { payloads: WirePayload[] }).payloads[0]!);
  expect(opinion).toMatchObject({ actor: { userId: NT.council[0] }, recommendation: 'sealed', comment: 'sealed' });
  expect(JSON.stringify(opinion)).not.toContain('reject');
});

test('the CORS preflight answers the configured origins only', async () => {
  const allowed = await api.http().options('/codec/decode').set({
    Origin: 'http://localhost:8233',
    'Access-Control-Request-Method': 'POST',
    'Access-Control-Request-Headers': 'content-type, x-namespace',
  });
  expect(allowed.status).toBe(204);
  expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:8233');
  expect(allowed.headers['access-control-allow-headers']).toContain('x-namespace');
  const other = await api.http().options('/codec/decode').set({ Origin: 'http://evil.example' });
  expect(other.headers['access-control-allow-origin']).toBeUndefined();
});

test('with a token, only admins and auditors may read payloads', async () => {
  const asAdmin = await decode({ payloads: [draftArgs] }, { Authorization: `Bearer ${await api.token(ADMIN)}` });
  expect(asAdmin.status).toBe(200);
  const asOfficer = await decode({ payloads: [draftArgs] }, { Authorization: `Bearer ${await api.token(NT.officer)}` });
  expectError(asOfficer, 403, 'ROLE_NOT_ALLOWED');
  expectError(await decode({ payloads: [draftArgs] }, { Authorization: 'Bearer nonsense' }), 401);
});

test('what the UI sends is encrypted, and comes back as it was', async () => {
  const plain = {
    metadata: { encoding: Buffer.from('json/plain').toString('base64') },
    data: Buffer.from(JSON.stringify({ reason: 'Kiểm tra' })).toString('base64'),
  };
  const encoded = await api
    .http()
    .post('/codec/encode')
    .set({ Origin: UI })
    .send({ payloads: [plain] });
  expect(encoded.status).toBe(200);
  const sealed = (encoded.body as { payloads: WirePayload[] }).payloads[0]!;
  expect(Buffer.from(sealed.metadata['encoding']!, 'base64').toString()).toBe(ENCRYPTED_ENCODING);
  const decoded = await decode({ payloads: [sealed] });
  expect(readJson((decoded.body as { payloads: WirePayload[] }).payloads[0]!)).toEqual({ reason: 'Kiểm tra' });
});

test('bad input is a 400 with the one error shape', async () => {
  expectError(await decode({ payloads: 'all' }), 400, 'INVALID_BODY');
  expectError(await decode({ payloads: [{ data: 'not base64!' }] }), 400, 'INVALID_BODY');
  // A payload changed in transit fails authentication: refused, not returned half-decrypted.
  const tampered = { ...draftArgs, data: Buffer.from(randomBytes(64)).toString('base64') };
  expectError(await decode({ payloads: [tampered] }), 400, 'INVALID_BODY');
});

/** The real Temporal CLI against the test server, decoding through this API's endpoint. */
async function cli(...args: string[]): Promise<unknown> {
  const { stdout } = await promisify(execFile)(
    temporalCliPath(),
    [...args, '--address', temporalTestAddress(), '--codec-endpoint', `${api.baseUrl}/codec`, '-o', 'json'],
    { timeout: 60_000 },
  );
  return JSON.parse(stdout);
}

test('the Temporal CLI queries a workflow through the endpoint: its empty `{}` for no arguments is no payloads', async () => {
  const answer = (await cli('workflow', 'query', '-w', nominationWorkflowId(nominationId), '--type', 'state')) as {
    queryResult: { stage: string; council: { opinions: { recommendation: string }[] } }[];
  };
  expect(answer.queryResult[0]).toMatchObject({ stage: 'CouncilReview' });
  expect(answer.queryResult[0]!.council.opinions.map((o) => o.recommendation)).toEqual(['sealed']);
  // What the CLI sent for the query's arguments: proto3 JSON leaves out the empty list.
  const empty = await api.http().post('/codec/encode').send({});
  expect(empty.status).toBe(200);
  expect(empty.body).toEqual({ payloads: [] });
}, 90_000);

test('the CLI reads who and what from the summary, details and memo, which are stored encrypted', async () => {
  const workflowId = nominationWorkflowId(nominationId);
  const plain = (await promisify(execFile)(
    temporalCliPath(),
    ['workflow', 'describe', '-w', workflowId, '--address', temporalTestAddress(), '-o', 'json'],
    { timeout: 60_000 },
  ).then(({ stdout }) => stdout)) as string;
  // Without the codec the CLI sees ciphertext: the nominee's name is not in Temporal's store in clear.
  expect(plain).not.toContain('Bằng khen');
  const described = (await cli('workflow', 'describe', '-w', workflowId)) as {
    executionConfig: { userMetadata: { summary: string; details: string } };
  };
  const { summary, details } = described.executionConfig.userMetadata;
  expect(summary).toMatch(/ · Bằng khen của Chủ tịch UBND tỉnh \(Provincial Certificate of Merit\) · /);
  expect(details).toContain(nominationId);
  const listed = (await cli('workflow', 'list', '--query', `WorkflowId="${workflowId}"`)) as {
    memo: { fields: Record<string, unknown> };
  }[];
  expect(listed[0]?.memo.fields).toMatchObject({
    award: 'Bằng khen của Chủ tịch UBND tỉnh (Provincial Certificate of Merit)',
    nominee: expect.any(String),
    unit: expect.any(String),
  });
}, 90_000);

describe('with TEMPORAL_UI_CODEC_ORIGINS unset', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createApiApp({
      config: { ...api.config, TEMPORAL_UI_CODEC_ORIGINS: [] },
      stores: api.stores,
      temporal: api.client,
      directory: api.directory,
      readModels: api.readModels,
    });
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('is off: 404, and nothing is decrypted', async () => {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const response = await request(`http://127.0.0.1:${port}`)
      .post('/codec/decode')
      .set({ Origin: UI })
      .send({ payloads: [draftArgs] });
    expectError(response, 404, 'NOT_FOUND');
  });
});
