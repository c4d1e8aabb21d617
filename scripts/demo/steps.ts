// A scenario's steps, each answered by one exhaustive switch over the step kinds: done already, its label, and
// the API request that takes it.
import { addWorkingDays, defaultPolicies, localDate, resolvePolicy } from '@laurel/domain';
import type { ActionResult, NominationState } from '../../apps/api-client/src/contract';
import type { Scenario, Step } from './scenarios';
import type { DemoUsers } from './users';

const STAGE_RANK: Readonly<Record<NominationState['stage'], number>> = {
  Initial: -1,
  Draft: 0,
  BlockVote: 1,
  CouncilReview: 2,
  AwaitingSupplement: 2,
  ProvincialDecision: 3,
  // A hold is resolved by the Board, not by this loader: the next step is refused and says why.
  OnHold: -1,
  Closed: 9,
};

/** Whether a nomination in this state has already had this step (or gone past where it applies). */
export function stepDone(step: Step, state: NominationState): boolean {
  if (step.kind === 'revoke') return state.stage === 'Closed' && state.revocation !== undefined;
  if (state.stage === 'Closed') return true;
  if (state.stage === 'Initial') return false;
  const rank = STAGE_RANK[state.stage];
  switch (step.kind) {
    case 'submit':
      return state.stage !== 'Draft';
    case 'vote':
      return rank > 1 || (state.blockVote?.votes.some((v) => v.userId === step.by) ?? false);
    case 'closeBlockVote':
      return rank > 1 || state.blockVote?.tally !== undefined;
    case 'opinion':
      return (
        rank > 2 ||
        state.council?.tally !== undefined ||
        (state.council?.opinions.some((o) => o.memberId === step.by) ?? false)
      );
    case 'requestSupplement':
      return rank > 2 || state.supplementCount > 0;
    case 'approve':
    case 'reject':
    case 'withdraw':
      return false;
  }
}

export function stepLabel(step: Step, s: Scenario): string {
  switch (step.kind) {
    case 'submit':
      return `submit by ${s.head}`;
    case 'vote':
      return `block vote ${step.choice} by ${step.by}`;
    case 'closeBlockVote':
      return `block vote closed by ${step.by}`;
    case 'opinion':
      return `council opinion ${step.recommendation} by ${step.by}`;
    case 'requestSupplement':
      return `supplement requested by ${step.by}`;
    case 'approve':
      return `decision ${step.decisionNumber} by ${step.by}`;
    case 'reject':
      return `rejection by ${step.by}`;
    case 'withdraw':
      return `withdrawal by ${s.head}`;
    case 'revoke':
      return `revocation by ${step.by}`;
  }
}

/** A due date `days` working days ahead in the province's calendar, as the Board writes it (a date). */
function dueDateAhead(province: string, days: number, now: Date): string {
  const { calendar } = resolvePolicy(defaultPolicies, province, now.toISOString());
  return localDate(addWorkingDays(now.toISOString(), days, calendar), calendar);
}

export function sendStep(
  users: DemoUsers,
  s: Scenario,
  id: string,
  step: Step,
  key: string,
  now: Date,
): Promise<ActionResult> {
  const at = (action: string) => `/nominations/${id}/${action}`;
  switch (step.kind) {
    case 'submit':
      return users.act(s.head, at('submit'), {}, key);
    case 'vote':
      return users.act(
        step.by,
        at('votes'),
        { choice: step.choice, ...(step.comment ? { comment: step.comment } : {}) },
        key,
      );
    case 'closeBlockVote':
      return users.act(step.by, at('block-vote/close'), {}, key);
    case 'opinion':
      return users.act(
        step.by,
        at('council-opinions'),
        { recommendation: step.recommendation, ...(step.comment ? { comment: step.comment } : {}) },
        key,
      );
    case 'requestSupplement': {
      const due =
        step.dueInWorkingDays === undefined ? {} : { dueDate: dueDateAhead(s.province, step.dueInWorkingDays, now) };
      return users.act(step.by, at('supplement-requests'), { reason: step.reason, ...due }, key);
    }
    case 'approve':
      return users.act(step.by, at('decision'), { outcome: 'approved', decisionNumber: step.decisionNumber }, key);
    case 'reject':
      return users.act(step.by, at('decision'), { outcome: 'rejected', reason: step.reason }, key);
    case 'withdraw':
      return users.act(s.head, at('withdraw'), { reason: step.reason }, key);
    case 'revoke': {
      const { ground, details, decisionNumber } = step;
      return users.act(
        step.by,
        at('revocation'),
        { ground, details, ...(decisionNumber ? { decisionNumber } : {}) },
        key,
      );
    }
  }
}
