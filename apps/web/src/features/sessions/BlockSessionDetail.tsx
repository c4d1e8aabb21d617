import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useNames } from '../../ui/useDirectory';
import { BatchBar, DANGER, emptyText, ItemStatus, NomineeLink, pollWhile, TONES } from './shared';

type BlockSession = Schemas['BlockSession'];
type Item = BlockSession['items'][number];
type Result = NonNullable<BlockSession['closed']>['results'][number];
type Choice = 'approve' | 'reject' | 'abstain';

/** A member unit's one ballot: a choice for each item it votes on; its own unit's items are not offered. */
function BallotForm({ session, unitId, onCast }: { session: BlockSession; unitId: string; onCast: () => void }) {
  const { t } = useTranslation('sessions');
  const { t: tc } = useTranslation('common');
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const mine = session.items.filter((i) => i.eligibleVoterUnitIds.includes(unitId));
  const complete = mine.every((i) => choices[i.nominationId] !== undefined);
  async function cast(): Promise<void> {
    setSending(true);
    setProblem(null);
    try {
      await unwrap(
        api.POST('/block-sessions/{id}/ballots', {
          params: { path: { id: session.sessionId } },
          body: { choices: mine.map((i) => ({ nominationId: i.nominationId, choice: choices[i.nominationId]! })) },
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
    <Card size="small" data-testid="ballot-form" title={t('block.ballotTitle')}>
      <Typography.Paragraph>{t('block.ballotIntro', { count: mine.length })}</Typography.Paragraph>
      <Space style={{ marginBottom: 8 }}>
        <Button
          onClick={() => setChoices(Object.fromEntries(mine.map((i) => [i.nominationId, 'approve' as const])))}
          data-testid="approve-all"
        >
          {t('block.approveAll')}
        </Button>
      </Space>
      <Table<Item>
        size="small"
        rowKey="nominationId"
        pagination={false}
        dataSource={session.items}
        columns={[
          {
            key: 'name',
            title: t('columns.nominee'),
            render: (_, i) => <NomineeLink nominationId={i.nominationId} name={i.nomineeName} />,
          },
          { key: 'award', title: t('columns.award'), render: (_, i) => tc(`awards.${i.awardType}`) },
          {
            key: 'choice',
            title: t('columns.choice'),
            render: (_, i) =>
              i.eligibleVoterUnitIds.includes(unitId) ? (
                <Radio.Group
                  aria-label={t('block.choiceFor', { name: i.nomineeName })}
                  value={choices[i.nominationId]}
                  onChange={(e) => setChoices({ ...choices, [i.nominationId]: e.target.value as Choice })}
                  options={(['approve', 'reject', 'abstain'] as const).map((c) => ({
                    value: c,
                    label: tc(`voteChoices.${c}`),
                  }))}
                />
              ) : (
                <Tag data-testid="not-voting">{t('block.notVoting')}</Tag>
              ),
          },
        ]}
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

/** The count after close: per-item tally, quorum, and the flag's acclamation (or its refusal by the one-unit limit). */
function Results({ session }: { session: BlockSession }) {
  const { t } = useTranslation('sessions');
  const { t: tc } = useTranslation('common');
  const closed = session.closed!;
  const byId = new Map(session.items.map((i) => [i.nominationId, i]));
  const acclamation = (r: Result) => {
    const a = r.acclamation;
    if (!a) return <span>—</span>;
    if (a.acclaimed) return <Tag style={TONES.ok}>{t('results.acclaimed')}</Tag>;
    if (a.acclaimedNominationId) {
      return (
        <Typography.Text style={{ color: DANGER }} data-testid="acclamation-refused">
          {t('results.refusedOneUnit', { name: byId.get(a.acclaimedNominationId)?.nomineeName ?? '' })}
        </Typography.Text>
      );
    }
    return <span>{t('results.notAcclaimed')}</span>;
  };
  return (
    <div data-testid="session-results">
      <Alert
        type={closed.quorumMet ? 'success' : 'warning'}
        showIcon
        style={{ margin: '8px 0' }}
        title={t(closed.quorumMet ? 'results.quorumMet' : 'results.quorumNotMet', {
          ballots: closed.ballots,
          members: closed.memberCount,
        })}
        description={t('results.closedAt', { at: formatDateTime(closed.at) })}
      />
      <Table<Result>
        size="small"
        rowKey="nominationId"
        pagination={false}
        dataSource={closed.results}
        data-testid="tallies"
        columns={[
          {
            key: 'name',
            title: t('columns.nominee'),
            render: (_, r) => (
              <NomineeLink nominationId={r.nominationId} name={byId.get(r.nominationId)?.nomineeName ?? ''} />
            ),
          },
          {
            key: 'award',
            title: t('columns.award'),
            render: (_, r) => tc(`awards.${byId.get(r.nominationId)?.awardType ?? ''}`),
          },
          { key: 'approve', title: tc('voteChoices.approve'), render: (_, r) => r.tally.approve, align: 'right' },
          { key: 'reject', title: tc('voteChoices.reject'), render: (_, r) => r.tally.reject, align: 'right' },
          { key: 'abstain', title: tc('voteChoices.abstain'), render: (_, r) => r.tally.abstain, align: 'right' },
          {
            key: 'cast',
            title: t('columns.castOfEligible'),
            render: (_, r) => `${r.tally.cast}/${r.tally.eligible}`,
            align: 'right',
          },
          {
            key: 'quorum',
            title: t('columns.quorum'),
            render: (_, r) => (r.tally.quorumMet ? t('results.yes') : t('results.no')),
          },
          {
            key: 'passed',
            title: t('columns.result'),
            render: (_, r) => (
              <Tag style={r.passed ? TONES.ok : TONES.bad}>{r.passed ? t('results.passed') : t('results.failed')}</Tag>
            ),
          },
          { key: 'flag', title: t('columns.acclamation'), render: (_, r) => acclamation(r) },
          {
            key: 'status',
            title: t('columns.status'),
            render: (_, r) => {
              const item = byId.get(r.nominationId);
              return item ? <ItemStatus item={item} /> : null;
            },
          },
        ]}
      />
    </div>
  );
}

export function BlockSessionDetail({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation('sessions');
  const { t: tc } = useTranslation('common');
  const { token, claims } = useSession();
  const names = useNames();
  const queryClient = useQueryClient();
  const [closeProblem, setCloseProblem] = useState<unknown>(null);
  const [closing, setClosing] = useState(false);
  const query = useQuery({
    queryKey: ['block-session', sessionId, token],
    queryFn: () => unwrap(api.GET('/block-sessions/{id}', { params: { path: { id: sessionId } } })),
    enabled: token !== null,
    refetchOnMount: 'always',
    // Closing is carried out item by item in the background: ask again until every item is done.
    refetchInterval: (q) => pollWhile(q.state.data?.stage === 'Closed' && !q.state.data.progress.finished),
  });
  const s = query.data;
  const leader = claims?.role === 'block_leader' && claims.blockId === s?.blockId;
  const unitId = claims?.role === 'unit_head' ? claims.unitId : undefined;
  const voted = s?.ballots.find((b) => b.unitId === unitId);
  async function close(): Promise<void> {
    setClosing(true);
    setCloseProblem(null);
    try {
      await unwrap(api.POST('/block-sessions/{id}/close', { params: { path: { id: sessionId } } }));
      await query.refetch();
      void queryClient.invalidateQueries({ queryKey: ['block-sessions'] });
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
            <Descriptions.Item label={t('columns.block')}>{names.block(s.blockId)}</Descriptions.Item>
            <Descriptions.Item label={t('columns.year')}>{s.campaignYear}</Descriptions.Item>
            <Descriptions.Item label={t('columns.stage')}>{t(`sessionStage.${s.stage}`)}</Descriptions.Item>
            <Descriptions.Item label={t('columns.openedAt')}>{formatDateTime(s.openedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('columns.ballots')}>
              {t('block.ballotsCast', { cast: s.ballots.length, members: s.memberUnitIds.length })}
            </Descriptions.Item>
            <Descriptions.Item label={t('block.awaiting')}>
              {s.awaitingUnitIds.length === 0 ? '—' : s.awaitingUnitIds.map((u) => names.unit(u)).join(', ')}
            </Descriptions.Item>
          </Descriptions>
          {voted ? <Alert type="info" showIcon title={t('block.youVoted', { at: formatDateTime(voted.at) })} /> : null}
          {s.stage === 'Open' && unitId && s.memberUnitIds.includes(unitId) && !voted ? (
            <BallotForm
              session={s}
              unitId={unitId}
              onCast={() => {
                void query.refetch();
                void queryClient.invalidateQueries({ queryKey: ['block-sessions'] });
              }}
            />
          ) : null}
          {s.stage === 'Open' && leader ? (
            <Space>
              <Popconfirm title={t('block.closeConfirm')} onConfirm={() => void close()}>
                <Button type="primary" loading={closing}>
                  {t('block.close')}
                </Button>
              </Popconfirm>
            </Space>
          ) : null}
          {closeProblem ? <ProblemAlert problem={closeProblem} onRetry={() => void close()} /> : null}
          {s.stage === 'Closed' ? <BatchBar progress={s.progress} label={t('progress.closing')} /> : null}
          {s.closed ? (
            <Results session={s} />
          ) : (
            <Table<Item>
              size="small"
              rowKey="nominationId"
              pagination={false}
              dataSource={s.items}
              data-testid="agenda"
              locale={{ emptyText: emptyText(t('none')) }}
              columns={[
                {
                  key: 'name',
                  title: t('columns.nominee'),
                  render: (_, i) => <NomineeLink nominationId={i.nominationId} name={i.nomineeName} />,
                },
                { key: 'award', title: t('columns.award'), render: (_, i) => tc(`awards.${i.awardType}`) },
                { key: 'unit', title: t('columns.unit'), render: (_, i) => names.unit(i.proposingUnitId) },
                {
                  key: 'voters',
                  title: t('columns.voters'),
                  render: (_, i) => i.eligibleVoterUnitIds.length,
                  align: 'right',
                },
                { key: 'status', title: t('columns.status'), render: (_, i) => <ItemStatus item={i} /> },
              ]}
            />
          )}
        </Space>
      ) : null}
    </Card>
  );
}
