import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { awardLabel } from '../../lib/award-label';
import { formatDateTime } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useNames } from '../../ui/useDirectory';

/** The titles a unit registers for at the start of the year (the API's REGISTRABLE_TITLES). */
export const REGISTRABLE_TITLES = [
  'ProvincialEmulationFlag',
  'ProvincialEmulationFighter',
  'ExcellentLabourCollective',
  'ProvincialCertificateOfMerit',
  'GrassrootsEmulationFighter',
  'AdvancedWorker',
  'AdvancedLabourCollective',
] as const;

type Block = Schemas['DirectoryBlock'];
type EntryForm = {
  kind: 'individual' | 'collective';
  name: string;
  personId?: string;
  title: (typeof REGISTRABLE_TITLES)[number];
};

function AddEntry({ year, onAdded }: { year: number; onAdded: () => void }) {
  const { t } = useTranslation('year-start');
  const { i18n } = useTranslation('common');
  const [form] = Form.useForm<EntryForm>();
  const [added, setAdded] = useState<string | null>(null);
  const register = useMutation({
    mutationFn: (values: EntryForm) => {
      const personId = values.personId?.trim();
      return unwrap(
        api.POST('/registrations', {
          body: {
            year,
            entries: [{ kind: values.kind, name: values.name, title: values.title, ...(personId ? { personId } : {}) }],
          },
        }),
      );
    },
    onSuccess: (_, values) => {
      setAdded(values.name);
      form.resetFields(['name', 'personId']);
      onAdded();
    },
  });
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('registrations.add.title', { year })}
        </Typography.Title>
      }
    >
      <Form<EntryForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'individual', title: 'GrassrootsEmulationFighter' }}
        onFinish={(values) => {
          setAdded(null);
          register.mutate(values);
        }}
        data-testid="registration-form"
      >
        <Space wrap align="start">
          <Form.Item name="kind" label={t('registrations.add.kind')}>
            <Select
              style={{ width: 160 }}
              options={(['individual', 'collective'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('registrations.add.name')}
            rules={[{ required: true, whitespace: true, message: t('required') }]}
          >
            <Input style={{ width: 280 }} placeholder={t('registrations.add.namePlaceholder')} />
          </Form.Item>
          <Form.Item name="personId" label={t('registrations.add.personId')}>
            <Input style={{ width: 200 }} placeholder={t('registrations.add.personIdPlaceholder')} />
          </Form.Item>
          <Form.Item name="title" label={t('registrations.add.award')}>
            <Select
              style={{ width: 320 }}
              options={REGISTRABLE_TITLES.map((a) => ({ value: a, label: awardLabel(i18n, a) }))}
            />
          </Form.Item>
        </Space>
        {register.error ? <ProblemAlert problem={register.error} onRetry={() => form.submit()} /> : null}
        {added ? (
          <Alert
            type="success"
            showIcon
            title={t('registrations.add.done', { name: added })}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <Button type="primary" htmlType="submit" loading={register.isPending} style={{ marginTop: 8 }}>
          {t('registrations.add.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The unit's registrations of the year; a unit officer or head adds to them, the Board reads a member unit's. */
export function RegistrationsTab({ year, block }: { year: number; block: Block | undefined }) {
  const { t } = useTranslation('year-start');
  const { i18n } = useTranslation('common');
  const { token, claims } = useSession();
  const names = useNames();
  const queryClient = useQueryClient();
  const board = claims?.role === 'board_officer';
  const unitRole = claims?.role === 'unit_officer' || claims?.role === 'unit_head';
  const [chosenUnit, setChosenUnit] = useState<string | undefined>(undefined);
  const members = block?.memberUnitIds ?? [];
  const unitId = board ? (chosenUnit && members.includes(chosenUnit) ? chosenUnit : members[0]) : claims?.unitId;
  const list = useQuery({
    queryKey: ['registrations', token, unitId, year],
    queryFn: () =>
      unwrap(api.GET('/registrations', { params: { query: { year, ...(unitId ? { unit: unitId } : {}) } } })),
    enabled: token !== null && unitId !== undefined,
  });
  const entries = list.data?.entries ?? [];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {board ? (
        <Form layout="inline">
          <Form.Item label={t('registrations.unit')} htmlFor="year-start-unit">
            <Select
              id="year-start-unit"
              style={{ minWidth: 320 }}
              value={unitId}
              onChange={setChosenUnit}
              options={members.map((id) => ({ value: id, label: names.unit(id) }))}
            />
          </Form.Item>
        </Form>
      ) : null}
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('registrations.heading', { unit: names.unit(unitId), year })}
      </Typography.Title>
      {list.error ? <ProblemAlert problem={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table
        size="small"
        rowKey={(r) => `${r.kind}|${r.personId ?? r.name}|${r.title}`}
        pagination={entries.length > 20 ? { pageSize: 20 } : false}
        loading={list.isLoading}
        dataSource={entries}
        data-testid="registration-list"
        locale={{ emptyText: <span style={{ color: '#595959' }}>{t('registrations.none')}</span> }}
        columns={[
          { key: 'kind', title: t('registrations.columns.kind'), render: (_, r) => t(`kinds.${r.kind}`) },
          { key: 'name', title: t('registrations.columns.name'), dataIndex: 'name' },
          { key: 'personId', title: t('registrations.columns.personId'), render: (_, r) => r.personId ?? '—' },
          { key: 'title', title: t('registrations.columns.award'), render: (_, r) => awardLabel(i18n, r.title) },
          {
            key: 'at',
            title: t('registrations.columns.registeredAt'),
            render: (_, r) => formatDateTime(r.registeredAt),
          },
        ]}
      />
      {unitRole ? (
        <AddEntry year={year} onAdded={() => void queryClient.invalidateQueries({ queryKey: ['registrations'] })} />
      ) : null}
    </Space>
  );
}
