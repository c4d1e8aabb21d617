import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ActionResult } from '@laurel/workflows/nomination/messages';
import { assertMayRead } from '../../access/nomination-access';
import { updateIdOf } from '../../common/action-pending';
import { ApiError } from '../../common/api-error';
import { ApiErrorCode } from '../../common/error-codes';
import { NominationWorkflows } from '../nomination-workflows';
import { GetActionOutcomeQuery } from './get-action-outcome.query';

/**
 * 200 with the action's result once applied, its refusal once refused, 202
 * while it is still under way. A keyed action's id names its sender
 * (`<command>:<userId>:<key>`): only that person may poll it, and anyone
 * else learns nothing of it (404).
 */
@QueryHandler(GetActionOutcomeQuery)
export class GetActionOutcomeHandler implements IQueryHandler<GetActionOutcomeQuery> {
  constructor(private readonly workflows: NominationWorkflows) {}

  async execute({ user, nominationId, actionId }: GetActionOutcomeQuery): Promise<ActionResult> {
    const updateId = updateIdOf(actionId);
    if (updateId === undefined) {
      throw new ApiError(400, ApiErrorCode.INVALID_ID, 'an action id is the one a 202 answer gave', {
        actionId: actionId.slice(0, 60),
      });
    }
    const sender = /^[A-Za-z]+:([^:]+):/.exec(updateId)?.[1];
    if (sender !== undefined && sender !== user.userId) {
      throw new ApiError(404, 'NOT_FOUND', `no action ${actionId} of yours on nomination ${nominationId}`, {
        nominationId,
        actionId,
      });
    }
    // A keyed action's sender was in scope when acting; an unkeyed one is checked against the nomination,
    // which needs the store (so only keyed actions can be polled while it is out of reach).
    if (sender === undefined) assertMayRead(user, await this.workflows.scope(nominationId));
    return this.workflows.outcome(nominationId, updateId);
  }
}
