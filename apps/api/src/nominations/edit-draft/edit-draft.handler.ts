import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DraftContent } from '@laurel/domain';
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
        // A nominee given without a unit stays in the unit it had.
        const unitId = nominee?.unitId ?? state.nomination.nominee.unitId;
        const changes: Partial<DraftContent> = {
          ...rest,
          ...(nominee !== undefined ? { nominee: { ...nominee, unitId } } : {}),
        };
        return { actor: actorOf(user), changes };
      },
      idempotencyKey,
    );
  }
}
