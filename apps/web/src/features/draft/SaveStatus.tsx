import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { dayjs, PROVINCE_TIME_ZONE } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import type { SaveState } from './useDraftAutosave';

export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const { t } = useTranslation('draft');
  switch (state.kind) {
    case 'incomplete':
      return <Alert type="info" showIcon role="status" title={t('save.incomplete')} data-save="incomplete" />;
    case 'saving':
      return <Alert type="info" showIcon role="status" title={t('save.saving')} data-save="saving" />;
    case 'saved':
      return (
        <Alert
          type="success"
          showIcon
          role="status"
          data-save="saved"
          title={t('save.saved', { at: dayjs(state.at).tz(PROVINCE_TIME_ZONE).format('HH:mm') })}
        />
      );
    case 'failed':
      return (
        <div data-save="failed">
          <Alert type="warning" showIcon title={t('save.failed')} style={{ marginBottom: 8 }} />
          <ProblemAlert problem={state.problem} onRetry={onRetry} />
        </div>
      );
  }
}
