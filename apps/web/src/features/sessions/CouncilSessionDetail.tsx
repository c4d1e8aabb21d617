import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useNames } from '../../ui/useDirectory';
import { BatchBar, emptyText, ItemStatus, NomineeLink, pollWhile, TONES } from './shared';

type CouncilSession = Schemas['CouncilSession'];
type Item = CouncilSession['items'][number];
type Recommendation = 'approve' | 'reject';

/** A council member's ballot: a recommendation on each item, except where the member recuses. */
function CouncilBallot({
  session,
  memberId,
  onCast,
}: {
  session: CouncilSession;
  memberId: string;
  onCast: () => void;
}) {
  const { t } = useTranslation('sessions');
  const [choices, setChoices] = useState<Record<string, Recommendation>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const votable = session.items.filter((i) => !i.recusedMemberIds.includes(memberId));
  const complete = votable.every((i) => choices[i.nominationId] !== undefined);
  async function cast(): Promise<void> {
    setSending(true);
    setProblem(null);
    try {
      await unwrap(
        api.POST('/council-sessions/{id}/ballots', {
          params: { path: { id: session.sessionId } },
          body: {
            choices: votable.map((i) => ({ nominationId: i.nominationId, recommendation: choices[i.nominationId]! })),
          },
        }),
      );
      onCast();
    } catch (error) {
      setProblem(error);
    } finally {
      setSending(false);
    }
  }
  return (
    <Card size="small" data-testid="ballot-form" title={t('council.ballotTitle')}>
      <Typography.Paragraph>{t('council.ballotIntro', { count: votable.length })}</Typography.Paragraph>
      <Button
        style={{ marginBottom: 8 }}
        onClick={() => setChoices(Object.fromEntries(votable.map((i) => [i.nominationId, 'approve' as const])))}
      >
        {t('block.approveAll')}
      </Button>
      <ItemsTable
        session={session}
        choice={(i) =>
          i.recusedMemberIds.includes(memberId) ? (
            <Tag data-testid="recused">{t('council.recused')}</Tag>
          ) : (
            <Radio.Group
              aria-label={t('block.choiceFor', { name: i.nomineeName })}
              value={choices[i.nominationId]}
              onChange={(e) => setChoices({ ...choices, [i.nominationId]: e.target.value as Recommendation })}
              options={(['approve', 'reject'] as const).map((c) => ({ value: c, label: t(`council.${c}`) }))}
            />
          )
        }
      />
      <Space style={{ marginTop: 8 }}>
        <Popconfirm title={t('block.castConfirm')} onConfirm={() => void cast()} disabled={!complete}>
          <Button type="primary" disabled={!complete} loading={sending}>
            {t('block.cast')}
          </Button>
        </Popconfirm>
        {!complete ? <Typography.Text>{t('block.chooseEach')}</Typography.Text> : null}
      </Space>
      {problem ? <ProblemAlert problem={problem} onRetry={() => void cast()} /> : null}
    </Card>
  );
}

function ItemsTable({ session, choice }: { session: CouncilSession; choice?: (i: Item) => React.ReactNode }) {
  const { t } = useTranslation('sessions');
  const { t: tc } = useTranslation('common');
  const names = useNames();
  return (
    <Table<Item>
      size="small"
      rowKey="nominationId"
      pagination={false}
      dataSource={session.items}
      data-testid={choice ? 'ballot-items' : 'agenda'}
      locale={{ emptyText: emptyText(t('none')) }}
      columns={[
        {
          key: 'name',
          title: t('columns.nominee'),
          render: (_, i) => (
            <Space size={4} wrap>
              <NomineeLink nominationId={i.nominationId} name={i.nomineeName} />
              {i.secretBallot ? <Tag style={TONES.secret}>{t('council.secret')}</Tag> : null}
            </Space>
          ),
        },
        { key: 'award', title: t('columns.award'), render: (_, i) => tc(`awards.${i.awardType}`) },
        { key: 'unit', title: t('columns.unit'), render: (_, i) => names.unit(i.proposingUnitId) },
        ...(choice
          ? [{ key: 'choice', title: t('council.choice'), render: (_: unknown, i: Item) => choice(i) }]
          : [
              {
                key: 'recused',
                title: t('council.recusedColumn'),
                render: (_: unknown, i: Item) =>
                  i.recusedMemberIds.length === 0
                    ? '—'
                    : t('council.recusedCount', { count: i.recusedMemberIds.length }),
              },
              {
                key: 'votes',
                title: t('columns.votesApplied'),
                render: (_: unknown, i: Item) => `${i.votesApplied}/${i.votesDue}`,
                align: 'right' as const,
              },
              {
                key: 'status',
                title: t('columns.result'),
                render: (_: unknown, i: Item) => <ItemStatus item={i} />,
              },
            ]),
      ]}
    />
  );
}

export function CouncilSessionDetail({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation('sessions');
  const { token, claims } = useSession();
  const queryClient = useQueryClient();
  const [closeProblem, setCloseProblem] = useState<unknown>(null);
  const [closing, setClosing] = useState(false);
  const query = useQuery({
    queryKey: ['council-session', sessionId, token],
    queryFn: () => unwrap(api.GET('/council-sessions/{id}', { params: { path: { id: sessionId } } })),
    enabled: token !== null,
    refetchOnMount: 'always',
    refetchInterval: (q) => pollWhile(q.state.data?.stage === 'Closed' && !q.state.data.progress.finished),
  });
  const s = query.data;
  const memberId = claims?.role === 'council_member' ? claims.sub : undefined;
  const voted = s?.ballots.find((b) => b.memberId === memberId);
  const board = claims?.role === 'board_officer';
  async function close(): Promise<void> {
    setClosing(true);
    setCloseProblem(null);
    try {
      await unwrap(api.POST('/council-sessions/{id}/close', { params: { path: { id: sessionId } } }));
      await query.refetch();
      void queryClient.invalidateQueries({ queryKey: ['council-sessions'] });
    } catch (error) {
      setCloseProblem(error);
    } finally {
      setClosing(false);
    }
  }
  return (
    <Card
      size="small"
      data-testid="session-detail"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {s?.title ?? sessionId}
        </Typography.Title>
      }
    >
      {query.error ? <ProblemAlert problem={query.error} onRetry={() => void query.refetch()} /> : null}
      {s ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('columns.stage')}>{t(`sessionStage.${s.stage}`)}</Descriptions.Item>
            <Descriptions.Item label={t('columns.openedAt')}>{formatDateTime(s.openedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('columns.ballots')}>
              {t('council.ballotsCast', { cast: s.ballots.length, members: s.memberIds.length })}
            </Descriptions.Item>
            <Descriptions.Item label={t('council.quorumRule')}>
              {t('council.quorumRatio', { percent: Math.round(s.quorumRatio * 100) })}
            </Descriptions.Item>
          </Descriptions>
          {voted ? (
            <Alert type="info" showIcon title={t('council.youVoted', { at: formatDateTime(voted.at) })} />
          ) : null}
          {s.stage === 'Open' && memberId && s.memberIds.includes(memberId) && !voted ? (
            <CouncilBallot
              session={s}
              memberId={memberId}
              onCast={() => {
                void query.refetch();
                void queryClient.invalidateQueries({ queryKey: ['council-sessions'] });
              }}
            />
          ) : null}
          {s.stage === 'Open' && board ? (
            <Popconfirm title={t('council.closeConfirm')} onConfirm={() => void close()}>
              <Button type="primary" loading={closing}>
                {t('block.close')}
              </Button>
            </Popconfirm>
          ) : null}
          {closeProblem ? <ProblemAlert problem={closeProblem} onRetry={() => void close()} /> : null}
          {s.closed ? (
            <Alert
              data-testid="session-results"
              type={s.closed.quorumMet ? 'success' : 'warning'}
              showIcon
              title={t(s.closed.quorumMet ? 'results.quorumMet' : 'council.notQuorate', {
                ballots: s.closed.ballots,
                members: s.closed.memberCount,
              })}
              description={t('results.closedAt', { at: formatDateTime(s.closed.at) })}
            />
          ) : null}
          {s.stage === 'Closed' ? <BatchBar progress={s.progress} label={t('progress.closing')} /> : null}
          <ItemsTable session={s} />
        </Space>
      ) : null}
    </Card>
  );
}
