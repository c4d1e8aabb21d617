import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, newIdempotencyKey, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { awardLabel } from '../../lib/award-label';
import { useAwardChoices } from './award-choices';
import { dayjs, PROVINCE_TIME_ZONE } from '../../lib/time';
import { ProblemAlert, useProblemText } from '../../ui/ProblemAlert';
import { useNames } from '../../ui/useDirectory';
import { EvidenceEditor, type EvidenceItem } from './EvidenceEditor';

type Kind = 'individual' | 'collective';
type Summary = Schemas['NominationSummary'];

const TITLES = [
  'GrassrootsEmulationFighter',
  'AdvancedWorker',
  'AdvancedLabourCollective',
  'CertificateOfCommendation',
  'ProvincialCertificateOfMerit',
  'ProvincialEmulationFighter',
  'ExcellentLabourCollective',
  'ProvincialEmulationFlag',
] as const;
const RATINGS = ['Excellent', 'Good', 'Completed', 'NotCompleted'] as const;
const SCOPES = ['unit', 'sector', 'province', 'national'] as const;

type Values = {
  kind: Kind;
  name?: string;
  position?: string;
  frontLine?: boolean;
  hardshipArea?: boolean;
  awardType?: Summary['awardType'];
  campaignYear?: number;
  achievements?: string;
  titles?: { year?: number; title?: string; decisionNumber?: string }[];
  ratings?: { year?: number; rating?: string }[];
  initiatives?: { year?: number; title?: string; scope?: string }[];
  memberStats?: {
    memberCount?: number;
    completedTasks?: number;
    advancedWorkers?: number;
    grassrootsFighters?: number;
  };
  evidence?: EvidenceItem[];
};

type SaveState =
  { kind: 'incomplete' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; problem: unknown };

const SAVE_DELAY_MS = 1200;
const RETRY_DELAY_MS = 5000;

function lastYear(): number {
  return Number(dayjs().tz(PROVINCE_TIME_ZONE).format('YYYY')) - 1;
}

const trimmed = (s: string | undefined) => (s ?? '').trim();

/** The form as the API's draft body; undefined while what the API requires is not there yet. */
function bodyOf(v: Values): Record<string, unknown> | undefined {
  if (!trimmed(v.name) || !v.awardType || !v.campaignYear || !trimmed(v.achievements)) return undefined;
  const individual = v.kind === 'individual';
  const stats = v.memberStats;
  const hasStats =
    !individual &&
    stats &&
    [stats.memberCount, stats.completedTasks, stats.advancedWorkers, stats.grassrootsFighters].every(
      (n) => typeof n === 'number',
    );
  return {
    nominee: {
      kind: v.kind,
      name: trimmed(v.name),
      ...(trimmed(v.position) ? { position: trimmed(v.position) } : {}),
      ...(individual ? { frontLine: !!v.frontLine, hardshipArea: !!v.hardshipArea } : {}),
    },
    awardType: v.awardType,
    campaignYear: v.campaignYear,
    achievements: trimmed(v.achievements),
    record: {
      titles: (v.titles ?? [])
        .filter((t) => t?.year && t.title)
        .map((t) => ({
          year: t.year,
          title: t.title,
          ...(trimmed(t.decisionNumber) ? { decisionNumber: trimmed(t.decisionNumber) } : {}),
        })),
      ratings: (v.ratings ?? []).filter((r) => r?.year && r.rating).map((r) => ({ year: r.year, rating: r.rating })),
      initiatives: (v.initiatives ?? [])
        .filter((i) => i?.year && trimmed(i.title) && i.scope)
        .map((i) => ({ year: i.year, title: trimmed(i.title), scope: i.scope })),
      ...(hasStats ? { memberStats: stats } : {}),
    },
    evidence: (v.evidence ?? []).filter((e) => trimmed(e.title)).map((e) => ({ ...e, title: trimmed(e.title) })),
  };
}

function valuesOf(n: Summary, evidence: readonly EvidenceItem[]): Values {
  return {
    kind: n.nominee.kind,
    name: n.nominee.name,
    ...(n.nominee.position !== undefined ? { position: n.nominee.position } : {}),
    frontLine: !!n.nominee.frontLine,
    hardshipArea: !!n.nominee.hardshipArea,
    awardType: n.awardType,
    campaignYear: n.campaignYear,
    achievements: n.achievements,
    titles: n.record.titles.map((t) => ({ ...t })),
    ratings: n.record.ratings.map((r) => ({ ...r })),
    initiatives: n.record.initiatives.map((i) => ({ ...i })),
    ...(n.record.memberStats ? { memberStats: { ...n.record.memberStats } } : {}),
    evidence: [...evidence],
  };
}

/** An API field path (`record.titles.0.year`, `evidence[1].title`) as the form's name path, where the form has it. */
function formPath(path: string): (string | number)[] | undefined {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [head, ...rest] = parts;
  if (head === 'nominee') return rest[0] === 'kind' ? ['kind'] : rest.slice(0, 1);
  if (head === 'record') return rest;
  if (head === 'evidence') return ['evidence'];
  return head === undefined ? undefined : [head];
}

function problemsOf(problem: unknown): { path: string; message: string }[] {
  if (!(problem instanceof ApiProblem)) return [];
  const list = (problem.details['issues'] ?? problem.details['problems']) as unknown;
  if (!Array.isArray(list)) return [];
  return list.map((p) => {
    const item = p as { path?: unknown; field?: unknown; message?: unknown };
    return { path: String(item.path ?? item.field ?? ''), message: String(item.message ?? '') };
  });
}

export default function DraftPage() {
  const { t } = useTranslation('draft');
  const params = useParams({ strict: false }) as { nominationId?: string };
  const existing = useQuery({
    queryKey: ['nomination', params.nominationId],
    queryFn: () => unwrap(api.GET('/nominations/{id}', { params: { path: { id: params.nominationId! } } })),
    enabled: params.nominationId !== undefined,
    staleTime: Infinity,
  });
  if (params.nominationId !== undefined) {
    if (existing.isPending) return <Skeleton active />;
    if (existing.isError) return <ProblemAlert problem={existing.error} onRetry={() => void existing.refetch()} />;
    const state = existing.data.state;
    if (state.stage === 'Initial') return <Skeleton />;
    if (state.stage !== 'Draft') {
      return (
        <Alert
          type="info"
          showIcon
          title={t('notDraft')}
          action={
            <Link to="/nominations/$nominationId" params={{ nominationId: params.nominationId }}>
              <Button>{t('openNomination')}</Button>
            </Link>
          }
        />
      );
    }
    return <DraftForm nominationId={params.nominationId} initial={valuesOf(state.nomination, state.evidence)} />;
  }
  return (
    <DraftForm
      initial={{ kind: 'individual', campaignYear: lastYear(), titles: [], ratings: [], initiatives: [], evidence: [] }}
    />
  );
}

function DraftForm({ nominationId: givenId, initial }: { nominationId?: string; initial: Values }) {
  const { t, i18n } = useTranslation('draft');
  const describe = useProblemText();
  const { claims } = useSession();
  const names = useNames();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? initial.kind;
  const chosenCode = Form.useWatch('awardType', form) ?? initial.awardType;
  const choices = useAwardChoices(claims?.blockId);
  const [save, setSave] = useState<SaveState>(givenId ? { kind: 'saved', at: new Date() } : { kind: 'incomplete' });
  const id = useRef<string | undefined>(givenId);
  // One key for the creating POST until it succeeds: a retry after a lost answer does not create a second draft.
  const createKey = useRef(newIdempotencyKey());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  const dirty = useRef(false);

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (inFlight.current) {
      dirty.current = true;
      return;
    }
    const body = bodyOf(form.getFieldsValue(true) as Values);
    if (!body) {
      setSave({ kind: 'incomplete' });
      return;
    }
    inFlight.current = true;
    dirty.current = false;
    setSave({ kind: 'saving' });
    try {
      if (id.current === undefined) {
        const result = await unwrap(
          api.POST('/nominations', {
            body: body as never,
            // The route documents an optional id parameter that its URL does not have.
            params: { path: {} as never, header: { 'Idempotency-Key': createKey.current } },
          }),
        );
        id.current = result.nominationId;
        // The address becomes the draft's own, without remounting the form (a reload then opens it for editing).
        window.history.replaceState(window.history.state, '', `/app/draft/${encodeURIComponent(result.nominationId)}`);
      } else {
        await unwrap(
          api.PATCH('/nominations/{id}', {
            params: { path: { id: id.current }, header: { 'Idempotency-Key': newIdempotencyKey() } },
            body: body as never,
          }),
        );
      }
      setSave({ kind: 'saved', at: new Date() });
    } catch (problem) {
      setSave({ kind: 'failed', problem });
      const fields = problemsOf(problem)
        .map((p) => ({ name: formPath(p.path), message: p.message }))
        .filter((f): f is { name: (string | number)[]; message: string } => f.name !== undefined);
      if (fields.length > 0) {
        const { text } = describe(problem);
        form.setFields(
          fields.map((f) => ({ name: f.name as never, errors: [`${t('serverSays')} ${f.message} — ${text}`] })),
        );
      }
      // An outage passes; keep trying with what is typed (nothing is lost). A refusal waits for the user's next edit.
      if (problem instanceof ApiProblem && problem.retryable) {
        timer.current = setTimeout(() => void flush(), RETRY_DELAY_MS);
      }
    } finally {
      inFlight.current = false;
      if (dirty.current) void flush();
    }
  }, [describe, form, t]);

  useEffect(() => () => clearTimeout(timer.current), []);

  function scheduleSave(): void {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }

  const awards = choices.filter((a) => a.kinds.includes(kind));
  const chosen = awards.find((a) => a.code === chosenCode);
  const year = { min: 2000, max: lastYear() + 1 };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1}>{givenId ? t('titleEdit') : t('title')}</Typography.Title>
      <SaveStatus state={save} onRetry={() => void flush()} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.kind) {
            const award = form.getFieldValue('awardType') as Values['awardType'];
            if (award && !choices.find((a) => a.code === award)?.kinds.includes(changed.kind))
              form.setFieldValue('awardType', undefined);
          }
          scheduleSave();
        }}
        onFinish={() => void flush()}
        scrollToFirstError
        data-testid="draft-form"
      >
        <Card
          title={
            <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
              {t('sections.nominee')}
            </Typography.Title>
          }
        >
          <Form.Item name="kind" label={t('fields.kind')} rules={[{ required: true, message: t('rules.kind') }]}>
            <Radio.Group optionType="button" buttonStyle="solid">
              <Radio.Button value="individual">{t('nomineeKinds.individual', { ns: 'common' })}</Radio.Button>
              <Radio.Button value="collective">{t('nomineeKinds.collective', { ns: 'common' })}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="name"
                label={kind === 'individual' ? t('fields.personName') : t('fields.collectiveName')}
                rules={[
                  { required: true, whitespace: true, message: t('rules.name') },
                  { max: 300, message: t('rules.max', { max: 300 }) },
                ]}
              >
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="position"
                label={t('fields.position')}
                rules={[{ max: 200, message: t('rules.max', { max: 200 }) }]}
              >
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary">
            {t('fields.unit', { unit: names.unit(claims?.unitId) })}
          </Typography.Paragraph>
          {kind === 'individual' ? (
            <Space wrap size="large">
              <Form.Item name="frontLine" valuePropName="checked" noStyle>
                <Checkbox>{t('fields.frontLine')}</Checkbox>
              </Form.Item>
              <Form.Item name="hardshipArea" valuePropName="checked" noStyle>
                <Checkbox>{t('fields.hardshipArea')}</Checkbox>
              </Form.Item>
            </Space>
          ) : null}
        </Card>

        <Card
          title={
            <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
              {t('sections.award')}
            </Typography.Title>
          }
          style={{ marginTop: 16 }}
        >
          <Row gutter={16}>
            <Col xs={24} md={16}>
              <Form.Item
                name="awardType"
                label={t('fields.awardType')}
                rules={[{ required: true, message: t('rules.awardType') }]}
                {...(chosen?.eligibility
                  ? {
                      extra: t('awardConditions', {
                        conditions: chosen.eligibility[i18n.language === 'en' ? 'en' : 'vi'],
                      }),
                    }
                  : {})}
              >
                <Select options={awards.map((a) => ({ value: a.code, label: awardLabel(i18n, a.code, a.names) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="campaignYear"
                label={t('fields.campaignYear')}
                rules={[
                  { required: true, message: t('rules.campaignYear') },
                  { type: 'number', min: year.min, max: year.max, message: t('rules.yearRange', year) },
                ]}
              >
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="achievements"
            label={t('fields.achievements')}
            rules={[{ required: true, whitespace: true, message: t('rules.achievements') }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} />
          </Form.Item>
        </Card>

        <Card
          title={
            <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
              {t('sections.record')}
            </Typography.Title>
          }
          style={{ marginTop: 16 }}
        >
          <RecordList name="titles" label={t('record.titles')} addLabel={t('record.addTitle')}>
            {(field, index) => (
              <>
                <YearField name={[field.name, 'year']} label={t('record.yearOf', { n: index + 1 })} year={year} />
                <Form.Item
                  name={[field.name, 'title']}
                  rules={[{ required: true, message: t('rules.title') }]}
                  style={{ minWidth: 260, flex: 1 }}
                >
                  <Select
                    aria-label={t('record.titleOf', { n: index + 1 })}
                    options={TITLES.map((c) => ({ value: c, label: t(`awards.${c}`, { ns: 'common' }) }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'decisionNumber']}>
                  <Input
                    aria-label={t('record.decisionOf', { n: index + 1 })}
                    placeholder={t('record.decisionNumber')}
                  />
                </Form.Item>
              </>
            )}
          </RecordList>
          <RecordList name="ratings" label={t('record.ratings')} addLabel={t('record.addRating')}>
            {(field, index) => (
              <>
                <YearField name={[field.name, 'year']} label={t('record.ratingYearOf', { n: index + 1 })} year={year} />
                <Form.Item
                  name={[field.name, 'rating']}
                  rules={[{ required: true, message: t('rules.rating') }]}
                  style={{ minWidth: 260, flex: 1 }}
                >
                  <Select
                    aria-label={t('record.ratingOf', { n: index + 1 })}
                    options={RATINGS.map((r) => ({ value: r, label: t(`ratings.${r}`, { ns: 'common' }) }))}
                  />
                </Form.Item>
              </>
            )}
          </RecordList>
          <RecordList name="initiatives" label={t('record.initiatives')} addLabel={t('record.addInitiative')}>
            {(field, index) => (
              <>
                <YearField
                  name={[field.name, 'year']}
                  label={t('record.initiativeYearOf', { n: index + 1 })}
                  year={year}
                />
                <Form.Item
                  name={[field.name, 'title']}
                  rules={[{ required: true, whitespace: true, message: t('rules.initiative') }]}
                  style={{ flex: 1, minWidth: 200 }}
                >
                  <Input
                    aria-label={t('record.initiativeOf', { n: index + 1 })}
                    placeholder={t('record.initiativeTitle')}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'scope']}
                  rules={[{ required: true, message: t('rules.scope') }]}
                  style={{ minWidth: 160 }}
                >
                  <Select
                    aria-label={t('record.scopeOf', { n: index + 1 })}
                    options={SCOPES.map((s) => ({ value: s, label: t(`initiativeScopes.${s}`, { ns: 'common' }) }))}
                  />
                </Form.Item>
              </>
            )}
          </RecordList>
          {kind === 'collective' ? (
            <>
              <Typography.Title level={3} style={{ fontSize: 16 }}>
                {t('record.memberStats')}
              </Typography.Title>
              <Row gutter={16}>
                {(['memberCount', 'completedTasks', 'advancedWorkers', 'grassrootsFighters'] as const).map((k) => (
                  <Col xs={12} md={6} key={k}>
                    <Form.Item
                      name={['memberStats', k]}
                      label={t(`record.stats.${k}`)}
                      rules={[
                        { type: 'number', min: k === 'memberCount' ? 1 : 0, message: t('rules.nonNegative') },
                        ({ getFieldValue }) => ({
                          validator: (_, v: number | undefined) =>
                            k === 'memberCount' ||
                            v === undefined ||
                            v <= (getFieldValue(['memberStats', 'memberCount']) ?? Infinity)
                              ? Promise.resolve()
                              : Promise.reject(new Error(t('rules.notMoreThanMembers'))),
                        }),
                      ]}
                    >
                      <InputNumber style={{ width: '100%' }} precision={0} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </>
          ) : null}
        </Card>

        <Card
          title={
            <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
              {t('sections.evidence')}
            </Typography.Title>
          }
          style={{ marginTop: 16 }}
        >
          <Form.Item name="evidence" label={t('fields.evidence')}>
            <EvidenceEditor idPrefix="draft-evidence" />
          </Form.Item>
        </Card>
        <Space style={{ marginTop: 16 }} wrap>
          <Button type="primary" htmlType="submit">
            {t('saveNow')}
          </Button>
          {id.current ? (
            <Link to="/nominations/$nominationId" params={{ nominationId: id.current }}>
              <Button>{t('openNomination')}</Button>
            </Link>
          ) : null}
          <Typography.Text type="secondary">{t('headSubmits')}</Typography.Text>
        </Space>
      </Form>
    </Space>
  );
}

function YearField({
  name,
  label,
  year,
}: {
  name: (string | number)[];
  label: string;
  year: { min: number; max: number };
}) {
  const { t } = useTranslation('draft');
  return (
    <Form.Item
      name={name}
      rules={[
        { required: true, message: t('rules.year') },
        { type: 'number', min: year.min, max: year.max, message: t('rules.yearRange', year) },
      ]}
      style={{ width: 120 }}
    >
      <InputNumber aria-label={label} placeholder={t('record.year')} style={{ width: '100%' }} precision={0} />
    </Form.Item>
  );
}

function RecordList({
  name,
  label,
  addLabel,
  children,
}: {
  name: string;
  label: string;
  addLabel: string;
  children: (field: { name: number; key: number }, index: number) => React.ReactNode;
}) {
  const { t } = useTranslation('draft');
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {label}
      </Typography.Title>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                {children(field, index)}
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('record.removeRow', { what: label, n: index + 1 })}
                  onClick={() => remove(field.name)}
                />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ year: lastYear() })}>
              {addLabel}
            </Button>
          </>
        )}
      </Form.List>
    </div>
  );
}

function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const { t } = useTranslation('draft');
  switch (state.kind) {
    case 'incomplete':
      return <Alert type="info" showIcon role="status" title={t('save.incomplete')} data-save="incomplete" />;
    case 'saving':
      return <Alert type="info" showIcon role="status" title={t('save.saving')} data-save="saving" />;
    case 'saved':
      return (
        <Alert
          type="success"
          showIcon
          role="status"
          data-save="saved"
          title={t('save.saved', { at: dayjs(state.at).tz(PROVINCE_TIME_ZONE).format('HH:mm') })}
        />
      );
    case 'failed':
      return (
        <div data-save="failed">
          <Alert type="warning" showIcon title={t('save.failed')} style={{ marginBottom: 8 }} />
          <ProblemAlert problem={state.problem} onRetry={onRetry} />
        </div>
      );
  }
}
