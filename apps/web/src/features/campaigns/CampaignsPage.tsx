import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';

type Campaign = Schemas['Campaign'];
const AWARDS = [
  'ProvincialCertificateOfMerit',
  'ProvincialEmulationFighter',
  'ExcellentLabourCollective',
  'ProvincialEmulationFlag',
] as const;
// Blue or plain: antd's green, orange and red tags fall below 4.5:1 contrast.
const STAGE_COLOURS: Record<string, string | undefined> = { Open: 'blue' };

interface CreateForm {
  title: string;
  kind: 'yearly' | 'thematic' | 'five_yearly';
  fromYear: number;
  toYear: number;
  criteria?: string;
  window: [Dayjs, Dayjs];
  quotas: { awardType: string; quota?: number }[];
  open: boolean;
}

function CreateCampaign({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation('campaigns');
  const { t: tc } = useTranslation('common');
  const [form] = Form.useForm<CreateForm>();
  const [key] = useState(newIdempotencyKey);
  const year = new Date().getFullYear() - 1;
  const create = useMutation({
    mutationFn: (values: CreateForm) =>
      unwrap(
        api.POST('/campaigns', {
          params: { header: { 'Idempotency-Key': key } as never },
          body: {
            title: values.title,
            kind: values.kind,
            fromYear: values.fromYear,
            toYear: values.toYear,
            criteria: (values.criteria ?? '')
              .split('\n')
              .map((c) => c.trim())
              .filter((c) => c.length > 0),
            plannedAwards: values.quotas.map((q) => ({
              awardType: q.awardType,
              ...(q.quota ? { quota: q.quota } : {}),
            })),
            intakeOpensAt: values.window[0].toISOString(),
            intakeClosesAt: values.window[1].toISOString(),
            open: values.open,
          },
        }),
      ),
    onSuccess: (result) => onCreated(result.campaignId),
  });
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('create.title')}
        </Typography.Title>
      }
      size="small"
    >
      <Form<CreateForm>
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'yearly',
          fromYear: year,
          toYear: year,
          window: [dayjs(), dayjs().add(30, 'day')],
          quotas: [{ awardType: 'ProvincialCertificateOfMerit', quota: 20 }],
          open: true,
        }}
        onFinish={(values) => create.mutate(values)}
        data-testid="campaign-form"
      >
        <Form.Item name="title" label={t('create.name')} rules={[{ required: true, message: t('create.required') }]}>
          <Input placeholder={t('create.namePlaceholder', { year })} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={t('create.kind')}>
            <Select
              style={{ width: 200 }}
              options={(['yearly', 'thematic', 'five_yearly'] as const).map((k) => ({
                value: k,
                label: t(`kinds.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="fromYear" label={t('create.fromYear')}>
            <InputNumber min={2000} max={2200} />
          </Form.Item>
          <Form.Item name="toYear" label={t('create.toYear')}>
            <InputNumber min={2000} max={2200} />
          </Form.Item>
          <Form.Item
            name="window"
            label={t('create.window')}
            rules={[{ required: true, message: t('create.required') }]}
          >
            <DatePicker.RangePicker showTime format="DD/MM/YYYY HH:mm" />
          </Form.Item>
        </Space>
        <Form.Item name="criteria" label={t('create.criteria')}>
          <Input.TextArea rows={2} placeholder={t('create.criteriaPlaceholder')} />
        </Form.Item>
        <Form.List name="quotas">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, 'awardType']} label={t('create.award')}>
                    <Select
                      style={{ width: 320 }}
                      options={AWARDS.map((a) => ({ value: a, label: tc(`awards.${a}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'quota']} label={t('create.quota')}>
                    <InputNumber min={1} placeholder={t('create.noQuota')} />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)} aria-label={t('create.removeAward')}>
                    −
                  </Button>
                </Space>
              ))}
              <Form.Item>
                <Button onClick={() => add({ awardType: 'ProvincialEmulationFighter' })}>{t('create.addAward')}</Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        <Form.Item name="open" label={t('create.openNow')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {create.error ? <ProblemAlert problem={create.error} onRetry={() => form.submit()} /> : null}
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('create.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function QuotaTable({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('campaigns');
  const { t: tc } = useTranslation('common');
  return (
    <Table
      size="small"
      rowKey="awardType"
      pagination={false}
      dataSource={campaign.plannedAwards}
      locale={{ emptyText: <span style={{ color: '#595959' }}>{t('none')}</span> }}
      columns={[
        {
          key: 'award',
          title: t('columns.award'),
          render: (_, r) => tc(`awards.${r.awardType}`, { defaultValue: r.awardType }),
        },
        { key: 'quota', title: t('columns.quota'), align: 'right', render: (_, r) => r.quota ?? t('noQuota') },
        { key: 'admitted', title: t('columns.admitted'), align: 'right', dataIndex: 'admitted' },
        {
          key: 'left',
          title: t('columns.left'),
          width: 200,
          render: (_, r) =>
            r.quota === undefined ? (
              '—'
            ) : (
              <Progress
                percent={Math.round((r.admitted / r.quota) * 100)}
                format={() => `${r.left ?? 0}`}
                size="small"
                aria-label={t('columns.leftOf', { award: tc(`awards.${r.awardType}`, { defaultValue: r.awardType }) })}
              />
            ),
        },
      ]}
    />
  );
}

export default function CampaignsPage() {
  const { t } = useTranslation('campaigns');
  const { token, claims } = useSession();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<string | null>(null);
  const campaigns = useQuery({
    queryKey: ['campaigns', token],
    queryFn: () => unwrap(api.GET('/campaigns')),
    enabled: token !== null,
    refetchOnMount: 'always',
  });
  const change = useMutation({
    mutationFn: ({ id, to }: { id: string; to: 'open' | 'close-intake' | 'close' }) => {
      const params = { path: { campaignId: id } };
      if (to === 'open') return unwrap(api.POST('/campaigns/{campaignId}/open', { params, body: {} as never }));
      if (to === 'close-intake') {
        return unwrap(api.POST('/campaigns/{campaignId}/close-intake', { params, body: {} as never }));
      }
      return unwrap(api.POST('/campaigns/{campaignId}/close', { params, body: {} }));
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['campaigns'] }),
  });
  const board = claims?.role === 'board_officer';
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {campaigns.error ? <ProblemAlert problem={campaigns.error} onRetry={() => void campaigns.refetch()} /> : null}
      {change.error ? <ProblemAlert problem={change.error} /> : null}
      {created ? (
        <Alert type="success" showIcon message={t('created', { id: created })} style={{ marginBottom: 16 }} />
      ) : null}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {(campaigns.data?.items ?? []).map((c) => (
          <Card
            key={c.campaignId}
            size="small"
            data-testid={`campaign-${c.campaignId}`}
            title={
              <Space wrap>
                <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                  {c.title}
                </Typography.Title>
                <Tag color={STAGE_COLOURS[c.stage]}>{t(`stages.${c.stage}`)}</Tag>
                {c.takingNominations ? <Tag>{t('taking')}</Tag> : null}
              </Space>
            }
            extra={
              board ? (
                <Space>
                  {c.stage === 'Planned' ? (
                    <Button size="small" onClick={() => change.mutate({ id: c.campaignId, to: 'open' })}>
                      {t('actions.open')}
                    </Button>
                  ) : null}
                  {c.stage === 'Open' ? (
                    <Popconfirm
                      title={t('actions.closeIntakeConfirm')}
                      onConfirm={() => change.mutate({ id: c.campaignId, to: 'close-intake' })}
                    >
                      <Button size="small">{t('actions.closeIntake')}</Button>
                    </Popconfirm>
                  ) : null}
                  {c.stage !== 'Closed' ? (
                    <Popconfirm
                      title={t('actions.closeConfirm')}
                      onConfirm={() => change.mutate({ id: c.campaignId, to: 'close' })}
                    >
                      {/* antd's red buttons fall below 4.5:1; the confirmation marks the irreversible action. */}
                      <Button size="small">{t('actions.close')}</Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ) : null
            }
          >
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              {t(`kinds.${c.kind}`)} · {c.fromYear === c.toYear ? c.fromYear : `${c.fromYear}–${c.toYear}`} ·{' '}
              {t('window', { from: formatDateTime(c.intakeOpensAt), to: formatDateTime(c.intakeClosesAt) })} ·{' '}
              <Link to="/dossiers" search={{ campaignId: c.campaignId }} style={{ textDecoration: 'underline' }}>
                {t('dossiers')}
              </Link>
            </Typography.Paragraph>
            {c.criteria.length > 0 ? (
              <ul style={{ marginTop: 0 }}>
                {c.criteria.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            ) : null}
            <QuotaTable campaign={c} />
          </Card>
        ))}
        {campaigns.data && campaigns.data.items.length === 0 ? <Typography.Text>{t('none')}</Typography.Text> : null}
        {board ? (
          <CreateCampaign
            onCreated={(id) => {
              setCreated(id);
              void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
            }}
          />
        ) : null}
      </Space>
    </div>
  );
}
