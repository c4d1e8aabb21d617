import { actors, at, historyIn, NOMINATION_ID, policy, voteCommand, VOTER_UNITS } from '../testing/fixtures';
import { given, history } from '../testing/given-when-then';
import type { CastBlockVote, CloseBlockVote } from './commands';

// The two optional fields a block session adds to the block vote's commands
// (domain/session): its votes wait for its close, and its close carries the flag's acclamation.
const SESSION = 'session-1';
const sessionVote = (unitId: string): CastBlockVote => ({ ...voteCommand(unitId, 'approve'), sessionId: SESSION });
const sessionClose = (acclamation?: CloseBlockVote['acclamation']): CloseBlockVote => ({
  type: 'CloseBlockVote',
  nominationId: NOMINATION_ID,
  actor: actors.leader,
  at: at(3),
  sessionId: SESSION,
  ...(acclamation ? { acclamation } : {}),
});

describe('block vote through a block session', () => {
  const allButLast = () => history(policy, [...historyIn('BlockVote'), ...VOTER_UNITS.slice(0, -1).map(sessionVote)]);

  it('records the session on the vote, and the last vote does not close it: the session does', () => {
    const outcome = given(allButLast(), policy)
      .when(sessionVote(VOTER_UNITS[VOTER_UNITS.length - 1]!))
      .thenMatch([{ type: 'BlockVoteCast', data: { sessionId: SESSION } }]);
    expect(outcome.events()).toHaveLength(1);
    expect(outcome.state.stage).toBe('BlockVote');
  });

  it("the session's close records itself and, for an acclaimed unit, opens the council review", () => {
    const votedAll = history(policy, [...historyIn('BlockVote'), ...VOTER_UNITS.map(sessionVote)]);
    const outcome = given(votedAll, policy)
      .when(sessionClose({ acclaimed: true }))
      .thenMatch([
        {
          type: 'BlockVoteClosed',
          data: { sessionId: SESSION, acclamation: { acclaimed: true }, tally: { passed: true } },
        },
        { type: 'CouncilReviewOpened' },
      ]);
    expect(outcome.state.stage).toBe('CouncilReview');
  });

  it('a passing vote refused by the one-leading-unit limit closes the nomination as not awarded', () => {
    const votedAll = history(policy, [...historyIn('BlockVote'), ...VOTER_UNITS.map(sessionVote)]);
    const reason = 'the policy allows one leading unit per block and year';
    const outcome = given(votedAll, policy)
      .when(sessionClose({ acclaimed: false, refusedReason: reason, acclaimedNominationId: 'other' }))
      .thenMatch([
        {
          type: 'BlockVoteClosed',
          data: { tally: { passed: true }, acclamation: { acclaimed: false, refusedReason: reason } },
        },
      ]);
    expect(outcome.decision.ok && outcome.decision.events).toHaveLength(1);
    expect(outcome.state.stage === 'Closed' && outcome.state.outcome).toBe('NotAwarded');
  });

  it('votes cast outside a session still close the vote when every unit has voted', () => {
    const others = history(policy, [
      ...historyIn('BlockVote'),
      ...VOTER_UNITS.slice(0, -1).map((u) => voteCommand(u, 'approve')),
    ]);
    given(others, policy)
      .when(voteCommand(VOTER_UNITS[VOTER_UNITS.length - 1]!, 'approve'))
      .thenMatch([{ type: 'BlockVoteCast' }, { type: 'BlockVoteClosed' }, { type: 'CouncilReviewOpened' }]);
  });
});
