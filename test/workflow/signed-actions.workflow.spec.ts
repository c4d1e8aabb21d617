// An update sent to Temporal directly (its CLI, its UI, any client without the
// API's key) under someone else's name: refused by the validator, so neither
// the workflow history nor the stream holds a trace of it.
import { randomBytes } from 'node:crypto';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { ActionSigner } from '@laurel/infra/audit/action-proof';
import { castVoteUpdate, nominationWorkflowId, stateQuery } from '@laurel/workflows/nomination/messages';
import { testActionSigner, testActionVerifier } from '../support/action-keys';
import { freshNominationId, NominationHarness, voter, VOTER_UNITS } from '../support/nomination-harness';
import { temporalTestAddress } from '../support/worker';

let harness: NominationHarness;
let connection: Connection;
/** What `temporal workflow update execute` is: a client with no signing key. */
let forger: Client;
let id: string;

beforeAll(async () => {
  harness = await NominationHarness.start();
  connection = await Connection.connect({ address: temporalTestAddress() });
  forger = new Client({ connection });
  id = freshNominationId('signed');
  await harness.draftAndSubmit(id);
});
afterAll(async () => {
  await connection?.close();
  await harness?.stop();
});

function mentions(history: History, updateId: string): number {
  return (history.events ?? []).filter((event) => {
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    const completed = event.workflowExecutionUpdateCompletedEventAttributes;
    return accepted?.acceptedRequest?.meta?.updateId === updateId || completed?.meta?.updateId === updateId;
  }).length;
}

const vote = { actor: voter(VOTER_UNITS[0]!), choice: 'approve' as const };
const workflowId = () => nominationWorkflowId(id);

const forgeries: readonly [string, string, (updateId: string) => Record<string, unknown>][] = [
  ['no proof at all', 'ACTION_NOT_SIGNED', () => ({ ...vote })],
  [
    "a proof claiming to be verified, signed by nobody's key",
    'ACTION_SIGNATURE_INVALID',
    (updateId) => ({
      ...vote,
      proof: { ...new ActionSigner(randomBytes(32)).prove(workflowId(), 'castVote', updateId, vote), verified: true },
    }),
  ],
  [
    'a real proof with the actor changed afterwards',
    'ACTION_SIGNATURE_INVALID',
    (updateId) => ({
      ...vote,
      actor: voter(VOTER_UNITS[1]!),
      proof: testActionSigner.prove(workflowId(), 'castVote', updateId, vote),
    }),
  ],
  [
    "a real proof lifted from another request's update id",
    'ACTION_SIGNATURE_INVALID',
    () => ({ ...vote, proof: testActionSigner.prove(workflowId(), 'castVote', 'another-request', vote) }),
  ],
  [
    'a real proof made for another nomination',
    'ACTION_SIGNATURE_INVALID',
    (updateId) => ({ ...vote, proof: testActionSigner.prove('nomination-other', 'castVote', updateId, vote) }),
  ],
];

test.each(forgeries)('%s → %s, no trace in history or stream', async (_name, code, args) => {
  const updateId = `forged-${Math.random().toString(36).slice(2)}`;
  const handle = forger.workflow.getHandle(workflowId());
  const before = await harness.streamOf(id);

  const error = await handle.executeUpdate(castVoteUpdate, { args: [args(updateId) as never], updateId }).then(
    () => undefined,
    (e: unknown) => e,
  );

  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect(cause.type).toBe(code);
  expect(await harness.streamOf(id)).toEqual(before);
  expect(mentions(await handle.fetchHistory(), updateId)).toBe(0);
  expect((await handle.query(stateQuery)).version).toBe(before.length);
});

test('a signed vote is taken, and its event keeps the proof, which checks out', async () => {
  const result = await harness.handle(id).executeUpdate(castVoteUpdate, { args: [vote], updateId: 'signed-vote' });
  expect(result.eventTypes).toEqual(['BlockVoteCast']);
  const stored = (await harness.streamOf(id)).at(-1)!;
  expect(stored.metadata['proof']).toMatchObject({ keyId: testActionSigner.keyId, updateId: 'signed-vote' });
  expect(stored.metadata['proof']).not.toHaveProperty('verified');
  expect(testActionVerifier.checkStored(stored.metadata)).toBe('valid');
  // The same proof no longer holds once the stored actor is changed.
  expect(testActionVerifier.checkStored({ ...stored.metadata, actor: voter(VOTER_UNITS[2]!) } as never)).toBe(
    'bad_signature',
  );
});
