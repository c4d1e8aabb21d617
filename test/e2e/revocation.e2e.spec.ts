import { randomUUID } from 'node:crypto';
// Revoking an award after the nomination closed, over real HTTP: the closed
// workflow is reopened as a new run of the same id, the revocation is
// appended to the same stream (the award stays in the history), and
// verification walks both runs. Every refusal leaves the stream as it was.
import type { WorkflowExecutionInfo } from '@temporalio/client';
import type { NominationState } from '@laurel/domain';
import { nominationWorkflowId } from '@laurel/workflows/nomination/messages';
import { NominationStage } from '@laurel/workflows/nomination/search-attributes';
import type { NominationVerification } from '../../apps/api/src/audit/verify/verify-nomination.query';
import { ApiHarness, NT, expectError, type ActionBody } from '../support/api-harness';
import { eventually } from '../support/nomination-harness';

const revocation = {
  ground: 'forged_documents',
  details: 'Giấy chứng nhận sáng kiến kèm hồ sơ là giả mạo (kết luận thanh tra số 12/KL-TTr).',
  decisionNumber: '41/QĐ-UBND',
};

let api: ApiHarness;
let awarded: ActionBody;

beforeAll(async () => {
  api = await ApiHarness.start();
  const waiting = await api.awaitingDecision();
  awarded = await api.act(NT.chairman, `/nominations/${waiting.nominationId}/decision`, {
    outcome: 'approved',
    decisionNumber: '163/QĐ-UBND',
  });
}, 180_000);

afterAll(async () => {
  await api?.stop();
});

function revoke(user: string, nominationId: string, body: unknown = revocation) {
  return api.post(user, `/nominations/${nominationId}/revocation`, body);
}

test('refusals before the award is revoked: each a clear error, the stream unchanged', async () => {
  const id = awarded.nominationId;
  const before = await api.streamVersion(id);
  expectError(await revoke(NT.officer, id), 403, 'ROLE_NOT_ALLOWED');
  expectError(await revoke('lc-chairman', id), 403, 'OUT_OF_SCOPE');
  expectError(await revoke(NT.chairman, id, { ...revocation, ground: 'disliked' }), 400, 'INVALID_BODY');
  expectError(await revoke(NT.chairman, id, { ...revocation, details: '' }), 400, 'INVALID_BODY');
  expectError(await revoke(NT.chairman, id, { ...revocation, extra: true }), 400, 'INVALID_BODY');
  expectError(await revoke(NT.chairman, id, { ...revocation, decisionNumber: 'soon' }), 400, 'INVALID_COMMAND');
  expectError(await revoke(NT.chairman, randomUUID()), 404, 'NOT_FOUND');
  expectError(await revoke(NT.chairman, 'no-such-nomination'), 400, 'INVALID_ID');
  expect(await api.streamVersion(id)).toBe(before);

  // Only an awarded nomination can be revoked: not one still open, nor one that was not awarded.
  const open = await api.submitted();
  expectError(await revoke(NT.chairman, open.nominationId), 409, 'WRONG_STAGE');
  const waiting = await api.awaitingDecision();
  await api.act(NT.chairman, `/nominations/${waiting.nominationId}/decision`, {
    outcome: 'rejected',
    reason: 'Thành tích chưa tiêu biểu so với các đơn vị trong khối.',
  });
  const rejectedVersion = await api.streamVersion(waiting.nominationId);
  expectError(await revoke(NT.chairman, waiting.nominationId), 409, 'WRONG_STAGE');
  expect(await api.streamVersion(waiting.nominationId)).toBe(rejectedVersion);
  expect(await api.streamVersion(open.nominationId)).toBe(2);
}, 120_000);

test('the chairman revokes: one event appended after the award, a second run of the workflow, verified across both', async () => {
  const id = awarded.nominationId;
  const handle = api.client.workflow.getHandle(nominationWorkflowId(id));
  const firstRun = (await handle.describe()).runId;

  const response = await revoke(NT.chairman, id);
  expect(response.status).toBe(200);
  const revoked = response.body as ActionBody;
  expect(revoked).toMatchObject({
    nominationId: id,
    stage: 'Closed',
    outcome: 'Revoked',
    version: awarded.version + 1,
    eventTypes: ['AwardRevoked'],
  });

  const stream = await api.stream(id);
  expect(stream.map((e) => e.type).slice(-2)).toEqual(['DecisionIssued', 'AwardRevoked']);
  const last = stream[stream.length - 1]!;
  expect(last.data).toMatchObject({ ground: 'forged_documents', decisionNumber: '41/QĐ-UBND' });
  expect(last.metadata['actor']).toMatchObject({ userId: NT.chairman, role: 'chairman' });
  const description = await handle.describe();
  expect(description.runId).not.toBe(firstRun);
  expect(description.status.name).toBe('COMPLETED');
  expect(last.metadata['runId']).toBe(description.runId);

  const detail = await api.get(NT.auditor, `/nominations/${id}?position=${encodeURIComponent(revoked.position)}`);
  expect(detail.status).toBe(200);
  const state = (detail.body as { state: NominationState }).state;
  const revokedAt = state.stage === 'Closed' ? state.revocation?.at : undefined;
  expect(revokedAt).toEqual(expect.any(String));
  // The award happened, so the state keeps `outcome: 'Awarded'`; what the API reports and filters on is `Revoked`.
  expect(detail.body).toMatchObject({ outcome: 'Revoked', summary: { outcome: 'Revoked', revokedAt } });
  type Listed = { items: { nominationId: string; outcome: string | null; revokedAt: string | null }[] };
  const listed = await api.get(NT.chairman, `/nominations?outcome=Revoked&limit=100`);
  expect(listed.status).toBe(200);
  const item = (listed.body as Listed).items.find((i) => i.nominationId === id);
  expect(item).toMatchObject({ outcome: 'Revoked', revokedAt });
  const stillAwarded = await api.get(NT.chairman, `/nominations?outcome=Awarded&limit=100`);
  expect((stillAwarded.body as Listed).items.map((i) => i.nominationId)).not.toContain(id);
  expect(state).toMatchObject({
    stage: 'Closed',
    outcome: 'Awarded',
    revocation: { ground: 'forged_documents', revokedBy: NT.chairman, decisionNumber: '41/QĐ-UBND' },
  });

  const verify = await api.get(NT.auditor, `/nominations/${id}/verify`);
  expect(verify.status).toBe(200);
  const verification = verify.body as NominationVerification;
  expect(verification.reconciliation.problems).toEqual([]);
  expect(verification).toMatchObject({ ok: true, chain: { ok: true, events: stream.length } });
  expect(verification.reconciliation.runId).toBe(description.runId);

  // Admins filter revoked awards in the Temporal UI by the stage attribute; the new run's result says so too.
  const query = `NominationStage="Revoked" AND WorkflowId="${nominationWorkflowId(id)}"`;
  const found = await eventually(async () => {
    const runs: WorkflowExecutionInfo[] = [];
    for await (const execution of api.client.workflow.list({ query })) runs.push(execution);
    return runs.length === 1 ? runs[0] : undefined;
  }, `one execution for ${query}`);
  expect(found.runId).toBe(description.runId);
  expect(found.typedSearchAttributes.get(NominationStage)).toBe('Revoked');
  expect(await handle.result()).toEqual({ outcome: 'Revoked', version: revoked.version });

  // Revoked once is revoked for good: a second try changes nothing.
  expectError(await revoke(NT.chairman, id), 409, 'ALREADY_REVOKED');
  expect(await api.streamVersion(id)).toBe(revoked.version);
}, 120_000);

test('a retried decision or revocation (same Idempotency-Key) gets its first answer, though the nomination has closed', async () => {
  const { nominationId } = await api.awaitingDecision();
  const decide = () =>
    api.post(
      NT.chairman,
      `/nominations/${nominationId}/decision`,
      { outcome: 'approved', decisionNumber: '170/QĐ-UBND' },
      { 'Idempotency-Key': 'decision-1' },
    );
  const first = await decide();
  expect(first.status).toBe(200);
  const again = await decide();
  expect({ status: again.status, body: again.body as unknown }).toEqual({ status: 200, body: first.body as unknown });

  const revokeOnce = () =>
    api.post(NT.chairman, `/nominations/${nominationId}/revocation`, revocation, { 'Idempotency-Key': 'revoke-1' });
  const revoked = await revokeOnce();
  expect(revoked.status).toBe(200);
  const retried = await revokeOnce();
  expect({ status: retried.status, body: retried.body as unknown }).toEqual({
    status: 200,
    body: revoked.body as unknown,
  });
  expect(await api.streamVersion(nominationId)).toBe((revoked.body as ActionBody).version);
  // Another key is another request: refused, nothing written.
  expectError(
    await api.post(NT.chairman, `/nominations/${nominationId}/revocation`, revocation, {
      'Idempotency-Key': 'revoke-2',
    }),
    409,
    'ALREADY_REVOKED',
  );
}, 120_000);
