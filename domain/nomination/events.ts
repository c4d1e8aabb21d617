import type { TimedStage } from '../policy/deadlines';
import type { BlockVoteTally, CouncilTally } from '../policy/voting';
import type { DraftContent, SessionAcclamation } from './commands';
import type {
  ActorRole,
  AwardType,
  BlockVoteChoice,
  CouncilRecommendation,
  Evidence,
  Nominee,
  NomineeRecord,
  PolicyRef,
  RevocationGround,
} from './values';
import type { DocumentFormat, DocumentKind } from './values';

/**
 * Stored event type strings. They are part of the stored format: never rename
 * one; add a new type (and an upcaster) instead.
 */
export const NominationEventType = {
  NominationDrafted: 'NominationDrafted',
  DraftEdited: 'DraftEdited',
  NominationSubmitted: 'NominationSubmitted',
  BlockVoteCast: 'BlockVoteCast',
  BlockVoteClosed: 'BlockVoteClosed',
  CouncilReviewOpened: 'CouncilReviewOpened',
  CouncilOpinionRecorded: 'CouncilOpinionRecorded',
  CouncilReviewClosed: 'CouncilReviewClosed',
  ProvincialDecisionOpened: 'ProvincialDecisionOpened',
  SupplementRequested: 'SupplementRequested',
  SupplementProvided: 'SupplementProvided',
  DecisionIssued: 'DecisionIssued',
  NominationWithdrawn: 'NominationWithdrawn',
  NominationExpired: 'NominationExpired',
  StageEscalated: 'StageEscalated',
  ReminderDue: 'ReminderDue',
  NominationPlacedOnHold: 'NominationPlacedOnHold',
  NominationReleasedFromHold: 'NominationReleasedFromHold',
  AwardRevoked: 'AwardRevoked',
  DocumentIssued: 'DocumentIssued',
} as const;

export type NominationEventTypeName = (typeof NominationEventType)[keyof typeof NominationEventType];

/** For readers of stored events: is this a type `evolve` knows? */
export function isNominationEventType(type: string): type is NominationEventTypeName {
  return Object.prototype.hasOwnProperty.call(NominationEventType, type);
}

/** Who caused an event. Timers appear as `{ userId: 'system', role: 'system' }`. */
export type ActorRef = {
  readonly userId: string;
  readonly role: ActorRole;
  readonly unitId?: string;
  readonly blockId?: string;
};

/** Every event says when and by whom; metadata (ids, hashes) is the store's business. */
type Common = {
  readonly at: string;
  readonly by: ActorRef;
};

/** Stage-entering events carry the stage's clock, computed by the decider. */
type StageClock = {
  readonly deadline: string;
  readonly reminderAt?: string;
};

type Event<Type extends NominationEventTypeName, Data> = { readonly type: Type; readonly data: Data };

export type NominationDrafted = Event<
  'NominationDrafted',
  Common & {
    readonly nominationId: string;
    readonly nominee: Nominee;
    readonly awardType: AwardType;
    readonly campaignYear: number;
    readonly province: string;
    readonly proposingUnitId: string;
    readonly blockId: string;
    readonly achievements: string;
    readonly record: NomineeRecord;
    readonly evidence: Evidence[];
    readonly achievementKey: string;
    readonly policy: PolicyRef;
    /** The campaign that admitted it and the dossier that lists it (absent on nominations drafted alone). */
    readonly campaignId?: string;
    readonly dossierId?: string;
  }
>;

export type DraftChanges = {
  -readonly [K in keyof DraftContent]?: K extends 'evidence' ? Evidence[] : DraftContent[K];
};

export type DraftEdited = Event<
  'DraftEdited',
  Common & {
    readonly changes: DraftChanges;
    /** Recomputed because nominee, award or year may have changed. */
    readonly achievementKey: string;
  }
>;

export type EligibilityRecord = {
  readonly eligible: true;
  /** The rules met, in words, as judged under `policy`. */
  readonly met: string[];
};

/** Enters the block vote. */
export type NominationSubmitted = Event<
  'NominationSubmitted',
  Common &
    StageClock & {
      readonly eligibility: EligibilityRecord;
      /** Member units of the block minus the proposing unit, deduplicated. */
      readonly eligibleVoterUnitIds: string[];
      readonly councilMemberCount: number;
      readonly recusedCouncilMemberIds: string[];
      readonly achievementKey: string;
      readonly policy: PolicyRef;
    }
>;

export type BlockVoteCast = Event<
  'BlockVoteCast',
  Common & {
    readonly unitId: string;
    readonly choice: BlockVoteChoice;
    /** The block session whose ballot carried this vote. */
    readonly sessionId?: string;
    readonly comment?: string;
    readonly policy: PolicyRef;
  }
>;

export type BlockVoteClosedBy = 'all_voted' | 'leader' | 'deadline';

/** A failed vote closes the nomination as NotAwarded; a passed one is followed by CouncilReviewOpened. */
export type BlockVoteClosed = Event<
  'BlockVoteClosed',
  Common & {
    readonly tally: BlockVoteTally;
    readonly closedBy: BlockVoteClosedBy;
    readonly policy: PolicyRef;
    /** The block session that closed it. */
    readonly sessionId?: string;
    /** The flag's acclamation by that session; not acclaimed closes the nomination even when the tally passed. */
    readonly acclamation?: SessionAcclamation;
  }
>;

export type CouncilReviewOpened = Event<
  'CouncilReviewOpened',
  Common &
    StageClock & {
      readonly memberCount: number;
      readonly recusedMemberIds: string[];
      /** Members who may give an opinion: memberCount minus the recused. */
      readonly eligibleMemberCount: number;
      readonly approvalRatio: number;
      readonly secretBallot: boolean;
      readonly policy: PolicyRef;
    }
>;

/**
 * With a secret ballot the choice is still stored (the tally needs it); the
 * API, projections and workflow payload codec must keep it from being shown.
 */
export type CouncilOpinionRecorded = Event<
  'CouncilOpinionRecorded',
  Common & {
    readonly memberId: string;
    readonly recommendation: CouncilRecommendation;
    readonly comment?: string;
    readonly ballot: 'open' | 'secret';
    readonly policy: PolicyRef;
  }
>;

export type CouncilReviewClosedBy = 'all_responded' | 'board_officer';

/** A failed review closes the nomination as NotAwarded; a passed one is followed by ProvincialDecisionOpened. */
export type CouncilReviewClosed = Event<
  'CouncilReviewClosed',
  Common & {
    readonly tally: CouncilTally;
    readonly closedBy: CouncilReviewClosedBy;
    readonly policy: PolicyRef;
  }
>;

export type ProvincialDecisionOpened = Event<
  'ProvincialDecisionOpened',
  Common & StageClock & { readonly policy: PolicyRef }
>;

/** The dossier goes back to the unit; `deadline` is the due date. */
export type SupplementRequested = Event<
  'SupplementRequested',
  Common &
    StageClock & {
      /** 1 for the first request of this nomination. */
      readonly requestNumber: number;
      readonly reason: string;
      readonly policy: PolicyRef;
    }
>;

/** Resumes the council review with a fresh deadline. */
export type SupplementProvided = Event<
  'SupplementProvided',
  Common &
    StageClock & {
      readonly requestNumber: number;
      readonly evidence: Evidence[];
      readonly note?: string;
      readonly policy: PolicyRef;
    }
>;

export type DecisionIssued = Event<
  'DecisionIssued',
  Common & {
    readonly outcome: 'approved' | 'rejected';
    readonly decisionNumber?: string;
    /** YYYY-MM-DD, local. */
    readonly decisionDate: string;
    readonly reason?: string;
    readonly policy: PolicyRef;
  }
>;

export type NominationWithdrawn = Event<
  'NominationWithdrawn',
  Common & {
    readonly reason: string;
    readonly fromStage: WithdrawableStage;
  }
>;

export type NominationExpired = Event<
  'NominationExpired',
  Common & {
    readonly stage: 'AwaitingSupplement';
    readonly deadline: string;
  }
>;

/** An overdue council review or decision goes to the admins; the stage stays as it is. */
export type StageEscalated = Event<
  'StageEscalated',
  Common & {
    readonly stage: 'CouncilReview' | 'ProvincialDecision';
    readonly deadline: string;
  }
>;

export type ReminderDue = Event<
  'ReminderDue',
  Common & {
    readonly stage: TimedStage;
    readonly deadline: string;
  }
>;

/** Decree 98 Art. 4 deferral. The clock stops; releasing restarts the stage's full period. */
export type NominationPlacedOnHold = Event<
  'NominationPlacedOnHold',
  Common & {
    readonly reason: string;
    readonly resumeStage: TimedStage;
    /** 'submission' when the decider deferred a nominee under review at submission. */
    readonly trigger: 'board' | 'submission';
  }
>;

export type NominationReleasedFromHold = Event<
  'NominationReleasedFromHold',
  Common &
    StageClock & {
      readonly reason: string;
      readonly resumedStage: TimedStage;
      readonly policy: PolicyRef;
    }
>;

/** Revocation never erases the award: the outcome stays Awarded with this record beside it. */
export type AwardRevoked = Event<
  'AwardRevoked',
  Common & {
    readonly ground: RevocationGround;
    readonly details: string;
    readonly decisionNumber?: string;
  }
>;

/**
 * A document built from this nomination's record (the decision with its list,
 * a proposal letter, minutes) was issued. Only the file's digest is kept: the
 * audit proves which bytes were issued without the stream holding them. One
 * event per file (DOCX and PDF of the same document are two events).
 */
export type DocumentIssued = Event<
  'DocumentIssued',
  Common & {
    readonly kind: DocumentKind;
    /** Derived from the document's content, so a rebuild of the same record names the same document. */
    readonly documentId: string;
    readonly format: DocumentFormat;
    /** Lower-case hex. */
    readonly sha256: string;
    readonly sizeBytes: number;
    /** This nomination's stream version whose record the document was built from (document events not counted). */
    readonly recordVersion: number;
    readonly templateId: string;
    readonly templateVersion: number;
    /** The decision number, or the unit/block and year the document covers, for people reading the history. */
    readonly reference: string;
  }
>;

export type WithdrawableStage = 'Draft' | TimedStage | 'OnHold';

export type NominationEvent =
  | NominationDrafted
  | DraftEdited
  | NominationSubmitted
  | BlockVoteCast
  | BlockVoteClosed
  | CouncilReviewOpened
  | CouncilOpinionRecorded
  | CouncilReviewClosed
  | ProvincialDecisionOpened
  | SupplementRequested
  | SupplementProvided
  | DecisionIssued
  | NominationWithdrawn
  | NominationExpired
  | StageEscalated
  | ReminderDue
  | NominationPlacedOnHold
  | NominationReleasedFromHold
  | AwardRevoked
  | DocumentIssued;
