import { lazyRouteComponent } from '@tanstack/react-router';

export const AuditPage = lazyRouteComponent(() => import('./AuditPage'));

/** The screen's URL search parameters (none yet). */
export type AuditSearch = Record<string, never>;

export function validateAuditSearch(_search: Record<string, unknown>): AuditSearch {
  return {};
}
