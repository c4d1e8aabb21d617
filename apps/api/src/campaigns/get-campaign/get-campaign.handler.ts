import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertCampaignScope } from '../campaign-access';
import type { CampaignView } from '../campaign-schemas';
import { CampaignWorkflows } from '../campaign-workflows';
import { GetCampaignQuery, ListCampaignsQuery } from './get-campaign.query';

@QueryHandler(GetCampaignQuery)
export class GetCampaignHandler implements IQueryHandler<GetCampaignQuery> {
  constructor(private readonly campaigns: CampaignWorkflows) {}

  async execute({ user, campaignId }: GetCampaignQuery): Promise<CampaignView> {
    const state = await this.campaigns.get(campaignId);
    assertCampaignScope(user, state);
    return this.campaigns.view(state);
  }
}

@QueryHandler(ListCampaignsQuery)
export class ListCampaignsHandler implements IQueryHandler<ListCampaignsQuery> {
  constructor(private readonly campaigns: CampaignWorkflows) {}

  async execute({ user }: ListCampaignsQuery): Promise<{ items: CampaignView[] }> {
    const states = await this.campaigns.list(user.province);
    return { items: states.map((s) => this.campaigns.view(s)) };
  }
}
