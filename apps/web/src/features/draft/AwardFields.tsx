import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { awardLabel } from '../../lib/award-label';
import type { AwardChoice } from './award-choices';
import { yearRange } from './draft-values';
import { SectionCard } from '../../ui/SectionCard';

/** The award asked for, the campaign year and the achievements it rests on. */
export function AwardFields({ awards, chosen }: { awards: readonly AwardChoice[]; chosen: AwardChoice | undefined }) {
  const { t, i18n } = useTranslation('draft');
  const year = yearRange();
  return (
    <SectionCard title={t('sections.award')} style={{ marginTop: 16 }}>
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
    </SectionCard>
  );
}
