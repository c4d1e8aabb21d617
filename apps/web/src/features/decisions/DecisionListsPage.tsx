import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { BatchBar, DANGER, emptyText, NomineeLink, pollWhile, TONES } from '../sessions/shared';
import type { DecisionListsSearch } from './index';
import { IssueCard } from './IssueCard';

type DecisionList = Schemas['DecisionList'];
type Item = DecisionList['items'][number];

/** YYYY-MM-DD as Vietnamese documents write it. */
function dayOf(date: string): string {
  return date.split('-').reverse().join('/');
}

function ItemResult({ item }: { item: Item }) {
  const { t } = useTranslation('decisions');
  const { t: tc } = useTranslation('common');
  const tone = item.status === 'failed' ? TONES.bad : item.status === 'done' ? TONES.ok : TONES.info;
  return (
    <Space size={4} wrap>
      <Tag style={tone}>{t(`status.${item.status}`)}</Tag>
      {item.result ? <span>{tc(`outcomes.${item.result}`, { defaultValue: item.result })}</span> : null}
      {item.error ? (
        <Typography.Text style={{ color: DANGER }}>
          {tc(`errors.codes.${item.error.code}`, { defaultValue: item.error.message })} ({item.error.code})
        </Typography.Text>
      ) : null}
    </Space>
  );
}

function DecisionDetail({ decisionListId }: { decisionListId: string }) {
  const { t } = useTranslation('decisions');
  const { t: tc } = useTranslation('common');
  const { token, claims } = useSession();
  const query = useQuery({
    queryKey: ['decision-list', decisionListId, token],
    queryFn: () => unwrap(api.GET('/decision-lists/{id}', { params: { path: { id: decisionListId } } })),
    enabled: token !== null,
    refetchOnMount: 'always',
    // Each item's decision is carried out in the background: ask again until all are done.
    refetchInterval: (q) => pollWhile(q.state.data !== undefined && !q.state.data.progress.finished),
  });
  const d = query.data;
  return (
    <Card
      size="small"
      data-testid="decision-detail"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('detail.title', { number: d?.decisionNumber ?? decisionListId })}
        </Typography.Title>
      }
    >
      {query.error ? <ProblemAlert problem={query.error} onRetry={() => void query.refetch()} /> : null}
      {d ? (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('columns.number')}>{d.decisionNumber}</Descriptions.Item>
            <Descriptions.Item label={t('columns.date')}>{dayOf(d.decisionDate)}</Descriptions.Item>
            <Descriptions.Item label={t('columns.signedBy')}>
              {d.signedBy === claims?.sub && claims.name ? claims.name : d.signedBy}
            </Descriptions.Item>
            <Descriptions.Item label={t('columns.issuedAt')}>{formatDateTime(d.at)}</Descriptions.Item>
          </Descriptions>
          <BatchBar progress={d.progress} label={t('progressLabel')} />
          <Table<Item>
            size="small"
            rowKey="nominationId"
            pagination={false}
            dataSource={d.items}
            data-testid="decision-results"
            columns={[
              {
                key: 'name',
                title: t('columns.nominee'),
                render: (_, i) => <NomineeLink nominationId={i.nominationId} name={i.nomineeName ?? i.nominationId} />,
              },
              {
                key: 'award',
                title: t('columns.award'),
                render: (_, i) => (i.awardType ? tc(`awards.${i.awardType}`) : ''),
              },
              {
                key: 'outcome',
                title: t('columns.outcome'),
                render: (_, i) => (
                  <Tag style={i.outcome === 'approved' ? TONES.ok : TONES.bad}>{t(`outcome.${i.outcome}`)}</Tag>
                ),
              },
              { key: 'reason', title: t('columns.reason'), render: (_, i) => i.reason ?? '—' },
              { key: 'result', title: t('columns.result'), render: (_, i) => <ItemResult item={i} /> },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}

export default function DecisionListsPage() {
  const { t } = useTranslation('decisions');
  const { token, claims } = useSession();
  const search = useSearch({ strict: false }) as DecisionListsSearch;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['decision-lists', token],
    queryFn: () => unwrap(api.GET('/decision-lists')),
    enabled: token !== null,
    refetchOnMount: 'always',
    refetchInterval: (q) => pollWhile((q.state.data ?? []).some((r) => !r.progress.finished)),
  });
  const show = (decisionListId: string) => void navigate({ to: '/decision-lists', search: { decisionListId } });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      {list.error ? <ProblemAlert problem={list.error} onRetry={() => void list.refetch()} /> : null}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Table<DecisionList>
          size="small"
          rowKey="decisionListId"
          loading={list.isLoading}
          pagination={false}
          dataSource={list.data ?? []}
          data-testid="decision-list"
          locale={{ emptyText: emptyText(t('none')) }}
          onRow={(r) => ({ onClick: () => show(r.decisionListId), style: { cursor: 'pointer' } })}
          columns={[
            {
              key: 'number',
              title: t('columns.number'),
              render: (_, r) => (
                <a
                  href={`/app/decision-lists?decisionListId=${encodeURIComponent(r.decisionListId)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    show(r.decisionListId);
                  }}
                >
                  {r.decisionNumber}
                </a>
              ),
            },
            { key: 'date', title: t('columns.date'), render: (_, r) => dayOf(r.decisionDate) },
            {
              key: 'approved',
              title: t('outcome.approved'),
              render: (_, r) => r.items.filter((i) => i.outcome === 'approved').length,
              align: 'right',
            },
            {
              key: 'rejected',
              title: t('outcome.rejected'),
              render: (_, r) => r.items.filter((i) => i.outcome === 'rejected').length,
              align: 'right',
            },
            {
              key: 'progress',
              title: t('columns.progress'),
              render: (_, r) => `${r.progress.done}/${r.progress.total}`,
              align: 'right',
            },
            { key: 'at', title: t('columns.issuedAt'), render: (_, r) => formatDateTime(r.at) },
          ]}
        />
        {search.decisionListId ? <DecisionDetail decisionListId={search.decisionListId} /> : null}
        {claims?.role === 'chairman' ? (
          <IssueCard
            onIssued={(id) => {
              void queryClient.invalidateQueries({ queryKey: ['decision-lists'] });
              show(id);
            }}
          />
        ) : null}
      </Space>
    </div>
  );
}
