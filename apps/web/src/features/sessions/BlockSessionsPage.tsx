import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, newIdempotencyKey, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useNames } from '../../ui/useDirectory';
import { BlockSessionDetail } from './BlockSessionDetail';
import type { SessionsSearch } from './index';
import { emptyText, NominationPicker, pollWhile } from './shared';

type BlockSession = Schemas['BlockSession'];

const YEAR =
  Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date())) - 1;

/** The block leader's opening of a year-end session: a title and the block's nominations in their block vote. */
function OpenSessionCard({ onOpened }: { onOpened: (sessionId: string) => void }) {
  const { t } = useTranslation('sessions');
  const { claims } = useSession();
  const names = useNames();
  const [title, setTitle] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  // One key per opening: a retry after a 503 opens the same session, never a second one.
  const key = useRef(newIdempotencyKey());
  const suggested = t('block.defaultTitle', { block: names.block(claims?.blockId), year: YEAR });
  async function open(): Promise<void> {
    setSending(true);
    setProblem(null);
    try {
      const session = await unwrap(
        api.POST('/block-sessions', {
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
  const problems =
    problem instanceof ApiProblem
      ? ((problem.details['problems'] as { nominationId: string; problem: string }[] | undefined) ?? [])
      : [];
  return (
    <Card
      size="small"
      data-testid="open-session"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('block.openTitle')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph>{t('block.openIntro')}</Typography.Paragraph>
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
        <NominationPicker stage="BlockVote" value={ids} onChange={setIds} testId="pick-nominations" />
        <Button type="primary" disabled={ids.length === 0} loading={sending} onClick={() => void open()}>
          {t('block.open', { count: ids.length })}
        </Button>
        {problem ? <ProblemAlert problem={problem} onRetry={() => void open()} /> : null}
        {problems.length > 0 ? (
          <ul>
            {problems.map((p) => (
              <li key={p.nominationId}>
                {p.nominationId}: {p.problem}
              </li>
            ))}
          </ul>
        ) : null}
      </Space>
    </Card>
  );
}

export default function BlockSessionsPage() {
  const { t } = useTranslation('sessions');
  const { token, claims } = useSession();
  const names = useNames();
  const search = useSearch({ strict: false }) as SessionsSearch;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['block-sessions', token],
    queryFn: () => unwrap(api.GET('/block-sessions')),
    enabled: token !== null,
    refetchOnMount: 'always',
    refetchInterval: (q) => pollWhile((q.state.data ?? []).some((r) => r.stage === 'Closed' && !r.progress.finished)),
  });
  const show = (sessionId: string) => void navigate({ to: '/block-sessions', search: { sessionId } });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('block.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('block.intro')}</Typography.Paragraph>
      {list.error ? <ProblemAlert problem={list.error} onRetry={() => void list.refetch()} /> : null}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Table<BlockSession>
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
                  href={`/app/block-sessions?sessionId=${encodeURIComponent(r.sessionId)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    show(r.sessionId);
                  }}
                >
                  {r.title}
                </a>
              ),
            },
            { key: 'block', title: t('columns.block'), render: (_, r) => names.block(r.blockId) },
            { key: 'year', title: t('columns.year'), dataIndex: 'campaignYear', width: 80 },
            { key: 'items', title: t('columns.items'), render: (_, r) => r.items.length, align: 'right' },
            {
              key: 'ballots',
              title: t('columns.ballots'),
              render: (_, r) => `${r.ballots.length}/${r.memberUnitIds.length}`,
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
        {search.sessionId ? <BlockSessionDetail sessionId={search.sessionId} /> : null}
        {claims?.role === 'block_leader' ? (
          <OpenSessionCard
            onOpened={(id) => {
              void queryClient.invalidateQueries({ queryKey: ['block-sessions'] });
              show(id);
            }}
          />
        ) : null}
      </Space>
    </div>
  );
}
