import { Link } from '@tanstack/react-router';
import { Flex, Skeleton, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { AsOfView } from './AsOfView';
import { namesOf, useDirectory, useHistory } from './audit-api';
import type { Names } from './describe-event';
import { ExportButtons } from './ExportButtons';
import type { AuditSearch } from './index';
import { Timeline } from './Timeline';
import { VerifyPanel } from './VerifyPanel';

export function NominationWorkspace({
  nominationId,
  search,
  onSearch,
}: {
  nominationId: string;
  search: AuditSearch;
  onSearch: (next: AuditSearch) => void;
}) {
  const { t } = useTranslation('audit');
  const history = useHistory(nominationId);
  const directory = useDirectory();
  const dir = namesOf(directory.data);
  const people = history.data?.people ?? {};
  const names: Names & { block: (id: unknown) => string } = {
    person: (id) => (typeof id === 'string' ? (people[id] ?? id) : ''),
    unit: dir.unit,
    block: dir.block,
  };
  const first = history.data?.events[0];
  const nominee = (first?.data['nominee'] as { name?: string } | undefined)?.name;
  const award = typeof first?.data['awardType'] === 'string' ? first.data['awardType'] : undefined;
  const tab = search.tab ?? 'timeline';

  return (
    <Flex vertical gap="middle">
      <Link to="/audit">{t('workspace.back')}</Link>
      <div>
        <Typography.Title level={1}>
          {nominee ? t('workspace.title', { nominee }) : t('workspace.titleId', { id: nominationId })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {award ? `${t(`awards.${award}`, { ns: 'common' })} · ` : ''}
          {t('workspace.id', { id: nominationId })}
          {history.data ? ` · ${t('workspace.events', { count: history.data.streamVersion })}` : ''}
        </Typography.Text>
      </div>
      <ProblemAlert problem={history.error} onRetry={() => void history.refetch()} />
      {history.isLoading ? <Skeleton active /> : null}
      {history.data ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => onSearch({ ...search, tab: key as AuditSearch['tab'] & string })}
          destroyOnHidden
          items={[
            {
              key: 'timeline',
              label: t('tabs.timeline'),
              children: <Timeline history={history.data} names={names} />,
            },
            {
              key: 'asof',
              label: t('tabs.asof'),
              children: (
                <AsOfView
                  nominationId={nominationId}
                  history={history.data}
                  names={names}
                  search={search}
                  onSearch={onSearch}
                />
              ),
            },
            {
              key: 'verify',
              label: t('tabs.verify'),
              children: (
                <VerifyPanel
                  nominationId={nominationId}
                  history={history.data}
                  onShowEvent={(version) => onSearch({ tab: 'asof', version })}
                />
              ),
            },
            {
              key: 'export',
              label: t('tabs.export'),
              children: (
                <Flex vertical gap="small">
                  <Typography.Paragraph>{t('export.intro')}</Typography.Paragraph>
                  <ExportButtons nominationId={nominationId} />
                </Flex>
              ),
            },
          ]}
        />
      ) : null}
    </Flex>
  );
}
