// Every outcome of a nomination, driven through the workflow's updates on the
// shared dev server: the stream holds exactly the expected events, numbered
// 1..n with an unbroken hash chain, and folding it gives the workflow's state.
import { fold, type NominationState } from '@laurel/domain';
import { verifyStream } from '@laurel/infra/audit/verify';
import { nominationStreamName, stateQuery } from '@laurel/workflows/nomination/messages';
import { domainEvents, freshNominationId, NominationHarness, people, viaJson } from '../support/nomination-harness';
import { paths, type PathName } from './paths';

let harness: NominationHarness;
beforeAll(async () => {
  harness = await NominationHarness.start();
});
afterAll(async () => {
  await harness?.stop();
});

const cases: readonly [PathName, string][] = [
  ['expired', 'expired: the supplement is not provided in time'],
  ['council-escalated', 'council review overdue: escalated, then decided'],
  ['awarded', 'awarded: block vote, council and chairman approve'],
  ['block-vote-failed', 'not awarded at the block vote: three of four units reject'],
  ['council-rejected', 'not awarded by the council: two of three members reject'],
  ['chairman-rejected', 'not awarded by the chairman: rejected with a reason'],
  ['supplement-then-awarded', 'supplement requested, provided, then awarded'],
  ['withdrawn', 'withdrawn by the unit head before the decision'],
  ['award-revoked', 'awarded, closed, then revoked by the chairman in a second run'],
  ['document-recorded', "awarded, closed, then the decision's digests recorded in a second run"],
];

// Concurrent, slow ones first: the two paths that wait on seconds-long deadlines overlap the rest.
test.concurrent.each(cases)('%s — %s', async (name) => {
  const id = freshNominationId(name);
  const run = await paths[name](harness, id);
  const handle = harness.handle(id);

  const result = await handle.result();
  expect(result.outcome).toBe(run.outcome);

  const stream = await harness.streamOf(id);
  expect(stream.map((e) => e.type)).toEqual(run.expected);
  expect(stream.map((e) => e.version)).toEqual(stream.map((_, i) => i + 1));
  expect(result.version).toBe(stream.length);
  expect(await verifyStream(harness.stores.events, nominationStreamName(id))).toEqual({
    ok: true,
    events: stream.length,
  });

  const state = await handle.query(stateQuery);
  expect(state.stage).toBe('Closed');
  expect(viaJson(fold(domainEvents(stream)))).toEqual(viaJson(state));
  if (name === 'chairman-rejected') {
    expect(state).toMatchObject({
      outcome: 'NotAwarded',
      closedReason: 'decision_rejected',
      decision: { outcome: 'rejected', reason: 'Thành tích chưa tiêu biểu trong toàn tỉnh' },
    } satisfies Partial<Record<keyof Extract<NominationState, { stage: 'Closed' }>, unknown>>);
  }
  if (name === 'withdrawn') {
    expect(state).toMatchObject({ outcome: 'Withdrawn', closedFrom: 'ProvincialDecision' });
  }
  if (name === 'award-revoked') {
    // The award stays in the history; the revocation is recorded beside it, by a second run.
    expect(state).toMatchObject({
      outcome: 'Awarded',
      revocation: { ground: 'standards_unmet', revokedBy: people.chairman.userId },
    });
    expect(stream.at(-1)!.metadata['runId']).toBe((await handle.describe()).runId);
    expect(new Set(stream.map((e) => e.metadata['runId'])).size).toBe(2);
  }
});
