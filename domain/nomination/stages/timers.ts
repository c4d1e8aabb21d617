// The workflow's timers: a deadline reached, a reminder due.
import { parseInstant } from '../../policy/calendar';
import type { PolicySet } from '../../policy/policy-set';
import type { ReachDeadline, SendReminder } from '../commands';
import type {
  ActiveState,
  AwaitingSupplementState,
  BlockVoteState,
  CouncilReviewState,
  ProvincialDecisionState,
} from '../state';
import { ok, fail, actorRef, isIn, wrongStage, TIMED, type Decision } from './common';
import { closeBlockVote } from './block-vote';

type TimedState = BlockVoteState | CouncilReviewState | AwaitingSupplementState | ProvincialDecisionState;

function timedStateFor(state: ActiveState, command: ReachDeadline | SendReminder): TimedState | Decision {
  if (!isIn(state, TIMED) || state.stage !== command.stage) {
    return fail('WRONG_STAGE', `the ${command.stage} timer no longer applies: the nomination is ${state.stage}`, {
      stage: state.stage,
      timerStage: command.stage,
    });
  }
  return state;
}

export function reachDeadline(current: ActiveState, command: ReachDeadline, policy: PolicySet): Decision {
  const state = timedStateFor(current, command);
  if ('ok' in state) return state;
  if (parseInstant(command.at) < parseInstant(state.stageDeadline)) {
    return fail('NOT_DUE_YET', `the ${state.stage} deadline is ${state.stageDeadline}`, {
      deadline: state.stageDeadline,
    });
  }
  const by = actorRef(command.actor);
  switch (state.stage) {
    case 'BlockVote':
      if (state.blockVote.tally) return wrongStage(state, command, ['BlockVote']);
      return ok(...closeBlockVote(state, policy, command, 'deadline'));
    case 'CouncilReview':
    case 'ProvincialDecision':
      if (state.escalated) return fail('ALREADY_DONE', `the ${state.stage} stage is already escalated`);
      return ok({
        type: 'StageEscalated',
        data: { stage: state.stage, deadline: state.stageDeadline, at: command.at, by },
      });
    case 'AwaitingSupplement':
      return ok({
        type: 'NominationExpired',
        data: { stage: 'AwaitingSupplement', deadline: state.stageDeadline, at: command.at, by },
      });
  }
}

export function sendReminder(current: ActiveState, command: SendReminder): Decision {
  const state = timedStateFor(current, command);
  if ('ok' in state) return state;
  if (state.reminderSent) return fail('ALREADY_DONE', `the ${state.stage} reminder has already been sent`);
  if (state.reminderAt === undefined || parseInstant(command.at) < parseInstant(state.reminderAt)) {
    return fail('NOT_DUE_YET', `no reminder is due for ${state.stage} yet`, { reminderAt: state.reminderAt ?? null });
  }
  return ok({
    type: 'ReminderDue',
    data: { stage: state.stage, deadline: state.stageDeadline, at: command.at, by: actorRef(command.actor) },
  });
}
