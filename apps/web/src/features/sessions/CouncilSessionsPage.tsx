import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, newIdempotencyKey, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDate, formatDateTime } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { CouncilSessionDetail } from './CouncilSessionDetail';
import type { SessionsSearch } from './index';
import { emptyText, NominationPicker, pollWhile } from './shared';

type CouncilSession = Schemas['CouncilSession'];

/** The Board's agenda: nominations whose block vote passed and whose council review is open. */
function PrepareCard({ onOpened }: { onOpened: (sessionId: string) => void }) {
  const { t } = useTranslation('sessions');
  const [title, setTitle] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const key = useRef(newIdempotencyKey());
  const suggested = t('council.defaultTitle', { date: formatDate(new Date().toISOString()) });
  async function open(): Promise<void> {
    setSending(true);
    setProblem(null);
    try {
      const session = await unwrap(
        api.POST('/council-sessions', {
          params: { header: { 'Idempotency-Key': key.current } },
          body: { title: title.trim() || suggested, nominationIds: ids },
        }),
      );
      key.current = newIdempotencyKey();
      setIds([]);
      onOpened(session.sessionId);
    } catch (error) {
      setProblem(error);
      if (!(error instanceof ApiProblem && error.retryable)) key.current = newIdempotencyKey();
    } finally {
      setSending(false);
    }
  }
  return (
    <Card
      size="small"
      data-testid="open-session"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('council.openTitle')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph>{t('council.openIntro')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <label>
          {t('block.sessionTitle')}
          <Input
            value={title}
            placeholder={suggested}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="session-title"
          />
        </label>
        <NominationPicker stage="CouncilReview" value={ids} onChange={setIds} testId="pick-nominations" />
        <Button type="primary" disabled={ids.length === 0} loading={sending} onClick={() => void open()}>
          {t('council.open', { count: ids.length })}
        </Button>
        {problem ? <ProblemAlert problem={problem} onRetry={() => void open()} /> : null}
      </Space>
    </Card>
  );
}

export default function CouncilSessionsPage() {
  const { t } = useTranslation('sessions');
  const { token, claims } = useSession();
  const search = useSearch({ strict: false }) as SessionsSearch;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['council-sessions', token],
    queryFn: () => unwrap(api.GET('/council-sessions')),
    enabled: token !== null,
    refetchOnMount: 'always',
    refetchInterval: (q) => pollWhile((q.state.data ?? []).some((r) => r.stage === 'Closed' && !r.progress.finished)),
  });
  const show = (sessionId: string) => void navigate({ to: '/council-sessions', search: { sessionId } });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('council.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('council.intro')}</Typography.Paragraph>
      {list.error ? <ProblemAlert problem={list.error} onRetry={() => void list.refetch()} /> : null}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Table<CouncilSession>
          size="small"
          rowKey="sessionId"
          loading={list.isLoading}
          pagination={false}
          dataSource={list.data ?? []}
          data-testid="session-list"
          locale={{ emptyText: emptyText(t('none')) }}
          onRow={(r) => ({ onClick: () => show(r.sessionId), style: { cursor: 'pointer' } })}
          columns={[
            {
              key: 'title',
              title: t('columns.title'),
              render: (_, r) => (
                <a
                  href={`/app/council-sessions?sessionId=${encodeURIComponent(r.sessionId)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    show(r.sessionId);
                  }}
                >
                  {r.title}
                </a>
              ),
            },
            { key: 'items', title: t('columns.items'), render: (_, r) => r.items.length, align: 'right' },
            {
              key: 'secret',
              title: t('council.secretItems'),
              render: (_, r) => r.items.filter((i) => i.secretBallot).length,
              align: 'right',
            },
            {
              key: 'ballots',
              title: t('columns.ballots'),
              render: (_, r) => `${r.ballots.length}/${r.memberIds.length}`,
              align: 'right',
            },
            {
              key: 'stage',
              title: t('columns.stage'),
              render: (_, r) => (
                <Tag color={r.stage === 'Open' ? 'blue' : 'default'}>{t(`sessionStage.${r.stage}`)}</Tag>
              ),
            },
            { key: 'at', title: t('columns.openedAt'), render: (_, r) => formatDateTime(r.openedAt) },
          ]}
        />
        {search.sessionId ? <CouncilSessionDetail sessionId={search.sessionId} /> : null}
        {claims?.role === 'board_officer' ? (
          <PrepareCard
            onOpened={(id) => {
              void queryClient.invalidateQueries({ queryKey: ['council-sessions'] });
              show(id);
            }}
          />
        ) : null}
      </Space>
    </div>
  );
}
