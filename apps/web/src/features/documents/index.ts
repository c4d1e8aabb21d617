import { lazyRouteComponent } from '@tanstack/react-router';

export const DocumentsPage = lazyRouteComponent(() => import('./DocumentsPage'));

export const DOCUMENT_KINDS = [
  'decision',
  'proposal_letter',
  'block_minutes',
  'council_minutes',
  'certificates',
] as const;
export type DocumentsTab = (typeof DOCUMENT_KINDS)[number];

/** The screen's URL: which kind is open, and the decision number (so a link can open a decision's documents). */
export interface DocumentsSearch {
  readonly kind?: DocumentsTab;
  readonly decision?: string;
}

export function validateDocumentsSearch(search: Record<string, unknown>): DocumentsSearch {
  const kind = (DOCUMENT_KINDS as readonly unknown[]).includes(search['kind'])
    ? (search['kind'] as DocumentsTab)
    : undefined;
  const decision =
    typeof search['decision'] === 'string' && search['decision'].length <= 100 ? search['decision'] : undefined;
  return { ...(kind ? { kind } : {}), ...(decision ? { decision } : {}) };
}
