import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  CastBlockVote,
  CloseBlockVote,
  CloseCouncilReview,
  DraftNomination,
  EditDraft,
  IssueDecision,
  NominationCommand,
  NominationState,
  PlaceOnHold,
  PolicySet,
  ProvideSupplement,
  RecordCouncilOpinion,
  RecordDocument,
  ReleaseHold,
  ReportedOutcome,
  RequestSupplement,
  RevokeAward,
  Stage,
  SubmitNomination,
  WithdrawNomination,
} from '@laurel/domain';

/**
 * Messages of the nomination workflow, shared by the workflow and its clients
 * (API, tests, benchmarks). Every human action is an Update: the caller learns
 * at once whether it was accepted, and a validator keeps rejected actions out
 * of the history.
 */

export const NOMINATION_TASK_QUEUE = 'laurel-nominations';

// The ids are the domain's, with every other reader of stored events (domain/nomination/event-codec.ts).
export { nominationStreamName, nominationWorkflowId } from '@laurel/domain';

export interface NominationWorkflowInput {
  readonly nominationId: string;
  /** The rule set in force when the nomination was drafted; recorded in history so replays see the same rules. */
  readonly policy: PolicySet;
  /**
   * Set when a closed nomination is reopened for an action after its close
   * (revoking an award): the run first folds the stream, takes the action it
   * was started with, and completes. Names the run it follows, so auditors can
   * walk a nomination's runs from the newest back to the first.
   */
  readonly reopenedFrom?: { readonly runId: string };
}

export interface NominationWorkflowResult {
  /** `Revoked` for an award revoked after it was given (a reopened run's result). */
  readonly outcome: ReportedOutcome;
  readonly version: number;
}

/**
 * The API's signed statement of who asked (apps/api/src/access/nomination-access.ts), carried
 * as `proof` beside an update's arguments and kept in the stored event's
 * metadata. Made and checked in infra/audit/action-proof.ts: workflow code
 * cannot run Node's crypto, so the worker checks the signature as it decodes
 * the update (its payload codec) and sets `verified`, overwriting whatever the
 * sender put there; the validator refuses anything not verified, or signed for
 * another workflow, update or update id.
 */
export interface ActionProof {
  readonly v: 1;
  /** Id of the signing key (derived from its public key). */
  readonly keyId: string;
  readonly workflowId: string;
  /** The update's name, which fixes the command type. */
  readonly update: string;
  /** The update id: the idempotency key, so one proof answers one request. */
  readonly updateId: string;
  /** sha256 of the update's argument without its proof (actor included). */
  readonly argsDigest: string;
  /** Ed25519, base64. */
  readonly signature: string;
  /** Set only by the worker's codec, after checking the signature. */
  readonly verified?: boolean;
}

/** Failure types of a refused proof; neither reaches the history. */
export const ActionProofErrorCode = {
  ACTION_NOT_SIGNED: 'ACTION_NOT_SIGNED',
  ACTION_SIGNATURE_INVALID: 'ACTION_SIGNATURE_INVALID',
} as const;

/** A command as a client sends it: the workflow stamps the type, the nomination id and the time. */
export type ActionArgs<C extends NominationCommand> = Omit<C, 'type' | 'nominationId' | 'at'>;

/** Submission may carry the rule set in force at submission, which then replaces the drafting one. */
export type SubmitArgs = ActionArgs<SubmitNomination> & { readonly policy?: PolicySet };

/** What every accepted action answers. */
export interface ActionResult {
  readonly nominationId: string;
  readonly stage: Stage;
  readonly outcome?: ReportedOutcome;
  /** The stream version after the action (number of events in the nomination's stream). */
  readonly version: number;
  /** The event store position reached, `<commit>.<prepare>`; pass it to reads that must see this write. */
  readonly position: string;
  readonly eventTypes: readonly string[];
}

export const draftUpdate = defineUpdate<ActionResult, [ActionArgs<DraftNomination>]>('draft');
export const editDraftUpdate = defineUpdate<ActionResult, [ActionArgs<EditDraft>]>('editDraft');
export const submitUpdate = defineUpdate<ActionResult, [SubmitArgs]>('submit');
export const castVoteUpdate = defineUpdate<ActionResult, [ActionArgs<CastBlockVote>]>('castVote');
export const closeBlockVoteUpdate = defineUpdate<ActionResult, [ActionArgs<CloseBlockVote>]>('closeBlockVote');
export const recordCouncilOpinionUpdate = defineUpdate<ActionResult, [ActionArgs<RecordCouncilOpinion>]>(
  'recordCouncilOpinion',
);
export const closeCouncilReviewUpdate = defineUpdate<ActionResult, [ActionArgs<CloseCouncilReview>]>(
  'closeCouncilReview',
);
export const requestSupplementUpdate = defineUpdate<ActionResult, [ActionArgs<RequestSupplement>]>('requestSupplement');
export const provideSupplementUpdate = defineUpdate<ActionResult, [ActionArgs<ProvideSupplement>]>('provideSupplement');
export const issueDecisionUpdate = defineUpdate<ActionResult, [ActionArgs<IssueDecision>]>('issueDecision');
export const withdrawUpdate = defineUpdate<ActionResult, [ActionArgs<WithdrawNomination>]>('withdraw');
export const placeOnHoldUpdate = defineUpdate<ActionResult, [ActionArgs<PlaceOnHold>]>('placeOnHold');
export const releaseHoldUpdate = defineUpdate<ActionResult, [ActionArgs<ReleaseHold>]>('releaseHold');
export const revokeAwardUpdate = defineUpdate<ActionResult, [ActionArgs<RevokeAward>]>('revokeAward');
/**
 * Records the digests of a document built from the record. A new handler and
 * no new command in the main loop, so histories recorded before it replay
 * unchanged; a closed nomination takes it in a reopened run, as a revocation.
 */
export const recordDocumentUpdate = defineUpdate<ActionResult, [ActionArgs<RecordDocument>]>('recordDocument');

/** The nomination as the workflow holds it, with secret ballots sealed. */
export const stateQuery = defineQuery<NominationState>('state');
