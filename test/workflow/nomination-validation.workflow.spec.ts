// Updates the validator rejects: the caller gets WorkflowUpdateFailedError
// whose cause is an ApplicationFailure typed with the domain error code, and
// neither the stream nor the workflow history holds a trace of the attempt.
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import type { Actor } from '@laurel/domain';
import {
  castVoteUpdate,
  draftUpdate,
  issueDecisionUpdate,
  recordCouncilOpinionUpdate,
  stateQuery,
  submitUpdate,
} from '@laurel/workflows/nomination/messages';
import {
  councillor,
  draftArgs,
  freshNominationId,
  NominationHarness,
  people,
  PROPOSING_UNIT,
  submitArgs,
  voter,
  VOTER_UNITS,
} from '../support/nomination-harness';

let harness: NominationHarness;
let id: string;
let handle: WorkflowHandle;

beforeAll(async () => {
  harness = await NominationHarness.start();
  // A nomination in its block vote, where unit 1 has voted.
  id = freshNominationId('validation');
  handle = await harness.draftAndSubmit(id);
  await harness.vote(id, ['approve']);
});
afterAll(async () => {
  await harness?.stop();
});

/** Every history event that mentions an update id, whatever its type. */
function eventsMentioning(history: History, updateId: string): string[] {
  return (history.events ?? [])
    .filter((event) => {
      const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
      const admitted = event.workflowExecutionUpdateAdmittedEventAttributes;
      const completed = event.workflowExecutionUpdateCompletedEventAttributes;
      return (
        accepted?.acceptedRequest?.meta?.updateId === updateId ||
        accepted?.protocolInstanceId === updateId ||
        admitted?.request?.meta?.updateId === updateId ||
        completed?.meta?.updateId === updateId
      );
    })
    .map((event) => String(event.eventType));
}

const someoneElse: Actor = {
  userId: 'u-outsider',
  role: 'unit_head',
  unitId: 'unit-elsewhere',
  blockId: 'block-other',
};

const rejected: readonly [string, string, (updateId: string) => Promise<unknown>][] = [
  [
    'wrong stage: a decision during the block vote',
    'WRONG_STAGE',
    (updateId) =>
      handle.executeUpdate(issueDecisionUpdate, {
        args: [{ actor: people.chairman, outcome: 'approved', decisionNumber: '163/QĐ-UBND' }],
        updateId,
      }),
  ],
  [
    'wrong stage: submitting again',
    'WRONG_STAGE',
    (updateId) => handle.executeUpdate(submitUpdate, { args: [submitArgs()], updateId }),
  ],
  [
    'wrong role: a council member casts a block vote',
    'ROLE_NOT_ALLOWED',
    (updateId) =>
      handle.executeUpdate(castVoteUpdate, { args: [{ actor: councillor(1), choice: 'approve' }], updateId }),
  ],
  [
    'wrong role: a unit head records a council opinion',
    'ROLE_NOT_ALLOWED',
    (updateId) =>
      handle.executeUpdate(recordCouncilOpinionUpdate, {
        args: [{ actor: voter(VOTER_UNITS[1]!), recommendation: 'approve' }],
        updateId,
      }),
  ],
  [
    "own-unit vote: the proposing unit's head votes on its own nomination",
    'OWN_UNIT_VOTE',
    (updateId) =>
      handle.executeUpdate(castVoteUpdate, {
        args: [{ actor: voter(PROPOSING_UNIT), choice: 'approve' }],
        updateId,
      }),
  ],
  [
    'double vote: unit 1 votes again',
    'ALREADY_VOTED',
    (updateId) =>
      handle.executeUpdate(castVoteUpdate, { args: [{ actor: voter(VOTER_UNITS[0]!), choice: 'reject' }], updateId }),
  ],
  [
    'out of scope: a unit of another block votes',
    'OUT_OF_SCOPE',
    (updateId) => handle.executeUpdate(castVoteUpdate, { args: [{ actor: someoneElse, choice: 'approve' }], updateId }),
  ],
  [
    'bad input: a choice that is not one',
    'INVALID_COMMAND',
    (updateId) =>
      handle.executeUpdate(castVoteUpdate, {
        args: [{ actor: voter(VOTER_UNITS[1]!), choice: 'maybe' as 'approve' }],
        updateId,
      }),
  ],
  [
    'already exists: drafting the same nomination again',
    'ALREADY_EXISTS',
    (updateId) => handle.executeUpdate(draftUpdate, { args: [draftArgs()], updateId }),
  ],
];

test.each(rejected)('%s → %s, nothing written', async (_name, code, attempt) => {
  const updateId = `rejected-${code}-${Math.random().toString(36).slice(2)}`;
  const before = await harness.streamOf(id);

  const error = await attempt(updateId).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect({
    type: (cause as ApplicationFailure).type,
    nonRetryable: (cause as ApplicationFailure).nonRetryable,
  }).toEqual({
    type: code,
    nonRetryable: true,
  });

  expect(await harness.streamOf(id)).toEqual(before);
  expect(eventsMentioning(await handle.fetchHistory(), updateId)).toEqual([]);
  expect((await handle.query(stateQuery)).version).toBe(before.length);
});

test('after every rejection the nomination takes a valid vote as if nothing happened', async () => {
  const updateId = 'valid-vote-after-rejections';
  const result = await handle.executeUpdate(castVoteUpdate, {
    args: [{ actor: voter(VOTER_UNITS[1]!), choice: 'approve' }],
    updateId,
  });
  expect(result).toMatchObject({ stage: 'BlockVote', version: 4, eventTypes: ['BlockVoteCast'] });
  // The history check above would see an accepted update: here it does.
  expect(eventsMentioning(await handle.fetchHistory(), updateId)).toHaveLength(2);
  expect((await harness.streamOf(id)).map((e) => e.type)).toEqual([
    'NominationDrafted',
    'NominationSubmitted',
    'BlockVoteCast',
    'BlockVoteCast',
  ]);
});
