import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DraftContent } from '@laurel/domain';
import type { Directory } from '@laurel/infra/directory';
import { editDraftUpdate, type ActionResult } from '@laurel/workflows/nomination/messages';
import { DIRECTORY } from '../../tokens';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { checkedNomineeUnit } from '../nominee-unit';
import { EditDraftCommand } from './edit-draft.command';

@CommandHandler(EditDraftCommand)
export class EditDraftHandler implements ICommandHandler<EditDraftCommand> {
  constructor(
    private readonly workflows: NominationWorkflows,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  execute({ user, nominationId, body, idempotencyKey }: EditDraftCommand): Promise<ActionResult> {
    const { nominee, ...rest } = body;
    return this.workflows.actWith(
      user,
      nominationId,
      'EditDraft',
      editDraftUpdate,
      ({ scope }) => {
        // The nominee's unit is the proposing unit's (checked, or filled in when not given).
        const changes: Partial<DraftContent> = {
          ...rest,
          ...(nominee !== undefined
            ? {
                nominee: {
                  ...nominee,
                  unitId: checkedNomineeUnit(this.directory, scope.proposingUnitId, nominee.unitId),
                },
              }
            : {}),
        };
        return { actor: actorOf(user), changes };
      },
      idempotencyKey,
    );
  }
}
