import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { castVoteUpdate, type ActionResult } from '@laurel/workflows/nomination/messages';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { CastBlockVoteCommand } from './cast-block-vote.command';

@CommandHandler(CastBlockVoteCommand)
export class CastBlockVoteHandler implements ICommandHandler<CastBlockVoteCommand> {
  constructor(private readonly workflows: NominationWorkflows) {}

  execute({ user, nominationId, body, idempotencyKey }: CastBlockVoteCommand): Promise<ActionResult> {
    const args = {
      actor: actorOf(user),
      choice: body.choice,
      ...(body.comment !== undefined ? { comment: body.comment } : {}),
    };
    return this.workflows.act(user, nominationId, 'CastBlockVote', castVoteUpdate, args, idempotencyKey);
  }
}
