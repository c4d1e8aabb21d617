// Reconciliation against real Temporal histories: every nomination path run
// through the workflow on the shared dev server reconciles cleanly — updates,
// failed updates and deadline timers included — and an event appended behind
// the workflow's back is named, even though its hash chain is perfect.
import { reconcile } from '@laurel/infra/audit/reconcile';
import { verifyStream } from '@laurel/infra/audit/verify';
import { nominationStreamName, stateQuery } from '@laurel/workflows/nomination/messages';
import { freshNominationId, NominationHarness } from '../support/nomination-harness';
import { paths, type PathName } from '../workflow/paths';

let harness: NominationHarness;
beforeAll(async () => {
  harness = await NominationHarness.start();
});
afterAll(async () => {
  await harness?.stop();
});

async function reconcileWithTemporal(id: string) {
  const described = await harness.handle(id).describe();
  const handle = harness.client.workflow.getHandle(described.workflowId, described.runId);
  return reconcile({
    workflowId: described.workflowId,
    runId: described.runId,
    events: await harness.streamOf(id),
    history: await handle.fetchHistory(),
    workflowState: await handle.query(stateQuery),
  });
}

const clean: readonly PathName[] = [
  'awarded',
  'block-vote-failed',
  'supplement-then-awarded',
  'withdrawn',
  'expired',
  'council-escalated',
];

test.concurrent.each(clean)('%s: the stream and the workflow history agree', async (name) => {
  const id = freshNominationId(`rec-${name}`);
  const run = await paths[name](harness, id);
  if (run.outcome !== 'Open') await harness.handle(id).result();
  const result = await reconcileWithTemporal(id);
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
  expect(result.counts.events).toBe(run.expected.length);
  expect(result.counts.pendingUpdates).toBe(0);
  const timerCaused = run.expected.filter((t) => ['ReminderDue', 'StageEscalated', 'NominationExpired'].includes(t));
  if (timerCaused.length > 0) expect(result.counts.timerCausedGroups).toBe(timerCaused.length);
});

test('an event appended behind the workflow is named, though its chain holds and the workflow folded it in', async () => {
  const id = freshNominationId('rec-outsider');
  await paths['store-conflict-caught-up'](harness, id);
  await harness.handle(id).result();
  expect(await verifyStream(harness.stores.events, nominationStreamName(id))).toMatchObject({ ok: true });

  const result = await reconcileWithTemporal(id);
  const outsider = (await harness.streamOf(id)).find((e) => e.metadata['causationId'] === 'manual-repair')!;
  expect(outsider.version).toBe(4);
  // The refused vote is an update that failed and wrote nothing: not a problem.
  expect(result.counts.failedUpdates).toBe(1);
  expect(result.problems.map((p) => [p.code, p.version, p.eventId])).toEqual([
    ['workflow_mismatch', 4, outsider.id],
    ['events_without_update', 4, outsider.id],
  ]);
});
