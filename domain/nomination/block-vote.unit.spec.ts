import type { PolicySet } from '../policy/policy-set';
import { tallyBlockVote } from '../policy/voting';
import {
  actors,
  at,
  BLOCK,
  historyIn,
  NOMINATION_ID,
  policy,
  repeat,
  voteCommand,
  VOTER_UNITS,
  votes,
  PROPOSING_UNIT,
} from '../testing/fixtures';
import { given, history } from '../testing/given-when-then';
import type { CloseBlockVote, ReachDeadline } from './commands';
import type { BlockVoteChoice } from './values';

const leaderCloses: CloseBlockVote = {
  type: 'CloseBlockVote',
  nominationId: NOMINATION_ID,
  actor: actors.leader,
  at: at(3),
};
const inBlockVote = () => history(policy, historyIn('BlockVote'));

function afterVotes(choices: BlockVoteChoice[], p: PolicySet = policy) {
  return given(history(p, [...historyIn('BlockVote'), ...votes(choices)]), p);
}

describe('block vote: casting', () => {
  it('records the vote with the policy it was cast under', () => {
    given(inBlockVote(), policy)
      .when({ ...voteCommand(VOTER_UNITS[0]!, 'reject'), comment: '  Chưa đủ tiêu chuẩn  ' })
      .then([
        {
          type: 'BlockVoteCast',
          data: {
            unitId: VOTER_UNITS[0]!,
            choice: 'reject',
            comment: 'Chưa đủ tiêu chuẩn',
            policy: { id: 'lao-cai', version: 1 },
            at: at(2),
            by: { userId: `u-head-${VOTER_UNITS[0]}`, role: 'unit_head', unitId: VOTER_UNITS[0]!, blockId: BLOCK },
          },
        },
      ]);
  });

  it('refuses a vote on the own unit', () => {
    given(inBlockVote(), policy)
      .when({ ...voteCommand(PROPOSING_UNIT, 'approve'), actor: { ...actors.head, userId: 'u-head' } })
      .thenError('OWN_UNIT_VOTE');
  });

  it('refuses a unit that is not a member of the block', () => {
    given(inBlockVote(), policy).when(voteCommand('unit-elsewhere', 'approve')).thenError('NOT_ELIGIBLE_VOTER');
  });

  it('refuses a second vote of the same unit, even by another person', () => {
    const events = history(policy, [...historyIn('BlockVote'), voteCommand(VOTER_UNITS[0]!, 'approve')]);
    given(events, policy)
      .when({
        ...voteCommand(VOTER_UNITS[0]!, 'reject'),
        actor: { userId: 'u-deputy', role: 'unit_head', unitId: VOTER_UNITS[0]! },
      })
      .thenError('ALREADY_VOTED');
  });

  it('refuses a voter acting from another block', () => {
    given(inBlockVote(), policy)
      .when({
        ...voteCommand(VOTER_UNITS[0]!, 'approve'),
        actor: { ...voteCommand(VOTER_UNITS[0]!, 'approve').actor, blockId: 'block-other' },
      })
      .thenError('OUT_OF_SCOPE');
  });

  it('refuses a vote with no unit', () => {
    given(inBlockVote(), policy)
      .when({ ...voteCommand(VOTER_UNITS[0]!, 'approve'), actor: { userId: 'u-x', role: 'unit_head' } })
      .thenError('OUT_OF_SCOPE');
  });

  it('refuses an unknown choice', () => {
    given(inBlockVote(), policy)
      .when({ ...voteCommand(VOTER_UNITS[0]!, 'approve'), choice: 'maybe' as BlockVoteChoice })
      .thenError('INVALID_COMMAND');
  });

  it('refuses a vote after the deadline', () => {
    given(inBlockVote(), policy)
      .when(voteCommand(VOTER_UNITS[0]!, 'approve', 24 * 30))
      .thenError('DEADLINE_PASSED');
  });

  it('does not close while units are still to vote', () => {
    afterVotes(repeat('approve', 4))
      .when(voteCommand(VOTER_UNITS[4]!, 'approve'))
      .thenMatch([{ type: 'BlockVoteCast' }]);
  });
});

describe('block vote: counting (6 eligible units, quorum 2/3, approval 70 % of eligible)', () => {
  it('all voted and approved: passes and opens the council review', () => {
    afterVotes(repeat('approve', 5))
      .when(voteCommand(VOTER_UNITS[5]!, 'approve'))
      .thenMatch([
        { type: 'BlockVoteCast' },
        { type: 'BlockVoteClosed', data: { closedBy: 'all_voted' } },
        { type: 'CouncilReviewOpened' },
      ]);
  });

  it('approval below 70 % fails: 4 of 6 is 66.7 %', () => {
    const outcome = afterVotes(['approve', 'approve', 'approve', 'approve', 'reject'])
      .when(voteCommand(VOTER_UNITS[5]!, 'reject'))
      .thenMatch([
        { type: 'BlockVoteCast' },
        { type: 'BlockVoteClosed', data: { tally: { approve: 4, reject: 2, quorumMet: true, passed: false } } },
      ]);
    expect(outcome.state).toMatchObject({ stage: 'Closed', outcome: 'NotAwarded', closedReason: 'block_vote_failed' });
  });

  it('approval above 70 % passes: 5 of 6', () => {
    afterVotes(['approve', 'approve', 'approve', 'approve', 'reject'])
      .when(voteCommand(VOTER_UNITS[5]!, 'approve'))
      .thenMatch([
        { type: 'BlockVoteCast' },
        { type: 'BlockVoteClosed', data: { tally: { approve: 5, passed: true } } },
        { type: 'CouncilReviewOpened' },
      ]);
  });

  it('quorum not met: 3 of 6 voted, closed by the leader', () => {
    afterVotes(repeat('approve', 3))
      .when(leaderCloses)
      .thenMatch([
        { type: 'BlockVoteClosed', data: { closedBy: 'leader', tally: { cast: 3, quorumMet: false, passed: false } } },
      ]);
  });

  it('the leader closes early with quorum and enough approvals: 5 of 6 voted, all approve', () => {
    afterVotes(repeat('approve', 5))
      .when(leaderCloses)
      .thenMatch([
        { type: 'BlockVoteClosed', data: { closedBy: 'leader', tally: { approve: 5, passed: true } } },
        { type: 'CouncilReviewOpened' },
      ]);
  });

  it('only the leader of this block may close it', () => {
    afterVotes(repeat('approve', 5))
      .when({ ...leaderCloses, actor: { ...actors.leader, blockId: 'block-other' } })
      .thenError('OUT_OF_SCOPE');
  });

  it("with the 'cast' denominator, 3 approvals of 4 cast pass where 3 of 6 eligible would not", () => {
    const byCast: PolicySet = { ...policy, blockVote: { ...policy.blockVote, denominator: 'cast' } };
    const choices: BlockVoteChoice[] = ['approve', 'approve', 'approve', 'reject'];
    afterVotes(choices)
      .when(leaderCloses)
      .thenMatch([{ type: 'BlockVoteClosed', data: { tally: { passed: false } } }]);
    afterVotes(choices, byCast)
      .when(leaderCloses, byCast)
      .thenMatch([
        { type: 'BlockVoteClosed', data: { tally: { cast: 4, passed: true } } },
        { type: 'CouncilReviewOpened' },
      ]);
  });

  it('abstentions count towards the quorum when the policy says so, and not otherwise', () => {
    const choices: BlockVoteChoice[] = ['approve', 'approve', 'abstain', 'abstain'];
    afterVotes(choices)
      .when(leaderCloses)
      .thenMatch([
        { type: 'BlockVoteClosed', data: { tally: { abstain: 2, cast: 4, quorumMet: true, passed: false } } },
      ]);
    const notCast: PolicySet = { ...policy, blockVote: { ...policy.blockVote, abstentionCountsAsCast: false } };
    afterVotes(choices, notCast)
      .when(leaderCloses, notCast)
      .thenMatch([{ type: 'BlockVoteClosed', data: { tally: { abstain: 2, cast: 2, quorumMet: false } } }]);
  });

  it('an abstention is not an approval: 4 approve and 2 abstain of 6 fails', () => {
    afterVotes(['approve', 'approve', 'approve', 'approve', 'abstain'])
      .when(voteCommand(VOTER_UNITS[5]!, 'abstain'))
      .thenMatch([
        { type: 'BlockVoteCast' },
        { type: 'BlockVoteClosed', data: { tally: { approve: 4, abstain: 2, passed: false } } },
      ]);
  });
});

describe('block vote: deadline', () => {
  const deadline: ReachDeadline = {
    type: 'ReachDeadline',
    nominationId: NOMINATION_ID,
    actor: actors.system,
    at: '2024-12-16T03:00:00.000Z',
    stage: 'BlockVote',
  };

  it('is counted with the votes cast when the deadline passes', () => {
    afterVotes(repeat('approve', 5))
      .when(deadline)
      .thenMatch([
        {
          type: 'BlockVoteClosed',
          data: {
            closedBy: 'deadline',
            tally: { approve: 5, eligible: 6, passed: true },
            by: { userId: 'system', role: 'system' },
          },
        },
        // 20 working days on, skipping New Year's Day.
        { type: 'CouncilReviewOpened', data: { deadline: '2025-01-14T03:00:00.000Z' } },
      ]);
  });

  it('is not closed by a timer that fires early', () => {
    afterVotes(repeat('approve', 5))
      .when({ ...deadline, at: '2024-12-16T02:59:59.999Z' })
      .thenError('NOT_DUE_YET', { deadline: '2024-12-16T03:00:00.000Z' });
  });

  it('fails at the deadline without quorum', () => {
    afterVotes(['approve'])
      .when(deadline)
      .thenMatch([
        { type: 'BlockVoteClosed', data: { closedBy: 'deadline', tally: { quorumMet: false, passed: false } } },
      ]);
  });
});

describe('tallyBlockVote', () => {
  const p = policy.blockVote;
  it.each([
    [7, 0, 0, 10, true],
    [6, 4, 0, 10, false],
    [7, 3, 0, 10, true],
    [4, 0, 0, 6, false],
    [5, 0, 0, 7, true],
  ])('%i approve, %i reject, %i abstain of %i eligible → passed %s', (approve, reject, abstain, eligible, passed) => {
    const choices = [
      ...repeat<BlockVoteChoice>('approve', approve),
      ...repeat<BlockVoteChoice>('reject', reject),
      ...repeat<BlockVoteChoice>('abstain', abstain),
    ];
    expect(tallyBlockVote(choices, eligible, p).passed).toBe(passed);
  });

  it('meets a 2/3 quorum exactly at 4 of 6 despite floating point', () => {
    expect(tallyBlockVote(repeat<BlockVoteChoice>('reject', 4), 6, p).quorumMet).toBe(true);
    expect(tallyBlockVote(repeat<BlockVoteChoice>('reject', 3), 6, p).quorumMet).toBe(false);
  });

  it('never passes with no eligible units', () => {
    expect(tallyBlockVote([], 0, p)).toMatchObject({ quorumMet: false, passed: false });
  });
});
