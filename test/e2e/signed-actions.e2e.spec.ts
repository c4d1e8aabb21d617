// Signed actions through the API: every person's action reaches the store
// with the API's proof, and `verify` checks it. An actor rewritten in the
// database, even with every hash after it recomputed, is named by its event.
import { eventHash } from '@laurel/infra/audit/hash';
import type { JsonObject, RecordedEvent } from '@laurel/infra/event-store/port';
import type { StoreVerification } from '../../apps/api/src/audit/verify/verify-all.query';
import type { NominationVerification } from '../../apps/api/src/audit/verify/verify-nomination.query';
import { testActionSigner } from '../support/action-keys';
import { ApiHarness, NT } from '../support/api-harness';

let api: ApiHarness;

beforeAll(async () => {
  api = await ApiHarness.start();
}, 120_000);
afterAll(async () => {
  await api?.stop();
});

/** Writes `events` back with their metadata changed by `change`, every hash from there on recomputed. */
async function rewrite(events: readonly RecordedEvent[], from: number, change: (m: JsonObject) => JsonObject) {
  let prevHash = events[from - 1]!.metadata['hash'] as string;
  for (const event of events.slice(from)) {
    const { hash: _old, ...rest } = event === events[from] ? change(event.metadata) : event.metadata;
    const metadata: JsonObject = { ...rest, prevHash };
    const hash = eventHash({ ...event, metadata });
    await api.stores.sql.query(
      `UPDATE "${api.config.DATABASE_SCHEMA}".events SET metadata = $2::jsonb WHERE event_id = $1`,
      [event.id, JSON.stringify({ ...metadata, hash })],
    );
    prevHash = hash;
  }
}

async function verifyOf(nominationId: string): Promise<NominationVerification> {
  const response = await api.get(NT.auditor, `/nominations/${nominationId}/verify`);
  expect(response.status).toBe(200);
  return response.body as NominationVerification;
}

test('actions sent through the API are signed, stored with their proof, and verify', async () => {
  const { nominationId } = await api.draft();
  await api.act(NT.head, `/nominations/${nominationId}/submit`);
  await api.act(NT.voters[0]!, `/nominations/${nominationId}/votes`, { choice: 'approve' });
  const events = await api.stream(nominationId);
  const human = events.filter((e) => (e.metadata['actor'] as { role: string }).role !== 'system');
  expect(human.length).toBeGreaterThanOrEqual(3);
  for (const event of human) {
    expect(event.metadata['proof']).toMatchObject({ v: 1, keyId: testActionSigner.keyId });
  }
  expect(await verifyOf(nominationId)).toMatchObject({ ok: true, firstBroken: null });
});

test('an actor rewritten in the store, the chain recomputed after it, is named: the API never signed it', async () => {
  const { nominationId } = await api.draft();
  await api.act(NT.head, `/nominations/${nominationId}/submit`);
  await api.act(NT.voters[0]!, `/nominations/${nominationId}/votes`, { choice: 'approve' });
  const events = await api.stream(nominationId);
  const vote = events.find((e) => e.type === 'BlockVoteCast')!;
  await rewrite(events, vote.version - 1, (m) => ({
    ...m,
    actor: { ...(m['actor'] as JsonObject), userId: 'u-forged' },
  }));

  const report = await verifyOf(nominationId);
  expect(report.ok).toBe(false);
  expect(report.chain.firstBroken).toEqual({ version: vote.version, eventId: vote.id, reason: 'signature_invalid' });
});

test('a proof stripped from an event after signing began is named too', async () => {
  const { nominationId } = await api.draft();
  await api.act(NT.head, `/nominations/${nominationId}/submit`);
  const events = await api.stream(nominationId);
  const submitted = events.find((e) => e.type === 'NominationSubmitted')!;
  await rewrite(events, submitted.version - 1, ({ proof: _proof, ...m }) => m);

  const report = await verifyOf(nominationId);
  expect(report.chain.firstBroken).toEqual({
    version: submitted.version,
    eventId: submitted.id,
    reason: 'unsigned_after_signing_began',
  });
});

test('actions recorded before signing began are reported as unsigned, not as broken', async () => {
  // A stream as the workflow wrote it before this change: no proof on people's actions.
  const streamName = `nomination-before-signing-${Date.now()}`;
  await api.stores.events.append(
    streamName,
    [
      {
        id: crypto.randomUUID(),
        type: 'NominationDrafted',
        data: { note: 'recorded before signing' },
        metadata: { actor: { userId: 'u-old', role: 'unit_officer' }, causationId: 'old', workflowId: streamName },
      },
    ],
    0,
  );
  let store: StoreVerification | undefined;
  // The store-wide pass reads settled events only; wait until it covers the new stream.
  for (let attempt = 0; attempt < 50; attempt++) {
    store = (await api.get(NT.auditor, '/audit/verify')).body as StoreVerification;
    if (store.unsignedBeforeSigning >= 1) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(store!.unsignedBeforeSigning).toBeGreaterThanOrEqual(1);
  expect(store!.failures.filter((f) => f.streamName === streamName)).toEqual([]);
});
