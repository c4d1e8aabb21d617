import { randomUUID } from 'node:crypto';
import { fold, type NominationEvent } from '@laurel/domain';
import { verifyStream } from '@laurel/infra/audit/verify';
import {
  castVoteUpdate,
  issueDecisionUpdate,
  nominationStreamName,
  recordCouncilOpinionUpdate,
  stateQuery,
  submitUpdate,
} from '@laurel/workflows/nomination/messages';
import {
  COUNCIL_SIZE,
  councillor,
  NominationHarness,
  people,
  PROPOSING_UNIT,
  VOTER_UNITS,
  voter,
} from '../support/nomination-harness';

let harness: NominationHarness;
beforeAll(async () => {
  harness = await NominationHarness.start();
});
afterAll(async () => {
  await harness?.stop();
});

async function streamOf(nominationId: string) {
  const events = [];
  for await (const e of harness.stores.events.readStream(nominationStreamName(nominationId))) events.push(e);
  return events;
}

test('draft to award: every step in the stream, chain intact, fold equals the workflow state', async () => {
  const id = `n-${randomUUID()}`;
  await harness.draft(id);
  const handle = harness.handle(id);
  await handle.executeUpdate(submitUpdate, {
    args: [
      { actor: people.head, eligibleVoterUnitIds: [PROPOSING_UNIT, ...VOTER_UNITS], councilMemberCount: COUNCIL_SIZE },
    ],
  });
  for (const unit of VOTER_UNITS) {
    await handle.executeUpdate(castVoteUpdate, { args: [{ actor: voter(unit), choice: 'approve' }] });
  }
  for (let n = 1; n <= COUNCIL_SIZE; n++) {
    await handle.executeUpdate(recordCouncilOpinionUpdate, {
      args: [{ actor: councillor(n), recommendation: 'approve' }],
    });
  }
  const decided = await handle.executeUpdate(issueDecisionUpdate, {
    args: [{ actor: people.chairman, outcome: 'approved', decisionNumber: '163/QĐ-UBND' }],
  });
  expect(decided.outcome).toBe('Awarded');
  expect(await handle.result()).toEqual({ outcome: 'Awarded', version: decided.version });

  const stream = await streamOf(id);
  expect(stream.map((e) => e.type)).toEqual([
    'NominationDrafted',
    'NominationSubmitted',
    ...VOTER_UNITS.map(() => 'BlockVoteCast'),
    'BlockVoteClosed',
    'CouncilReviewOpened',
    ...Array.from({ length: COUNCIL_SIZE }, () => 'CouncilOpinionRecorded'),
    'CouncilReviewClosed',
    'ProvincialDecisionOpened',
    'DecisionIssued',
  ]);
  expect(stream.map((e) => e.version)).toEqual(stream.map((_, i) => i + 1));
  expect((await verifyStream(harness.stores.events, nominationStreamName(id))).ok).toBe(true);
  const replayed = fold(stream.map((e) => ({ type: e.type, data: e.data }) as unknown as NominationEvent));
  expect(replayed).toEqual(await handle.query(stateQuery));
});
