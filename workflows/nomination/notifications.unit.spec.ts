import { fold, type NominationEvent } from '@laurel/domain';
import {
  at,
  BLOCK,
  historyIn,
  policy,
  PROPOSING_UNIT,
  VOTER_UNITS,
  voteCommand,
} from '@laurel/domain/testing/fixtures';
import { history } from '@laurel/domain/testing/given-when-then';
import { notificationsFor } from './notifications';

/** The reminder a stage's timer would write, folded onto `events`. */
function reminded(
  events: NominationEvent[],
  stage: 'BlockVote' | 'CouncilReview' | 'AwaitingSupplement' | 'ProvincialDecision',
) {
  const reminder: NominationEvent = {
    type: 'ReminderDue',
    data: { stage, deadline: at(200), at: at(150), by: { userId: 'system', role: 'system' } },
  };
  const after = fold([...events, reminder]);
  return notificationsFor([reminder], after, events.length + 1);
}

describe('reminder audiences', () => {
  it('reminds each member unit yet to vote, then the block leader', () => {
    const events = history(policy, [...historyIn('BlockVote'), voteCommand(VOTER_UNITS[0]!, 'approve', 3)]);
    const [reminder] = reminded(events, 'BlockVote');
    expect(reminder).toMatchObject({ kind: 'reminder', stage: 'BlockVote', dueAt: at(200) });
    expect(reminder!.audience).toEqual([
      ...VOTER_UNITS.slice(1).map((unitId) => ({ role: 'unit_head', unitId })),
      { role: 'block_leader', blockId: BLOCK },
    ]);
  });

  it('reminds the council and the Board in review, once each', () => {
    const [reminder] = reminded(history(policy, historyIn('CouncilReview')), 'CouncilReview');
    expect(reminder!.audience).toEqual([{ role: 'council_member' }, { role: 'board_officer' }]);
  });

  it('reminds the proposing unit’s officer of a supplement', () => {
    const [reminder] = reminded(history(policy, historyIn('AwaitingSupplement')), 'AwaitingSupplement');
    expect(reminder!.audience).toEqual([{ role: 'unit_officer', unitId: PROPOSING_UNIT }]);
  });

  it('reminds the chairman of the decision', () => {
    const [reminder] = reminded(history(policy, historyIn('ProvincialDecision')), 'ProvincialDecision');
    expect(reminder!.audience).toEqual([{ role: 'chairman' }]);
  });
});
