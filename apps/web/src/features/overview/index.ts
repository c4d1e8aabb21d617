import { lazyRouteComponent } from '@tanstack/react-router';

export const OverviewPage = lazyRouteComponent(() => import('./OverviewPage'));

/** The screen's URL search parameters (none yet). */
export type OverviewSearch = Record<string, never>;

export function validateOverviewSearch(_search: Record<string, unknown>): OverviewSearch {
  return {};
}
