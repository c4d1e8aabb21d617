import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  closeCampaignUpdate,
  closeIntakeUpdate,
  openCampaignUpdate,
  type CampaignActionResult,
} from '@laurel/workflows/campaign/messages';
import { actorOf } from '../../nominations/nomination-workflows';
import { assertCampaignScope } from '../campaign-access';
import { CampaignWorkflows } from '../campaign-workflows';
import { ChangeCampaignCommand } from './change-campaign.command';

@CommandHandler(ChangeCampaignCommand)
export class ChangeCampaignHandler implements ICommandHandler<ChangeCampaignCommand> {
  constructor(private readonly campaigns: CampaignWorkflows) {}

  async execute({ user, campaignId, transition, reason, idempotencyKey }: ChangeCampaignCommand) {
    const state = await this.campaigns.get(campaignId);
    assertCampaignScope(user, state);
    const actor = actorOf(user);
    const updateId = idempotencyKey === undefined ? undefined : `${transition}:${user.userId}:${idempotencyKey}`;
    let result: CampaignActionResult;
    if (transition === 'open') result = await this.campaigns.act(campaignId, openCampaignUpdate, { actor }, updateId);
    else if (transition === 'close-intake') {
      result = await this.campaigns.act(campaignId, closeIntakeUpdate, { actor }, updateId);
    } else {
      result = await this.campaigns.act(
        campaignId,
        closeCampaignUpdate,
        { actor, ...(reason ? { reason } : {}) },
        updateId,
      );
    }
    return result;
  }
}
