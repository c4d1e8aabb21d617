import { decide, evolve, initialState, type NominationCommand, type NominationState } from '@laurel/domain';
import { actors, at, historyIn, policy, votes } from '@laurel/domain/testing/fixtures';
import { pendingTasks, type TaskRow } from '@laurel/infra/projections/task-inbox/tasks';
import { notificationsFor } from '@laurel/workflows/nomination/notifications';

function stateAfter(commands: readonly NominationCommand[]): NominationState {
  let state = initialState;
  for (const command of commands) {
    const decision = decide(state, command, policy);
    if (!decision.ok) throw new Error(`${command.type}: ${decision.error.message}`);
    state = decision.events.reduce(evolve, state);
  }
  return state;
}

const entry = { version: 1, at: at(0) };

/** Who a task or a notification is for, in one spelling. */
function who(target: { role: string; unitId?: string | null; blockId?: string | null }): string {
  if (target.role === 'unit_officer' || target.role === 'unit_head') return `${target.role}@unit:${target.unitId}`;
  if (target.role === 'block_leader') return `${target.role}@block:${target.blockId}`;
  return `${target.role}@province`;
}

function summary(tasks: readonly TaskRow[]): string[] {
  return tasks.map((t) => `${t.action} ${who(t)}`).sort();
}

describe('pending tasks per stage', () => {
  it.each([
    ['Initial', []],
    ['Draft', ['edit_draft unit_officer@unit:unit-party-office', 'submit unit_head@unit:unit-party-office']],
    [
      'BlockVote',
      [
        'close_block_vote block_leader@block:block-party-agencies',
        'vote unit_head@unit:unit-inspection',
        'vote unit_head@unit:unit-mass-mobilisation',
        'vote unit_head@unit:unit-newspaper',
        'vote unit_head@unit:unit-organisation',
        'vote unit_head@unit:unit-propaganda',
        'vote unit_head@unit:unit-youth',
      ],
    ],
    [
      'CouncilReview',
      [
        'close_council_review board_officer@province',
        'give_opinion council_member@province',
        'request_supplement board_officer@province',
      ],
    ],
    ['AwaitingSupplement', ['provide_supplement unit_officer@unit:unit-party-office']],
    ['ProvincialDecision', ['decide chairman@province']],
    ['OnHold', ['release_hold board_officer@province']],
    ['Closed', []],
  ] as const)('%s', (stage, expected) => {
    const state = stateAfter(historyIn(stage));
    expect(state.stage).toBe(stage);
    expect(summary(pendingTasks(state, entry))).toEqual(expected);
  });

  it('files province-wide tasks under the nomination’s province and dates them by the stage deadline', () => {
    const state = stateAfter(historyIn('ProvincialDecision'));
    const [decideTask] = pendingTasks(state, entry);
    expect(decideTask).toMatchObject({ scope: 'province:lao-cai', status: 'pending', createdAt: at(0) });
    expect(decideTask!.dueAt).toBe(state.stage === 'ProvincialDecision' ? state.stageDeadline : undefined);
  });

  it('a voted unit has no vote task left', () => {
    const state = stateAfter([...historyIn('BlockVote'), ...votes(['approve', 'reject'])]);
    const voters = pendingTasks(state, entry).filter((t) => t.action === 'vote');
    expect(voters.map((t) => t.unitId)).not.toContain('unit-propaganda');
    expect(voters).toHaveLength(4);
  });
});

describe('the inbox agrees with who is reminded (workflows/nomination/notifications.ts)', () => {
  it.each(['BlockVote', 'CouncilReview', 'AwaitingSupplement', 'ProvincialDecision'] as const)('%s', (stage) => {
    const state = stateAfter(historyIn(stage));
    if (state.stage !== stage) throw new Error(`expected ${stage}, got ${state.stage}`);
    const [reminder] = notificationsFor(
      [{ type: 'ReminderDue', data: { stage, deadline: state.stageDeadline, at: at(100), by: actors.system } }],
      state,
      state.version + 1,
    );
    const reminded = [...new Set(reminder!.audience.map(who))].sort();
    const assigned = [...new Set(pendingTasks(state, entry).map(who))].sort();
    expect(assigned).toEqual(reminded);
  });
});
