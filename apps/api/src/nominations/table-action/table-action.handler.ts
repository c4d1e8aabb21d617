import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { UpdateDefinition } from '@temporalio/common';
import type { ActionResult } from '@laurel/workflows/nomination/messages';
import { CampaignWorkflows } from '../../campaigns/campaign-workflows';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { ACTION_TABLE, givenFields } from './action-table';
import { TableActionCommand } from './table-action.command';

/** Every action of the action table: the caller as actor plus the body's fields, as the command's Update. */
@CommandHandler(TableActionCommand)
export class TableActionHandler implements ICommandHandler<TableActionCommand> {
  constructor(
    private readonly workflows: NominationWorkflows,
    private readonly campaigns: CampaignWorkflows,
  ) {}

  async execute({ command, user, nominationId, body, idempotencyKey }: TableActionCommand): Promise<ActionResult> {
    const definition = ACTION_TABLE[command] as UpdateDefinition<ActionResult, [object]>;
    const args = { actor: actorOf(user), ...givenFields(body) };
    const result = await this.workflows.act(user, nominationId, command, definition, args, idempotencyKey);
    if (command === 'WithdrawNomination' && result.outcome === 'Withdrawn') {
      // A withdrawn nomination gives its place in the campaign back. Releasing is idempotent, so a
      // retry of the withdrawal (same key, same answer) completes a release an outage interrupted.
      const { campaignId } = await this.workflows.scope(nominationId);
      if (campaignId !== undefined) {
        const reason = 'reason' in body && typeof body.reason === 'string' ? body.reason : '';
        await this.campaigns.release(user, campaignId, nominationId, `withdrawn: ${reason}`);
      }
    }
    return result;
  }
}
