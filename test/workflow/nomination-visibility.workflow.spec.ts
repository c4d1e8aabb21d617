// What admins see in the Temporal UI: nominations found by their search
// attributes. Visibility is eventually consistent, so every lookup polls.
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { defaultPolicies, resolvePolicy } from '@laurel/domain';
import { stateQuery, withdrawUpdate } from '@laurel/workflows/nomination/messages';
import {
  AwardType,
  CampaignYear,
  EmulationBlock,
  NominationStage,
  ProposingUnit,
  StageDeadline,
} from '@laurel/workflows/nomination/search-attributes';
import {
  BLOCK,
  eventually,
  freshNominationId,
  NominationHarness,
  people,
  PROPOSING_UNIT,
} from '../support/nomination-harness';

let harness: NominationHarness;
beforeAll(async () => {
  harness = await NominationHarness.start();
});
afterAll(async () => {
  await harness?.stop();
});

/** The one execution the query finds, once visibility has caught up. */
function findOne(query: string): Promise<WorkflowExecutionInfo> {
  return eventually(async () => {
    const found: WorkflowExecutionInfo[] = [];
    for await (const execution of harness.client.workflow.list({ query })) found.push(execution);
    return found.length === 1 ? found[0] : undefined;
  }, `one execution for ${query}`);
}

/** The first whole second after `iso`, written without fractional digits. */
function wholeSecondAfter(iso: string | undefined): string {
  if (!iso) throw new Error('expected a stage deadline');
  const seconds = Math.floor(Date.parse(iso) / 1000) + 1;
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

test('a nomination waiting for its block vote is found by stage, with its block, unit, award, year and deadline; closed, it shows its outcome', async () => {
  const id = freshNominationId('visible');
  // The national rules' deadlines are working days away: the test-fast policy's 10 s block vote
  // could close (and clear StageDeadline) while a slow visibility lookup is still polling.
  const national = resolvePolicy(defaultPolicies, 'default', new Date().toISOString().slice(0, 10));
  const handle = await harness.draftAndSubmit(id, {}, national);
  const workflowId = handle.workflowId;
  const state = await handle.query(stateQuery);
  if (state.stage !== 'BlockVote') throw new Error(`expected BlockVote, got ${state.stage}`);
  const year = state.nomination.campaignYear;

  const waiting = await findOne(`NominationStage="BlockVote" AND WorkflowId="${workflowId}"`);
  const attributes = waiting.typedSearchAttributes;
  expect({
    stage: attributes.get(NominationStage),
    block: attributes.get(EmulationBlock),
    unit: attributes.get(ProposingUnit),
    award: attributes.get(AwardType),
    year: attributes.get(CampaignYear),
    deadline: attributes.get(StageDeadline)?.toISOString(),
  }).toEqual({
    stage: 'BlockVote',
    block: BLOCK,
    unit: PROPOSING_UNIT,
    award: 'ProvincialCertificateOfMerit',
    year,
    deadline: state.stageDeadline,
  });
  // The filters an admin would combine in the UI find it too. The bound is the next whole second:
  // the dev server's SQLite visibility compares datetimes as RFC 3339 text with trailing zeros
  // trimmed, so "…:53.99Z" sorts after "…:53.990Z" and a bound equal to the deadline could miss it.
  const bound = wholeSecondAfter(state.stageDeadline);
  await findOne(
    `EmulationBlock="${BLOCK}" AND ProposingUnit="${PROPOSING_UNIT}" AND AwardType="ProvincialCertificateOfMerit" ` +
      `AND CampaignYear=${year} AND StageDeadline<="${bound}" AND WorkflowId="${workflowId}"`,
  );

  await handle.executeUpdate(withdrawUpdate, { args: [{ actor: people.head, reason: 'Rút để bổ sung thành tích' }] });
  await handle.result();
  const closed = await findOne(`NominationStage="Withdrawn" AND WorkflowId="${workflowId}"`);
  expect(closed.status.name).toBe('COMPLETED');
  // A closed nomination has no deadline left to filter on.
  expect(closed.typedSearchAttributes.get(StageDeadline)).toBeUndefined();
  expect(closed.typedSearchAttributes.get(EmulationBlock)).toBe(BLOCK);
});
