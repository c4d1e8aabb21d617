import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { nomineeWithUnit, type DraftContent } from '@laurel/domain';
import { editDraftUpdate, type ActionResult } from '@laurel/workflows/nomination/messages';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { EditDraftCommand } from './edit-draft.command';

@CommandHandler(EditDraftCommand)
export class EditDraftHandler implements ICommandHandler<EditDraftCommand> {
  constructor(private readonly workflows: NominationWorkflows) {}

  execute({ user, nominationId, body, idempotencyKey }: EditDraftCommand): Promise<ActionResult> {
    const { nominee, ...rest } = body;
    return this.workflows.actWith(
      user,
      nominationId,
      'EditDraft',
      editDraftUpdate,
      (state) => {
        const changes: Partial<DraftContent> = {
          ...rest,
          ...(nominee !== undefined ? { nominee: nomineeWithUnit(nominee, state.nomination.nominee.unitId) } : {}),
        };
        return { actor: actorOf(user), changes };
      },
      idempotencyKey,
    );
  }
}
