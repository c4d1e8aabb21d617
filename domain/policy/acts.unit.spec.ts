import { NOMINATION_COMMAND_TYPES } from '../nomination/commands';
import {
  actors,
  at,
  BLOCK,
  councilMember,
  historyIn,
  NOMINATION_ID,
  opinionCommand,
  policy,
  PROPOSING_UNIT,
  PROVINCE,
} from '../testing/fixtures';
import { given, history } from '../testing/given-when-then';
import { ACTS, inScope, isRecused, recusedUnitIds, TASK_ACTIONS, taskRule, tasksAt } from './acts';

const place = { province: PROVINCE, blockId: BLOCK, proposingUnitId: PROPOSING_UNIT };

describe('the table of who acts where', () => {
  it('has a row for every command, each with at least one role and one stage', () => {
    expect(Object.keys(ACTS).sort()).toEqual([...NOMINATION_COMMAND_TYPES].sort());
    for (const type of NOMINATION_COMMAND_TYPES) {
      expect(ACTS[type].roles.length).toBeGreaterThan(0);
      expect(ACTS[type].stages.length).toBeGreaterThan(0);
    }
  });

  it('gives every person-sent command a scope, and timers none', () => {
    const unscoped = NOMINATION_COMMAND_TYPES.filter((type) => ACTS[type].scope === undefined);
    expect(unscoped).toEqual(['ReachDeadline', 'SendReminder']);
    expect(unscoped.every((type) => ACTS[type].roles.every((role) => role === 'system'))).toBe(true);
  });

  it('scopes the unit’s acts to the proposing unit, the block’s to the block, the rest to the province', () => {
    const byScope = (scope: string) => NOMINATION_COMMAND_TYPES.filter((type) => ACTS[type].scope === scope).sort();
    expect(byScope('proposing_unit')).toEqual(
      ['DraftNomination', 'EditDraft', 'ProvideSupplement', 'SubmitNomination', 'WithdrawNomination'].sort(),
    );
    expect(byScope('block')).toEqual(['CastBlockVote', 'CloseBlockVote']);
    expect(byScope('province')).toEqual(
      [
        'CloseCouncilReview',
        'IssueDecision',
        'PlaceOnHold',
        'RecordCouncilOpinion',
        'RecordDocument',
        'ReleaseHold',
        'RequestSupplement',
        'RevokeAward',
      ].sort(),
    );
  });

  it('puts each stage act in the stage family of separation of duties, and clerical or timer acts in none', () => {
    expect(ACTS.CastBlockVote.family).toBe('blockVote');
    expect(ACTS.RequestSupplement.family).toBe('council');
    expect(ACTS.PlaceOnHold.family).toBe('council');
    expect(ACTS.RevokeAward.family).toBe('decision');
    expect(ACTS.RecordDocument.family).toBeUndefined();
    expect(ACTS.ReachDeadline.family).toBeUndefined();
  });

  it('names one command per inbox task, with a single role', () => {
    const tasks = NOMINATION_COMMAND_TYPES.flatMap((type) => (ACTS[type].task ? [ACTS[type].task] : []));
    expect([...tasks].sort()).toEqual([...TASK_ACTIONS].sort());
    for (const task of TASK_ACTIONS) {
      expect(taskRule(task).roles).toHaveLength(1);
      expect(taskRule(task).stages).toContain(taskRule(task).stages[0]);
    }
    expect(taskRule('vote')).toMatchObject({ command: 'CastBlockVote', role: 'unit_head', forVotingUnit: true });
    expect(taskRule('give_opinion')).toMatchObject({ command: 'RecordCouncilOpinion', recusal: true });
  });

  it('lists the tasks of each stage in the table’s order', () => {
    expect(tasksAt('Draft').map((r) => r.task)).toEqual(['submit', 'edit_draft']);
    expect(tasksAt('BlockVote').map((r) => r.task)).toEqual(['vote', 'close_block_vote']);
    expect(tasksAt('CouncilReview').map((r) => r.task)).toEqual([
      'give_opinion',
      'close_council_review',
      'request_supplement',
    ]);
    expect(tasksAt('AwaitingSupplement').map((r) => r.task)).toEqual(['provide_supplement']);
    expect(tasksAt('ProvincialDecision').map((r) => r.task)).toEqual(['decide']);
    expect(tasksAt('OnHold').map((r) => r.task)).toEqual(['release_hold']);
    expect(tasksAt('Closed')).toEqual([]);
    expect(tasksAt('Initial')).toEqual([]);
  });

  it('is obeyed by the decider: a command outside its stages is WRONG_STAGE with the table’s stages', () => {
    given(history(policy, historyIn('Draft')), policy)
      .when({ type: 'CloseCouncilReview', nominationId: NOMINATION_ID, actor: actors.board, at: at(5) })
      .thenError('WRONG_STAGE', { stage: 'Draft', allowedStages: [...ACTS.CloseCouncilReview.stages] });
  });
});

describe('scope', () => {
  it('needs the proposing unit, the block or the province, as the kind says', () => {
    expect(inScope('proposing_unit', place, { unitId: PROPOSING_UNIT })).toBe(true);
    expect(inScope('proposing_unit', place, { unitId: 'unit-other' })).toBe(false);
    expect(inScope('proposing_unit', place, {})).toBe(false);
    expect(inScope('block', place, { blockId: BLOCK })).toBe(true);
    expect(inScope('block', place, { blockId: 'block-other', unitId: PROPOSING_UNIT })).toBe(false);
    expect(inScope('block', place, { unitId: PROPOSING_UNIT })).toBe(false);
    expect(inScope('province', place, { province: PROVINCE })).toBe(true);
    expect(inScope('province', place, { province: 'ninh-thuan' })).toBe(false);
    expect(inScope('province', place, {})).toBe(false);
  });
});

describe('recusal', () => {
  const nomination = { proposingUnitId: PROPOSING_UNIT, nominee: { unitId: 'unit-dept-3' } };

  it('names the proposing unit and the nominee’s unit, once each', () => {
    expect(recusedUnitIds(nomination)).toEqual([PROPOSING_UNIT, 'unit-dept-3']);
    expect(recusedUnitIds({ proposingUnitId: PROPOSING_UNIT, nominee: { unitId: PROPOSING_UNIT } })).toEqual([
      PROPOSING_UNIT,
    ]);
  });

  it('recuses a member of either unit, or one named at submission, and nobody else', () => {
    expect(isRecused(nomination, { userId: 'u-1', unitId: PROPOSING_UNIT })).toBe(true);
    expect(isRecused(nomination, { userId: 'u-2', unitId: 'unit-dept-3' })).toBe(true);
    expect(isRecused(nomination, { userId: 'u-3', unitId: 'unit-dept-4' }, ['u-3'])).toBe(true);
    expect(isRecused(nomination, { userId: 'u-4', unitId: 'unit-dept-4' }, ['u-3'])).toBe(false);
    expect(isRecused(nomination, { userId: 'u-5' })).toBe(false);
    expect(isRecused(nomination, { unitId: 'unit-dept-4' })).toBe(false);
  });

  it('is the rule the decider applies to a council member', () => {
    const inReview = history(policy, historyIn('CouncilReview'));
    const fromNomineeUnit = councilMember(7, 'unit-party-office');
    given(inReview, policy)
      .when({ ...opinionCommand(7, 'approve', 31), actor: fromNomineeUnit })
      .thenError('COUNCIL_MEMBER_RECUSED');
    given(inReview, policy)
      .when(opinionCommand(7, 'approve', 31))
      .thenMatch([{ type: 'CouncilOpinionRecorded' }]);
  });
});
