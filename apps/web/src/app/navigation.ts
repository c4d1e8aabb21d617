/** The menu a role sees. Auditors and admins read; only acting roles draft. */
export type NavItem = { readonly key: 'inbox' | 'draft' | 'audit' | 'overview'; readonly to: string };

const INBOX: NavItem = { key: 'inbox', to: '/' };
const DRAFT: NavItem = { key: 'draft', to: '/draft' };
const AUDIT: NavItem = { key: 'audit', to: '/audit' };
const OVERVIEW: NavItem = { key: 'overview', to: '/overview' };

export function navigationFor(role: string | undefined): readonly NavItem[] {
  switch (role) {
    case 'unit_officer':
      return [INBOX, DRAFT];
    case 'auditor':
      return [AUDIT, OVERVIEW];
    case 'admin':
      return [OVERVIEW, AUDIT];
    case 'board_officer':
      return [INBOX, OVERVIEW];
    default:
      return [INBOX];
  }
}
