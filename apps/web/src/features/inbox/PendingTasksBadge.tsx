import { Badge } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { usePendingTasks } from './queries';

const COUNT_PREFIX = /^\(\d+\+?\)\s/;

/**
 * The number of pending tasks beside the inbox's menu entry, and in the
 * document title, so a background tab shows it too. Auditors and admins have
 * no inbox entry and never render it.
 */
export function PendingTasksBadge() {
  const { t } = useTranslation('inbox');
  const { token } = useSession();
  const { data } = usePendingTasks(token !== null);
  const count = data?.items.length;
  const label = count === undefined ? undefined : `${count}${data?.nextCursor ? '+' : ''}`;

  useEffect(() => {
    const base = document.title.replace(COUNT_PREFIX, '');
    document.title = label && count ? `(${label}) ${base}` : base;
  }, [label, count]);

  if (count === undefined) return null;
  return (
    <Badge
      count={count}
      overflowCount={499}
      showZero={false}
      size="small"
      offset={[6, -2]}
      data-testid="inbox-count"
      title={t('count', { count })}
      style={{ boxShadow: 'none', backgroundColor: '#ffd666', color: '#3d0a0a' }}
    />
  );
}
