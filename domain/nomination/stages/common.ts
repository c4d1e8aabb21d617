// What every stage's decider shares: the Decision shape, refusals, and the checks more than one stage makes.
import { parseInstant } from '../../policy/calendar';
import { TIMED_STAGES, type StageTimes, type TimedStage } from '../../policy/deadlines';
import { policyRef, type AwardRule, type PolicySet } from '../../policy/policy-set';
import { NATIONAL_DEFAULT_PROVINCE } from '../../policy/registry';
import { inScope } from '../../policy/acts';
import type { NominationCommand } from '../commands';
import { DomainError, type DomainErrorCode } from '../errors';
import type { ActorRef, NominationEvent } from '../events';
import type { ActiveState, NominationState, Stage } from '../state';
import { InputChecker } from '../validation';
import { isLocalAwardType, type Actor, type AwardType, type NomineeKind } from '../values';
import { awardOpenToBlock } from '../../policy/awards';

export type Decision = { ok: true; events: NominationEvent[] } | { ok: false; error: DomainError };

export function ok(...events: NominationEvent[]): Decision {
  return { ok: true, events };
}

export function fail(code: DomainErrorCode, message: string, details?: Record<string, unknown>): Decision {
  return { ok: false, error: new DomainError(code, message, details) };
}

export function invalid(checker: InputChecker): Decision | undefined {
  return checker.problems.length === 0
    ? undefined
    : fail('INVALID_COMMAND', checker.problems.map((p) => `${p.field} ${p.message}`).join('; '), {
        problems: checker.problems,
      });
}

export function actorRef(actor: Actor): ActorRef {
  return {
    userId: actor.userId,
    role: actor.role,
    ...(actor.unitId !== undefined ? { unitId: actor.unitId } : {}),
    ...(actor.blockId !== undefined ? { blockId: actor.blockId } : {}),
  };
}

export function clockOf(times: StageTimes): { deadline: string; reminderAt?: string } {
  return times.reminderAt === undefined
    ? { deadline: times.deadline }
    : { deadline: times.deadline, reminderAt: times.reminderAt };
}

export function isIn<S extends Stage>(
  state: NominationState,
  stages: readonly S[],
): state is Extract<NominationState, { stage: S }> {
  return (stages as readonly Stage[]).includes(state.stage);
}

export function wrongStage(state: NominationState, command: NominationCommand, expected: readonly Stage[]): Decision {
  return fail('WRONG_STAGE', `${command.type} is not allowed while the nomination is ${state.stage}`, {
    stage: state.stage,
    allowedStages: expected,
  });
}

export const TIMED: readonly TimedStage[] = TIMED_STAGES;
export const OPEN: readonly Stage[] = ['Draft', ...TIMED, 'OnHold'];

/**
 * The award as this policy runs it for a nominee of a unit in `blockId`, or
 * why it cannot be nominated: an unknown local code, a national award the
 * province does not run, another block's own award, or the wrong nominee kind.
 */
export function awardRuleFor(
  policy: PolicySet,
  awardType: AwardType,
  kind: NomineeKind,
  blockId: string,
): AwardRule | Decision {
  const rule = policy.awards[awardType];
  if (!rule && isLocalAwardType(awardType)) {
    return fail(
      'AWARD_TYPE_UNKNOWN',
      `no award with the code ${awardType} is in effect under policy ${policy.id} v${policy.version}; GET /awards lists them`,
      { awardType, policy: policyRef(policy) },
    );
  }
  if (!rule || rule.decidedBy !== 'chairman') {
    return fail(
      'AWARD_NOT_AVAILABLE',
      `${awardType} is not a provincial award under policy ${policy.id} v${policy.version}`,
      {
        awardType,
        policy: policyRef(policy),
      },
    );
  }
  if (!awardOpenToBlock(rule, blockId) && rule.definedBy?.kind === 'block') {
    return fail(
      'AWARD_OUTSIDE_BLOCK',
      `${awardType} is defined by ${rule.definedBy.body} for the units of block ${rule.definedBy.blockId}; this nominee's unit is in block ${blockId}`,
      { awardType, definedBy: rule.definedBy, blockId, policy: policyRef(policy) },
    );
  }
  if (!rule.nomineeKinds.includes(kind)) {
    return fail('AWARD_NOT_FOR_NOMINEE_KIND', `${awardType} is not awarded to a ${kind} nominee`, {
      awardType,
      nomineeKind: kind,
      allowed: rule.nomineeKinds,
    });
  }
  return rule;
}

export function isDecision<T extends object>(value: T | Decision): value is Decision {
  return !Array.isArray(value) && 'ok' in value;
}

export function policyFits(policy: PolicySet, province: string): Decision | undefined {
  if (policy.province === province || policy.province === NATIONAL_DEFAULT_PROVINCE) return undefined;
  return fail('POLICY_MISMATCH', `policy ${policy.id} is for ${policy.province}, not ${province}`, {
    policy: policyRef(policy),
    province,
  });
}

export function ownUnit(state: ActiveState, actor: Actor): Decision | undefined {
  if (inScope('proposing_unit', state.nomination, actor)) return undefined;
  return fail('OUT_OF_SCOPE', 'only the proposing unit may do this', {
    proposingUnitId: state.nomination.proposingUnitId,
    actorUnitId: actor.unitId ?? null,
  });
}

export function afterDeadline(state: { stageDeadline: string }, at: string, what: string): Decision | undefined {
  if (parseInstant(at) <= parseInstant(state.stageDeadline)) return undefined;
  return fail('DEADLINE_PASSED', `${what} closed at ${state.stageDeadline}`, { deadline: state.stageDeadline });
}
