import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { UpdateDefinition } from '@temporalio/common';
import type { ActionResult } from '@laurel/workflows/nomination/messages';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { ACTION_TABLE, givenFields } from './action-table';
import { TableActionCommand } from './table-action.command';

/** Every action of the action table: the caller as actor plus the body's fields, as the command's Update. */
@CommandHandler(TableActionCommand)
export class TableActionHandler implements ICommandHandler<TableActionCommand> {
  constructor(private readonly workflows: NominationWorkflows) {}

  execute({ command, user, nominationId, body, idempotencyKey }: TableActionCommand): Promise<ActionResult> {
    const definition = ACTION_TABLE[command] as UpdateDefinition<ActionResult, [object]>;
    const args = { actor: actorOf(user), ...givenFields(body) };
    return this.workflows.act(user, nominationId, command, definition, args, idempotencyKey);
  }
}
