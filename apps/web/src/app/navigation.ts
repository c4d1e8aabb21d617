/** The menu a role sees. Auditors and admins read; only acting roles draft. */
export type NavItem = {
  readonly key: 'inbox' | 'draft' | 'audit' | 'overview' | 'statistics';
  readonly to: string;
  /** The i18next namespace of `nav.<key>` when it is not `common` (a screen's own label). */
  readonly ns?: string;
};

const INBOX: NavItem = { key: 'inbox', to: '/' };
const DRAFT: NavItem = { key: 'draft', to: '/draft' };
const AUDIT: NavItem = { key: 'audit', to: '/audit' };
const OVERVIEW: NavItem = { key: 'overview', to: '/overview' };
const STATISTICS: NavItem = { key: 'statistics', to: '/statistics', ns: 'statistics' };

export function navigationFor(role: string | undefined): readonly NavItem[] {
  switch (role) {
    case 'unit_officer':
      return [INBOX, DRAFT];
    case 'auditor':
      return [AUDIT, OVERVIEW, STATISTICS];
    case 'admin':
      return [OVERVIEW, AUDIT, STATISTICS];
    case 'board_officer':
      return [INBOX, OVERVIEW, STATISTICS];
    case 'chairman':
      return [INBOX, STATISTICS];
    default:
      return [INBOX];
  }
}
