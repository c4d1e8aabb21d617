import { Button, Checkbox, Flex, Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { INBOX_AWARDS, INBOX_STAGES, type InboxFilters } from './filters';
import type { InboxTask } from './queries';

type Props = {
  readonly filters: InboxFilters;
  /** The tasks, whose campaign years make the year choices. */
  readonly years: readonly InboxTask[];
  readonly blocks: readonly Schemas['DirectoryBlock'][];
  readonly onChange: (filters: InboxFilters) => void;
};

function without<K extends keyof InboxFilters>(filters: InboxFilters, key: K): InboxFilters {
  const rest = { ...filters };
  delete rest[key];
  return rest;
}

/** Stage, award, block, year and overdue: each change goes into the URL. */
export function InboxFilterBar({ filters, years, blocks, onChange }: Props) {
  const { t } = useTranslation('inbox');
  const { t: tc } = useTranslation('common');
  const id = useId();
  const set = <K extends keyof InboxFilters>(key: K, value: InboxFilters[K] | undefined) =>
    onChange(value === undefined || value === null ? without(filters, key) : { ...filters, [key]: value });
  const yearChoices = [
    ...new Set([...years.map((task) => task.nomination.campaignYear), ...(filters.year ? [filters.year] : [])]),
  ].sort((a, b) => b - a);
  const active = Object.keys(filters).length > 0;

  const field = (key: string, label: string, select: React.ReactNode) => (
    <Flex vertical gap={2} className="inbox-filter">
      <label htmlFor={`${id}-${key}`} className="inbox-filter-label">
        {label}
      </label>
      {select}
    </Flex>
  );

  return (
    <section aria-label={t('filters.legend')} className="inbox-filters">
      <Flex wrap gap={12} align="end">
        {field(
          'stage',
          t('filters.stage'),
          <Select
            id={`${id}-stage`}
            allowClear
            placeholder={t('filters.any')}
            value={filters.stage}
            onChange={(value) => set('stage', value)}
            options={INBOX_STAGES.map((stage) => ({ value: stage, label: tc(`stages.${stage}`) }))}
            popupMatchSelectWidth={false}
            data-testid="filter-stage"
          />,
        )}
        {field(
          'award',
          t('filters.award'),
          <Select
            id={`${id}-award`}
            allowClear
            placeholder={t('filters.any')}
            value={filters.award}
            onChange={(value) => set('award', value)}
            options={INBOX_AWARDS.map((award) => ({ value: award, label: tc(`awards.${award}`) }))}
            popupMatchSelectWidth={false}
            data-testid="filter-award"
          />,
        )}
        {field(
          'block',
          t('filters.block'),
          <Select
            id={`${id}-block`}
            allowClear
            placeholder={t('filters.any')}
            value={filters.block}
            onChange={(value) => set('block', value)}
            options={blocks.map((block) => ({ value: block.id, label: block.name }))}
            popupMatchSelectWidth={false}
            data-testid="filter-block"
          />,
        )}
        {field(
          'year',
          t('filters.year'),
          <Select
            id={`${id}-year`}
            allowClear
            placeholder={t('filters.any')}
            value={filters.year}
            onChange={(value) => set('year', value)}
            options={yearChoices.map((year) => ({ value: year, label: String(year) }))}
            data-testid="filter-year"
          />,
        )}
        <Checkbox
          checked={filters.overdue === true}
          onChange={(event) => set('overdue', event.target.checked ? true : undefined)}
          data-testid="filter-overdue"
          className="inbox-filter-overdue"
        >
          {t('filters.overdue')}
        </Checkbox>
        {active ? <Button onClick={() => onChange({})}>{t('filters.clear')}</Button> : null}
      </Flex>
    </section>
  );
}
