import { Query } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { CampaignView } from '../campaign-schemas';

export class GetCampaignQuery extends Query<CampaignView> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly campaignId: string,
  ) {
    super();
  }
}

export class ListCampaignsQuery extends Query<{ items: CampaignView[] }> {
  constructor(readonly user: AuthenticatedUser) {
    super();
  }
}
