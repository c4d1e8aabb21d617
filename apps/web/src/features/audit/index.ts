import { lazyRouteComponent } from '@tanstack/react-router';

export const AuditPage = lazyRouteComponent(() => import('./AuditPage'));

export const AUDIT_TABS = ['timeline', 'asof', 'verify', 'export'] as const;
export type AuditTab = (typeof AUDIT_TABS)[number];

/**
 * The workspace's choices live in the URL, so an auditor can send a colleague
 * the exact view: the tab, the point of the as-of view (a version or an
 * instant, never both) and the two versions compared.
 */
export type AuditSearch = {
  readonly tab?: AuditTab;
  /** As-of view: the first `version` events folded. */
  readonly version?: number;
  /** As-of view: an ISO instant (with zone); every event at or before it folded. */
  readonly at?: string;
  /** What changed: from version `a` to version `b`. */
  readonly a?: number;
  readonly b?: number;
};

function wholeNumber(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

export function validateAuditSearch(search: Record<string, unknown>): AuditSearch {
  const tab = AUDIT_TABS.find((t) => t === search['tab']);
  const version = wholeNumber(search['version']);
  const at =
    typeof search['at'] === 'string' &&
    !Number.isNaN(Date.parse(search['at'])) &&
    /[zZ]|[+-]\d\d:?\d\d$/.test(search['at'])
      ? search['at']
      : undefined;
  const a = wholeNumber(search['a']);
  const b = wholeNumber(search['b']);
  return {
    ...(tab ? { tab } : {}),
    // A version wins over an instant: the two name different points and the API takes one.
    ...(version !== undefined ? { version } : at ? { at } : {}),
    ...(a !== undefined ? { a } : {}),
    ...(b !== undefined ? { b } : {}),
  };
}
