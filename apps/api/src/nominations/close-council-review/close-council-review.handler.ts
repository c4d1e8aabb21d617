import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { closeCouncilReviewUpdate, type ActionResult } from '@laurel/workflows/nomination/messages';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { CloseCouncilReviewCommand } from './close-council-review.command';

@CommandHandler(CloseCouncilReviewCommand)
export class CloseCouncilReviewHandler implements ICommandHandler<CloseCouncilReviewCommand> {
  constructor(private readonly workflows: NominationWorkflows) {}

  execute({ user, nominationId, idempotencyKey }: CloseCouncilReviewCommand): Promise<ActionResult> {
    const args = { actor: actorOf(user) };
    return this.workflows.act(user, nominationId, 'CloseCouncilReview', closeCouncilReviewUpdate, args, idempotencyKey);
  }
}
