import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { releaseHoldUpdate, type ActionResult } from '@laurel/workflows/nomination/messages';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { ReleaseHoldCommand } from './release-hold.command';

@CommandHandler(ReleaseHoldCommand)
export class ReleaseHoldHandler implements ICommandHandler<ReleaseHoldCommand> {
  constructor(private readonly workflows: NominationWorkflows) {}

  execute({ user, nominationId, body, idempotencyKey }: ReleaseHoldCommand): Promise<ActionResult> {
    const args = { actor: actorOf(user), reason: body.reason };
    return this.workflows.act(user, nominationId, 'ReleaseHold', releaseHoldUpdate, args, idempotencyKey);
  }
}
