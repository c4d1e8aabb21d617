import { lazyRouteComponent } from '@tanstack/react-router';

/** Inbox filters live in the URL, so a view can be bookmarked or shared as a link. */
export type InboxSearch = {
  readonly stage?: string;
  readonly award?: string;
  readonly block?: string;
  readonly year?: number;
  readonly overdue?: boolean;
  readonly view?: string;
};

export function validateInboxSearch(search: Record<string, unknown>): InboxSearch {
  const text = (key: string) =>
    typeof search[key] === 'string' && search[key] !== '' ? (search[key] as string) : undefined;
  const year = Number(search['year']);
  return {
    ...(text('stage') ? { stage: text('stage') } : {}),
    ...(text('award') ? { award: text('award') } : {}),
    ...(text('block') ? { block: text('block') } : {}),
    ...(Number.isInteger(year) && year > 1900 ? { year } : {}),
    ...(search['overdue'] === true || search['overdue'] === 'true' ? { overdue: true } : {}),
    ...(text('view') ? { view: text('view') } : {}),
  };
}

export const InboxPage = lazyRouteComponent(() => import('./InboxPage'));
