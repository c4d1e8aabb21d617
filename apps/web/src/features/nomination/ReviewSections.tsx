import { useQuery } from '@tanstack/react-query';
import { Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../lib/time';
import { useNames } from '../../ui/useDirectory';
import type { NominationState } from './nomination-queries';
import { SectionCard } from '../../ui/SectionCard';

// The reviews: the block's vote, the council's opinions and the public's comments.

export function BlockVoteSection({ state }: { state: NominationState }) {
  const { t } = useTranslation('nomination');
  const names = useNames();
  const record = state.blockVote;
  if (!record) return null;
  const votedAt = new Map(record.votes.map((v) => [v.unitId, v]));
  return (
    <SectionCard size="small" title={t('blockVote.title')} testId="block-vote">
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
    </SectionCard>
  );
}

/** Roles that read the public's comments before the council decides (GET /nominations/:id/comments). */
const COMMENT_READERS = new Set(['council_member', 'board_officer', 'chairman', 'auditor', 'admin']);

/**
 * The public's comments, where the province publishes proposals for comment
 * before the council session: shown to the council with the record. Nothing
 * is shown when the province does not consult or nobody commented.
 */
export function PublicCommentsSection({ nominationId, hasCouncil }: { nominationId: string; hasCouncil: boolean }) {
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
    <SectionCard size="small" title={t('comments.title')} testId="public-comments">
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
    </SectionCard>
  );
}

export function CouncilSection({ state }: { state: NominationState }) {
  const { t } = useTranslation('nomination');
  const council = state.council;
  if (!council) return null;
  return (
    <SectionCard size="small" title={t('council.title')} testId="council">
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
    </SectionCard>
  );
}
