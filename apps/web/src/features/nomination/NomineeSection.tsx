import { Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, workingDaysUntil } from '../../lib/time';
import { useNames } from '../../ui/useDirectory';
import type { NominationState } from './nomination-queries';
import { SectionCard } from '../../ui/SectionCard';

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

/** Who is nominated for what, by whom, and the current stage's deadline. */
export function NomineeSection({ state }: { state: NominationState }) {
  const { t } = useTranslation('nomination');
  const names = useNames();
  const n = state.nomination;
  const deadline = 'stageDeadline' in state ? state.stageDeadline : undefined;
  return (
    <SectionCard size="small" title={t('nominee.title')} testId="nominee">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('nominee.kind')}>
          {t(`nomineeKinds.${n.nominee.kind}`, { ns: 'common' })}
        </Descriptions.Item>
        <Descriptions.Item label={t('nominee.name')}>{n.nominee.name}</Descriptions.Item>
        {n.nominee.position ? (
          <Descriptions.Item label={t('nominee.position')}>{n.nominee.position}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('nominee.unit')}>{names.unit(n.nominee.unitId)}</Descriptions.Item>
        <Descriptions.Item label={t('nominee.award')}>{t(`awards.${n.awardType}`, { ns: 'common' })}</Descriptions.Item>
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
    </SectionCard>
  );
}
