// Holds (Decree 98 Art. 4 deferral): the clock stops, and restarts in full on release.
import { stageDeadlines, type TimedStage } from '../../policy/deadlines';
import { policyRef, type PolicySet } from '../../policy/policy-set';
import type { PlaceOnHold, ReleaseHold } from '../commands';
import type { NominationState, OnHoldState } from '../state';
import { InputChecker } from '../validation';
import { ok, invalid, actorRef, clockOf, type Decision } from './common';

export function placeOnHold(state: Extract<NominationState, { stage: TimedStage }>, command: PlaceOnHold): Decision {
  const check = new InputChecker();
  const reason = check.text('reason', command.reason, 2000);
  const bad = invalid(check);
  if (bad) return bad;
  return ok({
    type: 'NominationPlacedOnHold',
    data: { reason, resumeStage: state.stage, trigger: 'board', at: command.at, by: actorRef(command.actor) },
  });
}

export function releaseHold(state: OnHoldState, command: ReleaseHold, policy: PolicySet): Decision {
  const check = new InputChecker();
  const reason = check.text('reason', command.reason, 2000);
  const bad = invalid(check);
  if (bad) return bad;
  const stage = state.hold.resumeStage;
  return ok({
    type: 'NominationReleasedFromHold',
    data: {
      reason,
      resumedStage: stage,
      policy: policyRef(policy),
      // The stage restarts with its full period: time on hold is not the unit's or the council's fault. [default]
      ...clockOf(stageDeadlines(policy, stage, command.at)),
      at: command.at,
      by: actorRef(command.actor),
    },
  });
}
