import {
  actors,
  at,
  baseEvidence,
  councilMember,
  COUNCIL_SIZE,
  draftCommand,
  evidenceOf,
  historyIn,
  NOMINATION_ID,
  opinionCommand,
  opinions,
  policy,
  PROPOSING_UNIT,
  repeat,
  submitCommand,
  VOTER_UNITS,
  votes,
} from '../testing/fixtures';
import { given, history } from '../testing/given-when-then';
import type { CloseCouncilReview, NominationCommand, ReachDeadline } from './commands';
import { redactSecretBallots } from './state';
import type { CouncilRecommendation, NomineeRecord } from './values';

const boardCloses: CloseCouncilReview = {
  type: 'CloseCouncilReview',
  nominationId: NOMINATION_ID,
  actor: actors.board,
  at: at(31),
};

function afterOpinions(choices: CouncilRecommendation[], start: NominationCommand[] = historyIn('CouncilReview')) {
  return given(history(policy, [...start, ...opinions(choices)]), policy);
}

const fighterRecord: NomineeRecord = {
  titles: [2022, 2023, 2024].map((year) => ({ year, title: 'GrassrootsEmulationFighter' as const })),
  ratings: [],
  initiatives: [{ year: 2024, title: 'Số hoá hồ sơ đảng viên toàn tỉnh', scope: 'province' }],
};

const fighterToCouncil: NominationCommand[] = [
  draftCommand({
    awardType: 'ProvincialEmulationFighter',
    record: fighterRecord,
    evidence: [...baseEvidence, evidenceOf('initiative_certificate')],
  }),
  submitCommand(),
  ...votes(repeat('approve', VOTER_UNITS.length)),
];

describe('council review: thresholds (10 members, 70 %)', () => {
  it('7 of 10 approve: passes when the last opinion arrives', () => {
    afterOpinions([...repeat<CouncilRecommendation>('approve', 6), ...repeat<CouncilRecommendation>('reject', 3)])
      .when(opinionCommand(10, 'approve'))
      .thenMatch([
        { type: 'CouncilOpinionRecorded' },
        {
          type: 'CouncilReviewClosed',
          data: { closedBy: 'all_responded', tally: { approve: 7, reject: 3, eligible: 10, passed: true } },
        },
        { type: 'ProvincialDecisionOpened' },
      ]);
  });

  it('6 of 10 approve: fails and closes as NotAwarded', () => {
    const outcome = afterOpinions([
      ...repeat<CouncilRecommendation>('approve', 6),
      ...repeat<CouncilRecommendation>('reject', 3),
    ])
      .when(opinionCommand(10, 'reject'))
      .thenMatch([
        { type: 'CouncilOpinionRecorded' },
        { type: 'CouncilReviewClosed', data: { tally: { approve: 6, passed: false } } },
      ]);
    expect(outcome.state).toMatchObject({ stage: 'Closed', outcome: 'NotAwarded', closedReason: 'council_rejected' });
  });

  it('the board closes early: 7 approvals of 10 members pass', () => {
    afterOpinions(repeat('approve', 7))
      .when(boardCloses)
      .thenMatch([
        {
          type: 'CouncilReviewClosed',
          data: { closedBy: 'board_officer', tally: { approve: 7, responded: 7, passed: true } },
        },
        { type: 'ProvincialDecisionOpened' },
      ]);
  });

  it('the board closes early: 6 approvals of 10 members fail, absentees are not approvals', () => {
    afterOpinions(repeat('approve', 6))
      .when(boardCloses)
      .thenMatch([{ type: 'CouncilReviewClosed', data: { tally: { approve: 6, passed: false } } }]);
  });

  it('a member gives one opinion only', () => {
    afterOpinions(['approve'])
      .when(opinionCommand(1, 'reject', 32))
      .thenError('ALREADY_VOTED');
  });

  it('refuses an unknown recommendation', () => {
    afterOpinions([])
      .when({ ...opinionCommand(1, 'approve'), recommendation: 'abstain' as CouncilRecommendation })
      .thenError('INVALID_COMMAND');
  });
});

describe('council review: recusal', () => {
  const withRecusal = [
    ...historyIn('Draft'),
    submitCommand({ recusedCouncilMemberIds: ['u-council-10'] }),
    ...votes(repeat('approve', VOTER_UNITS.length)),
  ];

  it('opens with the recused members left out of the count', () => {
    const state = given(history(policy, withRecusal), policy).state;
    expect(state).toMatchObject({ stage: 'CouncilReview', council: { memberCount: 10, eligibleMemberCount: 9 } });
  });

  it('a listed member may not give an opinion', () => {
    afterOpinions([], withRecusal).when(opinionCommand(10, 'approve')).thenError('COUNCIL_MEMBER_RECUSED');
  });

  it('a member from the proposing unit recuses even if not listed', () => {
    afterOpinions([])
      .when({ ...opinionCommand(3, 'approve'), actor: councilMember(3, PROPOSING_UNIT) })
      .thenError('COUNCIL_MEMBER_RECUSED');
  });

  it('closes when every non-recused member has spoken, judged against 9', () => {
    afterOpinions([...repeat<CouncilRecommendation>('approve', 6), 'reject', 'reject'], withRecusal)
      .when(opinionCommand(9, 'approve'))
      .thenMatch([
        { type: 'CouncilOpinionRecorded' },
        {
          type: 'CouncilReviewClosed',
          data: { closedBy: 'all_responded', tally: { approve: 7, eligible: 9, passed: true } },
        },
        { type: 'ProvincialDecisionOpened' },
      ]);
  });
});

describe('council review: Provincial Emulation Fighter (90 %, secret ballot)', () => {
  it('opens with the per-award threshold and a secret ballot', () => {
    const state = given(history(policy, fighterToCouncil), policy).state;
    expect(state).toMatchObject({ stage: 'CouncilReview', council: { approvalRatio: 0.9, secretBallot: true } });
  });

  it('records opinions as secret ballots', () => {
    afterOpinions([], fighterToCouncil)
      .when(opinionCommand(1, 'approve'))
      .thenMatch([{ type: 'CouncilOpinionRecorded', data: { ballot: 'secret' } }]);
  });

  it('9 of 10 pass', () => {
    afterOpinions([...repeat<CouncilRecommendation>('approve', 8), 'reject'], fighterToCouncil)
      .when(opinionCommand(10, 'approve'))
      .thenMatch([
        { type: 'CouncilOpinionRecorded' },
        { type: 'CouncilReviewClosed', data: { tally: { approve: 9, approvalRatio: 0.9, passed: true } } },
        { type: 'ProvincialDecisionOpened' },
      ]);
  });

  it('8 of 10 fail, though 80 % would pass any other award', () => {
    afterOpinions([...repeat<CouncilRecommendation>('approve', 8), 'reject'], fighterToCouncil)
      .when(opinionCommand(10, 'reject'))
      .thenMatch([
        { type: 'CouncilOpinionRecorded' },
        { type: 'CouncilReviewClosed', data: { tally: { approve: 8, passed: false } } },
      ]);
  });

  it('a redacted view shows who voted and when, never the choice', () => {
    const { state } = afterOpinions(['approve', 'reject'], fighterToCouncil);
    const shown = redactSecretBallots(state);
    expect(shown).toMatchObject({
      council: {
        opinions: [
          { memberId: 'u-council-1', recommendation: 'sealed', ballot: 'secret' },
          { memberId: 'u-council-2', recommendation: 'sealed', ballot: 'secret' },
        ],
      },
    });
    expect(shown.stage === 'CouncilReview' && JSON.stringify(shown.council.opinions)).not.toMatch(/approve|reject/);
  });

  it('a redacted view of an open ballot is unchanged', () => {
    const { state } = afterOpinions(['approve']);
    expect(redactSecretBallots(state)).toBe(state);
  });
});

describe('council review: deadline', () => {
  const deadline: ReachDeadline = {
    type: 'ReachDeadline',
    nominationId: NOMINATION_ID,
    actor: actors.system,
    at: '2024-12-31T00:00:00.000Z',
    stage: 'CouncilReview',
  };

  it('escalates when overdue and stays in review, flagged', () => {
    const outcome = afterOpinions(['approve'])
      .when(deadline)
      .thenMatch([{ type: 'StageEscalated', data: { stage: 'CouncilReview', deadline: '2024-12-30T04:00:00.000Z' } }]);
    expect(outcome.state).toMatchObject({ stage: 'CouncilReview', escalated: true });
  });

  it('escalates only once', () => {
    const events = history(policy, [...historyIn('CouncilReview'), deadline]);
    given(events, policy).when(deadline).thenError('ALREADY_DONE');
  });

  it('still takes opinions when overdue, and closes as usual', () => {
    const events = history(policy, [
      ...historyIn('CouncilReview'),
      deadline,
      ...opinions(repeat('approve', COUNCIL_SIZE - 1), 800),
    ]);
    given(events, policy)
      .when(opinionCommand(10, 'approve', 800))
      .thenMatch([
        { type: 'CouncilOpinionRecorded' },
        { type: 'CouncilReviewClosed' },
        { type: 'ProvincialDecisionOpened' },
      ]);
  });

  it('the next stage starts with the overdue flag cleared', () => {
    const events = history(policy, [
      ...historyIn('CouncilReview'),
      deadline,
      ...opinions(repeat('approve', COUNCIL_SIZE), 800),
    ]);
    expect(given(events, policy).state).toMatchObject({ stage: 'ProvincialDecision', escalated: false });
  });
});
