import type { UpdateDefinition } from '@temporalio/common';
import type { NominationCommandType } from '@laurel/domain';
import {
  castVoteUpdate,
  closeBlockVoteUpdate,
  closeCouncilReviewUpdate,
  issueDecisionUpdate,
  placeOnHoldUpdate,
  provideSupplementUpdate,
  recordCouncilOpinionUpdate,
  releaseHoldUpdate,
  withdrawUpdate,
  type ActionResult,
} from '@laurel/workflows/nomination/messages';

/**
 * The actions whose Update's arguments are the caller (as the actor) plus the
 * validated request body, field for field: command → Update. The workflow's
 * decider checks every field again. Actions that read the directory, the
 * stored state or the clock to build their arguments (draft, edit, submit,
 * request supplement, revoke) keep a handler of their own.
 */
export const ACTION_TABLE = {
  /** The proposing unit's head withdraws the nomination, at any stage before the decision. */
  WithdrawNomination: withdrawUpdate,
  /** A member unit's head votes for the unit in the block vote. */
  CastBlockVote: castVoteUpdate,
  /** The block leader closes the vote early; it is counted with the votes cast. */
  CloseBlockVote: closeBlockVoteUpdate,
  /** A council member gives an opinion (or a sealed ballot). */
  RecordCouncilOpinion: recordCouncilOpinionUpdate,
  /** The Board closes the council review early; it is counted with the opinions given. */
  CloseCouncilReview: closeCouncilReviewUpdate,
  /** The proposing unit's officer supplies what the Board asked for. */
  ProvideSupplement: provideSupplementUpdate,
  /** The Board defers the nomination (Decree 98 Art. 4: discipline, investigation, inspection, complaint). */
  PlaceOnHold: placeOnHoldUpdate,
  /** The Board releases a deferred nomination once the review has cleared; its stage restarts. */
  ReleaseHold: releaseHoldUpdate,
  /** The chairman decides: approves with a decision number, or rejects with a reason. */
  IssueDecision: issueDecisionUpdate,
} as const satisfies Partial<Record<NominationCommandType, Pick<UpdateDefinition<ActionResult, []>, 'name'>>>;

export type TableCommand = keyof typeof ACTION_TABLE;

/** The body's fields that were given (JSON has no `undefined`; the workflow's arguments must not carry one). */
export function givenFields(body: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}
