import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { placeOnHoldUpdate, type ActionResult } from '@laurel/workflows/nomination/messages';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { PlaceOnHoldCommand } from './place-on-hold.command';

@CommandHandler(PlaceOnHoldCommand)
export class PlaceOnHoldHandler implements ICommandHandler<PlaceOnHoldCommand> {
  constructor(private readonly workflows: NominationWorkflows) {}

  execute({ user, nominationId, body, idempotencyKey }: PlaceOnHoldCommand): Promise<ActionResult> {
    const args = { actor: actorOf(user), reason: body.reason };
    return this.workflows.act(user, nominationId, 'PlaceOnHold', placeOnHoldUpdate, args, idempotencyKey);
  }
}
