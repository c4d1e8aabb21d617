// Secret ballots in the Temporal history: with the payload codec on worker and
// client, a council opinion's recommendation and comment never appear in plain
// text in the history, the nomination runs to its decision as usual, a client
// without the key cannot read the workflow's answers, and /verify's reading of
// the history (update actors and results) still works on the encrypted payloads.
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { reconcile } from '@laurel/infra/audit/reconcile';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, dataConverterWith } from '@laurel/infra/temporal/payload-codec';
import {
  issueDecisionUpdate,
  recordCouncilOpinionUpdate,
  stateQuery,
  submitUpdate,
  type ActionArgs,
} from '@laurel/workflows/nomination/messages';
import type { DraftNomination } from '@laurel/domain';
import { TemporalWorkflowRecords } from '../../apps/api/src/audit/verify/workflow-records';
import {
  COUNCIL_SIZE,
  VOTER_UNITS,
  councillor,
  draftArgs,
  freshNominationId,
  people,
  submitArgs,
  NominationHarness,
} from '../support/nomination-harness';

const codec = new AesGcmPayloadCodec(randomBytes(32));
const COMMENT = 'Sáng kiến có hiệu quả toàn tỉnh — ý kiến kín của thành viên 1';

let harness: NominationHarness;
beforeAll(async () => {
  harness = await NominationHarness.start({ payloadCodec: codec });
});
afterAll(async () => {
  await harness?.stop();
});

/** A Provincial Emulation Fighter nomination: its council votes by secret ballot. */
function fighterDraft(): ActionArgs<DraftNomination> {
  const year = new Date().getUTCFullYear();
  return draftArgs({
    awardType: 'ProvincialEmulationFighter',
    record: {
      titles: [year - 2, year - 1, year].map((y) => ({ year: y, title: 'GrassrootsEmulationFighter' })),
      ratings: [],
      initiatives: [{ year, title: 'Số hoá quy trình tiếp nhận hồ sơ', scope: 'province' }],
    },
    evidence: ['proposal_letter', 'achievement_report', 'unit_council_minutes', 'initiative_certificate'].map(
      (kind) => ({ documentId: `doc-${kind}`, title: kind, kind, sizeBytes: 2048, sha256: 'ab'.repeat(32) }),
    ),
  } as Partial<ActionArgs<DraftNomination>>);
}

/** Every byte string anywhere in the history, read as UTF-8: what someone with the database would see. */
function bytesAsText(value: unknown, seen = new Set<unknown>()): string[] {
  if (value instanceof Uint8Array) return [Buffer.from(value).toString('utf8')];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  return Object.values(value).flatMap((v) => bytesAsText(v, seen));
}

/** Up to the provincial decision; member 1 gives a reasoned opinion (the council must be unanimous: 90 %). */
async function throughCouncil(id: string): Promise<void> {
  await harness.draft(id, fighterDraft());
  await harness.handle(id).executeUpdate(submitUpdate, { args: [submitArgs()] });
  await harness.vote(
    id,
    VOTER_UNITS.map(() => 'approve'),
  );
  await harness.handle(id).executeUpdate(recordCouncilOpinionUpdate, {
    args: [{ actor: councillor(1), recommendation: 'approve', comment: COMMENT }],
  });
  for (let n = 2; n <= COUNCIL_SIZE; n++) {
    await harness.handle(id).executeUpdate(recordCouncilOpinionUpdate, {
      args: [{ actor: councillor(n), recommendation: 'approve' }],
    });
  }
}

let id: string;
beforeAll(async () => {
  id = freshNominationId('enc');
  await throughCouncil(id);
  await harness.handle(id).executeUpdate(issueDecisionUpdate, {
    args: [{ actor: people.chairman, outcome: 'approved', decisionNumber: '164/QĐ-UBND' }],
  });
  await harness.handle(id).result();
});

test('the history holds neither the recommendation nor the comment in plain text; the key reads them back', async () => {
  const history = await harness.handle(id).fetchHistory();
  const text = bytesAsText(history).join('\n');
  expect(text).not.toContain(COMMENT);
  expect(text).not.toContain('"recommendation"');

  const opinions = history.events!.filter(
    (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'recordCouncilOpinion',
  );
  expect(opinions).toHaveLength(COUNCIL_SIZE);
  const stored = opinions[0]!.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!
    .payloads![0]! as Payload;
  expect(Buffer.from(stored.metadata!['encoding']!).toString()).toBe(ENCRYPTED_ENCODING);
  // The same payload, decrypted, is the opinion: the check above looked at the right bytes.
  const [plain] = await codec.decode([stored]);
  expect(JSON.parse(Buffer.from(plain!.data!).toString('utf8'))).toMatchObject({
    recommendation: 'approve',
    comment: COMMENT,
  });

  // The appends run as local activities: their inputs never reach the history, their results are
  // recorded in markers (`result`, sealed; the SDK's own `data` and `patch-data` are bookkeeping).
  const recorded = history.events!.flatMap((e) => e.markerRecordedEventAttributes?.details?.['result']?.payloads ?? []);
  expect(recorded.length).toBeGreaterThan(0);
  for (const p of recorded) expect(Buffer.from(p.metadata!['encoding']!).toString()).toBe(ENCRYPTED_ENCODING);
});

test('the nomination still runs to its decision', async () => {
  const state = await harness.state(id);
  expect(state.stage === 'Closed' && state.outcome).toBe('Awarded');
  expect(state.stage !== 'Initial' && state.council?.opinions.map((o) => o.recommendation)).toEqual([
    'sealed',
    'sealed',
    'sealed',
  ]);
});

test('a client without the key cannot read the state query answer, nor one with another key', async () => {
  const plainClient = new Client({ connection: harness.client.connection });
  await expect(plainClient.workflow.getHandle(harness.handle(id).workflowId).query(stateQuery)).rejects.toThrow(
    /binary\/encrypted/,
  );
  const otherKey = new Client({
    connection: harness.client.connection,
    dataConverter: dataConverterWith(new AesGcmPayloadCodec(randomBytes(32))),
  });
  await expect(otherKey.workflow.getHandle(harness.handle(id).workflowId).query(stateQuery)).rejects.toThrow(
    /does not have/,
  );
});

test("/verify's records decrypt update arguments and results: actors and results are still checked", async () => {
  const record = (await new TemporalWorkflowRecords(harness.client).read(id))!;
  const events = await harness.streamOf(id);
  const input = { workflowId: record.workflowId, runId: record.runId, events, history: record.history };
  const result = reconcile({ ...input, workflowState: record.state, decodePayload: record.decodePayload });
  expect(result.problems).toEqual([]);
  expect(result.counts.updates).toBe(3 + VOTER_UNITS.length + COUNCIL_SIZE);

  // A forged actor on the sealed opinion is caught only because its update's arguments were decrypted.
  const opinion = events.findIndex((e) => e.type === 'CouncilOpinionRecorded');
  const forged = events.map((e, i) =>
    i === opinion ? { ...e, metadata: { ...e.metadata, actor: { ...councillor(2) } } } : e,
  );
  const caught = reconcile({
    ...input,
    events: forged,
    workflowState: record.state,
    decodePayload: record.decodePayload,
  });
  expect(caught.problems.map((p) => p.code)).toEqual(['actor_mismatch']);
  const blind = reconcile({ ...input, events: forged, workflowState: record.state });
  expect(blind.problems).toEqual([]);
});
