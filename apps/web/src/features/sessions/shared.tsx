import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Input, Progress, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { useNames } from '../../ui/useDirectory';

/** The stages a batch picks its nominations from. */
export type PickStage = 'BlockVote' | 'CouncilReview' | 'ProvincialDecision';
type Row = Schemas['NominationListItem'];

/** A refusal's red, darker than antd's so it keeps 4.5:1 on white (and on a table row's hover). */
export const DANGER = '#a8071a';

/** Tag colours that keep 4.5:1 (antd's green, red and purple tags fall short). */
export const TONES = {
  ok: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  bad: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
  info: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  secret: { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
} as const;

/** Antd's table text for an empty list, in a grey that keeps 4.5:1 on white. */
export function emptyText(text: string) {
  return <span style={{ color: '#595959' }}>{text}</span>;
}

/** A nomination's name linked to its own page (each item stays its own nomination). */
export function NomineeLink({ nominationId, name }: { nominationId: string; name: string }) {
  return (
    <Link to="/nominations/$nominationId" params={{ nominationId }}>
      {name}
    </Link>
  );
}

/**
 * Picks nominations at one stage from the caller's list (GET /nominations),
 * with a name filter: a block or a province may hold hundreds.
 */
export function NominationPicker({
  stage,
  value,
  onChange,
  testId,
  exclude = [],
}: {
  stage: PickStage;
  value: readonly string[];
  onChange: (ids: string[], rows: Row[]) => void;
  testId: string;
  exclude?: readonly string[];
}) {
  const { t } = useTranslation('sessions');
  const { t: tc } = useTranslation('common');
  const { token } = useSession();
  const names = useNames();
  const [filter, setFilter] = useState('');
  const list = useQuery({
    queryKey: ['nominations', 'stage', stage, token],
    queryFn: () => unwrap(api.GET('/nominations', { params: { query: { stage, limit: 200 } } })),
    enabled: token !== null,
    refetchOnMount: 'always',
  });
  const rows = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase('vi');
    return (list.data?.items ?? []).filter(
      (r) =>
        !exclude.includes(r.nominationId) &&
        (needle === '' || (r.nomineeName ?? '').toLocaleLowerCase('vi').includes(needle)),
    );
  }, [list.data, filter, exclude]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search
        aria-label={t('picker.filter')}
        placeholder={t('picker.filter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        style={{ maxWidth: 360 }}
        data-testid={`${testId}-filter`}
      />
      <Table<Row>
        size="small"
        rowKey="nominationId"
        loading={list.isLoading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={rows}
        data-testid={testId}
        locale={{ emptyText: emptyText(t('picker.none')) }}
        rowSelection={{
          selectedRowKeys: [...value],
          preserveSelectedRowKeys: true,
          onChange: (keys, selected) => onChange(keys as string[], selected),
          getCheckboxProps: (r) => ({ 'aria-label': t('picker.select', { name: r.nomineeName ?? r.nominationId }) }),
        }}
        columns={[
          {
            key: 'name',
            title: t('columns.nominee'),
            render: (_, r) => <NomineeLink nominationId={r.nominationId} name={r.nomineeName ?? r.nominationId} />,
          },
          {
            key: 'award',
            title: t('columns.award'),
            render: (_, r) => tc(`awards.${r.awardType ?? ''}`, { defaultValue: r.awardType ?? '' }),
          },
          { key: 'unit', title: t('columns.unit'), render: (_, r) => names.unit(r.proposingUnitId) },
          { key: 'year', title: t('columns.year'), dataIndex: 'campaignYear', width: 80 },
        ]}
      />
      <Typography.Text>{t('picker.chosen', { count: value.length })}</Typography.Text>
    </Space>
  );
}

/**
 * How far the background work of a batch is (each item's own workflow
 * update): a bar without its own text (antd's coloured percentages fall below
 * 4.5:1) and the count beside it.
 */
export function BatchBar({
  progress,
  label,
}: {
  progress: { done: number; total: number; finished: boolean };
  label: string;
}) {
  const { t } = useTranslation('sessions');
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div data-testid="batch-progress" data-finished={progress.finished ? 'true' : 'false'} style={{ margin: '8px 0' }}>
      <Progress aria-label={label} percent={progress.finished ? 100 : percent} showInfo={false} />
      <Typography.Text>
        {t(progress.finished ? 'progress.finished' : 'progress.running', {
          done: progress.done,
          total: progress.total,
        })}
      </Typography.Text>
    </div>
  );
}

/** An item's own progress in the session: its status, and where its nomination stands after. */
export function ItemStatus({
  item,
}: {
  item: { status: string; stage?: string; outcome?: string; error?: { code: string; message: string } };
}) {
  const { t } = useTranslation('sessions');
  const { t: tc } = useTranslation('common');
  const tone = item.status === 'failed' ? TONES.bad : item.status === 'closed' ? TONES.ok : TONES.info;
  return (
    <Space size={4} wrap>
      <Tag style={tone}>{t(`status.${item.status}`, { defaultValue: item.status })}</Tag>
      {item.outcome ? <span>{tc(`outcomes.${item.outcome}`, { defaultValue: item.outcome })}</span> : null}
      {!item.outcome && item.stage ? <span>{tc(`stages.${item.stage}`, { defaultValue: item.stage })}</span> : null}
      {item.error ? (
        <Typography.Text style={{ color: DANGER }}>
          {tc(`errors.codes.${item.error.code}`, { defaultValue: item.error.message })} ({item.error.code})
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/** A refetch interval while a session's items are still being applied; none once all are done. */
export function pollWhile(running: boolean): number | false {
  return running ? 1000 : false;
}
