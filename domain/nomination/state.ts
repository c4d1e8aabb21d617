import type { TimedStage } from '../policy/deadlines';
import type { StageFamily } from '../policy/acts';
import type { BlockVoteTally, CouncilTally } from '../policy/voting';
import type { BlockVoteClosedBy, CouncilReviewClosedBy, EligibilityRecord, WithdrawableStage } from './events';
import type {
  AwardType,
  BlockVoteChoice,
  CouncilRecommendation,
  DocumentFormat,
  DocumentKind,
  Evidence,
  Nominee,
  NomineeRecord,
  PolicyRef,
  RevocationGround,
} from './values';

export type Stage =
  | 'Initial'
  | 'Draft'
  | 'BlockVote'
  | 'CouncilReview'
  | 'AwaitingSupplement'
  | 'ProvincialDecision'
  | 'OnHold'
  | 'Closed';

export type Outcome = 'Awarded' | 'NotAwarded' | 'Withdrawn' | 'Expired';

/**
 * What a closed nomination shows people and filters on: its outcome at close,
 * or `Revoked` once its award was taken back. The state keeps `outcome:
 * 'Awarded'` beside the revocation record, because the award did happen.
 */
export type ReportedOutcome = Outcome | 'Revoked';

export const REPORTED_OUTCOMES: readonly ReportedOutcome[] = [
  'Awarded',
  'NotAwarded',
  'Withdrawn',
  'Expired',
  'Revoked',
];

export type NominationSummary = {
  readonly nominationId: string;
  readonly nominee: Nominee;
  readonly awardType: AwardType;
  readonly campaignYear: number;
  readonly province: string;
  readonly proposingUnitId: string;
  readonly blockId: string;
  readonly achievements: string;
  readonly record: NomineeRecord;
  readonly achievementKey: string;
  /** The rule set last applied: set at drafting, replaced at submission. */
  readonly policy: PolicyRef;
  readonly draftedAt: string;
  readonly submittedAt?: string;
};

export type Submission = {
  readonly eligibility: EligibilityRecord;
  readonly councilMemberCount: number;
  readonly recusedCouncilMemberIds: readonly string[];
  readonly policy: PolicyRef;
};

export type RecordedBlockVote = {
  readonly unitId: string;
  readonly userId: string;
  readonly choice: BlockVoteChoice;
  readonly comment?: string;
  readonly at: string;
  readonly policy: PolicyRef;
};

export type BlockVoteRecord = {
  readonly eligibleVoterUnitIds: readonly string[];
  readonly votes: readonly RecordedBlockVote[];
  readonly tally?: BlockVoteTally;
  readonly closedBy?: BlockVoteClosedBy;
  readonly closedAt?: string;
};

export type RecordedCouncilOpinion = {
  readonly memberId: string;
  /** 'sealed' only in views made by `redactSecretBallots`, never in the decider's state. */
  readonly recommendation: CouncilRecommendation | 'sealed';
  readonly comment?: string;
  readonly ballot: 'open' | 'secret';
  readonly at: string;
  readonly policy: PolicyRef;
};

export type CouncilRecord = {
  readonly memberCount: number;
  readonly recusedMemberIds: readonly string[];
  readonly eligibleMemberCount: number;
  readonly approvalRatio: number;
  readonly secretBallot: boolean;
  readonly opinions: readonly RecordedCouncilOpinion[];
  readonly tally?: CouncilTally;
  readonly closedBy?: CouncilReviewClosedBy;
  readonly closedAt?: string;
};

export type SupplementRecord = {
  readonly requestNumber: number;
  readonly reason: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly dueDate: string;
  readonly providedAt?: string;
  readonly providedEvidence?: readonly Evidence[];
  readonly note?: string;
};

export type HoldRecord = {
  readonly reason: string;
  readonly since: string;
  readonly by: string;
  readonly resumeStage: TimedStage;
  readonly trigger: 'board' | 'submission';
};

export type DecisionRecord = {
  readonly outcome: 'approved' | 'rejected';
  readonly decisionNumber?: string;
  readonly decisionDate: string;
  readonly reason?: string;
  readonly decidedBy: string;
  readonly at: string;
  readonly policy: PolicyRef;
};

export type RevocationRecord = {
  readonly ground: RevocationGround;
  readonly details: string;
  readonly decisionNumber?: string;
  readonly revokedBy: string;
  readonly at: string;
};

/** One issued file of a document built from the record. */
export type DocumentRecord = {
  readonly kind: DocumentKind;
  readonly documentId: string;
  readonly format: DocumentFormat;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly recordVersion: number;
  readonly templateId: string;
  readonly templateVersion: number;
  readonly reference: string;
  readonly issuedBy: string;
  readonly at: string;
};

export type ClosedReason =
  | 'block_vote_failed'
  | 'council_rejected'
  | 'decision_approved'
  | 'decision_rejected'
  | 'withdrawn'
  | 'supplement_expired';

/** User ids that have acted in each stage family, for separation of duties. */
export type Participants = Readonly<Record<StageFamily, readonly string[]>>;

/** What every state after Initial knows. */
export type NominationData = {
  /** Number of events folded so far; the stream version the next append expects. */
  readonly version: number;
  readonly nomination: NominationSummary;
  /** The dossier: drafted evidence plus every supplement, in order. */
  readonly evidence: readonly Evidence[];
  readonly submission?: Submission;
  readonly blockVote?: BlockVoteRecord;
  readonly council?: CouncilRecord;
  readonly supplements: readonly SupplementRecord[];
  readonly supplementCount: number;
  readonly participants: Participants;
  /** The current stage's deadline; absent in stages without a clock. */
  readonly stageDeadline?: string;
  readonly reminderAt?: string;
  /** Whether the reminder of the current stage entry has gone out (at most once per entry). */
  readonly reminderSent: boolean;
  /** Overdue and escalated to admins (council review or decision past its deadline). */
  readonly escalated: boolean;
  readonly lastEventAt: string;
  /** Files issued from this record, oldest first; absent until the first one, so older states keep their shape. */
  readonly documents?: readonly DocumentRecord[];
};

type Clocked = { readonly stageDeadline: string; readonly submission: Submission };

export type InitialState = { readonly stage: 'Initial'; readonly version: number };
export type DraftState = NominationData & { readonly stage: 'Draft' };
export type BlockVoteState = NominationData &
  Clocked & { readonly stage: 'BlockVote'; readonly blockVote: BlockVoteRecord };
export type CouncilReviewState = NominationData &
  Clocked & { readonly stage: 'CouncilReview'; readonly blockVote: BlockVoteRecord; readonly council: CouncilRecord };
export type AwaitingSupplementState = NominationData &
  Clocked & {
    readonly stage: 'AwaitingSupplement';
    readonly blockVote: BlockVoteRecord;
    readonly council: CouncilRecord;
  };
export type ProvincialDecisionState = NominationData &
  Clocked & {
    readonly stage: 'ProvincialDecision';
    readonly blockVote: BlockVoteRecord;
    readonly council: CouncilRecord;
  };
export type OnHoldState = NominationData & { readonly stage: 'OnHold'; readonly hold: HoldRecord };
export type ClosedState = NominationData & {
  readonly stage: 'Closed';
  readonly outcome: Outcome;
  readonly closedReason: ClosedReason;
  readonly closedAt: string;
  /** The stage the nomination was in when it closed. */
  readonly closedFrom: WithdrawableStage;
  readonly decision?: DecisionRecord;
  readonly revocation?: RevocationRecord;
};

export function reportedOutcome(state: ClosedState): ReportedOutcome {
  return state.revocation !== undefined ? 'Revoked' : state.outcome;
}

export type NominationState =
  | InitialState
  | DraftState
  | BlockVoteState
  | CouncilReviewState
  | AwaitingSupplementState
  | ProvincialDecisionState
  | OnHoldState
  | ClosedState;

export type ActiveState = Exclude<NominationState, InitialState>;

export const initialState: NominationState = { stage: 'Initial', version: 0 };

/**
 * The state with secret-ballot choices removed, for anything shown to people
 * (queries, API). Who took part and when stays visible; the tally stays too.
 */
export function redactSecretBallots(state: NominationState): NominationState {
  if (state.stage === 'Initial' || !state.council?.secretBallot) return state;
  const opinions = state.council.opinions.map((o) =>
    o.ballot === 'secret'
      ? { memberId: o.memberId, recommendation: 'sealed' as const, ballot: o.ballot, at: o.at, policy: o.policy }
      : o,
  );
  return { ...state, council: { ...state.council, opinions } };
}

/** What the workflow's timers should wait for in the current state. */
export type PendingTimers = {
  readonly stage: TimedStage;
  /** Absent once the deadline has been acted on (an escalated stage stays open without one). */
  readonly deadline?: string;
  /** Absent when the stage has no reminder or it has been sent. */
  readonly reminderAt?: string;
};

/** The timers to run now, or undefined in stages without a clock (Draft, OnHold, Closed). */
export function pendingTimers(state: NominationState): PendingTimers | undefined {
  switch (state.stage) {
    case 'BlockVote':
    case 'CouncilReview':
    case 'AwaitingSupplement':
    case 'ProvincialDecision':
      return {
        stage: state.stage,
        ...(state.escalated ? {} : { deadline: state.stageDeadline }),
        ...(state.reminderAt !== undefined && !state.reminderSent ? { reminderAt: state.reminderAt } : {}),
      };
    case 'Initial':
    case 'Draft':
    case 'OnHold':
    case 'Closed':
      return undefined;
  }
}
