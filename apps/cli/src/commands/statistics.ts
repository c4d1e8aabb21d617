import { rename, rm, writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import type { StatisticsView } from '../../../api-client/src/contract';
import type { Client } from '../api-client';
import { CliError, ExitCode } from '../exit-codes';
import { renderTable } from '../table';

interface StatisticsOptions {
  readonly province?: string;
  readonly block?: string;
  readonly unit?: string;
  readonly year?: string;
  readonly from?: string;
  readonly to?: string;
  readonly award?: string;
  readonly kind?: string;
  readonly outcome?: string;
  readonly groupBy?: string;
  readonly lang: 'vi' | 'en';
  readonly format: 'table' | 'json' | 'csv' | 'xlsx';
  readonly out?: string;
}

const percent = (share: number | null): string => (share === null ? '—' : `${(share * 100).toFixed(1)} %`);

function query(options: StatisticsOptions): string {
  const params = new URLSearchParams();
  const set = (key: string, value: string | undefined) => value !== undefined && params.set(key, value);
  set('province', options.province);
  set('block', options.block);
  set('unit', options.unit);
  set('year', options.year);
  set('yearFrom', options.from);
  set('yearTo', options.to);
  set('awardType', options.award);
  set('nomineeKind', options.kind);
  set('outcome', options.outcome);
  set('groupBy', options.groupBy);
  params.set('lang', options.lang);
  return params.toString();
}

/** Writes beside the target and renames at the end, so a broken-off download never looks complete. */
async function save(out: string, body: Buffer): Promise<void> {
  const partial = `${out}.partial`;
  try {
    await writeFile(partial, body, { mode: 0o600 });
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw new CliError(ExitCode.USAGE, `could not write ${out}: ${(error as Error).message}`);
  }
}

async function download(client: Client, path: string, out: string | undefined, accept: string): Promise<void> {
  const response = await (await client()).request(path, { accept });
  const body = Buffer.from(await response.arrayBuffer());
  if (!out) {
    if (accept.startsWith('text/')) return void process.stdout.write(body);
    throw new CliError(ExitCode.USAGE, 'an XLSX file needs --out <file>');
  }
  await save(out, body);
  process.stderr.write(`wrote ${body.length} bytes to ${out}\n`);
}

export function registerStatistics(program: Command, client: Client): void {
  program
    .command('statistics')
    .description('figures by province, block, unit, year, award, outcome; time per stage (Board, chairman, auditors)')
    .option('--province <slug>', 'province (default: yours)')
    .option('--block <id>', 'emulation block')
    .option('--unit <id>', 'proposing unit')
    .option('--year <year>', 'campaign year')
    .option('--from <year>', 'first campaign year of a period')
    .option('--to <year>', 'last campaign year of a period')
    .option('--award <type>', 'award type, e.g. ProvincialCertificateOfMerit')
    .addOption(new Option('--kind <kind>', 'nominee kind').choices(['individual', 'collective']))
    .option('--outcome <outcome>', 'Awarded, NotAwarded, Withdrawn, Expired, Revoked or InProgress')
    .option('--group-by <dims>', 'up to two of province, block, unit, year, awardType, nomineeKind, outcome')
    .addOption(new Option('--lang <lang>', 'language of labels').choices(['vi', 'en']).default('vi'))
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json', 'csv', 'xlsx']).default('table'))
    .option('--out <file>', 'write the CSV or XLSX to this file')
    .action(async (options: StatisticsOptions) => {
      const q = query(options);
      if (options.format === 'csv') return download(client, `/statistics/export.csv?${q}`, options.out, 'text/csv');
      if (options.format === 'xlsx') {
        return download(
          client,
          `/statistics/export.xlsx?${q}`,
          options.out,
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
      }
      const view = await (await client()).json<StatisticsView>(`/statistics?${q}`);
      if (options.format === 'json') return void process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
      const vi = options.lang === 'vi';
      const headers = [
        ...view.groupBy,
        vi ? 'đề nghị' : 'nominations',
        vi ? 'được khen' : 'awarded',
        vi ? 'không' : 'not awarded',
        vi ? 'rút' : 'withdrawn',
        vi ? 'thu hồi' : 'revoked',
        vi ? 'đang xử lý' : 'in progress',
        vi ? 'cá nhân' : 'individuals',
        vi ? 'trực tiếp' : 'front line',
        vi ? 'vùng khó khăn' : 'hardship',
      ];
      const line = (label: string[], c: StatisticsView['totals']) => [
        ...label,
        String(c.nominations),
        String(c.awarded),
        String(c.notAwarded),
        String(c.withdrawn),
        String(c.revoked),
        String(c.inProgress),
        String(c.individualAwardees),
        percent(c.frontLineShare),
        percent(c.hardshipAreaShare),
      ];
      const rows = [
        ...view.groups.map((g) =>
          line(
            view.groupBy.map((d) => g.label[d] ?? ''),
            g,
          ),
        ),
        line(
          view.groupBy.length > 0 ? [vi ? 'Tổng cộng' : 'Total', ...view.groupBy.slice(1).map(() => '')] : [],
          view.totals,
        ),
      ];
      process.stdout.write(`${renderTable(headers, rows)}\n\n`);
      process.stdout.write(
        `${renderTable(
          [
            vi ? 'giai đoạn' : 'stage',
            vi ? 'số lượt' : 'entered',
            vi ? 'trung vị ngày làm việc' : 'median working days',
            vi ? 'quá hạn' : 'overdue',
          ],
          view.stages.map((s) => [
            s.stage,
            String(s.entered),
            s.medianWorkingDays === null ? '—' : String(s.medianWorkingDays),
            percent(s.overdueShare),
          ]),
        )}\n`,
      );
    });

  const reports = program.command('reports').description('reports a Board sends up');
  reports
    .command('annual <year>')
    .description('the yearly summary per province, as XLSX')
    .requiredOption('--out <file>', 'the XLSX file to write')
    .option('--province <slug>', 'one province (default: yours, or all if you see all)')
    .addOption(new Option('--lang <lang>', 'language').choices(['vi', 'en']).default('vi'))
    .action(async (year: string, options: { out: string; province?: string; lang: 'vi' | 'en' }) => {
      if (!/^\d{4}$/.test(year)) throw new CliError(ExitCode.USAGE, `the year is four digits, got "${year}"`);
      const params = new URLSearchParams({ lang: options.lang });
      if (options.province) params.set('province', options.province);
      await download(
        client,
        `/reports/annual/${year}.xlsx?${params.toString()}`,
        options.out,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    });
}
