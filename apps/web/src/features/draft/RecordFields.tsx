import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { lastYear, yearRange, type NomineeKind } from './draft-values';
import { SectionCard } from '../../ui/SectionCard';

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
const MEMBER_STATS = ['memberCount', 'completedTasks', 'advancedWorkers', 'grassrootsFighters'] as const;

type Years = { min: number; max: number };

/** The nominee's record: earlier titles, yearly ratings, initiatives and, for a collective, its members' figures. */
export function RecordFields({ kind }: { kind: NomineeKind }) {
  const { t } = useTranslation('draft');
  const year = yearRange();
  return (
    <SectionCard title={t('sections.record')} style={{ marginTop: 16 }}>
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
              <Input aria-label={t('record.decisionOf', { n: index + 1 })} placeholder={t('record.decisionNumber')} />
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
            <YearField name={[field.name, 'year']} label={t('record.initiativeYearOf', { n: index + 1 })} year={year} />
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
      {kind === 'collective' ? <MemberStatsFields /> : null}
    </SectionCard>
  );
}

function MemberStatsFields() {
  const { t } = useTranslation('draft');
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('record.memberStats')}
      </Typography.Title>
      <Row gutter={16}>
        {MEMBER_STATS.map((k) => (
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
  );
}

function YearField({ name, label, year }: { name: (string | number)[]; label: string; year: Years }) {
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

/** A list of record rows, each with its remove button, and a button that adds a row for last year. */
function RecordList({
  name,
  label,
  addLabel,
  children,
}: {
  name: string;
  label: string;
  addLabel: string;
  children: (field: { name: number; key: number }, index: number) => ReactNode;
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
