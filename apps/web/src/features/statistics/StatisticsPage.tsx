import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Card, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../ui/ProblemAlert';
import type { StatisticsSearch } from './index';
import { statisticsQuery } from './statistics-api';
import { StatisticsExports } from './StatisticsExports';
import { Groups, Stages, Totals } from './StatisticsFigures';
import { StatisticsFilters } from './StatisticsFilters';
import './statistics.css';

const STATISTICS_ROLES = new Set(['board_officer', 'chairman', 'auditor', 'admin']);

/** `/statistics`: figures of the statistics projection for the Board, the chairman, auditors and admins. */
export default function StatisticsPage() {
  const { t, i18n } = useTranslation('statistics');
  const { claims } = useSession();
  const search = useSearch({ strict: false }) as StatisticsSearch;
  const navigate = useNavigate();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const setSearch = (next: StatisticsSearch) => void navigate({ to: '/statistics', search: next, replace: true });
  const seesAll = claims?.role === 'admin' || (claims?.role === 'auditor' && !claims.province);
  const allowed = claims?.role !== undefined && STATISTICS_ROLES.has(claims.role);

  const directory = useQuery({
    queryKey: ['directory'],
    queryFn: () => unwrap(api.GET('/directory')),
    staleTime: 5 * 60_000,
    enabled: allowed,
  });
  const query = statisticsQuery(search, lang);
  const figures = useQuery({
    queryKey: ['statistics', query],
    queryFn: () => unwrap(api.GET('/statistics', { params: { query } })),
    enabled: allowed,
  });

  if (!allowed) {
    return (
      <>
        <Typography.Title level={1}>{t('title')}</Typography.Title>
        <ProblemAlert
          problem={
            new ApiProblem(403, 'ROLE_NOT_ALLOWED', 'statistics are for the Board, the chairman, auditors and admins')
          }
        />
      </>
    );
  }

  const province = seesAll ? search.province : (claims?.province ?? undefined);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);
  const totals = figures.data?.totals;
  return (
    <div className="laurel-statistics">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>

      <Card size="small" title={<h2 className="laurel-card-heading">{t('filters')}</h2>}>
        <StatisticsFilters
          search={search}
          setSearch={setSearch}
          seesAll={seesAll}
          directory={directory.data}
          province={province}
          years={years}
        />
        <StatisticsExports
          query={query}
          province={province}
          lang={lang}
          years={years}
          initialYear={search.year ?? thisYear}
        />
      </Card>

      <ProblemAlert problem={figures.error} onRetry={() => void figures.refetch()} />
      {figures.isPending ? <Skeleton active /> : null}
      {totals && figures.data ? (
        <>
          <Totals totals={totals} />
          <Stages stages={figures.data.stages} />
          <Groups view={figures.data} />
        </>
      ) : null}
    </div>
  );
}
