import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, notePosition, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';
import { useSession } from '../../auth/session';
import { DocumentsProblem } from './DocumentsProblem';
import { saveBlob } from '../../lib/download';
import { downloadDocument } from './documents-api';

type Kind = 'decision' | 'proposal_letter' | 'block_minutes' | 'council_minutes';
type Issued = Schemas['IssuedDocument'];
type IssueBody = NonNullable<paths['/documents']['post']['requestBody']>['content']['application/json'];

interface Values {
  decisionNumber?: string;
  unitId?: string;
  blockId?: string;
  campaignYear?: number;
}

const lastYear = () => new Date().getFullYear() - 1;

function bodyOf(kind: Kind, v: Values): IssueBody {
  switch (kind) {
    case 'decision':
      return { kind, decisionNumber: (v.decisionNumber ?? '').trim() };
    case 'proposal_letter':
      return { kind, unitId: v.unitId ?? '', campaignYear: v.campaignYear ?? lastYear() };
    case 'block_minutes':
      return { kind, blockId: v.blockId ?? '', campaignYear: v.campaignYear ?? lastYear() };
    case 'council_minutes':
      return { kind, campaignYear: v.campaignYear ?? lastYear() };
  }
}

/** One kind of document: what it covers, the build, and the result with its digests and where they are recorded. */
export function IssuePanel({ kind, initialDecision }: { kind: Kind; initialDecision?: string }) {
  const { t } = useTranslation('documents');
  const { claims } = useSession();
  const [form] = Form.useForm<Values>();
  const directory = useQuery({
    queryKey: ['directory'],
    queryFn: () => unwrap(api.GET('/directory')),
    staleTime: 10 * 60_000,
    enabled: kind === 'proposal_letter' || kind === 'block_minutes',
  });
  const issue = useMutation({
    mutationFn: (body: IssueBody) => unwrap(api.POST('/documents', { body })),
    onSuccess: (issued) => notePosition(issued.position),
  });
  const province = claims?.province;
  const units = (directory.data?.units ?? []).filter((u) => !province || u.provinceId === province);
  const blocks = (directory.data?.blocks ?? []).filter((b) => !province || b.provinceId === province);

  return (
    <Flex vertical gap="middle">
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          className="documents-form"
          initialValues={{ decisionNumber: initialDecision ?? '', campaignYear: lastYear() }}
          onFinish={(values) => issue.mutate(bodyOf(kind, values))}
        >
          {kind === 'decision' && (
            <Form.Item
              name="decisionNumber"
              label={t('fields.decisionNumber')}
              extra={t('fields.decisionNumberHelp')}
              rules={[{ required: true, whitespace: true, message: t('validation.decisionNumber') }]}
            >
              <Input placeholder="163/QĐ-UBND" maxLength={100} autoComplete="off" />
            </Form.Item>
          )}
          {kind === 'proposal_letter' && (
            <Form.Item
              name="unitId"
              label={t('fields.unit')}
              rules={[{ required: true, message: t('validation.unit') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={directory.isPending}
                options={units.map((u) => ({ value: u.id, label: u.name }))}
                placeholder={t('fields.unitPlaceholder')}
              />
            </Form.Item>
          )}
          {kind === 'block_minutes' && (
            <Form.Item
              name="blockId"
              label={t('fields.block')}
              rules={[{ required: true, message: t('validation.block') }]}
            >
              <Select
                loading={directory.isPending}
                options={blocks.map((b) => ({ value: b.id, label: b.name }))}
                placeholder={t('fields.blockPlaceholder')}
              />
            </Form.Item>
          )}
          {kind !== 'decision' && (
            <Form.Item
              name="campaignYear"
              label={t('fields.year')}
              rules={[{ required: true, type: 'integer', min: 2000, max: 2100, message: t('validation.year') }]}
            >
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={issue.isPending} data-testid="issue-document">
            {t('build')}
          </Button>
        </Form>
      </Card>
      {directory.error && <DocumentsProblem problem={directory.error} onRetry={() => void directory.refetch()} />}
      {issue.error && (
        <DocumentsProblem problem={issue.error} onRetry={() => issue.mutate(bodyOf(kind, form.getFieldsValue()))} />
      )}
      {issue.data && <IssuedResult issued={issue.data} />}
    </Flex>
  );
}

function IssuedResult({ issued }: { issued: Issued }) {
  const { t } = useTranslation('documents');
  const [checked, setChecked] = useState<Record<string, 'match' | 'mismatch'>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  async function download(file: Issued['files'][number]): Promise<void> {
    setBusy(file.format);
    setProblem(null);
    try {
      const got = await downloadDocument(file.href, file.format);
      const ok = got.received === file.sha256;
      setChecked((c) => ({ ...c, [file.format]: ok ? 'match' : 'mismatch' }));
      saveBlob(got.blob, got.name);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(null);
    }
  }

  const recordedNow = issued.nominations.filter((n) => n.recording === 'recorded').length;
  return (
    <Card
      title={
        <Typography.Title level={2} className="documents-card-title">
          {issued.title}
        </Typography.Title>
      }
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'id',
            label: t('result.documentId'),
            children: <Typography.Text code>{issued.documentId}</Typography.Text>,
          },
          { key: 'ref', label: t('result.reference'), children: issued.reference },
          { key: 'template', label: t('result.template'), children: `${issued.templateId} v${issued.templateVersion}` },
        ]}
      />
      <Typography.Title level={3}>{t('result.files')}</Typography.Title>
      <Table
        rowKey="format"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={issued.files}
        columns={[
          { key: 'format', title: t('result.format'), render: (_, f) => f.format.toUpperCase() },
          {
            key: 'sha',
            title: 'SHA-256',
            render: (_, f) => (
              <Typography.Text
                code
                copyable={{ text: f.sha256 }}
                data-testid={`sha256-${f.format}`}
                className="documents-sha"
              >
                {f.sha256}
              </Typography.Text>
            ),
          },
          { key: 'size', title: t('result.size'), render: (_, f) => t('result.bytes', { count: f.sizeBytes }) },
          {
            key: 'download',
            title: t('result.download'),
            render: (_, f) => (
              <Flex gap="small" align="center">
                <Button
                  onClick={() => void download(f)}
                  loading={busy === f.format}
                  data-testid={`download-${f.format}`}
                  aria-label={t('result.downloadAs', { format: f.format.toUpperCase() })}
                >
                  {f.format.toUpperCase()}
                </Button>
                {/* The glossary's plain tag: the coloured ones fail AA contrast on a hovered row. */}
                {checked[f.format] === 'match' && <Tag>✓ {t('result.match')}</Tag>}
                {checked[f.format] === 'mismatch' && <Typography.Text strong>✗ {t('result.mismatch')}</Typography.Text>}
              </Flex>
            ),
          },
        ]}
      />
      {problem !== null && <DocumentsProblem problem={problem} />}
      <Typography.Title level={3}>{t('result.recordedIn')}</Typography.Title>
      <Alert
        type="success"
        showIcon
        title={t('result.recordedSummary', { count: issued.nominations.length, now: recordedNow })}
      />
      <Table
        rowKey="nominationId"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={issued.nominations}
        columns={[
          {
            key: 'name',
            title: t('result.nominee'),
            render: (_, n) => (
              <Link to="/nominations/$nominationId" params={{ nominationId: n.nominationId }}>
                {n.nomineeName}
              </Link>
            ),
          },
          { key: 'recordVersion', title: t('result.recordVersion'), render: (_, n) => n.recordVersion },
          {
            key: 'recording',
            title: t('result.recording'),
            render: (_, n) => <Tag>{t(`result.${n.recording}`)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
