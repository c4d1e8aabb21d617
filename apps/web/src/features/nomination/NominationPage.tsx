import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

// Placeholder until this screen is built: the route, its code split and its strings are wired.
export default function NominationPage() {
  const { t } = useTranslation('nomination');
  return <Typography.Title level={1}>{t('title')}</Typography.Title>;
}
