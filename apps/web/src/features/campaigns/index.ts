import { lazyRouteComponent } from '@tanstack/react-router';

export const CampaignsPage = lazyRouteComponent(() => import('./CampaignsPage'));

export type CampaignsSearch = { readonly campaignId?: string };

export function validateCampaignsSearch(search: Record<string, unknown>): CampaignsSearch {
  const id = search['campaignId'];
  return typeof id === 'string' && id !== '' ? { campaignId: id } : {};
}
