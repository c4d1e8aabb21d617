import { Checkbox, Col, Form, Input, Radio, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { useNames } from '../../ui/useDirectory';
import type { NomineeKind } from './draft-values';
import { SectionCard } from '../../ui/SectionCard';

/** Who is nominated: a person or a collective of the user's own unit. */
export function NomineeFields({ kind }: { kind: NomineeKind }) {
  const { t } = useTranslation('draft');
  const { claims } = useSession();
  const names = useNames();
  return (
    <SectionCard title={t('sections.nominee')}>
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
    </SectionCard>
  );
}
