import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select, Space, Table, Upload } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { CopyableHash } from '../../ui/CopyableHash';
import { sha256Hex } from '../../ui/sha256';

export type EvidenceItem = Schemas['Evidence'];

export const EVIDENCE_KINDS: readonly EvidenceItem['kind'][] = [
  'proposal_letter',
  'achievement_report',
  'unit_council_minutes',
  'vote_results',
  'initiative_certificate',
  'prior_decision',
  'other',
];

/** Guesses the kind from the order documents usually come in; the user corrects it. */
function nextKind(items: readonly EvidenceItem[]): EvidenceItem['kind'] {
  const used = new Set(items.map((i) => i.kind));
  return EVIDENCE_KINDS.find((k) => k !== 'other' && !used.has(k)) ?? 'other';
}

/**
 * The dossier's documents: each file is hashed here (SHA-256 of its bytes)
 * and only its title, kind, size and hash are sent; the file stays with the unit.
 */
export function EvidenceEditor({
  value = [],
  onChange,
  idPrefix,
}: {
  value?: EvidenceItem[];
  onChange?: (next: EvidenceItem[]) => void;
  idPrefix: string;
}) {
  const { t } = useTranslation('draft');
  const [hashing, setHashing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Several files chosen at once are hashed concurrently: each adds to the newest list, not the one it started from.
  const latest = useRef(value);
  latest.current = value;
  const update = (index: number, patch: Partial<EvidenceItem>) =>
    onChange?.(value.map((item, i) => (i === index ? { ...item, ...patch } : item)));

  async function add(file: File): Promise<void> {
    setHashing(true);
    setFailure(null);
    try {
      const sha256 = await sha256Hex(file);
      const title = file.name.replace(/\.[^.]+$/, '') || file.name;
      const current = latest.current;
      const next = [
        ...current,
        { documentId: `doc-${crypto.randomUUID()}`, title, kind: nextKind(current), sizeBytes: file.size, sha256 },
      ];
      latest.current = next;
      onChange?.(next);
    } catch {
      setFailure(t('evidence.hashFailed'));
    } finally {
      setHashing(false);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('evidence.staysWithUnit')} />
      <Upload
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          void add(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={hashing} id={`${idPrefix}-add`}>
          {t('evidence.add')}
        </Button>
      </Upload>
      {failure ? <Alert type="error" showIcon title={failure} /> : null}
      <Table<EvidenceItem>
        size="small"
        rowKey="documentId"
        pagination={false}
        dataSource={value}
        locale={{ emptyText: t('evidence.empty') }}
        scroll={{ x: true }}
        columns={[
          {
            title: t('evidence.title'),
            key: 'title',
            render: (_, item, index) => (
              <Input
                aria-label={t('evidence.titleOf', { n: index + 1 })}
                value={item.title}
                status={item.title.trim() ? undefined : 'error'}
                onChange={(e) => update(index, { title: e.target.value })}
              />
            ),
          },
          {
            title: t('evidence.kind'),
            key: 'kind',
            width: 230,
            render: (_, item, index) => (
              <Select
                aria-label={t('evidence.kindOf', { n: index + 1 })}
                value={item.kind}
                style={{ width: '100%' }}
                onChange={(kind) => update(index, { kind })}
                options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`evidenceKinds.${k}`, { ns: 'common' }) }))}
              />
            ),
          },
          {
            title: t('evidence.size'),
            key: 'size',
            width: 100,
            render: (_, item) => t('evidence.bytes', { count: item.sizeBytes }),
          },
          {
            title: 'SHA-256',
            key: 'sha256',
            render: (_, item, index) => (
              <CopyableHash value={item.sha256} label={t('evidence.hashOf', { n: index + 1 })} />
            ),
          },
          {
            title: t('evidence.remove'),
            key: 'remove',
            width: 80,
            render: (_, item, index) => (
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('evidence.removeOf', { n: index + 1, title: item.title })}
                onClick={() => onChange?.(value.filter((_, i) => i !== index))}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
