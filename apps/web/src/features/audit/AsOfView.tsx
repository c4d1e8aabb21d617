import {
  Alert,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Segmented,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import diff, { type Difference } from 'microdiff';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayjs, formatDateTime, PROVINCE_TIME_ZONE } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useStateAt, type History, type StateAt } from './audit-api';
import { describeEvent, eventTypeName, type Names } from './describe-event';
import type { AuditSearch } from './index';

/**
 * The date picker shows and returns wall-clock times in the browser's own
 * zone; the province's are wanted whatever the browser says. So a picked value
 * is read as wall-clock digits and placed in Asia/Ho_Chi_Minh, and an instant
 * is shown as a local dayjs with the province's digits.
 */
function toPicker(iso: string): dayjs.Dayjs {
  return dayjs(dayjs(iso).tz(PROVINCE_TIME_ZONE).format('YYYY-MM-DDTHH:mm:ss'));
}
/** The end of the minute picked, so that "as of 10:15" takes in everything shown as 10:15. */
function fromPicker(value: dayjs.Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm'), PROVINCE_TIME_ZONE).add(59_999, 'millisecond').toISOString();
}

function short(value: unknown): string {
  if (value === undefined) return '—';
  // Instants in Vietnam time, like every other date on screen.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value))
    return formatDateTime(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

function pathText(path: Difference['path']): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

type AnyState = Record<string, unknown>;

function StateSummary({ state, names }: { state: StateAt; names: Names }) {
  const { t } = useTranslation('audit');
  const s = state.state as unknown as AnyState;
  const common = (key: string) => t(key, { ns: 'common' });
  const nomination = (s['nomination'] ?? {}) as AnyState;
  const nominee = (nomination['nominee'] ?? {}) as AnyState;
  const blockVote = s['blockVote'] as { tally?: AnyState; votes?: unknown[] } | undefined;
  const council = s['council'] as { tally?: AnyState; opinions?: unknown[]; secretBallot?: boolean } | undefined;
  const decision = s['decision'] as AnyState | undefined;
  const stage = String(s['stage']);
  const items = [
    {
      key: 'version',
      label: t('asof.folded'),
      children: t('asof.foldedValue', { version: state.asOf.version, total: state.streamVersion }),
    },
    { key: 'last', label: t('asof.lastEventAt'), children: formatDateTime(state.asOf.lastEventAt) || '—' },
    { key: 'stage', label: t('asof.stage'), children: <Tag data-testid="asof-stage">{common(`stages.${stage}`)}</Tag> },
    ...(s['outcome']
      ? [{ key: 'outcome', label: t('asof.outcome'), children: common(`outcomes.${String(s['outcome'])}`) }]
      : []),
    ...(nominee['name']
      ? [
          { key: 'nominee', label: t('asof.nominee'), children: String(nominee['name']) },
          { key: 'award', label: t('asof.award'), children: common(`awards.${String(nomination['awardType'])}`) },
          { key: 'unit', label: t('asof.unit'), children: names.unit(nomination['proposingUnitId']) },
        ]
      : []),
    ...(s['stageDeadline']
      ? [{ key: 'deadline', label: t('asof.deadline'), children: formatDateTime(String(s['stageDeadline'])) }]
      : []),
    ...(blockVote
      ? [
          {
            key: 'block',
            label: t('asof.blockVote'),
            children: blockVote.tally
              ? t('asof.blockTally', {
                  approve: blockVote.tally['approve'],
                  reject: blockVote.tally['reject'],
                  abstain: blockVote.tally['abstain'],
                  eligible: blockVote.tally['eligible'],
                  result: blockVote.tally['passed'] ? t('result.passed') : t('result.failed'),
                })
              : t('asof.votesSoFar', { count: blockVote.votes?.length ?? 0 }),
          },
        ]
      : []),
    ...(council
      ? [
          {
            key: 'council',
            label: t('asof.council'),
            children: council.tally
              ? t('asof.councilTally', {
                  approve: council.tally['approve'],
                  reject: council.tally['reject'],
                  eligible: council.tally['eligible'],
                  result: council.tally['passed'] ? t('result.passed') : t('result.failed'),
                })
              : t('asof.opinionsSoFar', { count: council.opinions?.length ?? 0 }) +
                (council.secretBallot ? ` (${t('ballot.secret')})` : ''),
          },
        ]
      : []),
    ...(decision
      ? [
          {
            key: 'decision',
            label: t('asof.decision'),
            children:
              decision['outcome'] === 'approved'
                ? t('asof.decisionApproved', { number: String(decision['decisionNumber'] ?? '—') })
                : t('asof.decisionRejected', { reason: String(decision['reason'] ?? '—') }),
          },
        ]
      : []),
  ];
  return <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} data-testid="asof-state" />;
}

export function AsOfView({
  nominationId,
  history,
  names,
  search,
  onSearch,
}: {
  nominationId: string;
  history: History;
  names: Names;
  search: AuditSearch;
  onSearch: (next: AuditSearch) => void;
}) {
  const { t } = useTranslation('audit');
  const last = history.streamVersion;
  const [mode, setMode] = useState<'version' | 'at'>(search.at ? 'at' : 'version');
  const version = Math.min(search.version ?? last, last);
  const point = mode === 'at' && search.at ? { at: search.at } : { version };
  const state = useStateAt(nominationId, point);

  const a = Math.min(search.a ?? Math.max(0, last - 1), last);
  const b = Math.min(search.b ?? last, last);
  const stateA = useStateAt(nominationId, { version: a });
  const stateB = useStateAt(nominationId, { version: b });
  const changes =
    stateA.data && stateB.data ? diff(stateA.data.state as object, stateB.data.state as object) : undefined;

  const versionOptions = [
    { value: 0, label: t('asof.version0') },
    ...history.events.map((e) => ({
      value: e.version,
      label: t('asof.versionOption', { version: e.version, what: eventTypeName(e.type, t) }),
    })),
  ];
  const describe = (v: number) => {
    const event = history.events.find((e) => e.version === v);
    return event ? describeEvent(event, t, names) : t('asof.version0');
  };

  return (
    <Flex vertical gap="large">
      <Card
        title={
          <Typography.Title level={2} className="audit-card-title">
            {t('asof.title')}
          </Typography.Title>
        }
      >
        <Flex vertical gap="middle">
          <Segmented<'version' | 'at'>
            aria-label={t('asof.modeLabel')}
            value={mode}
            onChange={(next) => {
              setMode(next);
              if (next === 'version') onSearch({ ...search, at: undefined, version });
              else {
                // Start from the minute of the last event, as the picker would give it.
                const lastAt = history.events.at(-1)?.at;
                onSearch({
                  ...search,
                  version: undefined,
                  at: search.at ?? (lastAt ? fromPicker(toPicker(lastAt)) : undefined),
                });
              }
            }}
            options={[
              { value: 'version', label: t('asof.byVersion') },
              { value: 'at', label: t('asof.byMoment') },
            ]}
            data-testid="asof-mode"
          />
          {mode === 'version' ? (
            <Flex vertical gap={4}>
              <label htmlFor="asof-version">{t('asof.versionLabel')}</label>
              <Select
                id="asof-version"
                value={version}
                options={versionOptions}
                style={{ maxWidth: 520 }}
                onChange={(v: number) => onSearch({ ...search, at: undefined, version: v })}
                data-testid="asof-version"
              />
            </Flex>
          ) : (
            <Flex vertical gap={4}>
              <label htmlFor="asof-at">{t('asof.momentLabel')}</label>
              <DatePicker
                id="asof-at"
                showTime={{ format: 'HH:mm' }}
                allowClear={false}
                format="DD/MM/YYYY HH:mm"
                value={search.at ? toPicker(search.at) : null}
                onChange={(value) => value && onSearch({ ...search, version: undefined, at: fromPicker(value) })}
                style={{ maxWidth: 260 }}
                data-testid="asof-at"
              />
              <Typography.Text type="secondary">{t('asof.momentHelp')}</Typography.Text>
            </Flex>
          )}
          <ProblemAlert problem={state.error} onRetry={() => void state.refetch()} />
          {state.isLoading ? <Skeleton active /> : null}
          {state.data ? <StateSummary state={state.data} names={names} /> : null}
        </Flex>
      </Card>

      <Card
        title={
          <Typography.Title level={2} className="audit-card-title">
            {t('compare.title')}
          </Typography.Title>
        }
      >
        <Flex vertical gap="middle">
          <Flex gap="middle" wrap>
            <Flex vertical gap={4} style={{ minWidth: 260 }}>
              <label htmlFor="compare-a">{t('compare.from')}</label>
              <Select
                id="compare-a"
                value={a}
                options={versionOptions}
                onChange={(v: number) => onSearch({ ...search, a: v })}
                data-testid="compare-a"
              />
            </Flex>
            <Flex vertical gap={4} style={{ minWidth: 260 }}>
              <label htmlFor="compare-b">{t('compare.to')}</label>
              <Select
                id="compare-b"
                value={b}
                options={versionOptions}
                onChange={(v: number) => onSearch({ ...search, b: v })}
                data-testid="compare-b"
              />
            </Flex>
          </Flex>
          <Typography.Text type="secondary">{t('compare.between', { a: describe(a), b: describe(b) })}</Typography.Text>
          <ProblemAlert
            problem={stateA.error ?? stateB.error}
            onRetry={() => void Promise.all([stateA.refetch(), stateB.refetch()])}
          />
          {changes === undefined ? (
            <Skeleton active />
          ) : changes.length === 0 ? (
            <Empty description={t('compare.none')} />
          ) : (
            <>
              {a > b ? <Alert type="info" showIcon title={t('compare.backwards')} /> : null}
              <Table<Difference & { key: string }>
                size="small"
                data-testid="compare-changes"
                aria-label={t('compare.title')}
                pagination={false}
                tableLayout="fixed"
                dataSource={changes.map((c, i) => ({ ...c, key: `${i}-${pathText(c.path)}` }))}
                columns={[
                  {
                    title: t('compare.field'),
                    key: 'path',
                    render: (_: unknown, c) => (
                      <Typography.Text code className="audit-value">
                        {pathText(c.path)}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t('compare.kind'),
                    key: 'type',
                    width: 110,
                    render: (_: unknown, c) => <Tag>{t(`compare.kinds.${c.type}`)}</Tag>,
                  },
                  {
                    title: t('compare.old'),
                    key: 'old',
                    render: (_: unknown, c) => (
                      <span className="audit-value">{short(c.type === 'CREATE' ? undefined : c.oldValue)}</span>
                    ),
                  },
                  {
                    title: t('compare.new'),
                    key: 'new',
                    render: (_: unknown, c) => (
                      <span className="audit-value">{short(c.type === 'REMOVE' ? undefined : c.value)}</span>
                    ),
                  },
                ]}
              />
            </>
          )}
        </Flex>
      </Card>
    </Flex>
  );
}
