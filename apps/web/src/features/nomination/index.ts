import { lazyRouteComponent } from '@tanstack/react-router';

export const NominationPage = lazyRouteComponent(() => import('./NominationPage'));

/** The screen's URL search parameters (none yet). */
export type NominationSearch = Record<string, never>;

export function validateNominationSearch(_search: Record<string, unknown>): NominationSearch {
  return {};
}
