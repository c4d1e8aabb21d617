import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Select, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../lib/time';
import { DocumentsProblem } from './DocumentsProblem';
import { saveBlob } from '../../lib/download';
import { printCertificates, type PrintRequest } from './documents-api';

type FormView = Schemas['CertificateForm'];
type Placement = Schemas['CertificateFieldPlacement'];
type Fields = FormView['fields'];
const FIELDS = ['awardee', 'position', 'unit', 'award', 'decision', 'placeAndDate', 'signerTitle', 'signer'] as const;
type FieldName = (typeof FIELDS)[number];

/** Who may move the fields: the Board (and administrators); the chairman prints only. */
const EDITING_ROLES = ['board_officer', 'admin'];

/** Certificates on the province's blank: the form, its field offsets in mm, and the print. */
export function CertificatesPanel({ initialDecision }: { initialDecision?: string }) {
  const { t } = useTranslation('documents');
  const { claims } = useSession();
  const canEdit = EDITING_ROLES.includes(claims?.role ?? '');
  const queryClient = useQueryClient();
  const forms = useQuery({
    queryKey: ['certificate-forms'],
    queryFn: () => unwrap(api.GET('/certificates/forms', { params: { query: {} } })),
  });
  const [formId, setFormId] = useState<string | undefined>(undefined);
  const chosen = formId ?? forms.data?.defaultFormId;
  const form = forms.data?.forms.find((f) => f.formId === chosen);
  const [offsets] = Form.useForm<{ fields: Fields }>();
  useEffect(() => {
    if (form) offsets.setFieldsValue({ fields: form.fields });
  }, [form, offsets]);

  const save = useMutation({
    mutationFn: (fields: Fields) =>
      unwrap(
        api.PUT('/certificates/forms/{formId}', {
          params: { path: { formId: form!.formId } },
          body: { expectedVersion: form!.version, fields },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['certificate-forms'] }),
  });

  const [target, setTarget] = useState<{ decisionNumber: string }>({ decisionNumber: initialDecision ?? '' });
  const [printed, setPrinted] = useState<{ name: string; sha256: string; matches: boolean } | null>(null);
  const print = useMutation({
    mutationFn: (body: PrintRequest) => printCertificates(body),
    onSuccess: (file) => {
      setPrinted({ name: file.name, sha256: file.received, matches: file.claimed === file.received });
      saveBlob(file.blob, file.name);
    },
  });

  const number = (field: FieldName, key: 'x' | 'y' | 'fontSize' | 'maxWidth', min: number, max: number) => (
    <Form.Item name={['fields', field, key]} noStyle rules={[{ required: true, type: 'number', min, max }]}>
      <InputNumber
        min={min}
        max={max}
        step={key === 'fontSize' ? 0.5 : 1}
        disabled={!canEdit}
        aria-label={t('offsets.aria', { field: t(`offsets.fields.${field}`), what: t(`offsets.${key}`) })}
        className="documents-number"
      />
    </Form.Item>
  );

  return (
    <Flex vertical gap="middle">
      {forms.error && <DocumentsProblem problem={forms.error} onRetry={() => void forms.refetch()} />}
      <Card>
        <Flex vertical gap="small">
          <Typography.Title level={2} className="documents-card-title">
            {t('certificates.printTitle')}
          </Typography.Title>
          <Form layout="vertical" className="documents-form" onFinish={() => undefined}>
            <Form.Item label={t('certificates.form')} htmlFor="certificate-form" required>
              <Select
                id="certificate-form"
                value={chosen}
                onChange={(v: string) => setFormId(v)}
                loading={forms.isPending}
                aria-label={t('certificates.form')}
                options={(forms.data?.forms ?? []).map((f) => ({
                  value: f.formId,
                  label: `${f.name} (${f.formId}) — ${t('certificates.version', { version: f.version })}${f.isDefault ? ` · ${t('certificates.default')}` : ''}`,
                }))}
              />
            </Form.Item>
            <Form.Item
              label={t('fields.decisionNumber')}
              htmlFor="certificate-decision"
              extra={t('certificates.decisionHelp')}
            >
              <Input
                id="certificate-decision"
                value={target.decisionNumber}
                onChange={(e) => setTarget({ decisionNumber: e.target.value })}
                placeholder="163/QĐ-UBND"
                maxLength={100}
                autoComplete="off"
              />
            </Form.Item>
            <Flex gap="small" wrap>
              <Button
                type="primary"
                loading={print.isPending && !print.variables?.calibration}
                disabled={!form || target.decisionNumber.trim() === ''}
                data-testid="print-certificates"
                onClick={() => print.mutate({ decisionNumber: target.decisionNumber.trim(), formId: form!.formId })}
              >
                {t('certificates.print')}
              </Button>
              <Button
                loading={print.isPending && print.variables?.calibration === true}
                disabled={!form}
                data-testid="print-calibration"
                onClick={() => print.mutate({ calibration: true, formId: form!.formId })}
              >
                {t('certificates.calibration')}
              </Button>
            </Flex>
          </Form>
          {print.error && <DocumentsProblem problem={print.error} onRetry={() => print.mutate(print.variables!)} />}
          {printed && (
            <Alert
              type={printed.matches ? 'success' : 'warning'}
              showIcon
              title={t('certificates.printed', { name: printed.name })}
              description={
                <Typography.Text code className="documents-sha">
                  SHA-256 {printed.sha256}
                </Typography.Text>
              }
            />
          )}
        </Flex>
      </Card>
      {form && (
        <Card>
          <Typography.Title level={2} className="documents-card-title">
            {t('offsets.title', { name: form.name })}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('offsets.help', { width: form.page.width, height: form.page.height })}{' '}
            <Tag>{t('certificates.version', { version: form.version })}</Tag>
            {form.changedAt &&
              t('offsets.changed', {
                by: form.changedBy,
                at: formatDateTime(form.changedAt),
              })}
          </Typography.Paragraph>
          {!canEdit && <Alert type="info" showIcon title={t('offsets.readOnly')} className="documents-gap" />}
          <Form<{ fields: Fields }>
            form={offsets}
            onFinish={(values) => save.mutate(values.fields)}
            initialValues={{ fields: form.fields }}
          >
            <Table<{ field: FieldName }>
              rowKey="field"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={FIELDS.map((field) => ({ field }))}
              columns={[
                { key: 'field', title: t('offsets.field'), render: (_, r) => t(`offsets.fields.${r.field}`) },
                { key: 'x', title: t('offsets.xHead'), render: (_, r) => number(r.field, 'x', 0, 1000) },
                { key: 'y', title: t('offsets.yHead'), render: (_, r) => number(r.field, 'y', 0, 1000) },
                { key: 'size', title: t('offsets.fontSizeHead'), render: (_, r) => number(r.field, 'fontSize', 4, 96) },
                {
                  key: 'width',
                  title: t('offsets.maxWidthHead'),
                  render: (_, r) => number(r.field, 'maxWidth', 5, 1000),
                },
                {
                  key: 'align',
                  title: t('offsets.align'),
                  render: (_, r) => (
                    <Form.Item name={['fields', r.field, 'align']} noStyle>
                      <Select<Placement['align']>
                        disabled={!canEdit}
                        aria-label={t('offsets.aria', {
                          field: t(`offsets.fields.${r.field}`),
                          what: t('offsets.align'),
                        })}
                        className="documents-select"
                        options={(['left', 'center', 'right'] as const).map((a) => ({
                          value: a,
                          label: t(`offsets.aligns.${a}`),
                        }))}
                      />
                    </Form.Item>
                  ),
                },
                {
                  key: 'face',
                  title: t('offsets.face'),
                  render: (_, r) => (
                    <Form.Item name={['fields', r.field, 'face']} noStyle>
                      <Select<Placement['face']>
                        disabled={!canEdit}
                        aria-label={t('offsets.aria', {
                          field: t(`offsets.fields.${r.field}`),
                          what: t('offsets.face'),
                        })}
                        className="documents-select"
                        options={(['regular', 'bold', 'italic', 'boldItalic'] as const).map((f) => ({
                          value: f,
                          label: t(`offsets.faces.${f}`),
                        }))}
                      />
                    </Form.Item>
                  ),
                },
                {
                  key: 'enabled',
                  title: t('offsets.enabled'),
                  render: (_, r) => (
                    <Form.Item name={['fields', r.field, 'enabled']} valuePropName="checked" noStyle>
                      <Switch
                        disabled={!canEdit}
                        aria-label={t('offsets.aria', {
                          field: t(`offsets.fields.${r.field}`),
                          what: t('offsets.enabled'),
                        })}
                      />
                    </Form.Item>
                  ),
                },
              ]}
            />
            {canEdit && (
              <Flex gap="small" className="documents-gap">
                <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-offsets">
                  {t('offsets.save')}
                </Button>
                <Button onClick={() => offsets.setFieldsValue({ fields: form.fields })}>{t('offsets.reset')}</Button>
              </Flex>
            )}
          </Form>
          {save.error && <DocumentsProblem problem={save.error} />}
          {save.data && (
            <Alert
              type="success"
              showIcon
              className="documents-gap"
              title={t('offsets.saved', { version: save.data.version })}
            />
          )}
        </Card>
      )}
    </Flex>
  );
}
