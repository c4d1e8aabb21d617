// Deadline paths on the shared dev server with the `test-fast` policy (block
// vote 10 s, supplement 10 s, council 15 s, decision 10 s, reminders 3 s
// before). The time-skipping server cannot run these: it does not skip time
// while a caller waits on an Update, and every step here is one. The tests run
// concurrently, so the file takes about as long as its longest stage.
import type { NominationState } from '@laurel/domain';
import type { RecordedEvent } from '@laurel/infra/event-store/port';
import { issueDecisionUpdate } from '@laurel/workflows/nomination/messages';
import {
  BLOCK,
  COUNCIL_SIZE,
  eventually,
  freshNominationId,
  NominationHarness,
  people,
  PROPOSING_UNIT,
  VOTER_UNITS,
} from '../support/nomination-harness';
import { paths } from './paths';

let harness: NominationHarness;
beforeAll(async () => {
  harness = await NominationHarness.start();
});
afterAll(async () => {
  await harness?.stop();
});

function one(stream: readonly RecordedEvent[], type: string): RecordedEvent {
  const found = stream.filter((e) => e.type === type);
  expect(found).toHaveLength(1);
  return found[0]!;
}

function data(event: RecordedEvent): Record<string, unknown> {
  return event.data as Record<string, unknown>;
}

/** Waits until the stream holds an event of `type`, then returns the stream. */
function streamWith(id: string, type: string): Promise<RecordedEvent[]> {
  return eventually(async () => {
    const stream = await harness.streamOf(id);
    return stream.some((e) => e.type === type) ? stream : undefined;
  }, `${type} in ${id}`);
}

async function outboxOf(id: string, kinds: readonly string[]) {
  return eventually(
    async () => {
      const rows = await harness.stores.outbox.forNomination(id);
      return kinds.every((k) => rows.some((r) => r.kind === k)) ? rows : undefined;
    },
    `${kinds.join(', ')} notifications for ${id}`,
  );
}

test.concurrent('block vote: a reminder to the units yet to vote, then counted at its deadline', async () => {
  const id = freshNominationId('block-deadline');
  await harness.draftAndSubmit(id);
  await harness.vote(id, ['approve', 'approve', 'approve']);

  const stream = await streamWith(id, 'BlockVoteClosed');
  const submitted = one(stream, 'NominationSubmitted');
  const reminder = one(stream, 'ReminderDue');
  const closed = one(stream, 'BlockVoteClosed');
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
  const deadline = data(submitted)['deadline'] as string;
  expect(data(reminder)).toMatchObject({ stage: 'BlockVote', deadline });
  // Sent when due (the timer fires at or just after reminderAt), and before the deadline.
  const remindedAt = Date.parse(data(reminder)['at'] as string);
  expect(remindedAt).toBeGreaterThanOrEqual(Date.parse(data(submitted)['reminderAt'] as string));
  expect(remindedAt).toBeLessThan(Date.parse(deadline));
  expect(data(closed)).toMatchObject({
    closedBy: 'deadline',
    by: { userId: 'system', role: 'system' },
    tally: { approve: 3, reject: 0, abstain: 0, eligible: 4, cast: 3, quorumMet: true, passed: true },
  });
  // Counted at the deadline, not before it (and not long after: the timer fires on time).
  const closedAt = Date.parse(data(closed)['at'] as string);
  expect(closedAt).toBeGreaterThanOrEqual(Date.parse(deadline));
  expect(closedAt - Date.parse(deadline)).toBeLessThan(5_000);

  const rows = await outboxOf(id, ['reminder']);
  const reminderRow = rows.find((r) => r.kind === 'reminder')!;
  expect(reminderRow).toMatchObject({ stage: 'BlockVote', dueAt: deadline, nominationId: id });
  // Only the unit that has not voted is reminded, with its block's leader.
  expect(reminderRow.audience).toEqual([
    { role: 'unit_head', unitId: VOTER_UNITS[3] },
    { role: 'block_leader', blockId: BLOCK },
  ]);
  const state = await harness.state(id);
  expect(state.stage).toBe('CouncilReview');
});

test.concurrent('supplement not provided in time: reminded, then expired', async () => {
  const id = freshNominationId('supplement-deadline');
  const run = await paths.expired(harness, id);
  const stream = await harness.streamOf(id);
  expect(stream.map((e) => e.type)).toEqual(run.expected);
  const requested = one(stream, 'SupplementRequested');
  const expired = one(stream, 'NominationExpired');
  expect(data(expired)).toMatchObject({ stage: 'AwaitingSupplement', deadline: data(requested)['deadline'] });
  expect(Date.parse(data(expired)['at'] as string)).toBeGreaterThanOrEqual(
    Date.parse(data(requested)['deadline'] as string),
  );
  const rows = await outboxOf(id, ['supplement_requested', 'reminder', 'outcome']);
  expect(rows.find((r) => r.kind === 'reminder')).toMatchObject({
    stage: 'AwaitingSupplement',
    audience: [{ role: 'unit_officer', unitId: PROPOSING_UNIT }],
  });
  expect(rows.find((r) => r.kind === 'outcome')?.message).toMatch(/Expired$/);
  expect(await harness.state(id)).toMatchObject({
    stage: 'Closed',
    outcome: 'Expired',
    closedReason: 'supplement_expired',
  });
});

test.concurrent('council review overdue: escalated to the admins, and the review stays open', async () => {
  const id = freshNominationId('council-deadline');
  await harness.draftAndSubmit(id);
  await harness.vote(
    id,
    VOTER_UNITS.map(() => 'approve'),
  );

  const stream = await streamWith(id, 'StageEscalated');
  const opened = one(stream, 'CouncilReviewOpened');
  expect(stream.slice(-2).map((e) => e.type)).toEqual(['ReminderDue', 'StageEscalated']);
  const escalated = one(stream, 'StageEscalated');
  expect(data(escalated)).toMatchObject({ stage: 'CouncilReview', deadline: data(opened)['deadline'] });
  expect(Date.parse(data(escalated)['at'] as string)).toBeGreaterThanOrEqual(
    Date.parse(data(opened)['deadline'] as string),
  );

  const state = await harness.state(id);
  expect(state).toMatchObject({ stage: 'CouncilReview', escalated: true, reminderSent: true });
  const rows = await outboxOf(id, ['reminder', 'escalation']);
  expect(rows.find((r) => r.kind === 'escalation')).toMatchObject({
    stage: 'CouncilReview',
    audience: [{ role: 'admin' }, { role: 'board_officer' }],
  });

  // Escalation does not close anything: the council can still conclude.
  const last = await harness.council(
    id,
    Array.from({ length: COUNCIL_SIZE }, () => 'approve'),
  );
  expect(last?.stage).toBe('ProvincialDecision');
  const after: NominationState = await harness.state(id);
  expect(after).toMatchObject({ stage: 'ProvincialDecision', escalated: false, reminderSent: false });
});

test.concurrent('decision overdue: escalated, and the chairman can still decide', async () => {
  const id = freshNominationId('decision-deadline');
  await harness.draftAndSubmit(id);
  await harness.vote(
    id,
    VOTER_UNITS.map(() => 'approve'),
  );
  await harness.council(
    id,
    Array.from({ length: COUNCIL_SIZE }, () => 'approve'),
  );

  const stream = await streamWith(id, 'StageEscalated');
  const opened = one(stream, 'ProvincialDecisionOpened');
  expect(stream.slice(-3).map((e) => e.type)).toEqual(['ProvincialDecisionOpened', 'ReminderDue', 'StageEscalated']);
  expect(data(one(stream, 'StageEscalated'))).toMatchObject({
    stage: 'ProvincialDecision',
    deadline: data(opened)['deadline'],
  });
  expect(await harness.state(id)).toMatchObject({ stage: 'ProvincialDecision', escalated: true });
  const rows = await outboxOf(id, ['reminder', 'escalation']);
  expect(rows.find((r) => r.kind === 'reminder')).toMatchObject({
    stage: 'ProvincialDecision',
    audience: [{ role: 'chairman' }],
  });

  const decided = await harness.handle(id).executeUpdate(issueDecisionUpdate, {
    args: [{ actor: people.chairman, outcome: 'approved', decisionNumber: '201/QĐ-UBND' }],
  });
  expect(decided).toMatchObject({ stage: 'Closed', outcome: 'Awarded', eventTypes: ['DecisionIssued'] });
});
