import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { withdrawUpdate, type ActionResult } from '@laurel/workflows/nomination/messages';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { WithdrawNominationCommand } from './withdraw-nomination.command';

@CommandHandler(WithdrawNominationCommand)
export class WithdrawNominationHandler implements ICommandHandler<WithdrawNominationCommand> {
  constructor(private readonly workflows: NominationWorkflows) {}

  execute({ user, nominationId, body, idempotencyKey }: WithdrawNominationCommand): Promise<ActionResult> {
    const args = { actor: actorOf(user), reason: body.reason };
    return this.workflows.act(user, nominationId, 'WithdrawNomination', withdrawUpdate, args, idempotencyKey);
  }
}
