// The council review and the supplement it may ask for (stage 3).
import { endOfLocalDay, isIsoDate, parseInstant } from '../../policy/calendar';
import { stageDeadlines, withReminder } from '../../policy/deadlines';
import { policyRef, type PolicySet } from '../../policy/policy-set';
import { isRecused } from '../../policy/acts';
import { tallyCouncil } from '../../policy/voting';
import type {
  CloseCouncilReview,
  NominationCommand,
  ProvideSupplement,
  RecordCouncilOpinion,
  RequestSupplement,
} from '../commands';
import type { CouncilReviewClosedBy, NominationEvent } from '../events';
import type { AwaitingSupplementState, CouncilReviewState } from '../state';
import { InputChecker } from '../validation';
import { ok, fail, invalid, actorRef, wrongStage, ownUnit, afterDeadline, clockOf, type Decision } from './common';

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

export function recordCouncilOpinion(
  state: CouncilReviewState,
  command: RecordCouncilOpinion,
  policy: PolicySet,
): Decision {
  const { actor } = command;
  const { nomination, council } = state;
  if (council.tally) return wrongStage(state, command, ['CouncilReview']);
  if (isRecused(nomination, actor, council.recusedMemberIds)) {
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

export function boardClosesCouncilReview(
  state: CouncilReviewState,
  command: CloseCouncilReview,
  policy: PolicySet,
): Decision {
  if (state.council.tally) return wrongStage(state, command, ['CouncilReview']);
  return ok(...closeCouncilReview(state, policy, command, 'board_officer'));
}

export function requestSupplement(state: CouncilReviewState, command: RequestSupplement, policy: PolicySet): Decision {
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
  // A day means the end of that day on the province's calendar; an instant means itself.
  const dueDate =
    command.dueDate === undefined
      ? undefined
      : typeof command.dueDate === 'string' && isIsoDate(command.dueDate)
        ? endOfLocalDay(command.dueDate, policy.calendar)
        : check.instant('dueDate', command.dueDate);
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

export function provideSupplement(
  state: AwaitingSupplementState,
  command: ProvideSupplement,
  policy: PolicySet,
): Decision {
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
