import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Alert, Card, Empty, Flex, Form, List, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { formatDateTime } from '../../lib/time';
import { CommentForm } from './CommentForm';
import type { PublicationSearch } from './index';
import './publication.css';

/** A published decision's date is a local calendar day (YYYY-MM-DD): shown as dd/MM/yyyy, never shifted by a zone. */
export function formatLocalDay(day: string | undefined | null): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : (day ?? '');
}

/**
 * `/public`: what a province publishes, for anyone, without sign-in. Only the
 * fields the API returns are shown (it already keeps back what the province
 * does not publish); the page adds nothing from elsewhere.
 */
export default function PublicationPage() {
  const { t } = useTranslation('publication');
  const search = useSearch({ strict: false }) as PublicationSearch;
  const navigate = useNavigate();
  const setSearch = (next: PublicationSearch) => void navigate({ to: '/public', search: next, replace: true });

  const provinces = useQuery({
    queryKey: ['public', 'provinces'],
    queryFn: () => unwrap(api.GET('/public/provinces')),
  });
  const provinceId = search.province ?? provinces.data?.provinces[0]?.id;
  const province = provinces.data?.provinces.find((p) => p.id === provinceId);

  const decisions = useQuery({
    queryKey: ['public', 'decisions', provinceId, search.year ?? null],
    enabled: provinceId !== undefined,
    queryFn: () =>
      unwrap(
        api.GET('/public/decisions', {
          params: { query: { province: provinceId!, ...(search.year ? { year: search.year } : {}) } },
        }),
      ),
  });
  const proposals = useQuery({
    queryKey: ['public', 'proposals', provinceId],
    enabled: provinceId !== undefined && province?.consultsBeforeCouncil === true,
    queryFn: () => unwrap(api.GET('/public/proposals', { params: { query: { province: provinceId! } } })),
  });

  const year = decisions.data?.year ?? search.year;
  const years = decisions.data?.years ?? [];
  const feedUrl =
    provinceId !== undefined
      ? `/public/decisions?province=${encodeURIComponent(provinceId)}${year ? `&year=${year}` : ''}`
      : undefined;

  return (
    <div className="laurel-public">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      <ProblemAlert problem={provinces.error} onRetry={() => void provinces.refetch()} />
      <Form layout="vertical" className="laurel-public-pickers">
        <Flex gap="0 16px" wrap>
          <Form.Item label={t('province')} htmlFor="public-province" style={{ minWidth: 220, flex: '1 1 220px' }}>
            <Select
              id="public-province"
              loading={provinces.isPending}
              value={provinceId}
              options={(provinces.data?.provinces ?? []).map((p) => ({ value: p.id, label: p.name }))}
              onChange={(value: string) => setSearch({ province: value })}
              data-testid="public-province"
            />
          </Form.Item>
          <Form.Item label={t('year')} htmlFor="public-year" style={{ minWidth: 140, flex: '0 1 160px' }}>
            <Select
              id="public-year"
              value={year}
              placeholder={t('noYears')}
              disabled={years.length === 0}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              onChange={(value: number) => setSearch({ ...(provinceId ? { province: provinceId } : {}), year: value })}
              data-testid="public-year"
            />
          </Form.Item>
        </Flex>
      </Form>

      <section aria-labelledby="public-decisions-heading">
        <Flex justify="space-between" align="baseline" wrap gap={8}>
          <Typography.Title level={2} id="public-decisions-heading" style={{ fontSize: 20 }}>
            {year ? t('decisionsHeading', { year }) : t('title')}
            {province ? ` — ${province.name}` : ''}
          </Typography.Title>
          {feedUrl ? (
            <Typography.Link href={feedUrl} target="_blank" data-testid="public-feed">
              {t('feed')}
            </Typography.Link>
          ) : null}
        </Flex>
        <ProblemAlert problem={decisions.error} onRetry={() => void decisions.refetch()} />
        {decisions.isPending && provinceId !== undefined ? <Skeleton active /> : null}
        {decisions.data && decisions.data.decisions.length === 0 ? <Empty description={t('noDecisions')} /> : null}
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {decisions.data?.decisions.map((decision, index) => (
            <DecisionCard
              key={`${decision.decisionNumber ?? ''}|${decision.decisionDate ?? ''}|${index}`}
              decision={decision}
            />
          ))}
        </Space>
      </section>

      {province?.consultsBeforeCouncil ? (
        <section aria-labelledby="public-proposals-heading" style={{ marginTop: 32 }}>
          <Typography.Title level={2} id="public-proposals-heading" style={{ fontSize: 20 }}>
            {t('proposalsHeading')}
          </Typography.Title>
          <Typography.Paragraph>{t('proposalsIntro')}</Typography.Paragraph>
          <ProblemAlert problem={proposals.error} onRetry={() => void proposals.refetch()} />
          {proposals.isPending ? <Skeleton active /> : null}
          {proposals.data && proposals.data.proposals.length === 0 ? <Empty description={t('noProposals')} /> : null}
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {proposals.data?.proposals.map((proposal) => (
              <ProposalCard key={proposal.nominationId} proposal={proposal} />
            ))}
          </Space>
        </section>
      ) : province ? (
        <Alert type="info" showIcon style={{ marginTop: 32 }} title={t('notConsulting')} />
      ) : null}
    </div>
  );
}

function DecisionCard({ decision }: { decision: Schemas['PublicDecision'] }) {
  const { t } = useTranslation('publication');
  const date = formatLocalDay(decision.decisionDate);
  const title = decision.decisionNumber
    ? t('decision', { number: decision.decisionNumber, date })
    : date
      ? t('decisionNoNumber', { date })
      : t('decisionUndated');
  return (
    <Card
      data-testid="public-decision"
      title={
        <Typography.Title level={3} style={{ fontSize: 17, margin: 0, whiteSpace: 'normal' }}>
          {title}
        </Typography.Title>
      }
      extra={<Typography.Text type="secondary">{t('awardees', { count: decision.awardees.length })}</Typography.Text>}
      size="small"
    >
      <List
        dataSource={decision.awardees}
        renderItem={(awardee, index) => <AwardeeItem key={index} awardee={awardee} />}
      />
    </Card>
  );
}

/** One awardee: exactly the published fields present in the feed, each labelled. */
function AwardeeItem({ awardee }: { awardee: Schemas['PublicAwardee'] }) {
  const { t } = useTranslation('publication');
  return (
    <List.Item data-testid="public-awardee">
      <div className="laurel-public-awardee">
        {awardee.name !== undefined ? (
          <Typography.Text strong data-field="name">
            {awardee.name}
          </Typography.Text>
        ) : null}
        {awardee.position ? (
          <div data-field="position">
            <Typography.Text type="secondary">{t('fields.position')}: </Typography.Text>
            {awardee.position}
          </div>
        ) : null}
        {awardee.unit !== undefined ? (
          <div data-field="unit">
            <Typography.Text type="secondary">{t('fields.unit')}: </Typography.Text>
            {awardee.unit}
          </div>
        ) : null}
        {awardee.award !== undefined ? (
          <div data-field="award">
            <Tag className="laurel-award-tag" style={{ marginTop: 4 }}>
              {t(`awards.${awardee.award}`, { ns: 'common', defaultValue: awardee.award })}
            </Tag>
          </div>
        ) : null}
      </div>
    </List.Item>
  );
}

function ProposalCard({ proposal }: { proposal: Schemas['PublicProposal'] }) {
  const { t } = useTranslation('publication');
  return (
    <Card
      size="small"
      data-testid="public-proposal"
      data-nomination-id={proposal.nominationId}
      title={
        <Typography.Title level={3} style={{ fontSize: 17, margin: 0, whiteSpace: 'normal' }}>
          {proposal.name ?? t(`awards.${proposal.award}`, { ns: 'common' })}
        </Typography.Title>
      }
      extra={
        <Tag className={proposal.open ? 'laurel-open-tag' : undefined}>{proposal.open ? t('open') : t('closed')}</Tag>
      }
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        {proposal.position ? (
          <div>
            <Typography.Text type="secondary">{t('fields.position')}: </Typography.Text>
            {proposal.position}
          </div>
        ) : null}
        {proposal.unit ? (
          <div>
            <Typography.Text type="secondary">{t('fields.unit')}: </Typography.Text>
            {proposal.unit}
          </div>
        ) : null}
        <div>
          <Tag className="laurel-award-tag">
            {t(`awards.${proposal.award}`, { ns: 'common', defaultValue: proposal.award })}
          </Tag>
          <Typography.Text type="secondary">{t('campaignYear', { year: proposal.campaignYear })}</Typography.Text>
        </div>
        <Typography.Text data-testid="public-comment-period">
          {t('period', { from: formatDateTime(proposal.commentsFrom), until: formatDateTime(proposal.commentsUntil) })}
        </Typography.Text>
        {proposal.open ? (
          <CommentForm nominationId={proposal.nominationId} />
        ) : (
          <Typography.Text type="secondary">{t('comment.closedNote')}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
