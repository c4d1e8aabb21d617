import type { Actor, BlockVoteChoice, SessionAcclamation } from '@laurel/domain';

/**
 * What the batch workflows ask of the nominations: one update on one
 * nomination, with an update id derived from the batch and the item, so a
 * retried or resumed call returns the first answer instead of acting twice.
 * Interfaces only; the implementation is in infra/temporal.
 */
export interface ItemOutcome {
  readonly ok: boolean;
  readonly stage?: string;
  readonly outcome?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

export interface ApplySessionVoteInput {
  readonly nominationTaskQueue: string;
  readonly nominationId: string;
  readonly sessionId: string;
  readonly actor: Actor;
  readonly choice: BlockVoteChoice;
  readonly updateId: string;
}

export interface CloseSessionItemInput {
  readonly nominationId: string;
  readonly sessionId: string;
  readonly actor: Actor;
  readonly acclamation?: SessionAcclamation;
  readonly updateId: string;
}

export interface SessionActivities {
  /** Casts one unit's vote on one item through the nomination's own `castVote`; a refusal is an outcome, not a failure. */
  applySessionVote(input: ApplySessionVoteInput): Promise<ItemOutcome>;
  /** Closes one item's block vote through the nomination's own `closeBlockVote`. */
  closeSessionItem(input: CloseSessionItemInput): Promise<ItemOutcome>;
}
