import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { recordCouncilOpinionUpdate, type ActionResult } from '@laurel/workflows/nomination/messages';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { RecordCouncilOpinionCommand } from './record-council-opinion.command';

@CommandHandler(RecordCouncilOpinionCommand)
export class RecordCouncilOpinionHandler implements ICommandHandler<RecordCouncilOpinionCommand> {
  constructor(private readonly workflows: NominationWorkflows) {}

  execute({ user, nominationId, body, idempotencyKey }: RecordCouncilOpinionCommand): Promise<ActionResult> {
    const args = {
      actor: actorOf(user),
      recommendation: body.recommendation,
      ...(body.comment !== undefined ? { comment: body.comment } : {}),
    };
    return this.workflows.act(
      user,
      nominationId,
      'RecordCouncilOpinion',
      recordCouncilOpinionUpdate,
      args,
      idempotencyKey,
    );
  }
}
