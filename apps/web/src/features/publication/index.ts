import { lazyRouteComponent } from '@tanstack/react-router';

/** The province and year shown are in the URL, so a list can be linked to and shared. */
export type PublicationSearch = {
  readonly province?: string;
  readonly year?: number;
};

export function validatePublicationSearch(search: Record<string, unknown>): PublicationSearch {
  const province = typeof search['province'] === 'string' && search['province'] !== '' ? search['province'] : undefined;
  const year = Number(search['year']);
  return {
    ...(province ? { province } : {}),
    ...(Number.isInteger(year) && year >= 2000 && year <= 2200 ? { year } : {}),
  };
}

export const PublicationPage = lazyRouteComponent(() => import('./PublicationPage'));
