import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NominationDetail, NominationState } from './nomination-queries';

const STEP_OF_STAGE: Record<string, number> = {
  Draft: 0,
  BlockVote: 1,
  CouncilReview: 2,
  AwaitingSupplement: 2,
  ProvincialDecision: 3,
};

/** Where the nomination is on its way: proposal, block vote, council, decision, outcome. */
export function StageSteps({ detail, state }: { detail: NominationDetail; state: NominationState }) {
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
