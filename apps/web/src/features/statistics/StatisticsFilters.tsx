import { Col, Form, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { STATISTICS_DIMENSIONS, STATISTICS_OUTCOMES, type StatisticsSearch } from './index';
import { AWARDS } from './statistics-api';
import { outcomeName } from './statistics-format';

/**
 * The filters and the grouping, kept in the URL. `province` is the one the
 * figures are for: the chosen one for those who see every province, else the user's own.
 */
export function StatisticsFilters({
  search,
  setSearch,
  seesAll,
  directory,
  province,
  years,
}: {
  search: StatisticsSearch;
  setSearch: (next: StatisticsSearch) => void;
  seesAll: boolean;
  directory: Schemas['Directory'] | undefined;
  province: string | undefined;
  years: readonly number[];
}) {
  const { t } = useTranslation('statistics');
  const blocks = (directory?.blocks ?? []).filter((b) => !province || b.provinceId === province);
  const units = (directory?.units ?? []).filter(
    (u) => (!province || u.provinceId === province) && (!search.block || u.blockId === search.block),
  );
  const groupBy = search.groupBy ? search.groupBy.split(',') : [];
  return (
    <Form layout="vertical">
      <Row gutter={[16, 0]}>
        {seesAll ? (
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={t('province')} htmlFor="stat-province">
              <Select
                id="stat-province"
                allowClear
                placeholder={t('all')}
                value={search.province}
                options={(directory?.provinces ?? []).map((p) => ({ value: p.id, label: p.name }))}
                onChange={(value?: string) =>
                  setSearch({ ...search, province: value, block: undefined, unit: undefined })
                }
              />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('block')} htmlFor="stat-block">
            <Select
              id="stat-block"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('all')}
              value={search.block}
              options={blocks.map((b) => ({ value: b.id, label: b.name }))}
              onChange={(value?: string) => setSearch({ ...search, block: value, unit: undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('unit')} htmlFor="stat-unit">
            <Select
              id="stat-unit"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('all')}
              value={search.unit}
              options={units.map((u) => ({ value: u.id, label: u.name }))}
              onChange={(value?: string) => setSearch({ ...search, unit: value })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} lg={3}>
          <Form.Item label={t('year')} htmlFor="stat-year">
            <Select
              id="stat-year"
              allowClear
              placeholder={t('allYears')}
              value={search.year}
              options={years.map((y) => ({ value: y, label: String(y) }))}
              onChange={(value?: number) => setSearch({ ...search, year: value })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('award')} htmlFor="stat-award">
            <Select
              id="stat-award"
              allowClear
              placeholder={t('all')}
              value={search.awardType}
              options={AWARDS.map((a) => ({ value: a, label: t(`awards.${a}`, { ns: 'common' }) }))}
              onChange={(value?: string) => setSearch({ ...search, awardType: value })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('outcome')} htmlFor="stat-outcome">
            <Select
              id="stat-outcome"
              allowClear
              placeholder={t('all')}
              value={search.outcome}
              options={STATISTICS_OUTCOMES.map((o) => ({ value: o, label: outcomeName(t, o) }))}
              onChange={(value?: StatisticsSearch['outcome']) => setSearch({ ...search, outcome: value })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label={t('groupBy')} htmlFor="stat-group" extra={t('groupByHint')}>
            <Select
              id="stat-group"
              mode="multiple"
              maxCount={2}
              allowClear
              placeholder={t('noGrouping')}
              value={groupBy}
              options={STATISTICS_DIMENSIONS.filter((d) => seesAll || d !== 'province').map((d) => ({
                value: d,
                label: t(`dimensions.${d}`),
              }))}
              onChange={(value: string[]) =>
                setSearch({ ...search, groupBy: value.length > 0 ? value.join(',') : undefined })
              }
            />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
