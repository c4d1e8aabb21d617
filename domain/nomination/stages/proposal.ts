// The unit proposal, the first stage: drafting, editing, submitting and withdrawing.
import { localDate } from '../../policy/calendar';
import { stageDeadlines } from '../../policy/deadlines';
import { achievementKey, evaluateEligibility, isDeferred } from '../../policy/eligibility';
import { policyRef, type PolicySet } from '../../policy/policy-set';
import { inScope } from '../../policy/acts';
import type { DraftNomination, EditDraft, SubmitNomination, WithdrawNomination } from '../commands';
import type { DraftChanges, NominationEvent } from '../events';
import type { ActiveState, DraftState } from '../state';
import { InputChecker, membershipOf } from '../validation';
import type { AwardType, Nominee } from '../values';
import { awardInEffect } from '../../policy/awards';
import {
  ok,
  fail,
  invalid,
  actorRef,
  wrongStage,
  OPEN,
  awardRuleFor,
  isDecision,
  policyFits,
  ownUnit,
  clockOf,
  type Decision,
} from './common';

const SYSTEM_REASON_DEFERRAL =
  'Nghị định 98/2023/NĐ-CP, Điều 4: the nominee is under disciplinary review; the proposal waits until it is cleared';

export function draft(command: DraftNomination, policy: PolicySet): Decision {
  const check = new InputChecker();
  const nominationId = check.text('nominationId', command.nominationId, 200);
  const province = check.text('province', command.province, 100).toLowerCase();
  const proposingUnitId = check.text('proposingUnitId', command.proposingUnitId, 200);
  const blockId = check.text('blockId', command.blockId, 200);
  const content = check.draftContent(command);
  for (const field of ['nominee', 'awardType', 'campaignYear', 'achievements', 'record', 'evidence'] as const) {
    if (command[field] === undefined) check.fail(field, 'is required');
  }
  const at = check.instant('at', command.at);
  const bad = invalid(check);
  if (bad) return bad;

  const { nominee, awardType, campaignYear, achievements, record, evidence } = content as Required<typeof content>;
  const yearProblem = campaignYearProblem(campaignYear, at, policy);
  if (yearProblem) return yearProblem;
  if (!inScope('proposing_unit', { province, blockId, proposingUnitId }, command.actor)) {
    return fail('OUT_OF_SCOPE', 'a unit officer drafts only for their own unit', {
      proposingUnitId,
      actorUnitId: command.actor.unitId ?? null,
    });
  }
  const mismatch = policyFits(policy, province);
  if (mismatch) return mismatch;
  const rule = awardRuleFor(policy, awardType, nominee.kind, blockId);
  if (isDecision(rule)) return rule;

  return ok({
    type: 'NominationDrafted',
    data: {
      nominationId,
      nominee,
      awardType,
      campaignYear,
      province,
      proposingUnitId,
      blockId,
      achievements,
      record,
      evidence,
      achievementKey: achievementKey(nominee, awardType, campaignYear),
      policy: policyRef(policy),
      ...membershipOf(command),
      at,
      by: actorRef(command.actor),
    },
  });
}

/** A campaign is proposed for at its year-end or later, never ahead. */
function campaignYearProblem(campaignYear: number, at: string, policy: PolicySet): Decision | undefined {
  const currentYear = Number(localDate(at, policy.calendar).slice(0, 4));
  if (campaignYear <= currentYear) return undefined;
  return fail('INVALID_COMMAND', `campaignYear ${campaignYear} has not happened yet`, {
    problems: [{ field: 'campaignYear', message: `must not be after ${currentYear}` }],
  });
}

export function editDraft(state: DraftState, command: EditDraft, policy: PolicySet): Decision {
  const scope = ownUnit(state, command.actor);
  if (scope) return scope;
  const check = new InputChecker();
  if (typeof command.changes !== 'object' || command.changes === null) check.fail('changes', 'is required');
  const changes: DraftChanges = check.draftContent(command.changes ?? {});
  if (Object.keys(changes).length === 0) check.fail('changes', 'must change at least one field');
  const bad = invalid(check);
  if (bad) return bad;

  const nominee: Nominee = changes.nominee ?? state.nomination.nominee;
  const awardType = changes.awardType ?? state.nomination.awardType;
  const campaignYear = changes.campaignYear ?? state.nomination.campaignYear;
  const yearProblem = campaignYearProblem(campaignYear, command.at, policy);
  if (yearProblem) return yearProblem;
  const rule = awardRuleFor(policy, awardType, nominee.kind, state.nomination.blockId);
  if (isDecision(rule)) return rule;

  return ok({
    type: 'DraftEdited',
    data: {
      changes,
      achievementKey: achievementKey(nominee, awardType, campaignYear),
      at: command.at,
      by: actorRef(command.actor),
    },
  });
}

export function submit(state: DraftState, command: SubmitNomination, policy: PolicySet): Decision {
  const scope = ownUnit(state, command.actor);
  if (scope) return scope;

  const check = new InputChecker();
  const voters = check
    .idList('eligibleVoterUnitIds', command.eligibleVoterUnitIds)
    .filter((unitId) => unitId !== state.nomination.proposingUnitId);
  const councilMemberCount = check.integer('councilMemberCount', command.councilMemberCount, 1, 1000);
  const recused = check.idList('recusedCouncilMemberIds', command.recusedCouncilMemberIds ?? []);
  if (Array.isArray(command.eligibleVoterUnitIds) && voters.length === 0) {
    check.fail('eligibleVoterUnitIds', 'must name at least one member unit besides the proposing unit');
  }
  if (councilMemberCount > 0 && recused.length >= councilMemberCount) {
    check.fail('recusedCouncilMemberIds', 'must leave at least one council member able to vote');
  }
  const bad = invalid(check);
  if (bad) return bad;

  const { nominee, awardType, campaignYear, record, blockId } = state.nomination;
  const rule = awardRuleFor(policy, awardType, nominee.kind, blockId);
  if (isDecision(rule)) return rule;
  const award = awardInEffect(awardType, rule);

  const eligibility = evaluateEligibility(rule.eligibility, nominee.kind, record, campaignYear);
  if (!eligibility.eligible) {
    return fail(
      'NOMINEE_INELIGIBLE',
      `${nominee.name} does not meet the conditions for ${awardType} (${award.name.vi}): ${eligibility.unmet.join('; ')}`,
      {
        awardType,
        awardName: award.name,
        reasons: eligibility.unmet,
        legalBasis: rule.legalBasis,
        policy: policyRef(policy),
      },
    );
  }
  const registration = registrationCheck(policy, command, nominee, awardType, campaignYear);
  if (isDecision(registration)) return registration;

  const present = new Set(state.evidence.map((e) => e.kind));
  const missing = rule.requiredEvidence.filter((kind) => !present.has(kind));
  if (missing.length > 0) {
    return fail('EVIDENCE_MISSING', `the dossier lacks: ${missing.join(', ')}`, { missing });
  }

  const by = actorRef(command.actor);
  const submitted: NominationEvent = {
    type: 'NominationSubmitted',
    data: {
      eligibility: { eligible: true, met: [...eligibility.met, ...registration] },
      eligibleVoterUnitIds: voters,
      councilMemberCount,
      recusedCouncilMemberIds: recused,
      achievementKey: achievementKey(nominee, awardType, campaignYear),
      policy: policyRef(policy),
      ...clockOf(stageDeadlines(policy, 'BlockVote', command.at)),
      at: command.at,
      by,
    },
  };
  // Decree 98 Art. 4 defers rather than refuses: the dossier is accepted and
  // waits, so nothing has to be re-entered once the review clears.
  if (isDeferred(record)) {
    return ok(submitted, {
      type: 'NominationPlacedOnHold',
      data: { reason: SYSTEM_REASON_DEFERRAL, resumeStage: 'BlockVote', trigger: 'submission', at: command.at, by },
    });
  }
  return ok(submitted);
}

/**
 * The province's "registered for this title this year" rule, when its policy
 * turns it on: the registration the API read from the unit's stream comes in
 * with the command. Answers the met text to keep in the submission event.
 */
function registrationCheck(
  policy: PolicySet,
  command: SubmitNomination,
  nominee: Nominee,
  awardType: AwardType,
  campaignYear: number,
): string[] | Decision {
  if (policy.registrationRequired !== true) return [];
  // A command is input: a registration of the wrong shape reads as none.
  const read = command.registration;
  const titles = Array.isArray(read?.titles) ? read.titles : [];
  const registered = read?.unitId === nominee.unitId && read?.year === campaignYear && titles.includes(awardType);
  if (registered) return [`registered by unit ${nominee.unitId} for ${awardType} in ${campaignYear}`];
  return fail(
    'NOMINEE_NOT_REGISTERED',
    `${nominee.name} was not registered by unit ${nominee.unitId} for ${awardType} in ${campaignYear}; policy ${policy.id} v${policy.version} admits only registered nominees (đăng ký thi đua)`,
    {
      awardType,
      campaignYear,
      unitId: nominee.unitId,
      registeredTitles: titles,
      policy: policyRef(policy),
    },
  );
}

export function withdraw(state: ActiveState, command: WithdrawNomination): Decision {
  const scope = ownUnit(state, command.actor);
  if (scope) return scope;
  const check = new InputChecker();
  const reason = check.text('reason', command.reason, 2000);
  const bad = invalid(check);
  if (bad) return bad;
  if (state.stage === 'Closed') return wrongStage(state, command, OPEN);
  return ok({
    type: 'NominationWithdrawn',
    data: { reason, fromStage: state.stage, at: command.at, by: actorRef(command.actor) },
  });
}
