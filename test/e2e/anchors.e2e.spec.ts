// The store against its signed checkpoints, over HTTP on PostgreSQL: with
// write access to the events table, a stream deleted, its tail cut off, or an
// event changed and every later hash recomputed leaves a chain that holds,
// but not the head the API signed. Both verify routes name stream and event.
import { eventHash } from '@laurel/infra/audit/hash';
import type { JsonObject } from '@laurel/infra/event-store/port';
import { nominationStreamName } from '@laurel/workflows/nomination/messages';
import type { CheckpointLine } from '../../apps/api/src/audit/checkpoints/export-checkpoints.query';
import type { StoreVerification } from '../../apps/api/src/audit/verify/verify-all.query';
import type { NominationVerification } from '../../apps/api/src/audit/verify/verify-nomination.query';
import { ADMIN, ApiHarness, NT, expectError } from '../support/api-harness';

let api: ApiHarness;

beforeAll(async () => {
  api = await ApiHarness.start();
}, 120_000);
afterAll(async () => {
  await api?.stop();
});

function sql(text: string, params: unknown[]) {
  return api.stores.sql.query(text.replaceAll('$schema', `"${api.config.DATABASE_SCHEMA}"`), params);
}

async function checkpointsAs(user: string): Promise<CheckpointLine[]> {
  const response = await api.get(user, '/audit/checkpoints');
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
  return (response.text as string)
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as CheckpointLine);
}

/** A submitted nomination whose head the API has signed (the checkpointer follows the log). */
async function checkpointed(): Promise<{ nominationId: string; version: number }> {
  const { nominationId } = await api.draft();
  await api.act(NT.head, `/nominations/${nominationId}/submit`);
  const version = await api.streamVersion(nominationId);
  const until = Date.now() + 10_000;
  for (;;) {
    const line = (await checkpointsAs(NT.auditor)).find((c) => c.nominationId === nominationId);
    if (line?.version === version) return { nominationId, version };
    if (Date.now() > until) throw new Error(`no checkpoint of ${nominationId} at version ${version}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function verifyOf(nominationId: string): Promise<NominationVerification> {
  const response = await api.get(NT.auditor, `/nominations/${nominationId}/verify`);
  expect(response.status).toBe(200);
  return response.body as NominationVerification;
}

async function storeFailure(nominationId: string) {
  const response = await api.get(ADMIN, '/audit/verify');
  expect(response.status).toBe(200);
  const body = response.body as StoreVerification;
  expect(body.ok).toBe(false);
  return body.anchorFailures.find((f) => f.nominationId === nominationId);
}

test('exports every signed head as NDJSON, to auditors and admins only', async () => {
  const { nominationId, version } = await checkpointed();
  const events = await api.stream(nominationId);
  const line = (await checkpointsAs(ADMIN)).find((c) => c.nominationId === nominationId);
  expect(line).toMatchObject({
    streamName: nominationStreamName(nominationId),
    version,
    hash: events[events.length - 1]!.metadata['hash'],
    keyId: expect.any(String),
    signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
  });
  expect((await checkpointsAs('lc-auditor')).some((c) => c.nominationId === nominationId)).toBe(false);
  expectError(await api.get(NT.head, '/audit/checkpoints'), 403, 'ROLE_NOT_ALLOWED');
  expect((await verifyOf(nominationId)).anchor).toMatchObject({ checkpoint: { version }, problem: null });
});

test('a deleted stream is named', async () => {
  const { nominationId, version } = await checkpointed();
  const streamName = nominationStreamName(nominationId);
  await sql(`DELETE FROM $schema.events WHERE stream_name = $1`, [streamName]);
  const expected = { streamName, reason: 'stream_deleted', version: 1, eventId: null };
  const verification = await verifyOf(nominationId);
  expect(verification.ok).toBe(false);
  expect(verification.anchor.problem).toMatchObject(expected);
  expect(verification.anchor.checkpoint).toMatchObject({ version });
  expect(await storeFailure(nominationId)).toMatchObject(expected);
});

test('a truncated tail is named from its first missing event', async () => {
  const { nominationId, version } = await checkpointed();
  const streamName = nominationStreamName(nominationId);
  await sql(`DELETE FROM $schema.events WHERE stream_name = $1 AND version = $2`, [streamName, version]);
  const expected = { streamName, reason: 'stream_truncated', version, eventId: null };
  const verification = await verifyOf(nominationId);
  expect(verification.ok).toBe(false);
  expect(verification.chain.ok).toBe(true);
  expect(verification.anchor.problem).toMatchObject(expected);
  expect(await storeFailure(nominationId)).toMatchObject(expected);
});

test('a rewritten chain, every later hash recomputed, is named at the signed head', async () => {
  const { nominationId, version } = await checkpointed();
  const streamName = nominationStreamName(nominationId);
  const events = await api.stream(nominationId);
  let prevHash = events[0]!.metadata['prevHash'] as string;
  for (const [i, event] of events.entries()) {
    const data: JsonObject = i === 0 ? { ...event.data, achievements: 'Thành tích đã bị sửa' } : event.data;
    const { hash: _old, ...rest } = event.metadata;
    const metadata: JsonObject = { ...rest, prevHash };
    const hash = eventHash({ ...event, data, metadata });
    await sql(`UPDATE $schema.events SET data = $2::jsonb, metadata = $3::jsonb WHERE event_id = $1`, [
      event.id,
      JSON.stringify(data),
      JSON.stringify({ ...metadata, hash }),
    ]);
    prevHash = hash;
  }
  const expected = { streamName, reason: 'checkpoint_hash_mismatch', version, eventId: events[version - 1]!.id };
  const verification = await verifyOf(nominationId);
  expect(verification.chain.ok).toBe(true);
  expect(verification.ok).toBe(false);
  expect(verification.anchor.problem).toMatchObject(expected);
  expect(await storeFailure(nominationId)).toMatchObject(expected);
});
