import { Link } from '@tanstack/react-router';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ActionName } from './actions';

/** After an action: what happened, and the way back to the inbox. */
export function DoneNotice({ action, onClose }: { action: ActionName; onClose: () => void }) {
  const { t } = useTranslation('nomination');
  return (
    <Alert
      type="success"
      showIcon
      closable={{ onClose }}
      role="status"
      data-testid="action-done"
      title={t(`done.${action}`)}
      action={
        <Link to="/">
          <Button size="small">{t('done.backToInbox')}</Button>
        </Link>
      }
    />
  );
}
