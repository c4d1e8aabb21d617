import { Button, Flex, Select, Space, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { download, type StatisticsQuery } from './statistics-api';

/** The downloads: the filtered figures as CSV or XLSX, and the annual report of a chosen year. */
export function StatisticsExports({
  query,
  province,
  lang,
  years,
  initialYear,
}: {
  query: StatisticsQuery;
  province: string | undefined;
  lang: 'vi' | 'en';
  years: readonly number[];
  initialYear: number;
}) {
  const { t } = useTranslation('statistics');
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState<string | undefined>();
  const [reportYear, setReportYear] = useState<number>(initialYear);

  async function run(kind: string, action: () => Promise<void>) {
    setProblem(undefined);
    setBusy(kind);
    try {
      await action();
      void message.success(t('downloaded'));
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <>
      <Flex gap={8} wrap>
        <Button
          loading={busy === 'csv'}
          onClick={() =>
            void run('csv', () =>
              download(api.GET('/statistics/export.csv', { params: { query }, parseAs: 'blob' }), 'thong-ke.csv'),
            )
          }
          data-testid="export-csv"
        >
          {t('exportCsv')}
        </Button>
        <Button
          loading={busy === 'xlsx'}
          onClick={() =>
            void run('xlsx', () =>
              download(api.GET('/statistics/export.xlsx', { params: { query }, parseAs: 'blob' }), 'thong-ke.xlsx'),
            )
          }
          data-testid="export-xlsx"
        >
          {t('exportXlsx')}
        </Button>
        <Space.Compact>
          <Select
            aria-label={t('reportYear')}
            value={reportYear}
            options={years.map((y) => ({ value: y, label: String(y) }))}
            onChange={(value: number) => setReportYear(value)}
            style={{ width: 96 }}
          />
          <Button
            type="primary"
            loading={busy === 'annual'}
            onClick={() =>
              void run('annual', () =>
                download(
                  api.GET('/reports/annual/{year}.xlsx', {
                    params: {
                      path: { year: reportYear },
                      query: { ...(province ? { province } : {}), lang },
                    },
                    parseAs: 'blob',
                  } as never),
                  `bao-cao-${reportYear}.xlsx`,
                ),
              )
            }
            data-testid="annual-report"
          >
            {t('annualReport', { year: reportYear })}
          </Button>
        </Space.Compact>
      </Flex>
      {problem ? (
        <div style={{ marginTop: 12 }}>
          <ProblemAlert problem={problem} />
        </div>
      ) : null}
    </>
  );
}
