import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Option, type Command } from 'commander';
import type { ApiSchema } from '../../../api-client/src/contract';
import { ApiRequestError, isNdjson, ndjsonLines } from '../../../api-client/src/http-client';
import type { Client } from '../api-client';
import { CliError, ExitCode } from '../exit-codes';
import { startProgress } from '../progress';
import { renderTable } from '../table';

const EVIDENCE_KINDS = ['proposal_letter', 'achievement_report', 'unit_council_minutes', 'other'];

type CampaignView = ApiSchema<'Campaign'>;
type DossierView = ApiSchema<'Dossier'>;
type DossierBatchResult = ApiSchema<'DossierBatchResult'>;

interface RowProblem {
  readonly row: number;
  readonly column?: string;
  readonly reason: string;
}

/** `--document kind=path`: the file stays here; its title, size and sha256 go to Laurel. */
async function documentOf(spec: string): Promise<Record<string, unknown>> {
  const eq = spec.indexOf('=');
  const kind = eq > 0 ? spec.slice(0, eq) : '';
  const path = eq > 0 ? spec.slice(eq + 1) : '';
  if (!EVIDENCE_KINDS.includes(kind) || !path) {
    throw new CliError(ExitCode.USAGE, `--document takes kind=path with kind one of ${EVIDENCE_KINDS.join(', ')}`);
  }
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(ExitCode.USAGE, `cannot read ${path}: ${error.code ?? error.message}`);
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { documentId: `doc-${sha256.slice(0, 16)}`, title: basename(path), kind, sizeBytes: bytes.length, sha256 };
}

/** Reads a batch answer: NDJSON lines drive the progress bar; the last line is the result. */
async function batchResult(response: Response, label: string): Promise<DossierBatchResult> {
  if (!isNdjson(response)) return (await response.json()) as DossierBatchResult;
  const progress = startProgress(label, 'items', '| {failed} failed');
  let failed = 0;
  try {
    for await (const line of ndjsonLines(response)) {
      const l = line as {
        type: string;
        done?: number;
        total?: number;
        item?: { ok: boolean };
        result?: DossierBatchResult;
        error?: { code: string; message: string };
      };
      if (l.type === 'progress' && typeof l.done === 'number') {
        if (l.item && !l.item.ok) failed++;
        progress.update(l.done, l.total, { failed });
      } else if (l.type === 'result' && l.result) {
        return l.result;
      } else if (l.type === 'error') {
        throw new CliError(
          ExitCode.SERVER,
          `the batch stopped: ${l.error?.message ?? 'unknown error'}; run the same command again to resume it`,
        );
      }
    }
  } finally {
    progress.stop();
  }
  throw new CliError(
    ExitCode.SERVER,
    'the batch stream ended without a result; run the same command again to resume it',
  );
}

function printBatch(result: DossierBatchResult, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } else {
    process.stdout.write(
      renderTable(
        ['#', 'nomination', 'result', 'stage / reason'],
        result.items.map((i) => [
          String(i.itemNo),
          i.nominationId,
          i.ok ? 'ok' : (i.code ?? 'failed'),
          i.ok ? (i.stage ?? '') : (i.message ?? ''),
        ]),
      ),
    );
    process.stdout.write(
      `dossier ${result.dossierId}: ${result.action} ${result.succeeded}/${result.total} ok, ${result.failed} failed` +
        `${result.resumed ? ' (resumed an unfinished batch)' : ''}\n`,
    );
  }
  if (result.failed > 0) throw new CliError(ExitCode.CHECK_FAILED, `${result.failed} item(s) failed`);
}

async function postBatch(client: Client, path: string, body: unknown, label: string): Promise<DossierBatchResult> {
  try {
    const response = await (
      await client()
    ).request(path, {
      method: 'POST',
      body,
      accept: 'application/x-ndjson, application/json;q=0.5',
    });
    return await batchResult(response, label);
  } catch (error) {
    if (error instanceof ApiRequestError && error.code === 'DOSSIER_INVALID') {
      const problems = ((error.details as { problems?: RowProblem[] } | undefined)?.problems ?? []) as RowProblem[];
      process.stderr.write(
        renderTable(
          ['row', 'column', 'reason'],
          problems.map((p) => [String(p.row), p.column ?? '', p.reason]),
        ),
      );
      throw new CliError(ExitCode.USAGE, `the list has ${problems.length} bad row(s); nothing was created`);
    }
    throw error;
  }
}

export function registerDossiers(program: Command, client: Client): void {
  const dossiers = program
    .command('dossiers')
    .description("units' dossiers: lists of nominees, imported and acted on together");

  dossiers
    .command('template')
    .description('download the list template (Vietnamese headers)')
    .addOption(new Option('--format <format>', 'xlsx or csv').choices(['xlsx', 'csv']).default('xlsx'))
    .option('--year <year>', 'campaign year of the sample rows')
    .requiredOption('--out <file>', 'where to write it')
    .action(async (options: { format: string; year?: string; out: string }) => {
      const response = await (
        await client()
      ).request('/dossiers/template', {
        query: { format: options.format, year: options.year },
        accept: '*/*',
      });
      await writeFile(options.out, Buffer.from(await response.arrayBuffer()));
      process.stdout.write(`template written to ${options.out}\n`);
    });

  dossiers
    .command('import <file>')
    .description(
      'import a list (XLSX or CSV) into a campaign: every bad row is named and nothing is created until all are good',
    )
    .requiredOption('--campaign <campaignId>', 'the campaign the nominations enter')
    .option('--year <year>', "the campaign year (a period campaign's)")
    .option('--title <title>', "the dossier's title")
    .option(
      '--document <kind=path>',
      'a document sent once for the whole list (repeat)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--dry-run', 'check the file and show what would be created')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        file: string,
        options: {
          campaign: string;
          year?: string;
          title?: string;
          document: string[];
          dryRun?: boolean;
          json?: boolean;
        },
      ) => {
        const ext = extname(file).toLowerCase();
        if (ext !== '.xlsx' && ext !== '.csv')
          throw new CliError(ExitCode.USAGE, 'the list must be a .xlsx or .csv file');
        const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
          throw new CliError(ExitCode.USAGE, `cannot read ${file}: ${error.code ?? error.message}`);
        });
        const body = {
          campaignId: options.campaign,
          ...(options.year ? { campaignYear: Number(options.year) } : {}),
          ...(options.title ? { title: options.title } : {}),
          format: ext.slice(1),
          fileName: basename(file),
          contentBase64: bytes.toString('base64'),
          evidence: await Promise.all(options.document.map(documentOf)),
          ...(options.dryRun ? { dryRun: true } : {}),
        };
        if (options.dryRun) {
          const preview = await postBatch(client, '/dossiers', body, 'checking');
          process.stdout.write(JSON.stringify(preview, null, 2) + '\n');
          return;
        }
        printBatch(await postBatch(client, '/dossiers', body, 'importing'), options.json === true);
      },
    );

  dossiers
    .command('submit <dossierId>')
    .description('submit every nomination of the dossier (unit head); running it again resumes it')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      printBatch(
        await postBatch(client, `/dossiers/${encodeURIComponent(id)}/submit`, {}, 'submitting'),
        options.json === true,
      );
    });

  dossiers
    .command('withdraw <dossierId>')
    .description('withdraw every open nomination of the dossier (unit head)')
    .requiredOption('--reason <reason>', 'why')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, options: { reason: string; json?: boolean }) => {
      printBatch(
        await postBatch(
          client,
          `/dossiers/${encodeURIComponent(id)}/withdraw`,
          { reason: options.reason },
          'withdrawing',
        ),
        options.json === true,
      );
    });

  dossiers
    .command('show <dossierId>')
    .description('the list, each nomination and its stage')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const view = await (await client()).json<DossierView>(`/dossiers/${encodeURIComponent(id)}`);
      if (options.json) return void process.stdout.write(JSON.stringify(view, null, 2) + '\n');
      process.stdout.write(`${view.title} (${view.campaignId}, ${view.campaignYear})\n`);
      process.stdout.write(
        renderTable(
          ['#', 'row', 'nominee', 'award', 'nomination', 'stage'],
          view.items.map((i) => [String(i.itemNo), String(i.row), i.name, i.awardType, i.nominationId, i.stage ?? '—']),
        ),
      );
      if (view.unfinishedBatch) {
        process.stdout.write(`an unfinished ${view.unfinishedBatch.action} batch: run it again to resume it\n`);
      }
    });

  const campaigns = program.command('campaigns').description('campaigns (đợt thi đua): windows and quotas');
  campaigns
    .command('list')
    .description("your province's campaigns with their quotas")
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const { items } = await (await client()).json<{ items: CampaignView[] }>('/campaigns');
      if (options.json) return void process.stdout.write(JSON.stringify(items, null, 2) + '\n');
      process.stdout.write(
        renderTable(
          ['campaign', 'title', 'years', 'stage', 'intake', 'quotas'],
          items.map((c) => [
            c.campaignId,
            c.title,
            c.fromYear === c.toYear ? String(c.fromYear) : `${c.fromYear}–${c.toYear}`,
            c.stage,
            `${c.intakeOpensAt} → ${c.intakeClosesAt}`,
            c.plannedAwards
              .map((p) => `${p.awardType} ${p.admitted}${p.quota !== undefined ? `/${p.quota}` : ''}`)
              .join('; '),
          ]),
        ),
      );
    });
}
