import type { CampaignState } from '@laurel/domain/campaign/campaign';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { campaignNotFound } from './campaign-workflows';

/** A campaign is its province's: anyone elsewhere is told it does not exist (admins see every province). */
export function assertCampaignScope(user: AuthenticatedUser, state: CampaignState): void {
  const province = state.definition?.province;
  if (user.role === 'admin' && user.province === undefined) return;
  if (province !== user.province) throw campaignNotFound(state.definition?.campaignId ?? '');
}
