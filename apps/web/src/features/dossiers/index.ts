import { lazyRouteComponent } from '@tanstack/react-router';

export const DossiersPage = lazyRouteComponent(() => import('./DossiersPage'));

export type DossiersSearch = { readonly campaignId?: string; readonly dossierId?: string };

export function validateDossiersSearch(search: Record<string, unknown>): DossiersSearch {
  const text = (key: string) =>
    typeof search[key] === 'string' && search[key] !== '' ? (search[key] as string) : undefined;
  return {
    ...(text('campaignId') ? { campaignId: text('campaignId') } : {}),
    ...(text('dossierId') ? { dossierId: text('dossierId') } : {}),
  };
}
