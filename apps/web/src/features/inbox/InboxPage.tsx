import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Button, Collapse, Empty, Flex, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { filtersOf, matches, searchOf, validateInboxSearch, type InboxFilters, type InboxSearch } from './filters';
import { InboxFilterBar } from './InboxFilterBar';
import { KeyboardHelp } from './KeyboardHelp';
import { useDirectory, usePendingTasks, type InboxTask } from './queries';
import { SavedViews, useSavedView } from './SavedViews';
import { useNarrow } from './useNarrow';
import './inbox.css';

const ROW_LINK = '[data-inbox-row]';

/** The task's deadline in working days, as the API counted it by the province's calendar. */
function TimeLeft({ task }: { task: InboxTask }) {
  const { t } = useTranslation('common');
  if (task.dueAt === null || task.workingDaysLeft === null) {
    return <Typography.Text type="secondary">{t('time.noDeadline')}</Typography.Text>;
  }
  if (task.overdue) {
    return (
      <Space size={4} wrap>
        <Tag data-testid="overdue" style={{ color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' }}>
          {t('time.overdue')}
        </Tag>
        {task.workingDaysLeft < 0 ? (
          <Typography.Text type="danger">{t('time.overdueBy', { count: -task.workingDaysLeft })}</Typography.Text>
        ) : null}
      </Space>
    );
  }
  if (task.workingDaysLeft === 0) return <Typography.Text strong>{t('time.dueToday')}</Typography.Text>;
  return <span>{t('time.workingDaysLeft', { count: task.workingDaysLeft })}</span>;
}

function useNames() {
  const directory = useDirectory();
  return useMemo(() => {
    const units = new Map(directory.data?.units.map((u) => [u.id, u.name]) ?? []);
    const blocks = new Map(directory.data?.blocks.map((b) => [b.id, b.name]) ?? []);
    return {
      blocks: directory.data?.blocks ?? [],
      unit: (id: string) => units.get(id) ?? id,
      block: (id: string) => blocks.get(id) ?? id,
    };
  }, [directory.data]);
}

export default function InboxPage() {
  const { t } = useTranslation('inbox');
  const { t: tc } = useTranslation('common');
  // Validated again here: a malformed value in the URL (e.g. ?year=abc) must drop out, not filter everything away.
  const search = validateInboxSearch(useSearch({ from: '/' }));
  const navigate = useNavigate({ from: '/' });
  const tasks = usePendingTasks();
  const names = useNames();
  const narrow = useNarrow();
  const view = useSavedView(search.view);
  const listRef = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState(-1);
  const [helpOpen, setHelpOpen] = useState(false);

  // A view's filters apply as they were saved; without one, the URL's own.
  const filters: InboxFilters = view.data ? view.data.filters : filtersOf(search);
  const all = tasks.data?.items ?? [];
  const shown = useMemo(() => all.filter((task) => matches(task, filters)), [all, filters]);

  const setFilters = useCallback(
    (next: InboxFilters) => void navigate({ search: searchOf(next), replace: true }),
    [navigate],
  );

  const openTask = useCallback(
    (task: InboxTask) =>
      void navigate({ to: '/nominations/$nominationId', params: { nominationId: task.nominationId } }),
    [navigate],
  );

  const focusRow = useCallback((index: number) => {
    const links = listRef.current?.querySelectorAll<HTMLElement>(ROW_LINK);
    if (!links || links.length === 0) return;
    const bounded = Math.max(0, Math.min(index, links.length - 1));
    setSelected(bounded);
    links[bounded]?.focus();
  }, []);

  // j/k and the arrows move through the list; Enter opens; ? shows the shortcuts.
  useEffect(() => {
    function onKey(event: KeyboardEvent): void {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      const typing = Boolean(target?.closest('input, textarea, select, [contenteditable="true"], .ant-modal'));
      if (event.key === '?' && !typing) {
        event.preventDefault();
        setHelpOpen((open) => !open);
        return;
      }
      if (typing || helpOpen) return;
      const row = target?.closest<HTMLElement>(ROW_LINK) ?? null;
      const inList = row !== null;
      const current = row ? Number(row.dataset['inboxRow']) : selected;
      if (event.key === 'ArrowDown' || event.key === 'j') {
        event.preventDefault();
        focusRow(current < 0 ? 0 : current + 1);
      } else if (event.key === 'ArrowUp' || event.key === 'k') {
        event.preventDefault();
        focusRow(current < 0 ? 0 : current - 1);
      } else if (event.key === 'Enter' && !inList && selected >= 0 && shown[selected]) {
        event.preventDefault();
        openTask(shown[selected]);
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [focusRow, helpOpen, openTask, selected, shown]);

  useEffect(() => {
    if (selected >= shown.length) setSelected(shown.length - 1);
  }, [selected, shown.length]);

  const rowLink = (task: InboxTask, index: number) => (
    <Link
      to="/nominations/$nominationId"
      params={{ nominationId: task.nominationId }}
      data-inbox-row={index}
      className="inbox-row-link"
      onFocus={() => setSelected(index)}
    >
      {task.nomination.nomineeName}
    </Link>
  );

  const columns: TableColumnsType<InboxTask> = [
    {
      key: 'nominee',
      title: t('columns.nominee'),
      render: (_, task, index) => (
        <Flex vertical>
          {rowLink(task, index)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`actions.${task.action}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'award',
      title: t('columns.award'),
      render: (_, task) => tc(`awards.${task.nomination.awardType}`, { defaultValue: task.nomination.awardType }),
    },
    { key: 'unit', title: t('columns.unit'), render: (_, task) => names.unit(task.nomination.proposingUnitId) },
    { key: 'block', title: t('columns.block'), render: (_, task) => names.block(task.nomination.blockId) },
    { key: 'stage', title: t('columns.stage'), render: (_, task) => tc(`stages.${task.stage}`) },
    {
      key: 'due',
      title: t('columns.due'),
      render: (_, task) => (task.dueAt ? <time dateTime={task.dueAt}>{formatDateTime(task.dueAt)}</time> : '—'),
    },
    { key: 'left', title: t('columns.left'), render: (_, task) => <TimeLeft task={task} /> },
  ];

  const empty = (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={all.length === 0 ? t('empty') : t('emptyFiltered')} />
  );

  const filterControls = (
    <>
      <SavedViews
        search={search}
        filters={filters}
        view={view}
        onOpen={(id) => void navigate({ search: { view: id }, replace: false })}
        onClose={(next) => void navigate({ search: searchOf(next), replace: true })}
      />
      <InboxFilterBar filters={filters} years={all} blocks={names.blocks} onChange={setFilters} />
    </>
  );

  return (
    <div className="inbox">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Space wrap>
          <Button onClick={() => void tasks.refetch()} loading={tasks.isFetching && !tasks.isLoading}>
            {t('refresh')}
          </Button>
          <Button onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
            {t('keyboard.button')} (?)
          </Button>
        </Space>
      </Flex>

      {narrow ? (
        // On a phone the tasks come first: filters and saved views fold away until asked for.
        <Collapse
          size="small"
          style={{ margin: '8px 0' }}
          items={[{ key: 'filters', label: t('filtersAndViews'), children: filterControls }]}
        />
      ) : (
        filterControls
      )}

      {tasks.error ? <ProblemAlert problem={tasks.error} onRetry={() => void tasks.refetch()} /> : null}

      <Typography.Paragraph type="secondary" aria-live="polite" style={{ margin: '8px 0' }} data-testid="inbox-summary">
        {tasks.data
          ? shown.length === all.length
            ? t('count', { count: all.length })
            : t('shown', { shown: shown.length, total: all.length })
          : ''}
      </Typography.Paragraph>

      <div ref={listRef} data-testid="inbox-list" data-ready={tasks.data ? 'true' : 'false'}>
        {narrow ? (
          tasks.isLoading ? (
            <Spin />
          ) : shown.length === 0 ? (
            empty
          ) : (
            <ol className="inbox-cards" aria-label={t('title')}>
              {shown.map((task, index) => (
                <li
                  key={task.taskId}
                  className={`inbox-card${index === selected ? ' inbox-selected' : ''}${task.overdue ? ' inbox-overdue' : ''}`}
                  data-testid="inbox-card"
                >
                  <div className="inbox-card-title">{rowLink(task, index)}</div>
                  <div className="inbox-card-action">{t(`actions.${task.action}`)}</div>
                  <dl>
                    <dt>{t('columns.award')}</dt>
                    <dd>{tc(`awards.${task.nomination.awardType}`, { defaultValue: task.nomination.awardType })}</dd>
                    <dt>{t('columns.unit')}</dt>
                    <dd>{names.unit(task.nomination.proposingUnitId)}</dd>
                    <dt>{t('columns.block')}</dt>
                    <dd>{names.block(task.nomination.blockId)}</dd>
                    <dt>{t('columns.stage')}</dt>
                    <dd>{tc(`stages.${task.stage}`)}</dd>
                    <dt>{t('columns.due')}</dt>
                    <dd>{task.dueAt ? <time dateTime={task.dueAt}>{formatDateTime(task.dueAt)}</time> : '—'}</dd>
                    <dt>{t('columns.left')}</dt>
                    <dd>
                      <TimeLeft task={task} />
                    </dd>
                  </dl>
                </li>
              ))}
            </ol>
          )
        ) : (
          <Table<InboxTask>
            rowKey="taskId"
            columns={columns}
            dataSource={shown}
            loading={tasks.isLoading}
            pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            locale={{ emptyText: tasks.isLoading ? ' ' : empty }}
            rowClassName={(task, index) =>
              `${index === selected ? 'inbox-selected' : ''}${task.overdue ? ' inbox-overdue' : ''}`
            }
            onRow={(task) => ({ onDoubleClick: () => openTask(task) })}
            size="middle"
            data-testid="inbox-table"
          />
        )}
      </div>
      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}

export type { InboxSearch };
