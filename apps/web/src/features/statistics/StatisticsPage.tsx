import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Progress,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { BarChart } from './BarChart';
import { STATISTICS_DIMENSIONS, STATISTICS_OUTCOMES, type StatisticsSearch } from './index';
import './statistics.css';

const AWARDS = [
  'ProvincialEmulationFlag',
  'ProvincialEmulationFighter',
  'ExcellentLabourCollective',
  'ProvincialCertificateOfMerit',
] as const;
const STATISTICS_ROLES = new Set(['board_officer', 'chairman', 'auditor', 'admin']);

type Query = NonNullable<paths['/statistics']['get']['parameters']['query']>;

/** The API's query for the URL's filters: what the figures, the exports and the test all send. */
export function statisticsQuery(search: StatisticsSearch, lang: 'vi' | 'en'): Query {
  return {
    ...(search.province ? { province: search.province } : {}),
    ...(search.block ? { block: search.block } : {}),
    ...(search.unit ? { unit: search.unit } : {}),
    ...(search.year ? { year: search.year } : {}),
    ...(search.awardType ? { awardType: search.awardType as (typeof AWARDS)[number] } : {}),
    ...(search.outcome ? { outcome: search.outcome } : {}),
    ...(search.groupBy ? { groupBy: search.groupBy } : {}),
    lang,
  };
}

/** A share as "66,7 %" (one decimal, the language's separator); "—" without a denominator. */
export function formatShare(share: number | null | undefined, language: string): string {
  if (share === null || share === undefined) return '—';
  return `${new Intl.NumberFormat(language === 'en' ? 'en-US' : 'vi-VN', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(share * 100)} %`;
}

function formatNumber(value: number | null | undefined, language: string, digits = 0): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: digits }).format(value);
}

/** Saves a response body as a file: exports need the bearer token, so a plain link cannot fetch them. */
async function download(call: Promise<{ data?: unknown; error?: unknown; response: Response }>, fallbackName: string) {
  const blob = (await unwrap(call)) as Blob;
  const response = (await call).response;
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

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
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState<string | undefined>();
  const thisYear = new Date().getFullYear();
  const [reportYear, setReportYear] = useState<number>(search.year ?? thisYear);

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
  const blocks = (directory.data?.blocks ?? []).filter((b) => !province || b.provinceId === province);
  const units = (directory.data?.units ?? []).filter(
    (u) => (!province || u.provinceId === province) && (!search.block || u.blockId === search.block),
  );
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);
  const groupBy = search.groupBy ? search.groupBy.split(',') : [];

  async function run(kind: string, action: () => Promise<void>) {
    setProblem(undefined);
    setBusy(kind);
    try {
      await action();
      void message.success(t('downloaded'));
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(undefined);
    }
  }

  const totals = figures.data?.totals;
  return (
    <div className="laurel-statistics">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>

      <Card size="small" title={<h2 className="laurel-card-heading">{t('filters')}</h2>}>
        <Form layout="vertical">
          <Row gutter={[16, 0]}>
            {seesAll ? (
              <Col xs={24} sm={12} lg={6}>
                <Form.Item label={t('province')} htmlFor="stat-province">
                  <Select
                    id="stat-province"
                    allowClear
                    placeholder={t('all')}
                    value={search.province}
                    options={(directory.data?.provinces ?? []).map((p) => ({ value: p.id, label: p.name }))}
                    onChange={(value?: string) =>
                      setSearch({ ...search, province: value, block: undefined, unit: undefined })
                    }
                  />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label={t('block')} htmlFor="stat-block">
                <Select
                  id="stat-block"
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('all')}
                  value={search.block}
                  options={blocks.map((b) => ({ value: b.id, label: b.name }))}
                  onChange={(value?: string) => setSearch({ ...search, block: value, unit: undefined })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label={t('unit')} htmlFor="stat-unit">
                <Select
                  id="stat-unit"
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('all')}
                  value={search.unit}
                  options={units.map((u) => ({ value: u.id, label: u.name }))}
                  onChange={(value?: string) => setSearch({ ...search, unit: value })}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={3}>
              <Form.Item label={t('year')} htmlFor="stat-year">
                <Select
                  id="stat-year"
                  allowClear
                  placeholder={t('allYears')}
                  value={search.year}
                  options={years.map((y) => ({ value: y, label: String(y) }))}
                  onChange={(value?: number) => setSearch({ ...search, year: value })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label={t('award')} htmlFor="stat-award">
                <Select
                  id="stat-award"
                  allowClear
                  placeholder={t('all')}
                  value={search.awardType}
                  options={AWARDS.map((a) => ({ value: a, label: t(`awards.${a}`, { ns: 'common' }) }))}
                  onChange={(value?: string) => setSearch({ ...search, awardType: value })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label={t('outcome')} htmlFor="stat-outcome">
                <Select
                  id="stat-outcome"
                  allowClear
                  placeholder={t('all')}
                  value={search.outcome}
                  options={STATISTICS_OUTCOMES.map((o) => ({ value: o, label: outcomeName(t, o) }))}
                  onChange={(value?: StatisticsSearch['outcome']) => setSearch({ ...search, outcome: value })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label={t('groupBy')} htmlFor="stat-group" extra={t('groupByHint')}>
                <Select
                  id="stat-group"
                  mode="multiple"
                  maxCount={2}
                  allowClear
                  placeholder={t('noGrouping')}
                  value={groupBy}
                  options={STATISTICS_DIMENSIONS.filter((d) => seesAll || d !== 'province').map((d) => ({
                    value: d,
                    label: t(`dimensions.${d}`),
                  }))}
                  onChange={(value: string[]) =>
                    setSearch({ ...search, groupBy: value.length > 0 ? value.join(',') : undefined })
                  }
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <Flex gap={8} wrap>
          <Button
            loading={busy === 'csv'}
            onClick={() =>
              void run('csv', () =>
                download(api.GET('/statistics/export.csv', { params: { query }, parseAs: 'blob' }), 'thong-ke.csv'),
              )
            }
            data-testid="export-csv"
          >
            {t('exportCsv')}
          </Button>
          <Button
            loading={busy === 'xlsx'}
            onClick={() =>
              void run('xlsx', () =>
                download(api.GET('/statistics/export.xlsx', { params: { query }, parseAs: 'blob' }), 'thong-ke.xlsx'),
              )
            }
            data-testid="export-xlsx"
          >
            {t('exportXlsx')}
          </Button>
          <Space.Compact>
            <Select
              aria-label={t('reportYear')}
              value={reportYear}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              onChange={(value: number) => setReportYear(value)}
              style={{ width: 96 }}
            />
            <Button
              type="primary"
              loading={busy === 'annual'}
              onClick={() =>
                void run('annual', () =>
                  download(
                    api.GET('/reports/annual/{year}.xlsx', {
                      params: {
                        path: { year: reportYear },
                        query: { ...(province ? { province } : {}), lang },
                      },
                      parseAs: 'blob',
                    } as never),
                    `bao-cao-${reportYear}.xlsx`,
                  ),
                )
              }
              data-testid="annual-report"
            >
              {t('annualReport', { year: reportYear })}
            </Button>
          </Space.Compact>
        </Flex>
        {problem ? (
          <div style={{ marginTop: 12 }}>
            <ProblemAlert problem={problem} />
          </div>
        ) : null}
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

function outcomeName(t: TFunction<'statistics'>, outcome: string): string {
  return outcome === 'InProgress' ? t('inProgress') : t(`outcomes.${outcome}`, { ns: 'common' });
}

const COUNT_KEYS = ['nominations', 'awarded', 'notAwarded', 'withdrawn', 'expired', 'revoked', 'inProgress'] as const;

function Totals({ totals }: { totals: Schemas['StatisticsCounts'] }) {
  const { t, i18n } = useTranslation('statistics');
  return (
    <section aria-labelledby="stat-totals" style={{ marginTop: 24 }}>
      <Typography.Title level={2} id="stat-totals" style={{ fontSize: 20 }}>
        {t('totals')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {COUNT_KEYS.map((key) => (
          <Col key={key} xs={12} sm={8} md={6} lg={3}>
            <Card size="small">
              <Statistic
                title={t(`counts.${key}`)}
                value={totals[key]}
                formatter={(value) => (
                  <span data-testid={`stat-${key}`}>{formatNumber(Number(value), i18n.language)}</span>
                )}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic
              title={t('counts.individualAwardees')}
              value={totals.individualAwardees}
              formatter={(v) => (
                <span data-testid="stat-individualAwardees">{formatNumber(Number(v), i18n.language)}</span>
              )}
            />
            <Typography.Text type="secondary">
              {t('collectiveAwardees', { count: totals.collectiveAwardees })}
            </Typography.Text>
          </Card>
        </Col>
        {(['frontLine', 'hardshipArea'] as const).map((kind) => (
          <Col key={kind} xs={24} md={8}>
            <Card size="small">
              <Typography.Text>{t(`shares.${kind}`)}</Typography.Text>
              <div style={{ fontSize: 24, fontWeight: 600 }} data-testid={`stat-${kind}Share`}>
                {formatShare(totals[`${kind}Share`], i18n.language)}
              </div>
              <Progress
                percent={Math.round((totals[`${kind}Share`] ?? 0) * 1000) / 10}
                showInfo={false}
                aria-label={t(`shares.${kind}`)}
              />
              <Typography.Text type="secondary" data-testid={`stat-${kind}Awardees`}>
                {t('shareOf', {
                  part: totals[`${kind}Awardees`],
                  whole: totals.individualAwardees,
                })}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
    </section>
  );
}

function Stages({ stages }: { stages: Schemas['StageFigures'][] }) {
  const { t, i18n } = useTranslation('statistics');
  return (
    <section aria-labelledby="stat-stages" style={{ marginTop: 24 }}>
      <Typography.Title level={2} id="stat-stages" style={{ fontSize: 20 }}>
        {t('stagesHeading')}
      </Typography.Title>
      <div className="laurel-scroll" tabIndex={0} role="region" aria-labelledby="stat-stages">
        <Table<Schemas['StageFigures']>
          size="small"
          pagination={false}
          rowKey="stage"
          dataSource={stages}
          onRow={(row) => ({ 'data-testid': `stage-${row.stage}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('stage'), dataIndex: 'stage', render: (s: string) => t(`stages.${s}`, { ns: 'common' }) },
            { title: t('entered'), dataIndex: 'entered', align: 'right' },
            { title: t('completed'), dataIndex: 'completed', align: 'right' },
            {
              title: t('median'),
              dataIndex: 'medianWorkingDays',
              align: 'right',
              render: (v: number | null) => <span data-field="median">{formatNumber(v, i18n.language, 1)}</span>,
            },
            { title: t('overdue'), dataIndex: 'overdue', align: 'right' },
            {
              title: t('overdueShare'),
              dataIndex: 'overdueShare',
              render: (v: number | null) => (
                <Flex gap={8} align="center" style={{ minWidth: 160 }}>
                  <span data-field="overdueShare" style={{ minWidth: 56 }}>
                    {formatShare(v, i18n.language)}
                  </span>
                  <Progress
                    percent={Math.round((v ?? 0) * 1000) / 10}
                    showInfo={false}
                    status={v && v > 0.2 ? 'exception' : 'normal'}
                    aria-hidden="true"
                    style={{ flex: 1, margin: 0 }}
                  />
                </Flex>
              ),
            },
          ]}
        />
      </div>
    </section>
  );
}

function Groups({ view }: { view: Schemas['StatisticsView'] }) {
  const { t, i18n } = useTranslation('statistics');
  if (view.groupBy.length === 0) return null;
  const label = (g: Schemas['StatisticsGroup']) =>
    view.groupBy.map((d) => g.label[d] ?? String(g.key[d] ?? '—')).join(' · ');
  return (
    <section aria-labelledby="stat-groups" style={{ marginTop: 24 }}>
      <Typography.Title level={2} id="stat-groups" style={{ fontSize: 20 }}>
        {t('groupsHeading', { by: view.groupBy.map((d) => t(`dimensions.${d}`)).join(' × ') })}
      </Typography.Title>
      {view.groups.length === 0 ? (
        <Empty description={t('noGroups')} />
      ) : (
        <Row gutter={[24, 16]}>
          <Col xs={24} xl={10}>
            <BarChart
              title={t('chartTitle')}
              series={[t('counts.nominations'), t('counts.awarded')]}
              bars={view.groups.map((g) => ({ label: label(g), values: [g.nominations, g.awarded] }))}
            />
          </Col>
          <Col xs={24} xl={14}>
            <div className="laurel-scroll" tabIndex={0} role="region" aria-labelledby="stat-groups">
              <Table<Schemas['StatisticsGroup']>
                size="small"
                pagination={false}
                rowKey={(g) => JSON.stringify(g.key)}
                dataSource={view.groups}
                data-testid="stat-groups-table"
                columns={[
                  ...view.groupBy.map((d) => ({
                    key: d,
                    title: t(`dimensions.${d}`),
                    render: (_: unknown, g: Schemas['StatisticsGroup']) => g.label[d] ?? String(g.key[d] ?? '—'),
                  })),
                  ...COUNT_KEYS.map((key) => ({
                    key,
                    title: t(`counts.${key}`),
                    dataIndex: key,
                    align: 'right' as const,
                  })),
                  {
                    key: 'frontLineShare',
                    title: t('shares.frontLineShort'),
                    align: 'right' as const,
                    render: (_: unknown, g: Schemas['StatisticsGroup']) => formatShare(g.frontLineShare, i18n.language),
                  },
                ]}
              />
            </div>
          </Col>
        </Row>
      )}
    </section>
  );
}
