import { useNavigate, useSearch } from '@tanstack/react-router';
import { Form, InputNumber, Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { useNames } from '../../ui/useDirectory';
import { CovenantTab } from './CovenantTab';
import type { YearStartSearch, YearStartTab } from './index';
import { LeadersTab } from './LeadersTab';
import { RegistrationsTab } from './RegistrationsTab';

/**
 * The start of the emulation year on one page: the unit's registrations, the
 * block's covenant, and who leads the block. A unit works in its own block; the
 * Board picks one of its province's blocks.
 */
export default function YearStartPage() {
  const { t } = useTranslation('year-start');
  const { claims } = useSession();
  const { directory } = useNames();
  const search = useSearch({ strict: false }) as YearStartSearch;
  const navigate = useNavigate();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [chosenBlock, setChosenBlock] = useState<string | undefined>(undefined);
  const board = claims?.role === 'board_officer';
  const ownUnit = directory?.units.find((u) => u.id === claims?.unitId);
  const province = claims?.province ?? ownUnit?.provinceId;
  const provinceBlocks = (directory?.blocks ?? []).filter((b) => !province || b.provinceId === province);
  const blockId = board ? (chosenBlock ?? provinceBlocks[0]?.id) : (claims?.blockId ?? ownUnit?.blockId ?? undefined);
  const block = directory?.blocks.find((b) => b.id === blockId);
  const tab: YearStartTab = search.tab ?? (board ? 'leaders' : 'registrations');

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('year')} htmlFor="year-start-year">
          <InputNumber
            id="year-start-year"
            min={2000}
            max={2200}
            value={year}
            onChange={(value) => value && setYear(value)}
          />
        </Form.Item>
        {board ? (
          <Form.Item label={t('block')} htmlFor="year-start-block">
            <Select
              id="year-start-block"
              data-testid="year-start-block"
              style={{ minWidth: 360 }}
              value={blockId}
              onChange={setChosenBlock}
              options={provinceBlocks.map((b) => ({ value: b.id, label: b.name }))}
            />
          </Form.Item>
        ) : block ? (
          <Form.Item label={t('block')}>
            <Space>
              <Typography.Text strong>{block.name}</Typography.Text>
            </Space>
          </Form.Item>
        ) : null}
      </Form>
      <Tabs
        activeKey={tab}
        onChange={(key) => void navigate({ to: '/year-start', search: { tab: key as YearStartTab }, replace: true })}
        items={[
          {
            key: 'registrations',
            label: t('tabs.registrations'),
            children: <RegistrationsTab year={year} block={block} />,
          },
          {
            key: 'covenant',
            label: t('tabs.covenant'),
            children: <CovenantTab year={year} block={block} />,
          },
          {
            key: 'leaders',
            label: t('tabs.leaders'),
            children: <LeadersTab year={year} block={block} />,
          },
        ]}
      />
    </div>
  );
}
