import type { Actor, BlockVoteChoice, CouncilRecommendation, SessionAcclamation } from '@laurel/domain';

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

export interface IssueItemDecisionInput {
  readonly nominationId: string;
  readonly actor: Actor;
  readonly outcome: 'approved' | 'rejected';
  readonly decisionNumber: string;
  readonly decisionDate: string;
  readonly reason?: string;
  readonly updateId: string;
}

export interface ApplyCouncilOpinionInput {
  readonly nominationId: string;
  readonly actor: Actor;
  readonly recommendation: CouncilRecommendation;
  readonly updateId: string;
}

export interface CloseCouncilItemInput {
  readonly nominationId: string;
  readonly actor: Actor;
  readonly updateId: string;
}

export interface SessionActivities {
  /** Records one member's opinion on one item through the nomination's own `recordCouncilOpinion`. */
  applyCouncilOpinion(input: ApplyCouncilOpinionInput): Promise<ItemOutcome>;
  /** The Board closes one item's council review (unless every member has already answered). */
  closeCouncilItem(input: CloseCouncilItemInput): Promise<ItemOutcome>;
  /** Issues one item's decision through the nomination's own `issueDecision`. */
  issueItemDecision(input: IssueItemDecisionInput): Promise<ItemOutcome>;
  /** Casts one unit's vote on one item through the nomination's own `castVote`; a refusal is an outcome, not a failure. */
  applySessionVote(input: ApplySessionVoteInput): Promise<ItemOutcome>;
  /** Closes one item's block vote through the nomination's own `closeBlockVote`. */
  closeSessionItem(input: CloseSessionItemInput): Promise<ItemOutcome>;
}
