// Crash safety: a worker that stops or dies mid-stage, an append retried after it
// had already succeeded, and another writer appending to the stream. Every case
// ends with the stream complete and unduplicated, its chain intact, and the
// workflow's state equal to the fold of the stream.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { defaultPolicies, fold, resolvePolicy } from '@laurel/domain';
import { verifyStream } from '@laurel/infra/audit/verify';
import { createNominationActivities } from '@laurel/infra/temporal/nomination-activities';
import type {
  AppendEventsInput,
  AppendEventsResult,
  NominationActivities,
} from '@laurel/workflows/nomination/activities';
import {
  castVoteUpdate,
  issueDecisionUpdate,
  nominationStreamName,
  stateQuery,
  submitUpdate,
} from '@laurel/workflows/nomination/messages';
import {
  domainEvents,
  draftArgs,
  eventually,
  freshNominationId,
  NominationHarness,
  people,
  submitArgs,
  testWorkflowBundlePath,
  viaJson,
  voter,
  VOTER_UNITS,
} from '../support/nomination-harness';
import { temporalTestAddress } from '../support/worker';
import { startRelayWorker } from './fixtures/relay';
import { appendVoteBehindTheWorkflow, awardedTypes, paths } from './paths';

type Append = NominationActivities['appendEvents'];

/**
 * Faults the worker injects, by stream: a test that wants a failing store adds
 * one for its own nomination, so tests can share the worker and run at once.
 */
const faults = new Map<string, (input: AppendEventsInput, real: Append) => Promise<AppendEventsResult>>();

let harness: NominationHarness;
beforeAll(async () => {
  harness = await NominationHarness.start({
    activities: (real) => ({
      ...real,
      appendEvents: (input) => faults.get(input.streamName)?.(input, real.appendEvents) ?? real.appendEvents(input),
    }),
  });
});
afterAll(async () => {
  await harness?.stop();
});

/** Every event once, versions 1..n, chain unbroken, and the workflow's state is the fold of the stream. */
async function expectIntact(nominationId: string, expectedTypes: readonly string[]): Promise<void> {
  const stream = await harness.streamOf(nominationId);
  expect(stream.map((e) => e.type)).toEqual(expectedTypes);
  expect(stream.map((e) => e.version)).toEqual(stream.map((_, i) => i + 1));
  expect(new Set(stream.map((e) => e.id)).size).toBe(stream.length);
  expect(await verifyStream(harness.stores.events, nominationStreamName(nominationId))).toEqual({
    ok: true,
    events: stream.length,
  });
  const state = await harness.handle(nominationId).query(stateQuery);
  expect(viaJson(fold(domainEvents(stream)))).toEqual(viaJson(state));
}

function approve(nominationId: string) {
  return harness.handle(nominationId).executeUpdate(issueDecisionUpdate, {
    args: [{ actor: people.chairman, outcome: 'approved', decisionNumber: '163/QĐ-UBND' }],
  });
}

/**
 * The national rules' working-day deadlines, for the tests that restart workers:
 * on a loaded machine a restart can outlast the test-fast policy's block vote
 * reminder (7 s in), which would add a ReminderDue event to the expected stream.
 */
function nationalRules() {
  return resolvePolicy(defaultPolicies, 'default', new Date().toISOString().slice(0, 10));
}

function keyOf(nominationId: string, version: number): string {
  return `${nominationStreamName(nominationId)}@${version}`;
}

test('a worker stopped mid block vote and a new one started: the nomination carries on, nothing lost or doubled', async () => {
  const id = freshNominationId('restart');
  await harness.draftAndSubmit(id, {}, nationalRules());
  await harness.vote(id, ['approve', 'approve']);

  await harness.restartWorker();

  await harness.vote(id, ['approve', 'approve'], 2);
  await harness.council(id, ['approve', 'approve', 'approve']);
  await expect(approve(id)).resolves.toMatchObject({ stage: 'Closed', outcome: 'Awarded' });
  await expectIntact(id, awardedTypes);
});

test('a worker that dies after its append but before its workflow task completes: the retried task keeps the stored event', async () => {
  const id = freshNominationId('crash');
  // A short workflow task timeout, so the server hands the dead worker's task on within seconds.
  await harness.draft(id, draftArgs(), nationalRules(), { workflowTaskTimeout: '2s' });
  const handle = harness.handle(id);
  await handle.executeUpdate(submitUpdate, { args: [submitArgs()] });
  await harness.vote(id, ['approve']);

  // The second vote (version 4) runs on a worker in another process, which is
  // killed once the append has committed and before it can report back.
  const target = keyOf(id, 4);
  await harness.running.shutdown();
  const relay = await startRelayWorker({
    address: temporalTestAddress(),
    taskQueue: harness.taskQueue,
    bundlePath: await testWorkflowBundlePath(),
    activities: createNominationActivities({ store: harness.stores.events, outbox: harness.stores.outbox }),
    dieAfter: (input) => input.events.some((e) => e.key === target),
  });
  const vote = handle.executeUpdate(castVoteUpdate, {
    args: [{ actor: voter(VOTER_UNITS[1]!), choice: 'approve' }],
    updateId: `vote-${VOTER_UNITS[1]}`,
  });
  await relay.exited;
  const committed = (await harness.streamOf(id)).at(-1)!;
  expect(committed).toMatchObject({
    version: 4,
    type: 'BlockVoteCast',
    metadata: { causationId: `vote-${VOTER_UNITS[1]}` },
  });
  harness.running = await harness.startWorker();

  // The retried task decides again at a later instant, so its append carries other
  // content under the same event id. The workflow reads the stream, recognises its
  // own update, and answers with the stored vote instead of failing.
  await expect(vote).resolves.toMatchObject({ stage: 'BlockVote', version: 4, eventTypes: ['BlockVoteCast'] });
  expect((await harness.streamOf(id))[3]).toEqual(committed);
  await harness.vote(id, ['approve', 'approve'], 2);
  await harness.council(id, ['approve', 'approve', 'approve']);
  await approve(id);
  await expectIntact(id, awardedTypes);
});

test('an append that fails after it succeeded is retried without duplicating an event', async () => {
  const id = freshNominationId('retried-append');
  const calls = new Map<string, number>();
  faults.set(nominationStreamName(id), async (input, append) => {
    const result = await append(input);
    const key = input.events[0]!.key;
    const n = (calls.get(key) ?? 0) + 1;
    calls.set(key, n);
    // The store committed, then the answer was lost: the activity sees an error and retries.
    if (n === 1) throw ApplicationFailure.retryable(`connection reset after committing ${key}`, 'STORE_UNAVAILABLE');
    return result;
  });
  const run = await paths.awarded(harness, id);
  expect((await harness.handle(id).result()).outcome).toBe('Awarded');
  await expectIntact(id, run.expected);
  // Every batch was appended twice: once for real, once as an idempotent repeat.
  expect(calls.size).toBeGreaterThan(5);
  expect([...calls.values()].every((n) => n === 2)).toBe(true);
});

test('another writer appended to the stream: the caller sees CONCURRENCY_CONFLICT, the workflow catches up and carries on', async () => {
  const id = freshNominationId('conflict');
  await harness.draftAndSubmit(id);
  await harness.vote(id, ['approve']);
  const handle = harness.handle(id);

  // A second writer records unit 2's vote (version 4) behind the workflow's back.
  await appendVoteBehindTheWorkflow(harness, id, 1, 3);

  const refused = await handle
    .executeUpdate(castVoteUpdate, { args: [{ actor: voter(VOTER_UNITS[2]!), choice: 'approve' }] })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (refused as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect((cause as ApplicationFailure).type).toBe('CONCURRENCY_CONFLICT');

  // Not stuck: the workflow read the vote it had missed (before the catch-up
  // patch it stayed at version 3 and every later append conflicted too)...
  expect(await handle.query(stateQuery)).toMatchObject({ stage: 'BlockVote', version: 4 });
  // ...so the caller's retry is decided on the current state and goes through.
  await expect(
    handle.executeUpdate(castVoteUpdate, { args: [{ actor: voter(VOTER_UNITS[2]!), choice: 'approve' }] }),
  ).resolves.toMatchObject({ version: 5, eventTypes: ['BlockVoteCast'] });
  await harness.vote(id, ['approve'], 3);
  await harness.council(id, ['approve', 'approve', 'approve']);
  await approve(id);
  await expectIntact(id, awardedTypes);
});

// The two deadline cases wait ~10 s each: run together, after the tests above that stop the worker.
test.concurrent('a deadline timer that meets a conflict catches up and fires on the new state', async () => {
  const id = freshNominationId('timer-conflict');
  await harness.draftAndSubmit(id);
  await harness.vote(id, ['approve', 'approve']);
  // Unit 3's vote arrives behind the workflow's back; nothing else happens until the deadline.
  await appendVoteBehindTheWorkflow(harness, id, 2, 4);

  // The reminder meets the conflict, catches up and is sent on the new state; the deadline then counts three votes.
  const stream = await eventually(async () => {
    const events = await harness.streamOf(id);
    return events.some((e) => e.type === 'BlockVoteClosed') ? events : undefined;
  }, 'the block vote to close at its deadline');
  expect(stream.map((e) => e.type)).toEqual([
    'NominationDrafted',
    'NominationSubmitted',
    'BlockVoteCast',
    'BlockVoteCast',
    'BlockVoteCast',
    'ReminderDue',
    'BlockVoteClosed',
    'CouncilReviewOpened',
  ]);
  expect(stream[6]!.data).toMatchObject({ closedBy: 'deadline', tally: { approve: 3, cast: 3, passed: true } });
  await expectIntact(
    id,
    stream.map((e) => e.type),
  );
});

test.concurrent('a deadline whose append the store fails is retried after a pause, not dropped', async () => {
  const id = freshNominationId('deadline-store-failure');
  let failed = 0;
  faults.set(nominationStreamName(id), async (input, append) => {
    // The store goes read-only just as the deadline is counted: no retry of the activity can help.
    if (failed === 0 && input.events[0]?.type === 'BlockVoteClosed') {
      failed++;
      throw ApplicationFailure.nonRetryable('the store is read-only for maintenance', 'STORE_READ_ONLY');
    }
    return append(input);
  });
  await harness.draftAndSubmit(id);
  await harness.vote(id, ['approve', 'approve', 'approve']);

  const stream = await eventually(async () => {
    const events = await harness.streamOf(id);
    return events.some((e) => e.type === 'BlockVoteClosed') ? events : undefined;
  }, 'the block vote to close once the store takes writes again');
  expect(failed).toBe(1);
  expect(stream.map((e) => e.type).slice(-3)).toEqual(['ReminderDue', 'BlockVoteClosed', 'CouncilReviewOpened']);
  expect(stream.at(-2)!.data).toMatchObject({ closedBy: 'deadline', tally: { approve: 3, passed: true } });
  expect(await harness.handle(id).query(stateQuery)).toMatchObject({ stage: 'CouncilReview' });
  await expectIntact(
    id,
    stream.map((e) => e.type),
  );
});
