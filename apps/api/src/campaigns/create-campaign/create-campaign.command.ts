import { Command } from '@nestjs/cqrs';
import type { CampaignActionResult } from '@laurel/workflows/campaign/messages';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { CreateCampaignRequest } from '../campaign-schemas';

/** The Board plans a campaign of its province; with `open`, opens it in the same request. */
export class CreateCampaignCommand extends Command<CampaignActionResult> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly body: CreateCampaignRequest,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
