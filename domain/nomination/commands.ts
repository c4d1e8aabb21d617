import type { TimedStage } from '../policy/deadlines';
import type { NomineeRegistration } from '../registration/registration';
import type {
  Actor,
  AwardType,
  BlockVoteChoice,
  CouncilRecommendation,
  DocumentFormat,
  DocumentKind,
  Evidence,
  Nominee,
  NomineeRecord,
  RevocationGround,
} from './values';

/**
 * Commands are requests, in the imperative. Each carries who acts and when
 * (`at`, an ISO instant chosen outside the domain); the decider never reads a clock.
 */
interface CommandBase {
  readonly nominationId: string;
  readonly actor: Actor;
  readonly at: string;
}

/** The draft's editable content. */
export interface DraftContent {
  readonly nominee: Nominee;
  readonly awardType: AwardType;
  readonly campaignYear: number;
  readonly achievements: string;
  readonly record: NomineeRecord;
  readonly evidence: readonly Evidence[];
}

export interface DraftNomination extends CommandBase, DraftContent {
  readonly type: 'DraftNomination';
  readonly province: string;
  readonly proposingUnitId: string;
  readonly blockId: string;
  /** The campaign that admitted it, and the unit's dossier that lists it, when there are. */
  readonly campaignId?: string;
  readonly dossierId?: string;
}

/** Only the fields given change; `evidence` replaces the whole list. */
export interface EditDraft extends CommandBase {
  readonly type: 'EditDraft';
  readonly changes: Partial<DraftContent>;
}

export interface SubmitNomination extends CommandBase {
  readonly type: 'SubmitNomination';
  /** The block's member units from the directory, as they are now; the decider removes the proposing unit. */
  readonly eligibleVoterUnitIds: readonly string[];
  /** All members of the provincial council. */
  readonly councilMemberCount: number;
  /** Council members (user ids) who must recuse, e.g. because they belong to the proposing unit. */
  readonly recusedCouncilMemberIds?: readonly string[];
  /**
   * What the nominee's unit registered for this nominee in the campaign year,
   * read from its registration stream; judged only when the policy asks for it.
   */
  readonly registration?: NomineeRegistration;
}

export interface CastBlockVote extends CommandBase {
  readonly type: 'CastBlockVote';
  readonly choice: BlockVoteChoice;
  readonly comment?: string;
  /** Cast through a block session: the session closes the vote, so it does not close when all have voted. */
  readonly sessionId?: string;
}

/** The flag's acclamation as a block session counted it (the policy's limit applied there). */
export interface SessionAcclamation {
  readonly acclaimed: boolean;
  readonly refusedReason?: string;
  readonly acclaimedNominationId?: string;
}

export interface CloseBlockVote extends CommandBase {
  readonly type: 'CloseBlockVote';
  /** Closed by a block session's close. */
  readonly sessionId?: string;
  /** For the provincial flag closed by a session: whether the session acclaimed this unit. */
  readonly acclamation?: SessionAcclamation;
}

export interface RecordCouncilOpinion extends CommandBase {
  readonly type: 'RecordCouncilOpinion';
  readonly recommendation: CouncilRecommendation;
  readonly comment?: string;
}

export interface CloseCouncilReview extends CommandBase {
  readonly type: 'CloseCouncilReview';
}

export interface RequestSupplement extends CommandBase {
  readonly type: 'RequestSupplement';
  readonly reason: string;
  /**
   * ISO instant, or a local date (YYYY-MM-DD) meaning the end of that day on the
   * policy's calendar; without it the policy's supplement deadline applies.
   */
  readonly dueDate?: string;
}

export interface ProvideSupplement extends CommandBase {
  readonly type: 'ProvideSupplement';
  readonly evidence: readonly Evidence[];
  readonly note?: string;
}

export interface IssueDecision extends CommandBase {
  readonly type: 'IssueDecision';
  readonly outcome: 'approved' | 'rejected';
  /** Required when approved, e.g. '163/QĐ-UBND'. */
  readonly decisionNumber?: string;
  /** Signing date (YYYY-MM-DD); defaults to the local date of `at`. */
  readonly decisionDate?: string;
  /** Required when rejected; the unit is told why. */
  readonly reason?: string;
}

export interface WithdrawNomination extends CommandBase {
  readonly type: 'WithdrawNomination';
  readonly reason: string;
}

export interface PlaceOnHold extends CommandBase {
  readonly type: 'PlaceOnHold';
  readonly reason: string;
}

export interface ReleaseHold extends CommandBase {
  readonly type: 'ReleaseHold';
  readonly reason: string;
}

export interface RevokeAward extends CommandBase {
  readonly type: 'RevokeAward';
  readonly ground: RevocationGround;
  readonly details: string;
  /** Number of the revoking decision, when one has been signed. */
  readonly decisionNumber?: string;
}

/** One file of an issued document, as the API built it. */
export interface IssuedFile {
  readonly format: DocumentFormat;
  readonly sha256: string;
  readonly sizeBytes: number;
}

/** Records the digests of a document built from this nomination's record; any stage after the draft, closed too. */
export interface RecordDocument extends CommandBase {
  readonly type: 'RecordDocument';
  readonly kind: DocumentKind;
  readonly documentId: string;
  readonly files: readonly IssuedFile[];
  readonly recordVersion: number;
  readonly templateId: string;
  readonly templateVersion: number;
  readonly reference: string;
}

/** Sent by the workflow's timer; `stage` guards against a timer left over from an earlier stage. */
export interface ReachDeadline extends CommandBase {
  readonly type: 'ReachDeadline';
  readonly stage: TimedStage;
}

export interface SendReminder extends CommandBase {
  readonly type: 'SendReminder';
  readonly stage: TimedStage;
}

export type NominationCommand =
  | DraftNomination
  | EditDraft
  | SubmitNomination
  | CastBlockVote
  | CloseBlockVote
  | RecordCouncilOpinion
  | CloseCouncilReview
  | RequestSupplement
  | ProvideSupplement
  | IssueDecision
  | WithdrawNomination
  | PlaceOnHold
  | ReleaseHold
  | RevokeAward
  | RecordDocument
  | ReachDeadline
  | SendReminder;

export type NominationCommandType = NominationCommand['type'];

export const NOMINATION_COMMAND_TYPES: readonly NominationCommandType[] = [
  'DraftNomination',
  'EditDraft',
  'SubmitNomination',
  'CastBlockVote',
  'CloseBlockVote',
  'RecordCouncilOpinion',
  'CloseCouncilReview',
  'RequestSupplement',
  'ProvideSupplement',
  'IssueDecision',
  'WithdrawNomination',
  'PlaceOnHold',
  'ReleaseHold',
  'RevokeAward',
  'RecordDocument',
  'ReachDeadline',
  'SendReminder',
];
