import { Col, Descriptions, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyableHash } from '../../ui/CopyableHash';
import type { NominationDetail, NominationState } from './nomination-queries';
import { SectionCard } from '../../ui/SectionCard';

// The dossier as the unit sent it: the nominee's record, the rules it meets and the documents.

export function RecordSection({ state }: { state: NominationState }) {
  const { t } = useTranslation('nomination');
  const { record } = state.nomination;
  return (
    <SectionCard size="small" title={t('record.title')} testId="record">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => `${r.year}-${r.title}`}
          dataSource={record.titles}
          locale={{ emptyText: t('record.noTitles') }}
          title={() => <Typography.Text strong>{t('record.titles')}</Typography.Text>}
          columns={[
            { title: t('record.year'), dataIndex: 'year', width: 90 },
            { title: t('record.titleName'), key: 't', render: (_, r) => t(`awards.${r.title}`, { ns: 'common' }) },
            { title: t('record.decisionNumber'), dataIndex: 'decisionNumber' },
          ]}
        />
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => `${r.year}`}
          dataSource={record.ratings}
          locale={{ emptyText: t('record.noRatings') }}
          title={() => <Typography.Text strong>{t('record.ratings')}</Typography.Text>}
          columns={[
            { title: t('record.year'), dataIndex: 'year', width: 90 },
            { title: t('record.rating'), key: 'r', render: (_, r) => t(`ratings.${r.rating}`, { ns: 'common' }) },
          ]}
        />
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => `${r.year}-${r.title}`}
          dataSource={record.initiatives}
          locale={{ emptyText: t('record.noInitiatives') }}
          title={() => <Typography.Text strong>{t('record.initiatives')}</Typography.Text>}
          columns={[
            { title: t('record.year'), dataIndex: 'year', width: 90 },
            { title: t('record.initiative'), dataIndex: 'title' },
            {
              title: t('record.scope'),
              key: 's',
              render: (_, r) => t(`initiativeScopes.${r.scope}`, { ns: 'common' }),
            },
          ]}
        />
        {record.memberStats ? (
          <Row gutter={16}>
            {(['memberCount', 'completedTasks', 'advancedWorkers', 'grassrootsFighters'] as const).map((k) => (
              <Col key={k} xs={12} md={6}>
                <Statistic title={t(`record.stats.${k}`)} value={record.memberStats![k]} />
              </Col>
            ))}
          </Row>
        ) : null}
      </Space>
    </SectionCard>
  );
}

export function EligibilitySection({ detail, state }: { detail: NominationDetail; state: NominationState }) {
  const { t } = useTranslation('nomination');
  const basis = detail.eligibilityBasis;
  const submission = state.submission;
  const policy = submission?.policy ?? state.nomination.policy;
  return (
    <SectionCard size="small" title={t('eligibility.title')} testId="eligibility">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('eligibility.legalBasis')}>{basis?.awardLegalBasis ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('eligibility.policy')}>
          <span data-testid="policy-version">
            {policy.id} v{policy.version}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {submission ? (
        <List
          size="small"
          dataSource={submission.eligibility.met}
          renderItem={(rule) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space>
                    <Tag color="green">{t('eligibility.met')}</Tag>
                    <span lang="en">{rule}</span>
                  </Space>
                }
                description={t('eligibility.source', {
                  source: basis?.awardLegalBasis ?? '—',
                  policy: `${policy.id} v${policy.version}`,
                })}
              />
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('eligibility.atSubmission')}</Typography.Text>
      )}
    </SectionCard>
  );
}

export function EvidenceSection({ state }: { state: NominationState }) {
  const { t } = useTranslation('nomination');
  return (
    <SectionCard size="small" title={t('evidence.title')} testId="evidence">
      <Table
        size="small"
        pagination={false}
        rowKey="documentId"
        dataSource={state.evidence}
        scroll={{ x: true }}
        columns={[
          { title: t('evidence.name'), dataIndex: 'title' },
          { title: t('evidence.kind'), key: 'k', render: (_, e) => t(`evidenceKinds.${e.kind}`, { ns: 'common' }) },
          { title: t('evidence.size'), key: 's', render: (_, e) => t('evidence.bytes', { count: e.sizeBytes }) },
          {
            title: 'SHA-256',
            key: 'h',
            render: (_, e) => <CopyableHash value={e.sha256} label={t('evidence.hashOf', { title: e.title })} />,
          },
        ]}
      />
    </SectionCard>
  );
}
