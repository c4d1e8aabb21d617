/** The menu a role sees. Auditors and admins read; only acting roles draft. */
export type NavItem = {
  readonly key:
    | 'inbox'
    | 'draft'
    | 'audit'
    | 'overview'
    | 'documents'
    | 'statistics'
    | 'campaigns'
    | 'dossiers'
    | 'blockSessions'
    | 'councilSessions'
    | 'decisionLists'
    | 'yearStart';
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
const BLOCK_SESSIONS: NavItem = { key: 'blockSessions', to: '/block-sessions', ns: 'sessions' };
const COUNCIL_SESSIONS: NavItem = { key: 'councilSessions', to: '/council-sessions', ns: 'sessions' };
const DECISION_LISTS: NavItem = { key: 'decisionLists', to: '/decision-lists', ns: 'decisions' };
const YEAR_START: NavItem = { key: 'yearStart', to: '/year-start', ns: 'year-start' };

export function navigationFor(role: string | undefined): readonly NavItem[] {
  switch (role) {
    case 'unit_officer':
      return [INBOX, DRAFT, DOSSIERS, YEAR_START];
    case 'unit_head':
      return [INBOX, DOSSIERS, BLOCK_SESSIONS, YEAR_START];
    case 'block_leader':
      return [INBOX, BLOCK_SESSIONS];
    case 'council_member':
      return [INBOX, COUNCIL_SESSIONS];
    case 'auditor':
      return [AUDIT, OVERVIEW, STATISTICS];
    case 'admin':
      return [OVERVIEW, AUDIT, STATISTICS];
    case 'board_officer':
      return [INBOX, OVERVIEW, CAMPAIGNS, YEAR_START, DOSSIERS, COUNCIL_SESSIONS, DOCUMENTS, STATISTICS];
    case 'chairman':
      return [INBOX, DECISION_LISTS, DOCUMENTS, STATISTICS];
    default:
      return [INBOX];
  }
}
