import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

// Placeholder until this screen is built: the route, its code split and its strings are wired.
export default function DraftPage() {
  const { t } = useTranslation('draft');
  return <Typography.Title level={1}>{t('title')}</Typography.Title>;
}
