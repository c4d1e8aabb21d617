import { lazyRouteComponent } from '@tanstack/react-router';

export { validateInboxSearch, type InboxSearch } from './filters';
export { PendingTasksBadge } from './PendingTasksBadge';

export const InboxPage = lazyRouteComponent(() => import('./InboxPage'));
