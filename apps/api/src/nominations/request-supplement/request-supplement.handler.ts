import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requestSupplementUpdate, type ActionResult } from '@laurel/workflows/nomination/messages';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { RequestSupplementCommand } from './request-supplement.command';

@CommandHandler(RequestSupplementCommand)
export class RequestSupplementHandler implements ICommandHandler<RequestSupplementCommand> {
  constructor(private readonly workflows: NominationWorkflows) {}

  execute({ user, nominationId, body, idempotencyKey }: RequestSupplementCommand): Promise<ActionResult> {
    return this.workflows.actWith(
      user,
      nominationId,
      'RequestSupplement',
      requestSupplementUpdate,
      // A due date given as a day is read by the decider on the nomination's own calendar.
      () => ({
        actor: actorOf(user),
        reason: body.reason,
        ...(body.dueDate !== undefined ? { dueDate: body.dueDate } : {}),
      }),
      idempotencyKey,
    );
  }
}
