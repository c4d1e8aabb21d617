import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useNames } from '../../ui/useDirectory';

type Block = Schemas['DirectoryBlock'];
type LeaderForm = { unitId: string; fromYear: number; toYear?: number | null };

/** A period as the record gives it: one year, a span, or open-ended (`openEnded` is the caller's "from … on"). */
function period(from: number, to: number | undefined, openEnded: string): string {
  return to === undefined ? openEnded : from === to ? String(from) : `${from}–${to}`;
}

function RecordLeader({ year, block, onRecorded }: { year: number; block: Block; onRecorded: () => void }) {
  const { t } = useTranslation('year-start');
  const names = useNames();
  const [form] = Form.useForm<LeaderForm>();
  const [recorded, setRecorded] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: (values: LeaderForm) =>
      unwrap(
        api.POST('/blocks/{blockId}/leaders', {
          params: { path: { blockId: block.id } },
          body: {
            unitId: values.unitId,
            fromYear: values.fromYear,
            ...(values.toYear ? { toYear: values.toYear } : {}),
          },
        }),
      ),
    onSuccess: (_, values) => {
      setRecorded(names.unit(values.unitId));
      onRecorded();
    },
  });
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
          {t('leaders.record.title')}
        </Typography.Title>
      }
    >
      <Form<LeaderForm>
        form={form}
        layout="vertical"
        initialValues={{ fromYear: year }}
        onFinish={(values) => {
          setRecorded(null);
          record.mutate(values);
        }}
        data-testid="leader-form"
      >
        <Space wrap align="start">
          <Form.Item
            name="unitId"
            label={t('leaders.record.unit')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Select
              style={{ width: 340 }}
              data-testid="leader-unit"
              placeholder={t('leaders.record.unitPlaceholder')}
              options={block.memberUnitIds.map((id) => ({ value: id, label: names.unit(id) }))}
            />
          </Form.Item>
          <Form.Item
            name="fromYear"
            label={t('leaders.record.fromYear')}
            rules={[{ required: true, message: t('required') }]}
          >
            <InputNumber min={2000} max={2200} />
          </Form.Item>
          <Form.Item name="toYear" label={t('leaders.record.toYear')}>
            <InputNumber min={2000} max={2200} style={{ width: 160 }} placeholder={t('leaders.record.open')} />
          </Form.Item>
        </Space>
        {record.error ? <ProblemAlert problem={record.error} onRetry={() => form.submit()} /> : null}
        {recorded ? (
          <Alert
            type="success"
            showIcon
            title={t('leaders.record.done', { unit: recorded })}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <Button type="primary" htmlType="submit" loading={record.isPending} style={{ marginTop: 8 }}>
          {t('leaders.record.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** Who leads the block in the year and who led when; the Board records a leader for a period. */
export function LeadersTab({ year, block }: { year: number; block: Block | undefined }) {
  const { t } = useTranslation('year-start');
  const { token, claims } = useSession();
  const names = useNames();
  const queryClient = useQueryClient();
  const blockId = block?.id;
  const leaders = useQuery({
    queryKey: ['block-leaders', token, blockId, year],
    queryFn: () =>
      unwrap(api.GET('/blocks/{blockId}/leaders', { params: { path: { blockId: blockId ?? '' }, query: { year } } })),
    enabled: token !== null && blockId !== undefined,
  });
  if (!block) return <Typography.Text>{t('noBlock')}</Typography.Text>;
  const current = leaders.data?.current ?? null;
  const history = [...(leaders.data?.history ?? [])].reverse();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('leaders.heading', { block: block.name })}
      </Typography.Title>
      {leaders.error ? <ProblemAlert problem={leaders.error} onRetry={() => void leaders.refetch()} /> : null}
      <Descriptions
        size="small"
        bordered
        column={1}
        data-testid="leader-current"
        items={[
          {
            key: 'current',
            label: t('leaders.current', { year }),
            children: current ? (
              <Space wrap>
                <Typography.Text strong>{names.unit(current.unitId)}</Typography.Text>
                <Tag>{period(current.fromYear, current.toYear, t('leaders.fromOn', { from: current.fromYear }))}</Tag>
              </Space>
            ) : (
              t('leaders.noneCurrent')
            ),
          },
        ]}
      />
      <Card
        size="small"
        title={
          <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
            {t('leaders.history')}
          </Typography.Title>
        }
      >
        <Table
          size="small"
          rowKey={(r) => `${r.setAt}|${r.unitId}`}
          pagination={false}
          loading={leaders.isLoading}
          dataSource={history}
          data-testid="leader-history"
          locale={{ emptyText: <span style={{ color: '#595959' }}>{t('leaders.noHistory')}</span> }}
          columns={[
            { key: 'unit', title: t('leaders.columns.unit'), render: (_, r) => names.unit(r.unitId) },
            {
              key: 'period',
              title: t('leaders.columns.period'),
              render: (_, r) => period(r.fromYear, r.toYear, t('leaders.fromOn', { from: r.fromYear })),
            },
            { key: 'at', title: t('leaders.columns.setAt'), render: (_, r) => formatDateTime(r.setAt) },
            { key: 'by', title: t('leaders.columns.setBy'), dataIndex: 'setBy' },
          ]}
        />
      </Card>
      {claims?.role === 'board_officer' ? (
        <RecordLeader
          year={year}
          block={block}
          onRecorded={() => void queryClient.invalidateQueries({ queryKey: ['block-leaders'] })}
        />
      ) : null}
    </Space>
  );
}
