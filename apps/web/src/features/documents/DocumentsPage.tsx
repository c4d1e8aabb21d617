import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CertificatesPanel } from './CertificatesPanel';
import { IssuePanel } from './IssuePanel';
import type { DocumentsSearch, DocumentsTab } from './index';
import './documents.css';

/** Documents from the record (decision, proposal letter, minutes) and certificates on the province's blank. */
export default function DocumentsPage() {
  const { t } = useTranslation('documents');
  const search: DocumentsSearch = useSearch({ strict: false });
  const navigate = useNavigate();
  const active: DocumentsTab = search.kind ?? 'decision';
  const kinds = ['decision', 'proposal_letter', 'block_minutes', 'council_minutes'] as const;
  return (
    <div className="documents-page">
      <Typography.Title level={1}>{t('title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Tabs
        activeKey={active}
        onChange={(key) => void navigate({ to: '/documents', search: { ...search, kind: key as DocumentsTab } })}
        items={[
          ...kinds.map((kind) => ({
            key: kind,
            label: t(`kinds.${kind}`),
            children: <IssuePanel kind={kind} initialDecision={search.decision} />,
          })),
          {
            key: 'certificates',
            label: t('kinds.certificates'),
            children: <CertificatesPanel initialDecision={search.decision} />,
          },
        ]}
      />
      <Typography.Paragraph type="secondary" className="documents-footnote">
        {t('footnote')} <Link to="/audit">{t('auditLink')}</Link>
      </Typography.Paragraph>
    </div>
  );
}
