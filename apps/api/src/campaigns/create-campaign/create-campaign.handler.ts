import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideCampaign, initialCampaignState, type CampaignDefinition } from '@laurel/domain/campaign/campaign';
import { openCampaignUpdate, type CampaignActionResult } from '@laurel/workflows/campaign/messages';
import { Inject } from '@nestjs/common';
import { ApiError } from '../../common/api-error';
import { actorOf } from '../../nominations/nomination-workflows';
import { CLOCK } from '../../tokens';
import { apiErrorFromCampaign, CampaignWorkflows } from '../campaign-workflows';
import { CreateCampaignCommand } from './create-campaign.command';

@CommandHandler(CreateCampaignCommand)
export class CreateCampaignHandler implements ICommandHandler<CreateCampaignCommand> {
  constructor(
    private readonly campaigns: CampaignWorkflows,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  async execute({ user, body, idempotencyKey }: CreateCampaignCommand): Promise<CampaignActionResult> {
    if (!user.province) {
      throw new ApiError(403, 'OUT_OF_SCOPE', 'a campaign belongs to a province; this user has none', {});
    }
    const { open, ...fields } = body;
    const definition: CampaignDefinition = {
      ...fields,
      campaignId: CampaignWorkflows.idFor(user.province, body.fromYear, body.toYear, user, idempotencyKey),
      province: user.province,
    };
    // The decider first, here: a refused campaign never starts a workflow.
    const decision = decideCampaign(initialCampaignState, {
      type: 'CreateCampaign',
      definition,
      actor: actorOf(user),
      at: this.clock().toISOString(),
    });
    if (!decision.ok) throw apiErrorFromCampaign(decision.error.code, decision.error.message, decision.error.details);
    const created = await this.campaigns.create(user, definition, idempotencyKey);
    if (!open) return created;
    const opened = await this.campaigns.act(
      definition.campaignId,
      openCampaignUpdate,
      { actor: actorOf(user) },
      `OpenCampaign:${definition.campaignId}`,
    );
    return { ...opened, eventTypes: [...created.eventTypes, ...opened.eventTypes] };
  }
}
