import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { provideSupplementUpdate, type ActionResult } from '@laurel/workflows/nomination/messages';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { ProvideSupplementCommand } from './provide-supplement.command';

@CommandHandler(ProvideSupplementCommand)
export class ProvideSupplementHandler implements ICommandHandler<ProvideSupplementCommand> {
  constructor(private readonly workflows: NominationWorkflows) {}

  execute({ user, nominationId, body, idempotencyKey }: ProvideSupplementCommand): Promise<ActionResult> {
    const args = {
      actor: actorOf(user),
      evidence: body.evidence,
      ...(body.note !== undefined ? { note: body.note } : {}),
    };
    return this.workflows.act(user, nominationId, 'ProvideSupplement', provideSupplementUpdate, args, idempotencyKey);
  }
}
