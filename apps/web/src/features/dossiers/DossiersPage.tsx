import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Alert, Button, Card, Input, Popconfirm, Progress, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { EvidenceEditor, type EvidenceItem } from '../draft/EvidenceEditor';
import { runBatch, toBase64, type BatchResult } from './batch';
import type { DossiersSearch } from './index';

type RowProblem = Schemas['DossierRowProblem'];
type Dossier = Schemas['Dossier'];

/** Campaign titles by id, for the list and the detail (the API names a dossier's campaign by its id). */
function useCampaignTitles(): (id: string) => string {
  const { token } = useSession();
  const campaigns = useQuery({
    queryKey: ['campaigns', token],
    queryFn: () => unwrap(api.GET('/campaigns')),
    enabled: token !== null,
  });
  return (id) => campaigns.data?.items.find((c) => c.campaignId === id)?.title ?? id;
}

/**
 * A row problem in the user's language, by its stable code: the parser's own
 * codes here, a refusal's code from the glossary; the English reason otherwise.
 */
function useRowProblemText(): (p: RowProblem) => string {
  const { t, i18n } = useTranslation('dossiers');
  const { t: tc } = useTranslation('common');
  return (p) => {
    const params: Record<string, string | number> = { ...(p.params ?? {}) };
    if (typeof params['awardType'] === 'string') {
      params['award'] = tc(`awards.${params['awardType']}`, { defaultValue: params['awardType'] });
    }
    if (i18n.exists(`problemCodes.${p.code}`, { ns: 'dossiers' })) return t(`problemCodes.${p.code}`, params);
    if (i18n.exists(`errors.codes.${p.code}`, { ns: 'common' })) return `${tc(`errors.codes.${p.code}`)} (${p.code})`;
    return p.reason;
  };
}

function useBatch() {
  const [progress, setProgress] = useState<{ done: number; total: number; failed: number } | null>(null);
  const [result, setResult] = useState<BatchResult | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  async function run(path: string, body: unknown): Promise<BatchResult | null> {
    setRunning(true);
    setProblem(null);
    setResult(null);
    setProgress({ done: 0, total: 0, failed: 0 });
    let failed = 0;
    try {
      const r = await runBatch(path, body, (done, total, item) => {
        if (!item.ok) failed++;
        setProgress({ done, total, failed });
      });
      setResult(r);
      return r;
    } catch (error) {
      setProblem(error);
      return null;
    } finally {
      setRunning(false);
    }
  }
  return { progress, result, problem, running, run };
}

function BatchProgress({ batch }: { batch: ReturnType<typeof useBatch> }) {
  const { t } = useTranslation('dossiers');
  const { progress, result, problem } = batch;
  if (!progress && !result && !problem) return null;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div data-testid="batch-progress" style={{ margin: '12px 0' }}>
      {progress && (progress.done > 0 || !problem) ? (
        <>
          {/* The bar without its own text (antd's coloured percentages fall below 4.5:1); the count beside it. */}
          <Progress aria-label={t('progressLabel')} percent={result ? 100 : percent} showInfo={false} />
          <Typography.Text>{t('progress', { done: progress.done, total: progress.total })}</Typography.Text>
        </>
      ) : null}
      {result ? (
        <Alert
          type={result.failed > 0 ? 'warning' : 'success'}
          showIcon
          message={t(`done.${result.action}`, { ok: result.succeeded, total: result.total, failed: result.failed })}
          description={
            result.failed > 0 ? (
              <ul>
                {result.items
                  .filter((i) => !i.ok)
                  .map((i) => (
                    <li key={i.itemNo}>
                      #{i.itemNo}: {i.code} — {i.message}
                    </li>
                  ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      {problem && !(problem instanceof ApiProblem && problem.code === 'DOSSIER_INVALID') ? (
        <ProblemAlert problem={problem} />
      ) : null}
      {problem ? <Typography.Text type="secondary">{t('resume')}</Typography.Text> : null}
    </div>
  );
}

function ImportCard({ campaignId, onImported }: { campaignId?: string; onImported: (id: string) => void }) {
  const { t } = useTranslation('dossiers');
  const { token } = useSession();
  const campaigns = useQuery({
    queryKey: ['campaigns', token],
    queryFn: () => unwrap(api.GET('/campaigns')),
    enabled: token !== null,
  });
  const [campaign, setCampaign] = useState<string | undefined>(campaignId);
  const [file, setFile] = useState<File | null>(null);
  const [evidence, setEvidence] = useState<EvidenceItem[]>([]);
  const batch = useBatch();
  const problemText = useRowProblemText();
  const problems: RowProblem[] =
    batch.problem instanceof ApiProblem && batch.problem.code === 'DOSSIER_INVALID'
      ? ((batch.problem.details['problems'] as RowProblem[] | undefined) ?? [])
      : [];
  const open = (campaigns.data?.items ?? []).filter((c) => c.takingNominations);
  async function submit() {
    if (!file || !campaign) return;
    const format = file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
    const result = await batch.run('/dossiers', {
      campaignId: campaign,
      format,
      fileName: file.name,
      contentBase64: toBase64(await file.arrayBuffer()),
      evidence,
    });
    if (result) onImported(result.dossierId);
  }
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('import.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph>
        {t('import.intro')}{' '}
        <a href="/dossiers/template?format=xlsx" download style={{ textDecoration: 'underline' }}>
          {t('import.templateXlsx')}
        </a>{' '}
        ·{' '}
        <a href="/dossiers/template?format=csv" download style={{ textDecoration: 'underline' }}>
          {t('import.templateCsv')}
        </a>
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <label>
          {t('import.campaign')}{' '}
          <Select
            style={{ minWidth: 360 }}
            value={campaign}
            onChange={setCampaign}
            placeholder={t('import.pickCampaign')}
            options={open.map((c) => ({ value: c.campaignId, label: c.title }))}
            data-testid="import-campaign"
          />
        </label>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          onRemove={() => setFile(null)}
        >
          <Button data-testid="import-file">{t('import.pickFile')}</Button>
        </Upload>
        <Typography.Text strong>{t('import.documents')}</Typography.Text>
        <EvidenceEditor value={evidence} onChange={setEvidence} idPrefix="dossier-evidence" />
        <Button type="primary" onClick={() => void submit()} disabled={!file || !campaign} loading={batch.running}>
          {t('import.submit')}
        </Button>
      </Space>
      {problems.length > 0 ? (
        <>
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            message={t('import.invalid', { count: problems.length })}
          />
          <Table<RowProblem>
            size="small"
            rowKey={(p) => `${p.row}-${p.column ?? ''}-${p.reason}`}
            pagination={false}
            dataSource={problems}
            locale={{ emptyText: <span style={{ color: '#595959' }}>—</span> }}
            data-testid="import-problems"
            columns={[
              { key: 'row', title: t('problems.row'), dataIndex: 'row', width: 80 },
              { key: 'column', title: t('problems.column'), dataIndex: 'column', width: 200 },
              {
                key: 'reason',
                title: t('problems.reason'),
                render: (_, p) => <span data-code={p.code}>{problemText(p)}</span>,
              },
            ]}
          />
        </>
      ) : null}
      <BatchProgress batch={batch} />
    </Card>
  );
}

function DossierDetail({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation('dossiers');
  const { t: tc } = useTranslation('common');
  const { token, claims } = useSession();
  const queryClient = useQueryClient();
  const dossier = useQuery({
    queryKey: ['dossier', dossierId, token],
    queryFn: () => unwrap(api.GET('/dossiers/{dossierId}', { params: { path: { dossierId } } })),
    enabled: token !== null,
    refetchOnMount: 'always',
  });
  const batch = useBatch();
  const campaignTitle = useCampaignTitles();
  const [reason, setReason] = useState('');
  const head = claims?.role === 'unit_head' && claims.unitId === dossier.data?.unitId;
  const act = async (action: 'submit' | 'withdraw') => {
    await batch.run(`/dossiers/${dossierId}/${action}`, action === 'submit' ? {} : { reason });
    void queryClient.invalidateQueries({ queryKey: ['dossier', dossierId] });
  };
  const d: Dossier | undefined = dossier.data;
  return (
    <Card
      size="small"
      data-testid="dossier-detail"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {d?.title ?? dossierId}
        </Typography.Title>
      }
    >
      {dossier.error ? <ProblemAlert problem={dossier.error} onRetry={() => void dossier.refetch()} /> : null}
      {d ? (
        <>
          <Typography.Paragraph>
            {t('detail.meta', {
              campaign: campaignTitle(d.campaignId),
              year: d.campaignYear,
              file: d.source.fileName,
              at: formatDateTime(d.createdAt),
            })}
          </Typography.Paragraph>
          <Space wrap style={{ marginBottom: 8 }}>
            {Object.entries(d.stages).map(([stage, n]) => (
              <Tag key={stage}>
                {tc(`stages.${stage}`, { defaultValue: t(`detail.${stage}`, { defaultValue: stage }) })}: {n}
              </Tag>
            ))}
          </Space>
          {d.unfinishedBatch ? (
            <Alert
              type="warning"
              showIcon
              message={t('detail.unfinished', { action: t(`actions.${d.unfinishedBatch.action}`) })}
            />
          ) : null}
          {head ? (
            <Space wrap style={{ margin: '8px 0' }}>
              <Popconfirm
                title={t('detail.submitConfirm', { count: d.items.length })}
                onConfirm={() => void act('submit')}
              >
                <Button type="primary" loading={batch.running}>
                  {t('actions.submit')}
                </Button>
              </Popconfirm>
              <Input
                placeholder={t('detail.reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                style={{ width: 280 }}
              />
              <Popconfirm
                title={t('detail.withdrawConfirm')}
                onConfirm={() => void act('withdraw')}
                disabled={reason.trim() === ''}
              >
                <Button disabled={reason.trim() === ''}>{t('actions.withdraw')}</Button>
              </Popconfirm>
            </Space>
          ) : null}
          <BatchProgress batch={batch} />
          <Table
            size="small"
            rowKey="itemNo"
            pagination={false}
            dataSource={d.items}
            locale={{ emptyText: <span style={{ color: '#595959' }}>{t('none')}</span> }}
            data-testid="dossier-items"
            columns={[
              { key: 'no', title: '#', dataIndex: 'itemNo', width: 50 },
              {
                key: 'name',
                title: t('columns.nominee'),
                render: (_, i) => (
                  <Link to="/nominations/$nominationId" params={{ nominationId: i.nominationId }}>
                    {i.name}
                  </Link>
                ),
              },
              { key: 'kind', title: t('columns.kind'), render: (_, i) => t(`kinds.${i.kind}`) },
              {
                key: 'award',
                title: t('columns.award'),
                render: (_, i) => tc(`awards.${i.awardType}`, { defaultValue: i.awardType }),
              },
              {
                key: 'stage',
                title: t('columns.stage'),
                render: (_, i) =>
                  i.stage ? tc(`stages.${i.stage}`, { defaultValue: i.stage }) : <Tag>{t('detail.NotCreated')}</Tag>,
              },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}

export default function DossiersPage() {
  const { t } = useTranslation('dossiers');
  const { token, claims } = useSession();
  const search = useSearch({ strict: false }) as DossiersSearch;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const campaignTitle = useCampaignTitles();
  const list = useQuery({
    queryKey: ['dossiers', search.campaignId, token],
    queryFn: () =>
      unwrap(api.GET('/dossiers', { params: { query: search.campaignId ? { campaignId: search.campaignId } : {} } })),
    enabled: token !== null,
    refetchOnMount: 'always',
  });
  const open = (dossierId: string) => void navigate({ to: '/dossiers', search: { ...search, dossierId } });
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('title')}
      </Typography.Title>
      {list.error ? <ProblemAlert problem={list.error} onRetry={() => void list.refetch()} /> : null}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Table
          size="small"
          rowKey="dossierId"
          pagination={false}
          dataSource={list.data?.items ?? []}
          data-testid="dossier-list"
          locale={{ emptyText: <span style={{ color: '#595959' }}>{t('none')}</span> }}
          onRow={(r) => ({ onClick: () => open(r.dossierId), style: { cursor: 'pointer' } })}
          columns={[
            {
              key: 'title',
              title: t('columns.title'),
              render: (_, r) => <a onClick={() => open(r.dossierId)}>{r.title}</a>,
            },
            { key: 'campaign', title: t('columns.campaign'), render: (_, r) => campaignTitle(r.campaignId) },
            { key: 'count', title: t('columns.count'), dataIndex: 'itemCount', align: 'right' },
            { key: 'at', title: t('columns.createdAt'), render: (_, r) => formatDateTime(r.createdAt) },
          ]}
        />
        {search.dossierId ? <DossierDetail dossierId={search.dossierId} /> : null}
        {claims?.role === 'unit_officer' ? (
          <ImportCard
            {...(search.campaignId ? { campaignId: search.campaignId } : {})}
            onImported={(id) => {
              void queryClient.invalidateQueries({ queryKey: ['dossiers'] });
              open(id);
            }}
          />
        ) : null}
      </Space>
    </div>
  );
}
