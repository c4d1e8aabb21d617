import { createRootRoute, createRoute, createRouter, Link } from '@tanstack/react-router';
import { Result, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuditPage, validateAuditSearch } from '../features/audit';
import { CampaignsPage, validateCampaignsSearch } from '../features/campaigns';
import { DecisionListsPage, validateDecisionListsSearch } from '../features/decisions';
import { DocumentsPage, validateDocumentsSearch } from '../features/documents';
import { DossiersPage, validateDossiersSearch } from '../features/dossiers';
import { DraftPage, validateDraftSearch } from '../features/draft';
import { InboxPage, validateInboxSearch } from '../features/inbox';
import { NominationPage, validateNominationSearch } from '../features/nomination';
import { OverviewPage, validateOverviewSearch } from '../features/overview';
import { PublicationPage, validatePublicationSearch } from '../features/publication';
import { BlockSessionsPage, CouncilSessionsPage, validateSessionsSearch } from '../features/sessions';
import { StatisticsPage, validateStatisticsSearch } from '../features/statistics';
import { YearStartPage, validateYearStartSearch } from '../features/year-start';
import { Shell } from './Shell';

function NotFound() {
  const { t } = useTranslation('common');
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('app.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}

const root = createRootRoute({ component: Shell, notFoundComponent: NotFound });

/** Every screen is its own chunk (lazyRouteComponent), so the first route loads only what it shows. */
const routeTree = root.addChildren([
  createRoute({ getParentRoute: () => root, path: '/', component: InboxPage, validateSearch: validateInboxSearch }),
  createRoute({
    getParentRoute: () => root,
    path: '/nominations/$nominationId',
    component: NominationPage,
    validateSearch: validateNominationSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/draft',
    component: DraftPage,
    validateSearch: validateDraftSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/draft/$nominationId',
    component: DraftPage,
    validateSearch: validateDraftSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/audit',
    component: AuditPage,
    validateSearch: validateAuditSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/audit/$nominationId',
    component: AuditPage,
    validateSearch: validateAuditSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/overview',
    component: OverviewPage,
    validateSearch: validateOverviewSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/documents',
    component: DocumentsPage,
    validateSearch: validateDocumentsSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/public',
    component: PublicationPage,
    validateSearch: validatePublicationSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/campaigns',
    component: CampaignsPage,
    validateSearch: validateCampaignsSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/dossiers',
    component: DossiersPage,
    validateSearch: validateDossiersSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/block-sessions',
    component: BlockSessionsPage,
    validateSearch: validateSessionsSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/council-sessions',
    component: CouncilSessionsPage,
    validateSearch: validateSessionsSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/decision-lists',
    component: DecisionListsPage,
    validateSearch: validateDecisionListsSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/statistics',
    component: StatisticsPage,
    validateSearch: validateStatisticsSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/year-start',
    component: YearStartPage,
    validateSearch: validateYearStartSearch,
  }),
]);

export const router = createRouter({ routeTree, basepath: '/app', defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
