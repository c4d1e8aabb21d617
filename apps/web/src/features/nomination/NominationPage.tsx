import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import {
  Alert,
  App,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Row,
  Skeleton,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { formatDateTime, workingDaysUntil } from '../../lib/time';
import { CopyableHash } from '../../ui/CopyableHash';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useNames } from '../../ui/useDirectory';
import { useSession } from '../../auth/session';
import { ActionPanel, DoneNotice } from './ActionPanel';
import type { ActionName } from './actions';
import './nomination.css';

type Detail = Schemas['NominationDetail'];
type State = Exclude<Detail['state'], { stage: 'Initial' }>;

/** A calendar date (YYYY-MM-DD, already the province's) as dd/MM/yyyy. */
function formatDay(day: string | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

const STEP_OF_STAGE: Record<string, number> = {
  Draft: 0,
  BlockVote: 1,
  CouncilReview: 2,
  AwaitingSupplement: 2,
  ProvincialDecision: 3,
};

export function useNomination(nominationId: string) {
  return useQuery({
    queryKey: ['nomination', nominationId],
    queryFn: () => unwrap(api.GET('/nominations/{id}', { params: { path: { id: nominationId } } })),
  });
}

function Deadline({ iso }: { iso: string | undefined }) {
  const { t } = useTranslation('common');
  if (!iso) return <>{t('time.noDeadline')}</>;
  const days = workingDaysUntil(iso, new Date());
  const left =
    days > 0
      ? t('time.workingDaysLeft', { count: days })
      : days === 0
        ? t('time.dueToday')
        : t('time.overdueBy', { count: -days });
  return (
    <Space size="small" wrap>
      <span>{formatDateTime(iso)}</span>
      <Tag color={days < 0 ? 'red' : days <= 2 ? 'orange' : 'blue'}>{left}</Tag>
    </Space>
  );
}

function StageSteps({ detail, state }: { detail: Detail; state: State }) {
  const { t } = useTranslation('nomination');
  const labels = [t('steps.proposal'), t('steps.blockVote'), t('steps.council'), t('steps.decision')];
  let current: number;
  let status: 'process' | 'wait' | 'error' | 'finish' = 'process';
  let note: string | undefined;
  let outcomeTitle = t('steps.outcome');
  if (state.stage === 'Closed') {
    current = state.outcome === 'Awarded' ? 4 : (STEP_OF_STAGE[state.closedFrom] ?? 0);
    status = detail.outcome === 'Awarded' ? 'finish' : 'error';
    outcomeTitle = t(`outcomes.${detail.outcome ?? state.outcome}`, { ns: 'common' });
    if (detail.outcome === 'Revoked') current = 4;
    if (state.outcome !== 'Awarded') note = t(`closedReason.${state.closedReason}`);
  } else if (state.stage === 'OnHold') {
    current = STEP_OF_STAGE[state.hold.resumeStage] ?? 1;
    status = 'wait';
    note = t('stages.OnHold', { ns: 'common' });
  } else {
    current = STEP_OF_STAGE[state.stage] ?? 0;
    if (state.stage === 'AwaitingSupplement') note = t('stages.AwaitingSupplement', { ns: 'common' });
  }
  const items = [...labels, outcomeTitle].map((title, i) => ({
    title,
    ...(i === current && note ? { description: note } : {}),
  }));
  return (
    <nav aria-label={t('steps.label')}>
      <Steps current={current} status={status} items={items} size="small" responsive data-testid="stage-steps" />
    </nav>
  );
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          {title}
        </Typography.Title>
      }
      data-testid={testId}
      size="small"
    >
      {children}
    </Card>
  );
}

function RecordSection({ state }: { state: State }) {
  const { t } = useTranslation('nomination');
  const { record } = state.nomination;
  return (
    <Section title={t('record.title')} testId="record">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => `${r.year}-${r.title}`}
          dataSource={record.titles}
          locale={{ emptyText: t('record.noTitles') }}
          title={() => <Typography.Text strong>{t('record.titles')}</Typography.Text>}
          columns={[
            { title: t('record.year'), dataIndex: 'year', width: 90 },
            { title: t('record.titleName'), key: 't', render: (_, r) => t(`awards.${r.title}`, { ns: 'common' }) },
            { title: t('record.decisionNumber'), dataIndex: 'decisionNumber' },
          ]}
        />
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => `${r.year}`}
          dataSource={record.ratings}
          locale={{ emptyText: t('record.noRatings') }}
          title={() => <Typography.Text strong>{t('record.ratings')}</Typography.Text>}
          columns={[
            { title: t('record.year'), dataIndex: 'year', width: 90 },
            { title: t('record.rating'), key: 'r', render: (_, r) => t(`ratings.${r.rating}`, { ns: 'common' }) },
          ]}
        />
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => `${r.year}-${r.title}`}
          dataSource={record.initiatives}
          locale={{ emptyText: t('record.noInitiatives') }}
          title={() => <Typography.Text strong>{t('record.initiatives')}</Typography.Text>}
          columns={[
            { title: t('record.year'), dataIndex: 'year', width: 90 },
            { title: t('record.initiative'), dataIndex: 'title' },
            {
              title: t('record.scope'),
              key: 's',
              render: (_, r) => t(`initiativeScopes.${r.scope}`, { ns: 'common' }),
            },
          ]}
        />
        {record.memberStats ? (
          <Row gutter={16}>
            {(['memberCount', 'completedTasks', 'advancedWorkers', 'grassrootsFighters'] as const).map((k) => (
              <Col key={k} xs={12} md={6}>
                <Statistic title={t(`record.stats.${k}`)} value={record.memberStats![k]} />
              </Col>
            ))}
          </Row>
        ) : null}
      </Space>
    </Section>
  );
}

function EligibilitySection({ detail, state }: { detail: Detail; state: State }) {
  const { t } = useTranslation('nomination');
  const basis = detail.eligibilityBasis;
  const submission = state.submission;
  const policy = submission?.policy ?? state.nomination.policy;
  return (
    <Section title={t('eligibility.title')} testId="eligibility">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('eligibility.legalBasis')}>{basis?.awardLegalBasis ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('eligibility.policy')}>
          <span data-testid="policy-version">
            {policy.id} v{policy.version}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {submission ? (
        <List
          size="small"
          dataSource={submission.eligibility.met}
          renderItem={(rule) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space>
                    <Tag color="green">{t('eligibility.met')}</Tag>
                    <span lang="en">{rule}</span>
                  </Space>
                }
                description={t('eligibility.source', {
                  source: basis?.awardLegalBasis ?? '—',
                  policy: `${policy.id} v${policy.version}`,
                })}
              />
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('eligibility.atSubmission')}</Typography.Text>
      )}
    </Section>
  );
}

function EvidenceSection({ state }: { state: State }) {
  const { t } = useTranslation('nomination');
  return (
    <Section title={t('evidence.title')} testId="evidence">
      <Table
        size="small"
        pagination={false}
        rowKey="documentId"
        dataSource={state.evidence}
        scroll={{ x: true }}
        columns={[
          { title: t('evidence.name'), dataIndex: 'title' },
          { title: t('evidence.kind'), key: 'k', render: (_, e) => t(`evidenceKinds.${e.kind}`, { ns: 'common' }) },
          { title: t('evidence.size'), key: 's', render: (_, e) => t('evidence.bytes', { count: e.sizeBytes }) },
          {
            title: 'SHA-256',
            key: 'h',
            render: (_, e) => <CopyableHash value={e.sha256} label={t('evidence.hashOf', { title: e.title })} />,
          },
        ]}
      />
    </Section>
  );
}

function BlockVoteSection({ state }: { state: State }) {
  const { t } = useTranslation('nomination');
  const names = useNames();
  const record = state.blockVote;
  if (!record) return null;
  const votedAt = new Map(record.votes.map((v) => [v.unitId, v]));
  return (
    <Section title={t('blockVote.title')} testId="block-vote">
      <Table
        size="small"
        pagination={false}
        rowKey={(u) => u}
        dataSource={record.eligibleVoterUnitIds}
        columns={[
          { title: t('blockVote.unit'), key: 'u', render: (_, u) => names.unit(u) },
          {
            title: t('blockVote.voted'),
            key: 'v',
            render: (_, u) =>
              votedAt.has(u) ? (
                <Tag color="green">{t('blockVote.votedAt', { at: formatDateTime(votedAt.get(u)!.at) })}</Tag>
              ) : (
                <Tag>{t('blockVote.notYet')}</Tag>
              ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('blockVote.sealedUntilClose')}
      </Typography.Paragraph>
      {record.tally ? (
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="block-tally">
          <Descriptions.Item label={t('voteChoices.approve', { ns: 'common' })}>
            {record.tally.approve}
          </Descriptions.Item>
          <Descriptions.Item label={t('voteChoices.reject', { ns: 'common' })}>{record.tally.reject}</Descriptions.Item>
          <Descriptions.Item label={t('voteChoices.abstain', { ns: 'common' })}>
            {record.tally.abstain}
          </Descriptions.Item>
          <Descriptions.Item label={t('blockVote.eligible')}>{record.tally.eligible}</Descriptions.Item>
          <Descriptions.Item label={t('blockVote.quorum')}>
            {record.tally.quorumMet ? t('app.yes', { ns: 'common' }) : t('app.no', { ns: 'common' })}
          </Descriptions.Item>
          <Descriptions.Item label={t('blockVote.result')}>
            <Tag color={record.tally.passed ? 'green' : 'red'}>
              {record.tally.passed ? t('blockVote.passed') : t('blockVote.failed')}
            </Tag>
            {record.closedAt
              ? ` ${t('blockVote.closedAt', { at: formatDateTime(record.closedAt), by: t(`blockVote.closedBy.${record.closedBy}`) })}`
              : ''}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </Section>
  );
}

/** Roles that read the public's comments before the council decides (GET /nominations/:id/comments). */
const COMMENT_READERS = new Set(['council_member', 'board_officer', 'chairman', 'auditor', 'admin']);

/**
 * The public's comments, where the province publishes proposals for comment
 * before the council session: shown to the council with the record. Nothing
 * is shown when the province does not consult or nobody commented.
 */
function PublicCommentsSection({ nominationId, hasCouncil }: { nominationId: string; hasCouncil: boolean }) {
  const { t } = useTranslation('nomination');
  const { claims } = useSession();
  const allowed = hasCouncil && COMMENT_READERS.has(claims?.role ?? '');
  const comments = useQuery({
    queryKey: ['nomination', nominationId, 'comments'],
    queryFn: () => unwrap(api.GET('/nominations/{nominationId}/comments', { params: { path: { nominationId } } })),
    enabled: allowed,
    retry: false,
  });
  if (!allowed || !comments.data || comments.data.comments.length === 0) return null;
  return (
    <Section title={t('comments.title')} testId="public-comments">
      <Typography.Paragraph type="secondary">{t('comments.intro')}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="commentId"
        dataSource={comments.data.comments}
        columns={[
          { title: t('comments.at'), key: 'at', render: (_, c) => formatDateTime(c.at) },
          { title: t('comments.name'), key: 'name', render: (_, c) => c.name ?? t('comments.anonymous') },
          { title: t('comments.text'), dataIndex: 'text' },
        ]}
      />
    </Section>
  );
}

function CouncilSection({ state }: { state: State }) {
  const { t } = useTranslation('nomination');
  const council = state.council;
  if (!council) return null;
  return (
    <Section title={t('council.title')} testId="council">
      <Typography.Paragraph>
        {t('council.rules', {
          eligible: council.eligibleMemberCount,
          members: council.memberCount,
          ratio: Math.round(council.approvalRatio * 100),
        })}{' '}
        {council.secretBallot ? <Tag color="purple">{t('council.secret')}</Tag> : null}
        {council.recusedMemberIds.length > 0 ? t('council.recused', { ids: council.recusedMemberIds.join(', ') }) : ''}
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="memberId"
        dataSource={council.opinions}
        locale={{ emptyText: t('council.none') }}
        columns={[
          { title: t('council.member'), dataIndex: 'memberId' },
          {
            title: t('council.recommendation'),
            key: 'r',
            render: (_, o) => (
              <Tag color={o.recommendation === 'approve' ? 'green' : o.recommendation === 'reject' ? 'red' : 'purple'}>
                {t(`voteChoices.${o.recommendation}`, { ns: 'common' })}
              </Tag>
            ),
          },
          { title: t('council.comment'), dataIndex: 'comment' },
          { title: t('council.at'), key: 'at', render: (_, o) => formatDateTime(o.at) },
        ]}
      />
      {council.tally ? (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 4 }}
          style={{ marginTop: 8 }}
          data-testid="council-tally"
        >
          <Descriptions.Item label={t('voteChoices.approve', { ns: 'common' })}>
            {council.tally.approve}
          </Descriptions.Item>
          <Descriptions.Item label={t('voteChoices.reject', { ns: 'common' })}>
            {council.tally.reject}
          </Descriptions.Item>
          <Descriptions.Item label={t('council.responded')}>
            {council.tally.responded}/{council.tally.eligible}
          </Descriptions.Item>
          <Descriptions.Item label={t('blockVote.result')}>
            <Tag color={council.tally.passed ? 'green' : 'red'}>
              {council.tally.passed ? t('blockVote.passed') : t('blockVote.failed')}
            </Tag>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </Section>
  );
}

function OutcomeSections({ state }: { state: State }) {
  const { t } = useTranslation('nomination');
  return (
    <>
      {state.supplements.length > 0 ? (
        <Section title={t('supplements.title')} testId="supplements">
          <List
            size="small"
            dataSource={state.supplements}
            renderItem={(s) => (
              <List.Item>
                <List.Item.Meta
                  title={t('supplements.request', { n: s.requestNumber, at: formatDateTime(s.requestedAt) })}
                  description={
                    <>
                      <div>{s.reason}</div>
                      <div>{t('supplements.due', { at: formatDateTime(s.dueDate) })}</div>
                      {s.providedAt ? (
                        <div>{t('supplements.provided', { at: formatDateTime(s.providedAt) })}</div>
                      ) : null}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Section>
      ) : null}
      {state.stage === 'OnHold' ? (
        <Alert
          type="warning"
          showIcon
          title={t('hold.title', { since: formatDateTime(state.hold.since) })}
          description={state.hold.reason}
        />
      ) : null}
      {state.stage === 'Closed' && state.decision ? (
        <Section title={t('decision.title')} testId="decision">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('decision.outcome')}>
              <Tag color={state.decision.outcome === 'approved' ? 'green' : 'red'}>
                {t(`decision.${state.decision.outcome}`)}
              </Tag>
            </Descriptions.Item>
            {state.decision.decisionNumber ? (
              <Descriptions.Item label={t('decision.number')}>
                <span data-testid="decision-number">{state.decision.decisionNumber}</span>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('decision.date')}>
              <span data-testid="decision-date">{formatDay(state.decision.decisionDate)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('decision.recordedAt')}>{formatDateTime(state.decision.at)}</Descriptions.Item>
            {state.decision.reason ? (
              <Descriptions.Item label={t('decision.reason')}>{state.decision.reason}</Descriptions.Item>
            ) : null}
          </Descriptions>
        </Section>
      ) : null}
      {state.stage === 'Closed' && state.revocation ? (
        <Alert
          type="error"
          showIcon
          data-testid="revocation"
          title={t('revocation.title', { at: formatDateTime(state.revocation.at) })}
          description={
            <>
              <div>{t(`revocationGrounds.${state.revocation.ground}`, { ns: 'common' })}</div>
              <div>{state.revocation.details}</div>
              {state.revocation.decisionNumber ? <div>{state.revocation.decisionNumber}</div> : null}
            </>
          }
        />
      ) : null}
    </>
  );
}

export default function NominationPage() {
  const { t } = useTranslation('nomination');
  const { nominationId } = useParams({ from: '/nominations/$nominationId' });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const names = useNames();
  const [done, setDone] = useState<ActionName | null>(null);
  const detail = useNomination(nominationId);
  const actions = useQuery({
    queryKey: ['nomination-actions', nominationId],
    queryFn: () => unwrap(api.GET('/nominations/{id}/actions', { params: { path: { id: nominationId } } })),
  });

  if (detail.isPending) return <Skeleton active />;
  if (detail.isError) return <ProblemAlert problem={detail.error} onRetry={() => void detail.refetch()} />;
  const data = detail.data;
  if (data.state.stage === 'Initial') return <Empty />;
  const state = data.state;
  const n = state.nomination;
  const deadline = 'stageDeadline' in state ? state.stageDeadline : undefined;

  return (
    <Space
      direction="vertical"
      size="middle"
      style={{ width: '100%' }}
      className="laurel-nomination"
      data-stage={data.stage}
      data-outcome={data.outcome ?? ''}
    >
      <div>
        <Typography.Title level={1} style={{ marginBottom: 4 }}>
          {n.nominee.name}
        </Typography.Title>
        <Space wrap>
          <Typography.Text strong>{t(`awards.${n.awardType}`, { ns: 'common' })}</Typography.Text>
          <Tag color="blue" data-testid="stage-tag">
            {data.outcome
              ? t(`outcomes.${data.outcome}`, { ns: 'common' })
              : t(`stages.${data.stage}`, { ns: 'common' })}
          </Tag>
          <Typography.Text type="secondary">
            {t('campaign', { year: n.campaignYear })} · {names.unit(n.proposingUnitId)} · {names.block(n.blockId)}
          </Typography.Text>
        </Space>
      </div>
      <StageSteps detail={data} state={state} />
      {done ? <DoneNotice action={done} onClose={() => setDone(null)} /> : null}
      {actions.isError ? <ProblemAlert problem={actions.error} onRetry={() => void actions.refetch()} /> : null}
      {actions.data ? (
        <ActionPanel
          detail={data}
          availability={actions.data.actions}
          onDone={(action) => {
            setDone(action);
            void message.success(t(`done.${action}`));
            void queryClient.invalidateQueries({ queryKey: ['nomination', nominationId] });
            void queryClient.invalidateQueries({ queryKey: ['nomination-actions', nominationId] });
            void queryClient.invalidateQueries({ queryKey: ['tasks'] });
          }}
        />
      ) : null}
      <Section title={t('nominee.title')} testId="nominee">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('nominee.kind')}>
            {t(`nomineeKinds.${n.nominee.kind}`, { ns: 'common' })}
          </Descriptions.Item>
          <Descriptions.Item label={t('nominee.name')}>{n.nominee.name}</Descriptions.Item>
          {n.nominee.position ? (
            <Descriptions.Item label={t('nominee.position')}>{n.nominee.position}</Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('nominee.unit')}>{names.unit(n.nominee.unitId)}</Descriptions.Item>
          <Descriptions.Item label={t('nominee.award')}>
            {t(`awards.${n.awardType}`, { ns: 'common' })}
          </Descriptions.Item>
          <Descriptions.Item label={t('nominee.year')}>{n.campaignYear}</Descriptions.Item>
          {n.nominee.kind === 'individual' ? (
            <Descriptions.Item label={t('nominee.priority')}>
              {[
                n.nominee.frontLine ? t('nominee.frontLine') : null,
                n.nominee.hardshipArea ? t('nominee.hardship') : null,
              ]
                .filter(Boolean)
                .join(', ') || t('app.none', { ns: 'common' })}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('nominee.proposingUnit')}>{names.unit(n.proposingUnitId)}</Descriptions.Item>
          <Descriptions.Item label={t('nominee.block')}>{names.block(n.blockId)}</Descriptions.Item>
          <Descriptions.Item label={t('nominee.draftedAt')}>{formatDateTime(n.draftedAt)}</Descriptions.Item>
          {n.submittedAt ? (
            <Descriptions.Item label={t('nominee.submittedAt')}>{formatDateTime(n.submittedAt)}</Descriptions.Item>
          ) : null}
          {state.stage !== 'Closed' && state.stage !== 'Draft' ? (
            <Descriptions.Item label={t('nominee.deadline')}>
              <Deadline iso={deadline} />
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
          {t('nominee.achievements')}
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.achievements}</Typography.Paragraph>
      </Section>
      <RecordSection state={state} />
      <EligibilitySection detail={data} state={state} />
      <EvidenceSection state={state} />
      <BlockVoteSection state={state} />
      <CouncilSection state={state} />
      <PublicCommentsSection nominationId={data.nominationId} hasCouncil={Boolean(state.council)} />
      <OutcomeSections state={state} />
    </Space>
  );
}
