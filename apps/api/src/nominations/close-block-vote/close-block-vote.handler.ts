import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { closeBlockVoteUpdate, type ActionResult } from '@laurel/workflows/nomination/messages';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { CloseBlockVoteCommand } from './close-block-vote.command';

@CommandHandler(CloseBlockVoteCommand)
export class CloseBlockVoteHandler implements ICommandHandler<CloseBlockVoteCommand> {
  constructor(private readonly workflows: NominationWorkflows) {}

  execute({ user, nominationId, idempotencyKey }: CloseBlockVoteCommand): Promise<ActionResult> {
    const args = { actor: actorOf(user) };
    return this.workflows.act(user, nominationId, 'CloseBlockVote', closeBlockVoteUpdate, args, idempotencyKey);
  }
}
