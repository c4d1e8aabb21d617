export { validateInboxSearch, type InboxSearch } from './filters';
export { PendingTasksBadge } from './PendingTasksBadge';

// The first screen most people see: in the entry chunk, so it renders without a second round trip.
// Every other screen is its own chunk (lazyRouteComponent).
export { default as InboxPage } from './InboxPage';
