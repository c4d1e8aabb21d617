import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useNames } from '../../ui/useDirectory';

type Block = Schemas['DirectoryBlock'];

/** The block's covenant of the year: who signed and when, who not yet; a member unit's head signs here. */
export function CovenantTab({ year, block }: { year: number; block: Block | undefined }) {
  const { t } = useTranslation('year-start');
  const { token, claims } = useSession();
  const names = useNames();
  const queryClient = useQueryClient();
  const blockId = block?.id;
  const covenant = useQuery({
    queryKey: ['covenant', token, blockId, year],
    queryFn: () =>
      unwrap(api.GET('/blocks/{blockId}/covenants/{year}', { params: { path: { blockId: blockId ?? '', year } } })),
    enabled: token !== null && blockId !== undefined,
  });
  const sign = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/blocks/{blockId}/covenants/{year}/signatures', {
          params: { path: { blockId: blockId ?? '', year } },
          body: {} as never,
        }),
      ),
    onSuccess: (view) => {
      queryClient.setQueryData(['covenant', token, blockId, year], view);
      void queryClient.invalidateQueries({ queryKey: ['covenant'] });
    },
  });
  if (!block) return <Typography.Text>{t('noBlock')}</Typography.Text>;
  const data = covenant.data;
  const ownUnit = claims?.unitId;
  const maySign = claims?.role === 'unit_head' && ownUnit !== undefined && (data?.missing ?? []).includes(ownUnit);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('covenant.heading', { block: block.name, year })}
        </Typography.Title>
        {data ? (
          <Tag color={data.complete ? 'blue' : undefined}>
            {data.complete
              ? t('covenant.complete')
              : t('covenant.progress', { signed: data.signed.length, total: data.signed.length + data.missing.length })}
          </Tag>
        ) : null}
      </Space>
      {covenant.error ? <ProblemAlert problem={covenant.error} onRetry={() => void covenant.refetch()} /> : null}
      {sign.error ? <ProblemAlert problem={sign.error} onRetry={() => sign.mutate()} /> : null}
      {maySign ? (
        <Alert
          type="info"
          showIcon
          title={t('covenant.notYetSigned', { unit: names.unit(ownUnit) })}
          action={
            <Popconfirm title={t('covenant.signConfirm', { year })} onConfirm={() => sign.mutate()}>
              <Button type="primary" loading={sign.isPending}>
                {t('covenant.sign')}
              </Button>
            </Popconfirm>
          }
        />
      ) : null}
      {sign.isSuccess ? <Alert type="success" showIcon title={t('covenant.signed', { year })} /> : null}
      <Card
        size="small"
        title={
          <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
            {t('covenant.signedHeading')}
          </Typography.Title>
        }
      >
        <Table
          size="small"
          rowKey="unitId"
          pagination={false}
          loading={covenant.isLoading}
          dataSource={data?.signed ?? []}
          data-testid="covenant-signed"
          locale={{ emptyText: <span style={{ color: '#595959' }}>{t('covenant.noneSigned')}</span> }}
          columns={[
            { key: 'unit', title: t('covenant.columns.unit'), render: (_, r) => names.unit(r.unitId) },
            { key: 'at', title: t('covenant.columns.signedAt'), render: (_, r) => formatDateTime(r.signedAt) },
            { key: 'by', title: t('covenant.columns.signedBy'), dataIndex: 'signedBy' },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={
          <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
            {t('covenant.missingHeading')}
          </Typography.Title>
        }
      >
        <List
          size="small"
          data-testid="covenant-missing"
          dataSource={data?.missing ?? []}
          locale={{ emptyText: <span style={{ color: '#595959' }}>{t('covenant.noneMissing')}</span> }}
          renderItem={(id) => <List.Item>{names.unit(id)}</List.Item>}
        />
      </Card>
    </Space>
  );
}
