import type { StatisticsCounts, StatisticsDimension } from '@laurel/infra/projections';
import type { StatisticsView } from '../get-statistics/get-statistics.query';
import { heading, stageName, type Heading, type Lang } from '../report-labels';

const COUNT_COLUMNS = [
  'nominations',
  'awarded',
  'notAwarded',
  'withdrawn',
  'expired',
  'revoked',
  'inProgress',
  'individualAwardees',
  'collectiveAwardees',
  'frontLineAwardees',
  'hardshipAreaAwardees',
  'frontLineShare',
  'hardshipAreaShare',
] as const satisfies readonly (keyof StatisticsCounts & Heading)[];

export type Cell = string | number | null;

/** A share as a percentage with one decimal (66.7), as the Board's tables write it. */
export function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

function countCells(counts: StatisticsCounts): Cell[] {
  return COUNT_COLUMNS.map((column) =>
    column === 'frontLineShare' || column === 'hardshipAreaShare' ? percent(counts[column]) : counts[column],
  );
}

/** The groups table (header first, a total line last), the same in CSV and XLSX. */
export function groupsTable(view: StatisticsView, lang: Lang): Cell[][] {
  const dims: readonly StatisticsDimension[] = view.groupBy;
  const header: Cell[] = [...dims.map((d) => heading(lang, d)), ...COUNT_COLUMNS.map((c) => heading(lang, c))];
  const rows: Cell[][] = view.groups.map((g) => [...dims.map((d) => g.label[d] ?? ''), ...countCells(g)]);
  const total: Cell[] = [
    ...(dims.length > 0 ? [heading(lang, 'total'), ...dims.slice(1).map(() => '')] : []),
    ...countCells(view.totals),
  ];
  return [header, ...rows, total];
}

export function stagesTable(view: Pick<StatisticsView, 'stages'>, lang: Lang): Cell[][] {
  return [
    (['stage', 'entered', 'completed', 'medianWorkingDays', 'overdue', 'overdueShare'] as const).map((c) =>
      heading(lang, c),
    ),
    ...view.stages.map((s) => [
      stageName(lang, s.stage),
      s.entered,
      s.completed,
      s.medianWorkingDays,
      s.overdue,
      percent(s.overdueShare),
    ]),
  ];
}

/** RFC 4180, with a UTF-8 byte-order mark so spreadsheet programs read Vietnamese right. */
export function toCsv(table: readonly Cell[][]): string {
  const field = (cell: Cell): string => {
    const text = cell === null ? '' : String(cell);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${table.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
