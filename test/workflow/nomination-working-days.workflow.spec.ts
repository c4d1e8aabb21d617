// Real working-day deadlines (the Lào Cai policy in force) on the time-skipping
// test server. Its clock does not move while a caller waits on an Update, so the
// updates here (draft, submit, votes) only do what returns at once; the weeks in
// between pass through `env.sleep()`, which only timers care about.
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { actionSigningInterceptor } from '@laurel/infra/temporal/action-signing';
import {
  computeDeadline,
  defaultPolicies,
  localDate,
  resolvePolicy,
  type NominationState,
  type PolicySet,
} from '@laurel/domain';
import type { RecordedEvent } from '@laurel/infra/event-store/port';
import type { Stores } from '@laurel/infra/runtime/stores';
import {
  castVoteUpdate,
  draftUpdate,
  nominationStreamName,
  nominationWorkflowId,
  stateQuery,
  submitUpdate,
} from '@laurel/workflows/nomination/messages';
import type { RunningWorker } from '../../apps/worker/src/nomination-worker';
import {
  draftArgs,
  openTestStores,
  registerNominationSearchAttributes,
  startNominationWorker,
  submitArgs,
  voter,
  VOTER_UNITS,
} from '../support/nomination-harness';
import { testActionSigner } from '../support/action-keys';
import { createTimeSkippingEnv } from '../support/temporal-time-skipping';
import { uniqueTaskQueue } from '../support/worker';

const HOUR = 3_600_000;

let env: TestWorkflowEnvironment;
let stores: Stores;
let worker: RunningWorker;
let taskQueue: string;

beforeAll(async () => {
  [env, stores] = await Promise.all([createTimeSkippingEnv(), openTestStores()]);
  await registerNominationSearchAttributes(env.connection);
  taskQueue = uniqueTaskQueue('working-days');
  worker = await startNominationWorker({ connection: env.nativeConnection, taskQueue, stores });
});
afterAll(async () => {
  await worker?.shutdown();
  await stores?.close();
  await env?.teardown();
});

async function streamOf(nominationId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of stores.events.readStream(nominationStreamName(nominationId))) events.push(e);
  return events;
}

/** Moves the server's clock to just after `iso` (or `offsetMs` around it). */
async function sleepUntil(iso: string, offsetMs: number): Promise<void> {
  const wait = Date.parse(iso) + offsetMs - (await env.currentTimeMs());
  if (wait > 0) await env.sleep(wait);
}

function dataOf(stream: readonly RecordedEvent[], type: string): Record<string, unknown> {
  const event = stream.find((e) => e.type === type);
  if (!event) throw new Error(`no ${type} in ${stream.map((e) => e.type).join(', ')}`);
  return event.data as Record<string, unknown>;
}

test('block vote on working days: reminder two working days before, counted at the deadline, council escalated after twenty', async () => {
  const nominationId = `working-days-${randomUUID()}`;
  const serverNow = new Date(await env.currentTimeMs()).toISOString();
  const policy: PolicySet = resolvePolicy(defaultPolicies, 'lao-cai', serverNow);
  expect(policy.deadlines.blockVote.kind).toBe('workingDays');

  // A client that signs its actions as the API does: the worker refuses unsigned ones.
  const client = new Client({
    connection: env.connection,
    interceptors: { workflow: [actionSigningInterceptor(testActionSigner)] },
  });
  const handle = await client.workflow.start('nominationWorkflow', {
    workflowId: nominationWorkflowId(nominationId),
    taskQueue,
    args: [{ nominationId, policy }],
  });
  await handle.executeUpdate(draftUpdate, { args: [draftArgs({ province: 'lao-cai' })] });
  await handle.executeUpdate(submitUpdate, { args: [submitArgs()] });
  for (const unit of VOTER_UNITS.slice(0, 3)) {
    await handle.executeUpdate(castVoteUpdate, { args: [{ actor: voter(unit), choice: 'approve' }] });
  }

  const open = await handle.query(stateQuery);
  if (open.stage !== 'BlockVote') throw new Error(`expected BlockVote, got ${open.stage}`);
  const submittedAt = open.nomination.submittedAt!;
  const { calendar, deadlines } = policy;
  expect(open.stageDeadline).toBe(computeDeadline(submittedAt, deadlines.blockVote, calendar));
  expect(open.reminderAt).toBe(computeDeadline(open.stageDeadline, deadlines.reminderBefore, calendar, -1));
  // Working days, not calendar days: at least three weeks for fifteen of them.
  expect(Date.parse(open.stageDeadline) - Date.parse(submittedAt)).toBeGreaterThanOrEqual(21 * 24 * HOUR);
  expect(localDate(open.stageDeadline, calendar)).not.toBe(localDate(submittedAt, calendar));

  // An hour before the reminder is due nothing has happened.
  await sleepUntil(open.reminderAt!, -HOUR);
  expect((await streamOf(nominationId)).map((e) => e.type)).not.toContain('ReminderDue');

  await sleepUntil(open.reminderAt!, HOUR);
  const reminded = await streamOf(nominationId);
  expect(reminded.at(-1)?.type).toBe('ReminderDue');
  const reminderAt = Date.parse(dataOf(reminded, 'ReminderDue')['at'] as string);
  expect(reminderAt).toBeGreaterThanOrEqual(Date.parse(open.reminderAt!));
  expect(reminderAt - Date.parse(open.reminderAt!)).toBeLessThan(60_000);

  await sleepUntil(open.stageDeadline, HOUR);
  const counted = await streamOf(nominationId);
  expect(counted.map((e) => e.type).slice(-3)).toEqual(['ReminderDue', 'BlockVoteClosed', 'CouncilReviewOpened']);
  const closed = dataOf(counted, 'BlockVoteClosed');
  expect(closed).toMatchObject({ closedBy: 'deadline', tally: { approve: 3, eligible: 4, passed: true } });
  const closedAt = Date.parse(closed['at'] as string);
  expect(closedAt).toBeGreaterThanOrEqual(Date.parse(open.stageDeadline));
  expect(closedAt - Date.parse(open.stageDeadline)).toBeLessThan(60_000);

  const council: NominationState = await handle.query(stateQuery);
  if (council.stage !== 'CouncilReview') throw new Error(`expected CouncilReview, got ${council.stage}`);
  expect(council.stageDeadline).toBe(computeDeadline(closed['at'] as string, deadlines.councilReview, calendar));
  await sleepUntil(council.stageDeadline, HOUR);
  const escalated = await streamOf(nominationId);
  expect(escalated.map((e) => e.type).slice(-2)).toEqual(['ReminderDue', 'StageEscalated']);
  expect(await handle.query(stateQuery)).toMatchObject({ stage: 'CouncilReview', escalated: true });
});
