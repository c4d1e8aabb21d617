import ExcelJS from 'exceljs';
import type { StatisticsDimension, StatisticsFilter, StatisticsReport } from '@laurel/infra/projections';
import { addTable } from '../export-statistics/export-statistics.handler';
import { percent, stagesTable, type Cell } from '../export-statistics/statistics-table';
import { awardName, heading, type Lang } from '../report-labels';

/** How the report reads figures: the statistics projection's aggregates (ReadModels, or the runner in a benchmark). */
export type ReportSource = (
  filter: StatisticsFilter,
  groupBy: readonly StatisticsDimension[],
) => Promise<StatisticsReport>;

export interface AnnualReportInput {
  readonly year: number;
  readonly provinces: readonly { readonly id: string; readonly name: string }[];
  readonly lang: Lang;
  readonly source: ReportSource;
  /** Display names of directory ids (units). */
  readonly unitName: (unitId: string) => string;
}

const AWARD_ORDER = [
  'ProvincialEmulationFlag',
  'ProvincialEmulationFighter',
  'ExcellentLabourCollective',
  'ProvincialCertificateOfMerit',
];
const OUTCOME_ORDER = ['Awarded', 'NotAwarded', 'Withdrawn', 'Expired', 'Revoked', 'InProgress'] as const;

/**
 * The yearly summary a Board sends up: one sheet per province with its
 * tables — summary (individuals, collectives, priority shares), awards by
 * nominee kind, awards by unit, outcomes, and time per stage. Counts of
 * awards are standing awards; revoked ones are in the outcomes table.
 */
export async function buildAnnualReport(input: AnnualReportInput): Promise<Buffer> {
  const { lang, year } = input;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Laurel';
  for (const province of input.provinces) {
    const filter = { province: province.id, campaignYear: year };
    const [totals, byAward, byUnit, outcomes] = await Promise.all([
      input.source(filter, []),
      input.source(filter, ['awardType', 'nomineeKind']),
      input.source(filter, ['unit', 'awardType']),
      input.source(filter, ['outcome']),
    ]);
    // Sheet names: at most 31 characters, none of []:*?/\ .
    const sheet = workbook.addWorksheet(province.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31));
    sheet.getRow(1).values = [`${heading(lang, 'annualTitle')} ${year} — ${province.name}`];
    sheet.getRow(1).font = { bold: true, size: 14 };
    let row = 3;
    const section = (title: string, table: readonly Cell[][]): void => {
      sheet.getRow(row).values = [title];
      sheet.getRow(row).font = { bold: true, size: 12 };
      row = addTable(sheet, table, row + 1) + 1;
    };
    const t = totals.totals;
    section(`1. ${heading(lang, 'summary')}`, [
      [heading(lang, 'figure'), heading(lang, 'value')],
      [heading(lang, 'nominations'), t.nominations],
      [heading(lang, 'awarded'), t.awarded],
      [heading(lang, 'individualAwardees'), t.individualAwardees],
      [heading(lang, 'collectiveAwardees'), t.collectiveAwardees],
      [heading(lang, 'frontLineAwardees'), t.frontLineAwardees],
      [heading(lang, 'frontLineShare'), percent(t.frontLineShare)],
      [heading(lang, 'hardshipAreaAwardees'), t.hardshipAreaAwardees],
      [heading(lang, 'hardshipAreaShare'), percent(t.hardshipAreaShare)],
    ]);
    const awarded = (groups: StatisticsReport['groups'], match: (key: Record<string, unknown>) => boolean): number =>
      groups.filter((g) => match(g.key)).reduce((sum, g) => sum + g.awarded, 0);
    section(`2. ${heading(lang, 'byAward')}`, [
      [
        heading(lang, 'awardType'),
        lang === 'vi' ? 'Cá nhân' : 'Individuals',
        lang === 'vi' ? 'Tập thể' : 'Collectives',
        heading(lang, 'total'),
      ],
      ...AWARD_ORDER.map((award) => {
        const individuals = awarded(
          byAward.groups,
          (k) => k['awardType'] === award && k['nomineeKind'] === 'individual',
        );
        const collectives = awarded(
          byAward.groups,
          (k) => k['awardType'] === award && k['nomineeKind'] === 'collective',
        );
        return [awardName(lang, award), individuals, collectives, individuals + collectives];
      }),
      [heading(lang, 'total'), t.individualAwardees, t.collectiveAwardees, t.awarded],
    ]);
    const units = [...new Set(byUnit.groups.map((g) => String(g.key.unit)))].sort((a, b) =>
      input.unitName(a).localeCompare(input.unitName(b), 'vi'),
    );
    section(`3. ${heading(lang, 'byUnit')}`, [
      [heading(lang, 'unit'), ...AWARD_ORDER.map((a) => awardName(lang, a)), heading(lang, 'total')],
      ...units.map((unit) => {
        const cells = AWARD_ORDER.map((award) =>
          awarded(byUnit.groups, (k) => k['unit'] === unit && k['awardType'] === award),
        );
        return [input.unitName(unit), ...cells, cells.reduce((a, b) => a + b, 0)];
      }),
    ]);
    const outcomeCount = (o: string): number => outcomes.groups.find((g) => g.key.outcome === o)?.nominations ?? 0;
    section(`4. ${heading(lang, 'outcomes')}`, [
      [heading(lang, 'outcome'), heading(lang, 'nominations')],
      ...OUTCOME_ORDER.map((o) => [heading(lang, o === 'InProgress' ? 'inProgress' : lowerFirst(o)), outcomeCount(o)]),
      [heading(lang, 'total'), t.nominations],
    ]);
    section(`5. ${heading(lang, 'stages')}`, stagesTable(totals, lang));
  }
  if (input.provinces.length === 0) workbook.addWorksheet(heading(lang, 'summary'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function lowerFirst<T extends string>(text: T): 'awarded' | 'notAwarded' | 'withdrawn' | 'expired' | 'revoked' {
  return (text.charAt(0).toLowerCase() + text.slice(1)) as 'awarded';
}
