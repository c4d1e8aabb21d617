import { Alert, Descriptions, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/time';
import type { NominationState } from './nomination-queries';
import { SectionCard } from '../../ui/SectionCard';

/** A calendar date (YYYY-MM-DD, already the province's) as dd/MM/yyyy. */
function formatDay(day: string | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** What came after the review: supplements asked for, a hold, the decision and a revocation. */
export function OutcomeSections({ state }: { state: NominationState }) {
  const { t } = useTranslation('nomination');
  return (
    <>
      {state.supplements.length > 0 ? (
        <SectionCard size="small" title={t('supplements.title')} testId="supplements">
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
        </SectionCard>
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
        <SectionCard size="small" title={t('decision.title')} testId="decision">
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
        </SectionCard>
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
