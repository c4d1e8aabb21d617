import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import './overview.css';

type OverdueNomination = Schemas['OverviewNomination'];
type CountRow = { key: string; label: string; count: number };

function CountTable({ title, rows, testId }: { title: string; rows: CountRow[]; testId: string }) {
  const { t } = useTranslation('overview');
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {title}
        </Typography.Title>
      }
      size="small"
    >
      <Table<CountRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: <span className="overview-empty">{t('none')}</span> }}
        data-testid={testId}
        columns={[
          { key: 'label', title: t('key'), dataIndex: 'label' },
          { key: 'count', title: t('count'), dataIndex: 'count', align: 'right', width: 110 },
        ]}
      />
    </Card>
  );
}

export default function OverviewPage() {
  const { t } = useTranslation('overview');
  const { t: tc } = useTranslation('common');
  const { token } = useSession();
  const overview = useQuery({
    queryKey: ['overview', token],
    queryFn: () => unwrap(api.GET('/overview')),
    enabled: token !== null,
    refetchOnMount: 'always',
  });
  const directory = useQuery({
    queryKey: ['directory', token],
    queryFn: () => unwrap(api.GET('/directory')),
    enabled: token !== null,
    staleTime: 5 * 60_000,
  });
  const names = useMemo(() => {
    const blocks = new Map(directory.data?.blocks.map((b) => [b.id, b.name]) ?? []);
    const units = new Map(directory.data?.units.map((u) => [u.id, u.name]) ?? []);
    return {
      block: (id: string | null) => (id ? (blocks.get(id) ?? id) : t('none')),
      unit: (id: string | null) => (id ? (units.get(id) ?? id) : t('none')),
    };
  }, [directory.data, t]);
  const award = (code: string | null) => (code ? tc(`awards.${code}`, { defaultValue: code }) : t('none'));
  const data = overview.data;

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('title')}
      </Typography.Title>
      {overview.error ? <ProblemAlert problem={overview.error} onRetry={() => void overview.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('total')} value={data?.total ?? 0} loading={overview.isLoading} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('overdueCount')}
              value={data?.overdue.length ?? 0}
              loading={overview.isLoading}
              valueStyle={data?.overdue.length ? { color: '#b42318' } : undefined}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <CountTable
            title={t('byStage')}
            testId="by-stage"
            rows={(data?.byStage ?? []).map((r) => ({ key: r.stage, label: tc(`stages.${r.stage}`), count: r.count }))}
          />
        </Col>
        <Col xs={24} lg={12}>
          <CountTable
            title={t('byBlock')}
            testId="by-block"
            rows={(data?.byBlock ?? []).map((r) => ({
              key: r.blockId ?? '-',
              label: names.block(r.blockId),
              count: r.count,
            }))}
          />
        </Col>
        <Col xs={24} lg={12}>
          <CountTable
            title={t('byAward')}
            testId="by-award"
            rows={(data?.byAward ?? []).map((r) => ({
              key: r.awardType ?? '-',
              label: award(r.awardType),
              count: r.count,
            }))}
          />
        </Col>
        <Col xs={24} lg={12}>
          <CountTable
            title={t('byYear')}
            testId="by-year"
            rows={(data?.byYear ?? []).map((r) => ({
              key: String(r.campaignYear ?? '-'),
              label: r.campaignYear === null ? t('none') : String(r.campaignYear),
              count: r.count,
            }))}
          />
        </Col>
      </Row>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {t('overdue')}
      </Typography.Title>
      <Table<OverdueNomination>
        rowKey="nominationId"
        loading={overview.isLoading}
        dataSource={data?.overdue ?? []}
        pagination={(data?.overdue.length ?? 0) > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: <span className="overview-empty">{t('noOverdue')}</span> }}
        scroll={{ x: 'max-content' }}
        data-testid="overdue-table"
        columns={[
          {
            key: 'nominee',
            title: t('columns.nominee'),
            render: (_, n) => (
              <Link to="/nominations/$nominationId" params={{ nominationId: n.nominationId }}>
                {n.nomineeName ?? n.nominationId}
              </Link>
            ),
          },
          { key: 'award', title: t('columns.award'), render: (_, n) => award(n.awardType) },
          { key: 'unit', title: t('columns.unit'), render: (_, n) => names.unit(n.proposingUnitId) },
          { key: 'block', title: t('columns.block'), render: (_, n) => names.block(n.blockId) },
          {
            key: 'stage',
            title: t('columns.stage'),
            render: (_, n) => (
              <Space size={4} wrap>
                {tc(`stages.${n.stage}`)}
                {n.escalated ? (
                  <Tag
                    className="overview-escalated"
                    style={{ color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' }}
                  >
                    {t('escalated')}
                  </Tag>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'deadline',
            title: t('columns.deadline'),
            render: (_, n) =>
              n.stageDeadline ? <time dateTime={n.stageDeadline}>{formatDateTime(n.stageDeadline)}</time> : '—',
          },
          {
            key: 'workflow',
            title: t('columns.workflow'),
            render: (_, n) =>
              n.temporalUiUrl ? (
                <a
                  href={n.temporalUiUrl}
                  target="_blank"
                  rel="noreferrer"
                  aria-label={t('temporalFor', { name: n.nomineeName ?? n.nominationId })}
                  data-testid="temporal-link"
                >
                  {t('temporal')}
                </a>
              ) : (
                <Typography.Text type="secondary">{t('noTemporal')}</Typography.Text>
              ),
          },
        ]}
      />
    </div>
  );
}
