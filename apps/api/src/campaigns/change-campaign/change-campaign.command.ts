import { Command } from '@nestjs/cqrs';
import type { CampaignActionResult } from '@laurel/workflows/campaign/messages';
import type { AuthenticatedUser } from '../../auth/authenticated-user';

export type CampaignTransition = 'open' | 'close-intake' | 'close';

/** Opens the campaign, closes its intake early, or closes it (the Board of its province). */
export class ChangeCampaignCommand extends Command<CampaignActionResult> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly campaignId: string,
    readonly transition: CampaignTransition,
    readonly reason?: string,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
