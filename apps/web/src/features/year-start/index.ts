import { lazyRouteComponent } from '@tanstack/react-router';

export const YearStartPage = lazyRouteComponent(() => import('./YearStartPage'));

export type YearStartTab = 'registrations' | 'covenant' | 'leaders';
export type YearStartSearch = { readonly tab?: YearStartTab };

const TABS: readonly string[] = ['registrations', 'covenant', 'leaders'];

export function validateYearStartSearch(search: Record<string, unknown>): YearStartSearch {
  const tab = search['tab'];
  return typeof tab === 'string' && TABS.includes(tab) ? { tab: tab as YearStartTab } : {};
}
