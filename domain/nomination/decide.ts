import { isIsoInstant, localDate, parseInstant } from '../policy/calendar';
import { stageDeadlines, type StageTimes, type TimedStage, withReminder } from '../policy/deadlines';
import { achievementKey, evaluateEligibility, isDeferred } from '../policy/eligibility';
import { type AwardRule, councilRulesFor, type PolicySet, policyRef } from '../policy/policy-set';
import { NATIONAL_DEFAULT_PROVINCE } from '../policy/registry';
import { authorizeRole, COMMAND_FAMILY, STAGE_FAMILIES } from '../policy/roles';
import { tallyBlockVote, tallyCouncil } from '../policy/voting';
import type {
  CastBlockVote,
  CloseBlockVote,
  CloseCouncilReview,
  DraftNomination,
  EditDraft,
  IssueDecision,
  NominationCommand,
  PlaceOnHold,
  ProvideSupplement,
  ReachDeadline,
  RecordCouncilOpinion,
  ReleaseHold,
  RequestSupplement,
  RecordDocument,
  RevokeAward,
  SendReminder,
  SubmitNomination,
  WithdrawNomination,
} from './commands';
import { DomainError, type DomainErrorCode } from './errors';
import type { ActorRef, BlockVoteClosedBy, CouncilReviewClosedBy, DraftChanges, NominationEvent } from './events';
import type {
  ActiveState,
  AwaitingSupplementState,
  BlockVoteState,
  ClosedState,
  CouncilReviewState,
  DraftState,
  NominationState,
  OnHoldState,
  ProvincialDecisionState,
  Stage,
} from './state';
import { InputChecker, isDecisionNumber, normaliseDecisionNumber } from './validation';
import {
  DOCUMENT_FORMATS,
  DOCUMENT_KINDS,
  REVOCATION_GROUNDS,
  type Actor,
  type AwardType,
  type Nominee,
  type NomineeKind,
} from './values';

export type Decision = { ok: true; events: NominationEvent[] } | { ok: false; error: DomainError };

const SYSTEM_REASON_DEFERRAL =
  'Nghị định 98/2023/NĐ-CP, Điều 4: the nominee is under disciplinary review; the proposal waits until it is cleared';

function ok(...events: NominationEvent[]): Decision {
  return { ok: true, events };
}

function fail(code: DomainErrorCode, message: string, details?: Record<string, unknown>): Decision {
  return { ok: false, error: new DomainError(code, message, details) };
}

function invalid(checker: InputChecker): Decision | undefined {
  return checker.problems.length === 0
    ? undefined
    : fail('INVALID_COMMAND', checker.problems.map((p) => `${p.field} ${p.message}`).join('; '), {
        problems: checker.problems,
      });
}

function actorRef(actor: Actor): ActorRef {
  return {
    userId: actor.userId,
    role: actor.role,
    ...(actor.unitId !== undefined ? { unitId: actor.unitId } : {}),
    ...(actor.blockId !== undefined ? { blockId: actor.blockId } : {}),
  };
}

function clockOf(times: StageTimes): { deadline: string; reminderAt?: string } {
  return times.reminderAt === undefined
    ? { deadline: times.deadline }
    : { deadline: times.deadline, reminderAt: times.reminderAt };
}

function isIn<S extends Stage>(
  state: NominationState,
  stages: readonly S[],
): state is Extract<NominationState, { stage: S }> {
  return (stages as readonly Stage[]).includes(state.stage);
}

function wrongStage(state: NominationState, command: NominationCommand, expected: readonly Stage[]): Decision {
  return fail('WRONG_STAGE', `${command.type} is not allowed while the nomination is ${state.stage}`, {
    stage: state.stage,
    allowedStages: expected,
  });
}

const TIMED: readonly TimedStage[] = ['BlockVote', 'CouncilReview', 'AwaitingSupplement', 'ProvincialDecision'];
const OPEN: readonly Stage[] = ['Draft', ...TIMED, 'OnHold'];

/** The award as this policy runs it, or why it cannot be nominated for this nominee. */
function awardRuleFor(policy: PolicySet, awardType: AwardType, kind: NomineeKind): AwardRule | Decision {
  const rule = policy.awards[awardType];
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
  if (!rule.nomineeKinds.includes(kind)) {
    return fail('AWARD_NOT_FOR_NOMINEE_KIND', `${awardType} is not awarded to a ${kind} nominee`, {
      awardType,
      nomineeKind: kind,
      allowed: rule.nomineeKinds,
    });
  }
  return rule;
}

function isDecision(value: AwardRule | Decision): value is Decision {
  return 'ok' in value;
}

function policyFits(policy: PolicySet, province: string): Decision | undefined {
  if (policy.province === province || policy.province === NATIONAL_DEFAULT_PROVINCE) return undefined;
  return fail('POLICY_MISMATCH', `policy ${policy.id} is for ${policy.province}, not ${province}`, {
    policy: policyRef(policy),
    province,
  });
}

/** Nobody acts at two stage families of one nomination (DOMAIN.md, separation of duties). */
function separationOfDuties(state: ActiveState, command: NominationCommand): Decision | undefined {
  const family = COMMAND_FAMILY[command.type];
  if (family === undefined) return undefined;
  const other = STAGE_FAMILIES.find((f) => f !== family && state.participants[f].includes(command.actor.userId));
  if (other === undefined) return undefined;
  return fail('SEPARATION_OF_DUTIES', `this user already acted at the ${other} stage of this nomination`, {
    userId: command.actor.userId,
    actedIn: other,
    attempted: family,
  });
}

/**
 * A command's own refusals (own-unit vote, recusal, bad input) are more
 * specific than a separation-of-duties breach, so they are reported first.
 */
function afterDuties(duties: Decision | undefined, decision: Decision): Decision {
  return decision.ok && duties ? duties : decision;
}

function ownUnit(state: ActiveState, actor: Actor): Decision | undefined {
  if (actor.unitId === state.nomination.proposingUnitId) return undefined;
  return fail('OUT_OF_SCOPE', 'only the proposing unit may do this', {
    proposingUnitId: state.nomination.proposingUnitId,
    actorUnitId: actor.unitId ?? null,
  });
}

function afterDeadline(state: { stageDeadline: string }, at: string, what: string): Decision | undefined {
  if (parseInstant(at) <= parseInstant(state.stageDeadline)) return undefined;
  return fail('DEADLINE_PASSED', `${what} closed at ${state.stageDeadline}`, { deadline: state.stageDeadline });
}

// ─── Unit proposal ───────────────────────────────────────────────────────────

function draft(command: DraftNomination, policy: PolicySet): Decision {
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
  if (command.actor.unitId !== proposingUnitId) {
    return fail('OUT_OF_SCOPE', 'a unit officer drafts only for their own unit', {
      proposingUnitId,
      actorUnitId: command.actor.unitId ?? null,
    });
  }
  const mismatch = policyFits(policy, province);
  if (mismatch) return mismatch;
  const rule = awardRuleFor(policy, awardType, nominee.kind);
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

function editDraft(state: DraftState, command: EditDraft, policy: PolicySet): Decision {
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
  const rule = awardRuleFor(policy, awardType, nominee.kind);
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

function submit(state: DraftState, command: SubmitNomination, policy: PolicySet): Decision {
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

  const { nominee, awardType, campaignYear, record } = state.nomination;
  const rule = awardRuleFor(policy, awardType, nominee.kind);
  if (isDecision(rule)) return rule;

  const eligibility = evaluateEligibility(rule.eligibility, nominee.kind, record, campaignYear);
  if (!eligibility.eligible) {
    return fail('NOMINEE_INELIGIBLE', `${nominee.name} does not meet the conditions for ${awardType}`, {
      awardType,
      reasons: eligibility.unmet,
      legalBasis: rule.legalBasis,
      policy: policyRef(policy),
    });
  }

  const present = new Set(state.evidence.map((e) => e.kind));
  const missing = rule.requiredEvidence.filter((kind) => !present.has(kind));
  if (missing.length > 0) {
    return fail('EVIDENCE_MISSING', `the dossier lacks: ${missing.join(', ')}`, { missing });
  }

  const by = actorRef(command.actor);
  const submitted: NominationEvent = {
    type: 'NominationSubmitted',
    data: {
      eligibility: { eligible: true, met: [...eligibility.met] },
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

function withdraw(state: ActiveState, command: WithdrawNomination): Decision {
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

// ─── Block vote ──────────────────────────────────────────────────────────────

function closeBlockVote(
  state: BlockVoteState,
  policy: PolicySet,
  command: NominationCommand,
  closedBy: BlockVoteClosedBy,
  extraChoices: readonly ('approve' | 'reject' | 'abstain')[] = [],
): NominationEvent[] {
  const choices = [...state.blockVote.votes.map((v) => v.choice), ...extraChoices];
  const tally = tallyBlockVote(choices, state.blockVote.eligibleVoterUnitIds.length, policy.blockVote);
  const by = actorRef(command.actor);
  const session =
    command.type === 'CloseBlockVote' && command.sessionId !== undefined
      ? {
          sessionId: command.sessionId,
          ...(command.acclamation !== undefined ? { acclamation: { ...command.acclamation } } : {}),
        }
      : {};
  const closed: NominationEvent = {
    type: 'BlockVoteClosed',
    data: { tally, closedBy, policy: policyRef(policy), ...session, at: command.at, by },
  };
  const refusedAcclamation = command.type === 'CloseBlockVote' && command.acclamation?.acclaimed === false;
  if (!tally.passed || refusedAcclamation) return [closed];
  const recusedMemberIds = [...state.submission.recusedCouncilMemberIds];
  const rules = councilRulesFor(policy, state.nomination.awardType);
  return [
    closed,
    {
      type: 'CouncilReviewOpened',
      data: {
        memberCount: state.submission.councilMemberCount,
        recusedMemberIds,
        eligibleMemberCount: state.submission.councilMemberCount - recusedMemberIds.length,
        approvalRatio: rules.approvalRatio,
        secretBallot: rules.secretBallot,
        policy: policyRef(policy),
        ...clockOf(stageDeadlines(policy, 'CouncilReview', command.at)),
        at: command.at,
        by,
      },
    },
  ];
}

function castBlockVote(state: BlockVoteState, command: CastBlockVote, policy: PolicySet): Decision {
  const { actor } = command;
  if (state.blockVote.tally) return wrongStage(state, command, ['BlockVote']);
  if (actor.unitId === undefined) return fail('OUT_OF_SCOPE', 'a block vote is cast for a unit; the actor has none');
  if (actor.blockId !== undefined && actor.blockId !== state.nomination.blockId) {
    return fail('OUT_OF_SCOPE', 'the actor belongs to another emulation block', {
      blockId: state.nomination.blockId,
      actorBlockId: actor.blockId,
    });
  }
  if (actor.unitId === state.nomination.proposingUnitId) {
    return fail('OWN_UNIT_VOTE', "a unit does not vote on its own unit's nomination");
  }
  if (!state.blockVote.eligibleVoterUnitIds.includes(actor.unitId)) {
    return fail('NOT_ELIGIBLE_VOTER', `unit ${actor.unitId} is not a voting member of this block vote`, {
      unitId: actor.unitId,
    });
  }
  if (state.blockVote.votes.some((v) => v.unitId === actor.unitId)) {
    return fail('ALREADY_VOTED', `unit ${actor.unitId} has already voted`, { unitId: actor.unitId });
  }
  const check = new InputChecker();
  const choice = check.oneOf('choice', command.choice, ['approve', 'reject', 'abstain']);
  const comment = check.optionalText('comment', command.comment);
  const bad = invalid(check);
  if (bad) return bad;
  const late = afterDeadline(state, command.at, 'the block vote');
  if (late) return late;

  const cast: NominationEvent = {
    type: 'BlockVoteCast',
    data: {
      unitId: actor.unitId,
      choice,
      ...(comment !== undefined ? { comment } : {}),
      ...(command.sessionId !== undefined ? { sessionId: command.sessionId } : {}),
      policy: policyRef(policy),
      at: command.at,
      by: actorRef(actor),
    },
  };
  const allVoted = state.blockVote.votes.length + 1 === state.blockVote.eligibleVoterUnitIds.length;
  // A session's votes wait for the session's close, where the flag's limit is applied.
  if (!allVoted || command.sessionId !== undefined) return ok(cast);
  return ok(cast, ...closeBlockVote(state, policy, command, 'all_voted', [choice]));
}

function leaderClosesBlockVote(state: BlockVoteState, command: CloseBlockVote, policy: PolicySet): Decision {
  if (state.blockVote.tally) return wrongStage(state, command, ['BlockVote']);
  if (command.actor.blockId !== state.nomination.blockId) {
    return fail('OUT_OF_SCOPE', "only this block's leader may close its vote", {
      blockId: state.nomination.blockId,
      actorBlockId: command.actor.blockId ?? null,
    });
  }
  return ok(...closeBlockVote(state, policy, command, 'leader'));
}

// ─── Council review ─────────────────────────────────────────────────────────

function closeCouncilReview(
  state: CouncilReviewState,
  policy: PolicySet,
  command: NominationCommand,
  closedBy: CouncilReviewClosedBy,
  extra: readonly ('approve' | 'reject')[] = [],
): NominationEvent[] {
  const recommendations = [
    ...state.council.opinions.map((o) => o.recommendation).filter((r) => r !== 'sealed'),
    ...extra,
  ];
  const tally = tallyCouncil(recommendations, state.council.eligibleMemberCount, state.council.approvalRatio);
  const by = actorRef(command.actor);
  const closed: NominationEvent = {
    type: 'CouncilReviewClosed',
    data: { tally, closedBy, policy: policyRef(policy), at: command.at, by },
  };
  if (!tally.passed) return [closed];
  return [
    closed,
    {
      type: 'ProvincialDecisionOpened',
      data: {
        policy: policyRef(policy),
        ...clockOf(stageDeadlines(policy, 'ProvincialDecision', command.at)),
        at: command.at,
        by,
      },
    },
  ];
}

function recordCouncilOpinion(state: CouncilReviewState, command: RecordCouncilOpinion, policy: PolicySet): Decision {
  const { actor } = command;
  const { nomination, council } = state;
  if (council.tally) return wrongStage(state, command, ['CouncilReview']);
  const fromProposingSide =
    actor.unitId !== undefined &&
    (actor.unitId === nomination.proposingUnitId || actor.unitId === nomination.nominee.unitId);
  if (council.recusedMemberIds.includes(actor.userId) || fromProposingSide) {
    return fail('COUNCIL_MEMBER_RECUSED', 'a council member from the proposing unit recuses', { userId: actor.userId });
  }
  if (council.opinions.some((o) => o.memberId === actor.userId)) {
    return fail('ALREADY_VOTED', 'this council member has already given an opinion', { userId: actor.userId });
  }
  const check = new InputChecker();
  const recommendation = check.oneOf('recommendation', command.recommendation, ['approve', 'reject']);
  const comment = check.optionalText('comment', command.comment);
  const bad = invalid(check);
  if (bad) return bad;

  const recorded: NominationEvent = {
    type: 'CouncilOpinionRecorded',
    data: {
      memberId: actor.userId,
      recommendation,
      ...(comment !== undefined ? { comment } : {}),
      ballot: council.secretBallot ? 'secret' : 'open',
      policy: policyRef(policy),
      at: command.at,
      by: actorRef(actor),
    },
  };
  const allResponded = council.opinions.length + 1 >= council.eligibleMemberCount;
  if (!allResponded) return ok(recorded);
  return ok(recorded, ...closeCouncilReview(state, policy, command, 'all_responded', [recommendation]));
}

function boardClosesCouncilReview(state: CouncilReviewState, command: CloseCouncilReview, policy: PolicySet): Decision {
  if (state.council.tally) return wrongStage(state, command, ['CouncilReview']);
  return ok(...closeCouncilReview(state, policy, command, 'board_officer'));
}

function requestSupplement(state: CouncilReviewState, command: RequestSupplement, policy: PolicySet): Decision {
  if (state.supplementCount >= policy.supplement.maxRequests) {
    return fail(
      'SUPPLEMENT_LIMIT_REACHED',
      `a dossier may be returned for supplement at most ${policy.supplement.maxRequests} time(s)`,
      {
        maxRequests: policy.supplement.maxRequests,
        requested: state.supplementCount,
      },
    );
  }
  const check = new InputChecker();
  const reason = check.text('reason', command.reason, 2000);
  const dueDate = command.dueDate === undefined ? undefined : check.instant('dueDate', command.dueDate);
  if (dueDate && parseInstant(dueDate) <= parseInstant(command.at)) check.fail('dueDate', 'must be after the request');
  const bad = invalid(check);
  if (bad) return bad;

  const times =
    dueDate === undefined
      ? stageDeadlines(policy, 'AwaitingSupplement', command.at)
      : withReminder(policy, new Date(parseInstant(dueDate)).toISOString(), command.at);
  return ok({
    type: 'SupplementRequested',
    data: {
      requestNumber: state.supplementCount + 1,
      reason,
      policy: policyRef(policy),
      ...clockOf(times),
      at: command.at,
      by: actorRef(command.actor),
    },
  });
}

function provideSupplement(state: AwaitingSupplementState, command: ProvideSupplement, policy: PolicySet): Decision {
  const scope = ownUnit(state, command.actor);
  if (scope) return scope;
  const check = new InputChecker();
  const evidence = check.evidence('evidence', command.evidence, true);
  const note = check.optionalText('note', command.note);
  const known = new Set(state.evidence.map((e) => e.documentId));
  evidence.forEach((e, i) => {
    if (known.has(e.documentId)) check.fail(`evidence[${i}].documentId`, 'is already in the dossier');
  });
  const bad = invalid(check);
  if (bad) return bad;
  const late = afterDeadline(state, command.at, 'the supplement');
  if (late) return late;

  return ok({
    type: 'SupplementProvided',
    data: {
      requestNumber: state.supplementCount,
      evidence,
      ...(note !== undefined ? { note } : {}),
      policy: policyRef(policy),
      // The review restarts with its full period: the Board reads the dossier anew. [default]
      ...clockOf(stageDeadlines(policy, 'CouncilReview', command.at)),
      at: command.at,
      by: actorRef(command.actor),
    },
  });
}

// ─── Decision and after ─────────────────────────────────────────────────────

function issueDecision(command: IssueDecision, policy: PolicySet): Decision {
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

function revokeAward(state: ClosedState, command: RevokeAward): Decision {
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

// ─── Documents ───────────────────────────────────────────────────────────────

const SHA256_HEX = /^[0-9a-f]{64}$/;
const DOCUMENT_ID = /^[A-Za-z0-9_.:-]{1,200}$/;

/**
 * The digests of a document built from this record. A file already recorded
 * (same document, same format) is refused, so a retried request cannot record
 * it twice; the caller checks the state first and sends only what is new.
 */
function recordDocument(state: ActiveState, command: RecordDocument): Decision {
  const check = new InputChecker();
  const kind = check.oneOf('kind', command.kind, DOCUMENT_KINDS);
  const documentId = check.text('documentId', command.documentId, 200);
  if (!DOCUMENT_ID.test(documentId)) check.fail('documentId', 'must be letters, digits and . _ : -');
  const recordVersion = check.integer('recordVersion', command.recordVersion, 1, state.version);
  const templateId = check.text('templateId', command.templateId, 200);
  const templateVersion = check.integer('templateVersion', command.templateVersion, 1, 1_000_000);
  const reference = check.text('reference', command.reference, 500);
  const files = Array.isArray(command.files) ? command.files : [];
  if (files.length === 0) check.fail('files', 'must name at least one file');
  const formats = new Set<string>();
  files.forEach((file, i) => {
    check.oneOf(`files[${i}].format`, file?.format, DOCUMENT_FORMATS);
    if (formats.has(file?.format)) check.fail(`files[${i}].format`, 'is given twice');
    formats.add(file?.format);
    if (typeof file?.sha256 !== 'string' || !SHA256_HEX.test(file.sha256)) {
      check.fail(`files[${i}].sha256`, 'must be 64 lower-case hex digits');
    }
    check.integer(`files[${i}].sizeBytes`, file?.sizeBytes, 1, 100_000_000);
  });
  const bad = invalid(check);
  if (bad) return bad;
  const recorded = files.filter((f) =>
    (state.documents ?? []).some((d) => d.documentId === documentId && d.format === f.format),
  );
  if (recorded.length > 0) {
    return fail('ALREADY_RECORDED', `document ${documentId} is already recorded on this nomination`, {
      documentId,
      formats: recorded.map((f) => f.format),
    });
  }
  return ok(
    ...files.map((file): NominationEvent => ({
      type: 'DocumentIssued',
      data: {
        kind,
        documentId,
        format: file.format,
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
        recordVersion,
        templateId,
        templateVersion,
        reference,
        at: command.at,
        by: actorRef(command.actor),
      },
    })),
  );
}

// ─── Holds ───────────────────────────────────────────────────────────────────

function placeOnHold(state: Extract<NominationState, { stage: TimedStage }>, command: PlaceOnHold): Decision {
  const check = new InputChecker();
  const reason = check.text('reason', command.reason, 2000);
  const bad = invalid(check);
  if (bad) return bad;
  return ok({
    type: 'NominationPlacedOnHold',
    data: { reason, resumeStage: state.stage, trigger: 'board', at: command.at, by: actorRef(command.actor) },
  });
}

function releaseHold(state: OnHoldState, command: ReleaseHold, policy: PolicySet): Decision {
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

// ─── Timers ──────────────────────────────────────────────────────────────────

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

function reachDeadline(current: ActiveState, command: ReachDeadline, policy: PolicySet): Decision {
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

function sendReminder(current: ActiveState, command: SendReminder): Decision {
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

// ─── The decider ─────────────────────────────────────────────────────────────

/** Checks that hold for every command on an existing nomination. */
function commonChecks(state: ActiveState, command: NominationCommand, policy: PolicySet): Decision | undefined {
  const check = new InputChecker();
  check.text('actor.userId', command.actor?.userId, 200);
  check.instant('at', command.at);
  if (command.nominationId !== state.nomination.nominationId) {
    check.fail('nominationId', `does not match this nomination (${state.nomination.nominationId})`);
  }
  return invalid(check) ?? policyFits(policy, state.nomination.province);
}

/**
 * Decides what a command does to a nomination: the new events, or the rule it
 * breaks. Pure: the same state, command and policy always give the same answer.
 */
export function decide(state: NominationState, received: NominationCommand, policy: PolicySet): Decision {
  if (typeof received.actor !== 'object' || received.actor === null || typeof received.actor.userId !== 'string') {
    return fail('INVALID_COMMAND', 'actor is required', { problems: [{ field: 'actor', message: 'is required' }] });
  }
  if (typeof received.at !== 'string' || !isIsoInstant(received.at)) {
    return fail('INVALID_COMMAND', 'at must be an ISO-8601 instant with a zone', {
      problems: [{ field: 'at', message: 'must be an ISO-8601 instant with a zone' }],
    });
  }
  // One spelling of each instant in the events (UTC, milliseconds), whatever zone the caller wrote.
  const command: NominationCommand = { ...received, at: new Date(parseInstant(received.at)).toISOString() };
  if (!authorizeRole(command.actor.role, command.type)) {
    return fail('ROLE_NOT_ALLOWED', `the role ${command.actor.role} may not ${command.type}`, {
      role: command.actor.role,
      command: command.type,
    });
  }
  if (state.stage === 'Initial') {
    if (command.type !== 'DraftNomination') {
      return fail('NOT_FOUND', `nomination ${command.nominationId} does not exist`, {
        nominationId: command.nominationId,
      });
    }
    return draft(command, policy);
  }
  if (command.type === 'DraftNomination') {
    return fail('ALREADY_EXISTS', `nomination ${command.nominationId} already exists`, {
      nominationId: command.nominationId,
    });
  }
  const common = commonChecks(state, command, policy);
  if (common) return common;
  const duties = separationOfDuties(state, command);

  switch (command.type) {
    case 'EditDraft':
      if (!isIn(state, ['Draft'])) return wrongStage(state, command, ['Draft']);
      return afterDuties(duties, editDraft(state, command, policy));
    case 'SubmitNomination':
      if (!isIn(state, ['Draft'])) return wrongStage(state, command, ['Draft']);
      return afterDuties(duties, submit(state, command, policy));
    case 'WithdrawNomination':
      if (!isIn(state, OPEN)) return wrongStage(state, command, OPEN);
      return afterDuties(duties, withdraw(state, command));
    case 'CastBlockVote':
      if (!isIn(state, ['BlockVote'])) return wrongStage(state, command, ['BlockVote']);
      return afterDuties(duties, castBlockVote(state, command, policy));
    case 'CloseBlockVote':
      if (!isIn(state, ['BlockVote'])) return wrongStage(state, command, ['BlockVote']);
      return afterDuties(duties, leaderClosesBlockVote(state, command, policy));
    case 'RecordCouncilOpinion':
      if (!isIn(state, ['CouncilReview'])) return wrongStage(state, command, ['CouncilReview']);
      return afterDuties(duties, recordCouncilOpinion(state, command, policy));
    case 'CloseCouncilReview':
      if (!isIn(state, ['CouncilReview'])) return wrongStage(state, command, ['CouncilReview']);
      return afterDuties(duties, boardClosesCouncilReview(state, command, policy));
    case 'RequestSupplement':
      if (!isIn(state, ['CouncilReview'])) return wrongStage(state, command, ['CouncilReview']);
      return afterDuties(duties, requestSupplement(state, command, policy));
    case 'ProvideSupplement':
      if (!isIn(state, ['AwaitingSupplement'])) return wrongStage(state, command, ['AwaitingSupplement']);
      return afterDuties(duties, provideSupplement(state, command, policy));
    case 'IssueDecision':
      if (!isIn(state, ['ProvincialDecision'])) return wrongStage(state, command, ['ProvincialDecision']);
      return afterDuties(duties, issueDecision(command, policy));
    case 'PlaceOnHold':
      if (!isIn(state, TIMED)) return wrongStage(state, command, TIMED);
      return afterDuties(duties, placeOnHold(state, command));
    case 'ReleaseHold':
      if (!isIn(state, ['OnHold'])) return wrongStage(state, command, ['OnHold']);
      return afterDuties(duties, releaseHold(state, command, policy));
    case 'RevokeAward':
      if (!isIn(state, ['Closed'])) return wrongStage(state, command, ['Closed']);
      return afterDuties(duties, revokeAward(state, command));
    case 'RecordDocument':
      if (!isIn(state, [...OPEN, 'Closed'])) return wrongStage(state, command, [...OPEN, 'Closed']);
      return recordDocument(state, command);
    case 'ReachDeadline':
      return reachDeadline(state, command, policy);
    case 'SendReminder':
      return sendReminder(state, command);
    default: {
      const exhaustive: never = command;
      return fail('INVALID_COMMAND', `unknown command ${(exhaustive as { type?: unknown }).type}`);
    }
  }
}
