import { Card, Col, Empty, Flex, Progress, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { BarChart } from './BarChart';
import { formatNumber, formatShare } from './statistics-format';

// The figures: the totals, each stage's pace and, when grouped, a chart with its table.

const COUNT_KEYS = ['nominations', 'awarded', 'notAwarded', 'withdrawn', 'expired', 'revoked', 'inProgress'] as const;

export function Totals({ totals }: { totals: Schemas['StatisticsCounts'] }) {
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

export function Stages({ stages }: { stages: Schemas['StageFigures'][] }) {
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

export function Groups({ view }: { view: Schemas['StatisticsView'] }) {
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
