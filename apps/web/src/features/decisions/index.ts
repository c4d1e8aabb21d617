import { lazyRouteComponent } from '@tanstack/react-router';

export const DecisionListsPage = lazyRouteComponent(() => import('./DecisionListsPage'));

export type DecisionListsSearch = { readonly decisionListId?: string };

export function validateDecisionListsSearch(search: Record<string, unknown>): DecisionListsSearch {
  const id = search['decisionListId'];
  return typeof id === 'string' && id !== '' ? { decisionListId: id } : {};
}
