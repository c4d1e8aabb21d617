/** The menu a role sees. Auditors and admins read; only acting roles draft. */
export type NavItem = {
  readonly key: 'inbox' | 'draft' | 'audit' | 'overview' | 'documents' | 'statistics' | 'campaigns' | 'dossiers';
  readonly to: string;
  /** The namespace of its label `nav.<key>` when not the glossary's (a feature names its own entry). */
  readonly ns?: string;
};

const INBOX: NavItem = { key: 'inbox', to: '/' };
const DRAFT: NavItem = { key: 'draft', to: '/draft' };
const AUDIT: NavItem = { key: 'audit', to: '/audit' };
const OVERVIEW: NavItem = { key: 'overview', to: '/overview' };
const DOCUMENTS: NavItem = { key: 'documents', to: '/documents', ns: 'documents' };
const STATISTICS: NavItem = { key: 'statistics', to: '/statistics', ns: 'statistics' };
const CAMPAIGNS: NavItem = { key: 'campaigns', to: '/campaigns', ns: 'campaigns' };
const DOSSIERS: NavItem = { key: 'dossiers', to: '/dossiers', ns: 'dossiers' };

export function navigationFor(role: string | undefined): readonly NavItem[] {
  switch (role) {
    case 'unit_officer':
      return [INBOX, DRAFT, DOSSIERS];
    case 'unit_head':
      return [INBOX, DOSSIERS];
    case 'auditor':
      return [AUDIT, OVERVIEW, STATISTICS];
    case 'admin':
      return [OVERVIEW, AUDIT, STATISTICS];
    case 'board_officer':
      return [INBOX, OVERVIEW, CAMPAIGNS, DOSSIERS, DOCUMENTS, STATISTICS];
    case 'chairman':
      return [INBOX, DOCUMENTS, STATISTICS];
    default:
      return [INBOX];
  }
}
