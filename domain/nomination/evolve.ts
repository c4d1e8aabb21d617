// One total function over the event union: the workflow, the audit's replay and the projections all fold
// with it. It is longer than 400 lines because its switch is one exhaustiveness check over every event
// type; split, a new event type could be forgotten in one half.
import type { TimedStage } from '../policy/deadlines';
import type { StageFamily } from '../policy/acts';
import type { ActorRef, NominationEvent } from './events';
import type {
  ActiveState,
  BlockVoteRecord,
  ClosedReason,
  ClosedState,
  CouncilRecord,
  NominationData,
  NominationState,
  Outcome,
  Participants,
  Submission,
} from './state';
import { initialState } from './state';

/** Which stage family an event's actor acted in; undefined for structural and timer events. */
const EVENT_FAMILY: Record<NominationEvent['type'], StageFamily | undefined> = {
  NominationDrafted: 'proposal',
  DraftEdited: 'proposal',
  NominationSubmitted: 'proposal',
  NominationWithdrawn: 'proposal',
  SupplementProvided: 'proposal',
  BlockVoteCast: 'blockVote',
  BlockVoteClosed: 'blockVote',
  CouncilOpinionRecorded: 'council',
  CouncilReviewClosed: 'council',
  SupplementRequested: 'council',
  NominationPlacedOnHold: 'council',
  NominationReleasedFromHold: 'council',
  DecisionIssued: 'decision',
  AwardRevoked: 'decision',
  DocumentIssued: undefined,
  CouncilReviewOpened: undefined,
  ProvincialDecisionOpened: undefined,
  NominationExpired: undefined,
  StageEscalated: undefined,
  ReminderDue: undefined,
};

function familyOf(event: NominationEvent): StageFamily | undefined {
  // A hold the decider placed at submission is the unit head's act, not a Board act.
  if (event.type === 'NominationPlacedOnHold' && event.data.trigger === 'submission') return undefined;
  return EVENT_FAMILY[event.type];
}

function track(participants: Participants, family: StageFamily | undefined, by: ActorRef): Participants {
  if (family === undefined || by.role === 'system' || participants[family].includes(by.userId)) return participants;
  return { ...participants, [family]: [...participants[family], by.userId] };
}

/** The shared fields of a state, without its clock or stage-specific fields. */
function baseData(state: ActiveState, event: NominationEvent): NominationData {
  return {
    version: state.version + 1,
    nomination: state.nomination,
    evidence: state.evidence,
    ...(state.submission ? { submission: state.submission } : {}),
    ...(state.blockVote ? { blockVote: state.blockVote } : {}),
    ...(state.council ? { council: state.council } : {}),
    supplements: state.supplements,
    supplementCount: state.supplementCount,
    participants: track(state.participants, familyOf(event), event.data.by),
    reminderSent: state.reminderSent,
    escalated: state.escalated,
    lastEventAt: event.data.at,
    ...(state.documents ? { documents: state.documents } : {}),
  };
}

/** A fresh stage entry: new clock, no reminder sent, not overdue. */
function clock(deadline: string, reminderAt: string | undefined) {
  return {
    stageDeadline: deadline,
    ...(reminderAt !== undefined ? { reminderAt } : {}),
    reminderSent: false,
    escalated: false,
  };
}

/** The same state with only the version, time and participants moved on: for events that change nothing here. */
function unchanged(state: ActiveState, event: NominationEvent): NominationState {
  return {
    ...state,
    version: state.version + 1,
    lastEventAt: event.data.at,
    participants: track(state.participants, familyOf(event), event.data.by),
  };
}

function close(
  data: NominationData,
  from: ClosedState['closedFrom'],
  outcome: Outcome,
  closedReason: ClosedReason,
  at: string,
): ClosedState {
  return { ...data, stage: 'Closed', outcome, closedReason, closedAt: at, closedFrom: from, escalated: false };
}

type Resumable = { submission: Submission; blockVote?: BlockVoteRecord; council?: CouncilRecord };

function resume(
  data: NominationData & Resumable,
  stage: TimedStage,
  deadline: string,
  reminderAt: string | undefined,
  fallback: NominationState,
): NominationState {
  const times = clock(deadline, reminderAt);
  const { blockVote, council } = data;
  if (stage === 'BlockVote') return blockVote ? { ...data, ...times, stage, blockVote } : fallback;
  if (!blockVote || !council) return fallback;
  return { ...data, ...times, stage, blockVote, council };
}

/**
 * Applies one event. Total: an event that does not fit the state (which the
 * decider never produces) only advances the version, so replaying a damaged
 * stream shows where it went wrong instead of throwing.
 */
export function evolve(state: NominationState, event: NominationEvent): NominationState {
  if (state.stage === 'Initial') {
    if (event.type !== 'NominationDrafted') return { stage: 'Initial', version: state.version + 1 };
    const d = event.data;
    return {
      stage: 'Draft',
      version: state.version + 1,
      nomination: {
        nominationId: d.nominationId,
        nominee: d.nominee,
        awardType: d.awardType,
        campaignYear: d.campaignYear,
        province: d.province,
        proposingUnitId: d.proposingUnitId,
        blockId: d.blockId,
        achievements: d.achievements,
        record: d.record,
        achievementKey: d.achievementKey,
        policy: d.policy,
        draftedAt: d.at,
      },
      evidence: d.evidence,
      supplements: [],
      supplementCount: 0,
      participants: track({ proposal: [], blockVote: [], council: [], decision: [] }, 'proposal', d.by),
      reminderSent: false,
      escalated: false,
      lastEventAt: d.at,
    };
  }

  const data = baseData(state, event);

  switch (event.type) {
    case 'NominationDrafted':
      return unchanged(state, event);

    case 'DraftEdited': {
      if (state.stage !== 'Draft') return unchanged(state, event);
      const { evidence, ...content } = event.data.changes;
      return {
        ...data,
        stage: 'Draft',
        nomination: { ...state.nomination, ...content, achievementKey: event.data.achievementKey },
        evidence: evidence ?? state.evidence,
      };
    }

    case 'NominationSubmitted': {
      if (state.stage !== 'Draft') return unchanged(state, event);
      const d = event.data;
      return {
        ...data,
        ...clock(d.deadline, d.reminderAt),
        stage: 'BlockVote',
        nomination: { ...state.nomination, policy: d.policy, achievementKey: d.achievementKey, submittedAt: d.at },
        submission: {
          eligibility: d.eligibility,
          councilMemberCount: d.councilMemberCount,
          recusedCouncilMemberIds: d.recusedCouncilMemberIds,
          policy: d.policy,
        },
        blockVote: { eligibleVoterUnitIds: d.eligibleVoterUnitIds, votes: [] },
      };
    }

    case 'BlockVoteCast': {
      if (state.stage !== 'BlockVote') return unchanged(state, event);
      const d = event.data;
      const vote = {
        unitId: d.unitId,
        userId: d.by.userId,
        choice: d.choice,
        ...(d.comment !== undefined ? { comment: d.comment } : {}),
        at: d.at,
        policy: d.policy,
      };
      return { ...state, ...data, blockVote: { ...state.blockVote, votes: [...state.blockVote.votes, vote] } };
    }

    case 'BlockVoteClosed': {
      if (state.stage !== 'BlockVote') return unchanged(state, event);
      const d = event.data;
      const blockVote = { ...state.blockVote, tally: d.tally, closedBy: d.closedBy, closedAt: d.at };
      if (!d.tally.passed || d.acclamation?.acclaimed === false) {
        return close({ ...data, blockVote }, 'BlockVote', 'NotAwarded', 'block_vote_failed', d.at);
      }
      // Passed: CouncilReviewOpened follows in the same decision.
      return { ...state, ...data, blockVote };
    }

    case 'CouncilReviewOpened': {
      if (state.stage !== 'BlockVote') return unchanged(state, event);
      const d = event.data;
      return {
        ...data,
        ...clock(d.deadline, d.reminderAt),
        stage: 'CouncilReview',
        submission: state.submission,
        blockVote: state.blockVote,
        council: {
          memberCount: d.memberCount,
          recusedMemberIds: d.recusedMemberIds,
          eligibleMemberCount: d.eligibleMemberCount,
          approvalRatio: d.approvalRatio,
          secretBallot: d.secretBallot,
          opinions: [],
        },
      };
    }

    case 'CouncilOpinionRecorded': {
      if (state.stage !== 'CouncilReview') return unchanged(state, event);
      const d = event.data;
      const opinion = {
        memberId: d.memberId,
        recommendation: d.recommendation,
        ...(d.comment !== undefined ? { comment: d.comment } : {}),
        ballot: d.ballot,
        at: d.at,
        policy: d.policy,
      };
      return { ...state, ...data, council: { ...state.council, opinions: [...state.council.opinions, opinion] } };
    }

    case 'CouncilReviewClosed': {
      if (state.stage !== 'CouncilReview') return unchanged(state, event);
      const d = event.data;
      const council = { ...state.council, tally: d.tally, closedBy: d.closedBy, closedAt: d.at };
      if (!d.tally.passed) return close({ ...data, council }, 'CouncilReview', 'NotAwarded', 'council_rejected', d.at);
      // Passed: ProvincialDecisionOpened follows in the same decision.
      return { ...state, ...data, council };
    }

    case 'ProvincialDecisionOpened': {
      if (state.stage !== 'CouncilReview') return unchanged(state, event);
      const d = event.data;
      return {
        ...data,
        ...clock(d.deadline, d.reminderAt),
        stage: 'ProvincialDecision',
        submission: state.submission,
        blockVote: state.blockVote,
        council: state.council,
      };
    }

    case 'SupplementRequested': {
      if (state.stage !== 'CouncilReview') return unchanged(state, event);
      const d = event.data;
      const request = {
        requestNumber: d.requestNumber,
        reason: d.reason,
        requestedBy: d.by.userId,
        requestedAt: d.at,
        dueDate: d.deadline,
      };
      return {
        ...data,
        ...clock(d.deadline, d.reminderAt),
        stage: 'AwaitingSupplement',
        submission: state.submission,
        blockVote: state.blockVote,
        council: state.council,
        supplements: [...state.supplements, request],
        supplementCount: state.supplementCount + 1,
      };
    }

    case 'SupplementProvided': {
      if (state.stage !== 'AwaitingSupplement') return unchanged(state, event);
      const d = event.data;
      const supplements = state.supplements.map((s) =>
        s.requestNumber === d.requestNumber
          ? { ...s, providedAt: d.at, providedEvidence: d.evidence, ...(d.note !== undefined ? { note: d.note } : {}) }
          : s,
      );
      return {
        ...data,
        ...clock(d.deadline, d.reminderAt),
        stage: 'CouncilReview',
        submission: state.submission,
        blockVote: state.blockVote,
        council: state.council,
        supplements,
        evidence: [...state.evidence, ...d.evidence],
      };
    }

    case 'DecisionIssued': {
      if (state.stage !== 'ProvincialDecision') return unchanged(state, event);
      const d = event.data;
      const decision = {
        outcome: d.outcome,
        ...(d.decisionNumber !== undefined ? { decisionNumber: d.decisionNumber } : {}),
        decisionDate: d.decisionDate,
        ...(d.reason !== undefined ? { reason: d.reason } : {}),
        decidedBy: d.by.userId,
        at: d.at,
        policy: d.policy,
      };
      const approved = d.outcome === 'approved';
      return {
        ...close(
          data,
          'ProvincialDecision',
          approved ? 'Awarded' : 'NotAwarded',
          approved ? 'decision_approved' : 'decision_rejected',
          d.at,
        ),
        decision,
      };
    }

    case 'NominationWithdrawn': {
      if (state.stage === 'Closed') return unchanged(state, event);
      return close(data, state.stage, 'Withdrawn', 'withdrawn', event.data.at);
    }

    case 'NominationExpired': {
      if (state.stage !== 'AwaitingSupplement') return unchanged(state, event);
      return close(data, 'AwaitingSupplement', 'Expired', 'supplement_expired', event.data.at);
    }

    case 'StageEscalated': {
      if (state.stage !== 'CouncilReview' && state.stage !== 'ProvincialDecision') return unchanged(state, event);
      return { ...state, ...data, escalated: true };
    }

    case 'ReminderDue': {
      if (
        state.stage !== 'BlockVote' &&
        state.stage !== 'CouncilReview' &&
        state.stage !== 'AwaitingSupplement' &&
        state.stage !== 'ProvincialDecision'
      ) {
        return unchanged(state, event);
      }
      return { ...state, ...data, reminderSent: true };
    }

    case 'NominationPlacedOnHold': {
      if (
        state.stage !== 'BlockVote' &&
        state.stage !== 'CouncilReview' &&
        state.stage !== 'AwaitingSupplement' &&
        state.stage !== 'ProvincialDecision'
      ) {
        return unchanged(state, event);
      }
      const d = event.data;
      return {
        ...data,
        stage: 'OnHold',
        escalated: false,
        reminderSent: false,
        hold: { reason: d.reason, since: d.at, by: d.by.userId, resumeStage: d.resumeStage, trigger: d.trigger },
      };
    }

    case 'NominationReleasedFromHold': {
      if (state.stage !== 'OnHold' || !state.submission) return unchanged(state, event);
      const d = event.data;
      return resume(
        { ...data, submission: state.submission },
        d.resumedStage,
        d.deadline,
        d.reminderAt,
        unchanged(state, event),
      );
    }

    case 'AwardRevoked': {
      if (state.stage !== 'Closed' || state.outcome !== 'Awarded') return unchanged(state, event);
      const d = event.data;
      return {
        ...state,
        ...data,
        revocation: {
          ground: d.ground,
          details: d.details,
          ...(d.decisionNumber !== undefined ? { decisionNumber: d.decisionNumber } : {}),
          revokedBy: d.by.userId,
          at: d.at,
        },
      };
    }

    case 'DocumentIssued': {
      const d = event.data;
      const document = {
        kind: d.kind,
        documentId: d.documentId,
        format: d.format,
        sha256: d.sha256,
        sizeBytes: d.sizeBytes,
        recordVersion: d.recordVersion,
        templateId: d.templateId,
        templateVersion: d.templateVersion,
        reference: d.reference,
        issuedBy: d.by.userId,
        at: d.at,
      };
      // Any stage: a document changes no stage, clock or tally.
      return { ...state, ...data, documents: [...(state.documents ?? []), document] };
    }

    default: {
      const exhaustive: never = event;
      return exhaustive;
    }
  }
}

/** Folds events onto a state (the initial state by default). */
export function fold(events: readonly NominationEvent[], from: NominationState = initialState): NominationState {
  return events.reduce(evolve, from);
}
