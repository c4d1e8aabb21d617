import { useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { App, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useNames } from '../../ui/useDirectory';
import { ActionPanel } from './ActionPanel';
import type { ActionName } from './actions';
import { DoneNotice } from './DoneNotice';
import { EligibilitySection, EvidenceSection, RecordSection } from './DossierSections';
import { useNomination, useNominationActions } from './nomination-queries';
import { NomineeSection } from './NomineeSection';
import { OutcomeSections } from './OutcomeSections';
import { BlockVoteSection, CouncilSection, PublicCommentsSection } from './ReviewSections';
import { StageSteps } from './StageSteps';
import './nomination.css';

export default function NominationPage() {
  const { t } = useTranslation('nomination');
  const { nominationId } = useParams({ from: '/nominations/$nominationId' });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const names = useNames();
  const [done, setDone] = useState<ActionName | null>(null);
  const detail = useNomination(nominationId);
  const actions = useNominationActions(nominationId);

  if (detail.isPending) return <Skeleton active />;
  if (detail.isError) return <ProblemAlert problem={detail.error} onRetry={() => void detail.refetch()} />;
  const data = detail.data;
  if (data.state.stage === 'Initial') return <Empty />;
  const state = data.state;
  const n = state.nomination;

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
      <NomineeSection state={state} />
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
