import { lazyRouteComponent } from '@tanstack/react-router';

export const DraftPage = lazyRouteComponent(() => import('./DraftPage'));

/** The screen's URL search parameters (none yet). */
export type DraftSearch = Record<string, never>;

export function validateDraftSearch(_search: Record<string, unknown>): DraftSearch {
  return {};
}
