import {
  actors,
  approveCommand,
  at,
  BLOCK,
  COUNCIL_SIZE,
  draftCommand,
  evidenceOf,
  NOMINATION_ID,
  opinions,
  pathTo,
  policy,
  PROPOSING_UNIT,
  PROVINCE,
  repeat,
  submitCommand,
  voteCommand,
  VOTER_UNITS,
  votes,
} from '../testing/fixtures';
import { given, history } from '../testing/given-when-then';
import { evolve, fold } from './evolve';
import type { NominationEvent } from './events';
import { initialState } from './state';

const policyRef = { id: 'lao-cai', version: 1 };

describe('the happy path', () => {
  it('drafts a nomination with the key that prevents a double reward', () => {
    given([], policy)
      .when(draftCommand())
      .then([
        {
          type: 'NominationDrafted',
          data: {
            nominationId: NOMINATION_ID,
            nominee: { kind: 'individual', name: 'Nguyễn Thị Hương', unitId: PROPOSING_UNIT, personId: 'p-0042' },
            awardType: 'ProvincialCertificateOfMerit',
            campaignYear: 2024,
            province: PROVINCE,
            proposingUnitId: PROPOSING_UNIT,
            blockId: BLOCK,
            achievements: 'Hoàn thành xuất sắc nhiệm vụ năm 2024; chủ trì số hoá hồ sơ Đảng viên.',
            record: draftCommand().record,
            evidence: [...draftCommand().evidence],
            achievementKey: `ProvincialCertificateOfMerit|2024|individual|${PROPOSING_UNIT}|person:p-0042`,
            policy: policyRef,
            at: '2024-12-02T02:00:00.000Z',
            by: actors.officer,
          },
        },
      ]);
  });

  it('submits into the block vote with its deadline 10 working days on and a reminder 2 before', () => {
    given(history(policy, pathTo('Draft')), policy)
      .when(submitCommand())
      .thenMatch([
        {
          type: 'NominationSubmitted',
          data: {
            eligibleVoterUnitIds: VOTER_UNITS,
            councilMemberCount: COUNCIL_SIZE,
            recusedCouncilMemberIds: [],
            // Monday 2 Dec 10:00 (+07) + 10 working days = Monday 16 Dec 10:00.
            deadline: '2024-12-16T03:00:00.000Z',
            reminderAt: '2024-12-12T03:00:00.000Z',
            policy: policyRef,
            eligibility: { eligible: true, met: ['2 consecutive GrassrootsEmulationFighter titles (2023–2024)'] },
          },
        },
      ]);
  });

  it('closes the block vote by itself when the last unit votes, and opens the council review', () => {
    const events = history(policy, [...pathTo('BlockVote'), ...votes(repeat('approve', 5))]);
    given(events, policy)
      .when(voteCommand(VOTER_UNITS[5]!, 'approve', 3))
      .thenMatch([
        { type: 'BlockVoteCast', data: { unitId: VOTER_UNITS[5], choice: 'approve', policy: policyRef } },
        {
          type: 'BlockVoteClosed',
          data: {
            closedBy: 'all_voted',
            tally: { approve: 6, reject: 0, abstain: 0, eligible: 6, cast: 6, quorumMet: true, passed: true },
            policy: policyRef,
          },
        },
        {
          type: 'CouncilReviewOpened',
          data: {
            memberCount: COUNCIL_SIZE,
            eligibleMemberCount: COUNCIL_SIZE,
            approvalRatio: 0.7,
            secretBallot: false,
            // Monday 2 Dec 12:00 (+07) + 20 working days = Monday 30 Dec 12:00.
            deadline: '2024-12-30T05:00:00.000Z',
            reminderAt: '2024-12-26T05:00:00.000Z',
          },
        },
      ]);
  });

  it('goes to the chairman when every council member has given an opinion', () => {
    const events = history(policy, [...pathTo('CouncilReview'), ...opinions(repeat('approve', COUNCIL_SIZE - 1))]);
    given(events, policy)
      .when({
        ...opinions(['approve'])[0]!,
        actor: { userId: 'u-council-10', role: 'council_member', unitId: 'unit-dept-10' },
      })
      .thenMatch([
        {
          type: 'CouncilOpinionRecorded',
          data: { memberId: 'u-council-10', recommendation: 'approve', ballot: 'open' },
        },
        {
          type: 'CouncilReviewClosed',
          data: { closedBy: 'all_responded', tally: { approve: 10, eligible: 10, passed: true } },
        },
        { type: 'ProvincialDecisionOpened', data: { policy: policyRef } },
      ]);
  });

  it('awards with the decision number and the local decision date', () => {
    given(history(policy, pathTo('ProvincialDecision')), policy)
      .when(approveCommand(60))
      .then([
        {
          type: 'DecisionIssued',
          data: {
            outcome: 'approved',
            decisionNumber: '163/QĐ-UBND',
            decisionDate: '2024-12-04',
            policy: policyRef,
            at: at(60),
            by: actors.chairman,
          },
        },
      ]);
  });

  it('folds the whole history into Closed / Awarded with every record kept', () => {
    const events = history(policy, pathTo('Awarded'));
    const state = fold(events);
    expect(state.stage).toBe('Closed');
    if (state.stage !== 'Closed') return;
    expect(state.outcome).toBe('Awarded');
    expect(state.version).toBe(events.length);
    expect(state.decision?.decisionNumber).toBe('163/QĐ-UBND');
    expect(state.blockVote?.votes).toHaveLength(VOTER_UNITS.length);
    expect(state.council?.opinions).toHaveLength(COUNCIL_SIZE);
    expect(state.participants.proposal).toEqual(['u-officer', 'u-head']);
    expect(state.participants.decision).toEqual(['u-chairman']);
    expect(state.stageDeadline).toBeUndefined();
    expect(events.map((e) => e.type)).toEqual([
      'NominationDrafted',
      'NominationSubmitted',
      ...repeat('BlockVoteCast', VOTER_UNITS.length),
      'BlockVoteClosed',
      'CouncilReviewOpened',
      ...repeat('CouncilOpinionRecorded', COUNCIL_SIZE),
      'CouncilReviewClosed',
      'ProvincialDecisionOpened',
      'DecisionIssued',
    ]);
  });

  it('reads the same after a JSON round trip of the events, one evolve at a time', () => {
    const events = history(policy, [
      ...pathTo('Awarded'),
      {
        type: 'RevokeAward',
        nominationId: NOMINATION_ID,
        actor: actors.chairman,
        at: at(400),
        ground: 'fraud',
        details: 'x',
      },
    ]);
    const stored = JSON.parse(JSON.stringify(events)) as NominationEvent[];
    expect(stored.reduce(evolve, initialState)).toEqual(fold(events));
    expect(JSON.parse(JSON.stringify(fold(events)))).toEqual(fold(events));
  });

  it('keeps supplement evidence in the dossier', () => {
    const events = history(policy, [
      ...pathTo('CouncilReview'),
      {
        type: 'RequestSupplement',
        nominationId: NOMINATION_ID,
        actor: actors.board,
        at: at(30),
        reason: 'Thiếu bản sao sáng kiến',
      },
      {
        type: 'ProvideSupplement',
        nominationId: NOMINATION_ID,
        actor: actors.officer,
        at: at(40),
        evidence: [evidenceOf('other', 7)],
      },
    ]);
    const state = fold(events);
    expect(state.stage).toBe('CouncilReview');
    if (state.stage === 'Initial') return;
    expect(state.evidence.map((e) => e.documentId)).toContain('doc-other-7');
    expect(state.supplements[0]?.providedAt).toBe(at(40));
  });
});
