import { Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { downloadExport } from './audit-api';

/** CSV (for Excel: UTF-8 with a byte-order mark, both hashes) and NDJSON; one nomination, or the whole province. */
export function ExportButtons({ nominationId }: { nominationId?: string }) {
  const { t } = useTranslation('audit');
  const [busy, setBusy] = useState<'csv' | 'ndjson' | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  async function run(format: 'csv' | 'ndjson'): Promise<void> {
    setBusy(format);
    setProblem(null);
    try {
      await downloadExport({ format, ...(nominationId ? { nomination: nominationId } : {}) });
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(null);
    }
  }

  const scope = nominationId ? 'nomination' : 'province';
  return (
    <Flex vertical gap="small">
      <Flex gap="small" wrap>
        <Button loading={busy === 'csv'} onClick={() => void run('csv')} data-testid={`export-csv-${scope}`}>
          {t(`export.csv.${scope}`)}
        </Button>
        <Button loading={busy === 'ndjson'} onClick={() => void run('ndjson')} data-testid={`export-ndjson-${scope}`}>
          {t(`export.ndjson.${scope}`)}
        </Button>
      </Flex>
      <ProblemAlert problem={problem} onRetry={() => void run(busy ?? 'csv')} />
    </Flex>
  );
}
