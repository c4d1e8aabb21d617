import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { reportedOutcome, type NominationState } from '@laurel/domain';
import {
  castVoteUpdate,
  closeBlockVoteUpdate,
  closeCouncilReviewUpdate,
  issueDecisionUpdate,
  recordCouncilOpinionUpdate,
  nominationWorkflowId,
  stateQuery,
  type ActionResult,
} from '@laurel/workflows/nomination/messages';
import type {
  ApplyCouncilOpinionInput,
  ApplySessionVoteInput,
  CloseCouncilItemInput,
  CloseSessionItemInput,
  IssueItemDecisionInput,
  ItemOutcome,
  SessionActivities,
} from '@laurel/workflows/session/activities';

export interface SessionActivityDeps {
  /** A client that signs its updates as the API's does (actionSigningInterceptor). */
  readonly client: Client;
}

function outcomeOf(state: NominationState): ItemOutcome {
  if (state.stage === 'Initial') return { ok: false, error: { code: 'NOT_FOUND', message: 'no such nomination' } };
  const outcome = state.stage === 'Closed' ? reportedOutcome(state) : undefined;
  return { ok: true, stage: state.stage, ...(outcome ? { outcome } : {}) };
}

/**
 * The batch workflows' side effects: one update on one nomination. The
 * update id comes from the batch, so a call repeated after a crash gets the
 * first answer. A nomination that has since closed takes no more updates: its
 * state then tells whether the first attempt went through. A refusal by the
 * nomination is a per-item result; anything else is thrown and retried.
 */
export function createSessionActivities({ client }: SessionActivityDeps): SessionActivities {
  async function update<Args>(
    nominationId: string,
    definition: UpdateDefinition<ActionResult, [Args]>,
    args: Args,
    updateId: string,
    alreadyDone: (state: NominationState) => boolean,
  ): Promise<ItemOutcome> {
    const handle = client.workflow.getHandle(nominationWorkflowId(nominationId));
    try {
      const result = await handle.executeUpdate(definition, { args: [args], updateId });
      return { ok: true, stage: result.stage, ...(result.outcome ? { outcome: result.outcome } : {}) };
    } catch (error) {
      const refused = error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure;
      if (!refused && !(error instanceof WorkflowNotFoundError) && !isCompleted(error)) throw error;
      const state = await handle.query(stateQuery).catch(() => undefined);
      if (state && alreadyDone(state)) return outcomeOf(state);
      if (refused) {
        const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
        return { ok: false, error: { code: cause.type ?? 'REFUSED', message: cause.message } };
      }
      return { ok: false, error: { code: 'WRONG_STAGE', message: `nomination ${nominationId} has closed` } };
    }
  }

  return {
    applyCouncilOpinion(input: ApplyCouncilOpinionInput): Promise<ItemOutcome> {
      return update(
        input.nominationId,
        recordCouncilOpinionUpdate,
        { actor: input.actor, recommendation: input.recommendation },
        input.updateId,
        (state) => 'council' in state && (state.council?.opinions ?? []).some((o) => o.memberId === input.actor.userId),
      );
    },
    async closeCouncilItem(input: CloseCouncilItemInput): Promise<ItemOutcome> {
      const state = await client.workflow.getHandle(nominationWorkflowId(input.nominationId)).query(stateQuery);
      // Every member answered: the nomination closed its own review; nothing left to close.
      if (state.stage !== 'CouncilReview') return outcomeOf(state);
      return update(
        input.nominationId,
        closeCouncilReviewUpdate,
        { actor: input.actor },
        input.updateId,
        (s) => 'council' in s && s.council?.tally !== undefined,
      );
    },
    issueItemDecision(input: IssueItemDecisionInput): Promise<ItemOutcome> {
      return update(
        input.nominationId,
        issueDecisionUpdate,
        {
          actor: input.actor,
          outcome: input.outcome,
          decisionNumber: input.decisionNumber,
          decisionDate: input.decisionDate,
          ...(input.reason !== undefined ? { reason: input.reason } : {}),
        },
        input.updateId,
        (state) => state.stage === 'Closed' && state.decision?.decisionNumber === input.decisionNumber,
      );
    },
    applySessionVote(input: ApplySessionVoteInput): Promise<ItemOutcome> {
      const unitId = input.actor.unitId;
      return update(
        input.nominationId,
        castVoteUpdate,
        { actor: input.actor, choice: input.choice, sessionId: input.sessionId },
        input.updateId,
        (state) => state.stage !== 'Initial' && (state.blockVote?.votes.some((v) => v.unitId === unitId) ?? false),
      );
    },
    closeSessionItem(input: CloseSessionItemInput): Promise<ItemOutcome> {
      return update(
        input.nominationId,
        closeBlockVoteUpdate,
        {
          actor: input.actor,
          sessionId: input.sessionId,
          ...(input.acclamation ? { acclamation: input.acclamation } : {}),
        },
        input.updateId,
        (state) => state.stage !== 'Initial' && state.blockVote?.tally !== undefined,
      );
    },
  };
}

function isCompleted(error: unknown): boolean {
  return error instanceof Error && /already completed|workflow execution already/i.test(error.message);
}
