import { Link, useNavigate } from '@tanstack/react-router';
import { Card, Flex, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { namesOf, useDirectory, useNominationList } from './audit-api';
import { ExportButtons } from './ExportButtons';
import { StoreVerify } from './StoreVerify';

type Item = Schemas['NominationListItem'];
const NOMINATION_ID = /^[A-Za-z0-9_.:@-]{1,180}$/;

export function AuditHome() {
  const { t } = useTranslation('audit');
  const navigate = useNavigate();
  const { claims } = useSession();
  const list = useNominationList();
  const directory = useDirectory();
  const names = namesOf(directory.data);
  const [idError, setIdError] = useState<string | null>(null);
  const province = directory.data?.provinces.find((p) => p.id === claims?.province)?.name ?? claims?.province ?? '';

  function open(raw: string): void {
    const id = raw.trim();
    if (!NOMINATION_ID.test(id)) {
      setIdError(t('home.badId'));
      return;
    }
    setIdError(null);
    void navigate({ to: '/audit/$nominationId', params: { nominationId: id } });
  }

  return (
    <Flex vertical gap="large">
      <div>
        <Typography.Title level={1}>{t('title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
      </div>
      <Card
        title={
          <Typography.Title level={2} className="audit-card-title">
            {t('home.findTitle')}
          </Typography.Title>
        }
      >
        <Form layout="vertical" onFinish={(values: { id?: string }) => open(values.id ?? '')}>
          <Form.Item
            label={t('home.idLabel')}
            name="id"
            validateStatus={idError ? 'error' : undefined}
            help={idError ?? t('home.idHelp')}
          >
            <Input.Search
              enterButton={t('home.open')}
              allowClear
              onSearch={(value) => open(value)}
              aria-label={t('home.idLabel')}
            />
          </Form.Item>
        </Form>
        <ProblemAlert problem={list.error} onRetry={() => void list.refetch()} />
        <Table<Item>
          rowKey="nominationId"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          aria-label={t('home.listTitle')}
          columns={[
            {
              title: t('home.nominee'),
              key: 'nominee',
              render: (_: unknown, item) => (
                <Link to="/audit/$nominationId" params={{ nominationId: item.nominationId }}>
                  {item.nomineeName ?? item.nominationId}
                </Link>
              ),
            },
            {
              title: t('home.award'),
              key: 'award',
              render: (_: unknown, item) => (item.awardType ? t(`awards.${item.awardType}`, { ns: 'common' }) : ''),
            },
            { title: t('home.unit'), key: 'unit', render: (_: unknown, item) => names.unit(item.proposingUnitId) },
            { title: t('home.year'), dataIndex: 'campaignYear', key: 'year' },
            {
              title: t('home.stage'),
              key: 'stage',
              render: (_: unknown, item) => (
                <Space size={4} wrap>
                  <Tag>{t(`stages.${item.stage}`, { ns: 'common' })}</Tag>
                  {item.outcome ? <Tag color="blue">{t(`outcomes.${item.outcome}`, { ns: 'common' })}</Tag> : null}
                </Space>
              ),
            },
            { title: t('home.events'), dataIndex: 'version', key: 'version', align: 'right' },
            { title: t('home.updated'), key: 'updated', render: (_: unknown, item) => formatDateTime(item.updatedAt) },
          ]}
        />
      </Card>
      <Card
        title={
          <Typography.Title level={2} className="audit-card-title">
            {t('home.provinceTitle', { province })}
          </Typography.Title>
        }
      >
        <Flex vertical gap="middle">
          <Typography.Text>{t('home.exportProvince', { province })}</Typography.Text>
          <ExportButtons />
          <StoreVerify expectedEvents={(list.data?.items ?? []).reduce((sum, item) => sum + item.version, 0)} />
        </Flex>
      </Card>
    </Flex>
  );
}
