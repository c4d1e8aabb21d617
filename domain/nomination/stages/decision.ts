// The chairman's decision, and a revocation after an award (stage 4).
import { localDate } from '../../policy/calendar';
import { policyRef, type PolicySet } from '../../policy/policy-set';
import type { IssueDecision, RevokeAward } from '../commands';
import type { ClosedState } from '../state';
import { InputChecker, isDecisionNumber, normaliseDecisionNumber } from '../validation';
import { REVOCATION_GROUNDS } from '../values';
import { ok, fail, invalid, actorRef, type Decision } from './common';

export function issueDecision(command: IssueDecision, policy: PolicySet): Decision {
  const check = new InputChecker();
  const outcome = check.oneOf('outcome', command.outcome, ['approved', 'rejected']);
  let decisionNumber: string | undefined;
  if (command.decisionNumber !== undefined && command.decisionNumber !== null) {
    decisionNumber = normaliseDecisionNumber(String(command.decisionNumber));
    if (!isDecisionNumber(decisionNumber)) check.fail('decisionNumber', "must look like '163/QĐ-UBND'");
  } else if (outcome === 'approved') {
    check.fail('decisionNumber', 'is required to approve');
  }
  const reason = check.optionalText('reason', command.reason);
  if (outcome === 'rejected' && reason === undefined) check.fail('reason', 'is required to reject');
  const today = localDate(command.at, policy.calendar);
  const decisionDate = command.decisionDate === undefined ? today : check.date('decisionDate', command.decisionDate);
  if (decisionDate > today) check.fail('decisionDate', 'must not be in the future');
  const bad = invalid(check);
  if (bad) return bad;

  return ok({
    type: 'DecisionIssued',
    data: {
      outcome,
      ...(decisionNumber !== undefined ? { decisionNumber } : {}),
      decisionDate,
      ...(reason !== undefined ? { reason } : {}),
      policy: policyRef(policy),
      at: command.at,
      by: actorRef(command.actor),
    },
  });
}

export function revokeAward(state: ClosedState, command: RevokeAward): Decision {
  if (state.outcome !== 'Awarded') {
    return fail('WRONG_STAGE', `only an awarded nomination can be revoked; this one closed as ${state.outcome}`, {
      stage: state.stage,
      outcome: state.outcome,
    });
  }
  if (state.revocation)
    return fail('ALREADY_REVOKED', 'the award has already been revoked', { revokedAt: state.revocation.at });
  const check = new InputChecker();
  const ground = check.oneOf('ground', command.ground, REVOCATION_GROUNDS);
  const details = check.text('details', command.details, 5000);
  let decisionNumber: string | undefined;
  if (command.decisionNumber !== undefined) {
    decisionNumber = normaliseDecisionNumber(command.decisionNumber);
    if (!isDecisionNumber(decisionNumber)) check.fail('decisionNumber', "must look like '163/QĐ-UBND'");
  }
  const bad = invalid(check);
  if (bad) return bad;
  return ok({
    type: 'AwardRevoked',
    data: {
      ground,
      details,
      ...(decisionNumber !== undefined ? { decisionNumber } : {}),
      at: command.at,
      by: actorRef(command.actor),
    },
  });
}
