import { lazyRouteComponent } from '@tanstack/react-router';

export const BlockSessionsPage = lazyRouteComponent(() => import('./BlockSessionsPage'));
export const CouncilSessionsPage = lazyRouteComponent(() => import('./CouncilSessionsPage'));

export type SessionsSearch = { readonly sessionId?: string };

export function validateSessionsSearch(search: Record<string, unknown>): SessionsSearch {
  const id = search['sessionId'];
  return typeof id === 'string' && id !== '' ? { sessionId: id } : {};
}
