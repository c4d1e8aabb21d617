import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import type {
  CertificateForm as CertificateFormView,
  CertificateFormList,
  IssuedDocument,
} from '../../../api-client/src/contract';
import type { Client } from '../api-client';
import { CliError, ExitCode } from '../exit-codes';
import { renderTable } from '../table';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

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

/** Downloads a file and checks it against the digest the API (and the stream) holds. */
async function fetchChecked(client: Client, path: string, expected?: string): Promise<{ bytes: Buffer; sha: string }> {
  const response = await (await client()).request(path, { accept: 'application/octet-stream' });
  const bytes = Buffer.from(await response.arrayBuffer());
  const sha = sha256(bytes);
  const claimed = expected ?? response.headers.get('x-laurel-sha256') ?? undefined;
  if (claimed && claimed !== sha) {
    throw new CliError(ExitCode.CHECK_FAILED, `${path}: received sha256 ${sha}, but ${claimed} was recorded`);
  }
  return { bytes, sha };
}

interface IssueOptions {
  readonly province?: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly unit?: string;
  readonly block?: string;
  readonly year?: string;
}

function year(value: string | undefined): number {
  if (!value || !/^\d{4}$/.test(value))
    throw new CliError(ExitCode.USAGE, `--year is four digits, got "${value ?? ''}"`);
  return Number(value);
}

async function issue(client: Client, body: Record<string, unknown>, options: IssueOptions): Promise<void> {
  const issued = await (
    await client()
  ).json<IssuedDocument>('/documents', {
    method: 'POST',
    body: { ...body, ...(options.province ? { province: options.province } : {}) },
  });
  const written: string[] = [];
  if (options.out) {
    await mkdir(options.out, { recursive: true });
    for (const file of issued.files) {
      const { bytes } = await fetchChecked(client, file.href, file.sha256);
      const path = join(options.out, `${issued.documentId}.${file.format}`);
      await save(path, bytes);
      written.push(path);
    }
  }
  if (options.json) return void process.stdout.write(`${JSON.stringify({ ...issued, written }, null, 2)}\n`);
  process.stdout.write(`${issued.title}\n${issued.documentId} (${issued.templateId} v${issued.templateVersion})\n\n`);
  process.stdout.write(
    `${renderTable(
      ['format', 'sha256', 'bytes', 'file'],
      issued.files.map((f) => [
        f.format,
        f.sha256,
        String(f.sizeBytes),
        written.find((w) => w.endsWith(`.${f.format}`)) ?? f.href,
      ]),
    )}\n\n`,
  );
  process.stdout.write(
    `${renderTable(
      ['nomination', 'nominee', 'record version', 'sha256 in stream'],
      issued.nominations.map((n) => [
        n.nominationId,
        n.nomineeName,
        String(n.recordVersion),
        n.recording === 'recorded' ? 'recorded now' : 'already recorded',
      ]),
    )}\n`,
  );
}

export function registerDocuments(program: Command, client: Client): void {
  const documents = program
    .command('documents')
    .description('documents built from the record: decision with its list, proposal letter, minutes (Board, chairman)');
  const issueCommand = documents
    .command('issue')
    .description("build a document (DOCX and PDF) and record its sha256 in each nomination's stream");
  const common = (c: Command) =>
    c
      .option('--province <id>', 'your province (the API refuses any other)')
      .option('--out <dir>', 'download both files into this folder, checked against their sha256')
      .option('--json', 'print the API answer as JSON');
  common(
    issueCommand.command('decision <number>').description('the decision with its attached list, e.g. 163/QĐ-UBND'),
  ).action((number: string, options: IssueOptions) =>
    issue(client, { kind: 'decision', decisionNumber: number }, options),
  );
  common(issueCommand.command('proposal-letter').description("one unit's proposal letter (tờ trình) of a year"))
    .requiredOption('--unit <id>', 'proposing unit')
    .requiredOption('--year <year>', 'campaign year')
    .action((options: IssueOptions) =>
      issue(client, { kind: 'proposal_letter', unitId: options.unit, campaignYear: year(options.year) }, options),
    );
  common(issueCommand.command('block-minutes').description("one block's session minutes of a year"))
    .requiredOption('--block <id>', 'emulation block')
    .requiredOption('--year <year>', 'campaign year')
    .action((options: IssueOptions) =>
      issue(client, { kind: 'block_minutes', blockId: options.block, campaignYear: year(options.year) }, options),
    );
  common(issueCommand.command('council-minutes').description("the council session's minutes of a year"))
    .requiredOption('--year <year>', 'campaign year')
    .action((options: IssueOptions) =>
      issue(client, { kind: 'council_minutes', campaignYear: year(options.year) }, options),
    );

  documents
    .command('get <documentId>')
    .description('download an issued file, checked against its recorded sha256 (exit 1 if it differs)')
    .addOption(new Option('--format <format>', 'which file').choices(['pdf', 'docx']).makeOptionMandatory())
    .requiredOption('--out <file>', 'the file to write')
    .action(async (documentId: string, options: { format: 'pdf' | 'docx'; out: string }) => {
      if (!/^[a-z-]{1,30}-[0-9a-f]{32}$/.test(documentId)) {
        throw new CliError(ExitCode.USAGE, `a document id is its kind and 32 hex digits, got "${documentId}"`);
      }
      const { bytes, sha } = await fetchChecked(client, `/documents/${documentId}/${options.format}`);
      await save(options.out, bytes);
      process.stderr.write(`wrote ${bytes.length} bytes to ${options.out} (sha256 ${sha})\n`);
    });
}

interface PrintOptions {
  readonly decision?: string;
  readonly nomination?: string;
  readonly form?: string;
  readonly formVersion?: string;
  readonly calibration?: boolean;
  readonly province?: string;
  readonly out: string;
}

/** `field.key=value` pairs onto a form's fields: numbers for x, y, fontSize, maxWidth; words otherwise. */
function applySettings(form: CertificateFormView, settings: readonly string[]): CertificateFormView['fields'] {
  const fields = JSON.parse(JSON.stringify(form.fields)) as Record<string, Record<string, unknown>>;
  for (const setting of settings) {
    const match = /^([A-Za-z]+)\.([A-Za-z]+)=(.+)$/.exec(setting);
    const field = match ? fields[match[1]!] : undefined;
    if (!match || !field || !(match[2]! in field)) {
      throw new CliError(ExitCode.USAGE, `--set field.key=value, e.g. awardee.y=95; got "${setting}"`);
    }
    const [, , key, value] = match;
    if (['x', 'y', 'fontSize', 'maxWidth'].includes(key!)) {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new CliError(ExitCode.USAGE, `${setting}: ${key} is a number`);
      field[key!] = n;
    } else if (key === 'enabled') field[key] = value === 'true';
    else field[key!] = value;
  }
  return fields as unknown as CertificateFormView['fields'];
}

export function registerCertificates(program: Command, client: Client): void {
  const certificates = program
    .command('certificates')
    .description("certificates (bằng khen) printed on the province's pre-printed blanks");
  certificates
    .command('print')
    .description("a PDF of the certificates' words: one page per awardee of a decision, or one nomination's")
    .option('--decision <number>', 'every awardee of this decision, e.g. 163/QĐ-UBND')
    .option('--nomination <id>', 'one approved nomination')
    .option('--form <id>', "the blank (default: the province's default form)")
    .option('--form-version <n>', 'a former version of its offsets (default: the latest)')
    .option('--calibration', 'print the millimetre grid and the field boxes instead')
    .option('--province <id>', 'administrators: the province worked for')
    .requiredOption('--out <file>', 'the PDF to write')
    .action(async (options: PrintOptions) => {
      if (!options.calibration && (options.decision === undefined) === (options.nomination === undefined)) {
        throw new CliError(ExitCode.USAGE, 'give --decision or --nomination (one of them), or --calibration');
      }
      if (options.formVersion !== undefined && !/^[1-9]\d*$/.test(options.formVersion)) {
        throw new CliError(ExitCode.USAGE, `--form-version is a whole number, got "${options.formVersion}"`);
      }
      const response = await (
        await client()
      ).request('/certificates/print', {
        method: 'POST',
        accept: 'application/pdf',
        body: {
          ...(options.decision ? { decisionNumber: options.decision } : {}),
          ...(options.nomination ? { nominationId: options.nomination } : {}),
          ...(options.form ? { formId: options.form } : {}),
          ...(options.formVersion ? { formVersion: Number(options.formVersion) } : {}),
          ...(options.calibration ? { calibration: true } : {}),
          ...(options.province ? { province: options.province } : {}),
        },
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      const sha = sha256(bytes);
      if (response.headers.get('x-laurel-sha256') !== sha) {
        throw new CliError(ExitCode.CHECK_FAILED, 'the PDF received differs from the one the API built');
      }
      await save(options.out, bytes);
      process.stderr.write(
        `wrote ${response.headers.get('x-laurel-pages')} page(s) to ${options.out}: form ` +
          `${response.headers.get('x-laurel-form-id')} v${response.headers.get('x-laurel-form-version')}, sha256 ${sha}\n`,
      );
    });

  certificates
    .command('forms')
    .description("the province's blanks and their versions")
    .option('--province <id>', 'administrators: the province worked for')
    .option('--json', 'print JSON')
    .action(async (options: { province?: string; json?: boolean }) => {
      const list = await (
        await client()
      ).json<CertificateFormList>('/certificates/forms', { query: { province: options.province } });
      if (options.json) return void process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      process.stdout.write(
        `${renderTable(
          ['form', 'name', 'version', 'default', 'changed by'],
          list.forms.map((f) => [f.formId, f.name, String(f.version), f.isDefault ? 'yes' : '', f.changedBy ?? '']),
        )}\n`,
      );
    });

  certificates
    .command('form <formId>')
    .description("a blank's field offsets (mm); with --set, keep changed offsets as its next version")
    .option('--set <field.key=value...>', 'e.g. --set awardee.y=95 signer.x=210 (x, y, maxWidth in mm; fontSize in pt)')
    .option('--version <n>', 'show a former version')
    .option('--province <id>', 'administrators: the province worked for')
    .option('--json', 'print JSON')
    .action(
      async (formId: string, options: { set?: string[]; version?: string; province?: string; json?: boolean }) => {
        const api = await client();
        const path = `/certificates/forms/${encodeURIComponent(formId)}`;
        let form = await api.json<CertificateFormView>(path, {
          query: { province: options.province, version: options.set ? undefined : options.version },
        });
        if (options.set && options.set.length > 0) {
          form = await api.json<CertificateFormView>(path, {
            method: 'PUT',
            body: {
              expectedVersion: form.version,
              fields: applySettings(form, options.set),
              ...(options.province ? { province: options.province } : {}),
            },
          });
          process.stderr.write(`kept ${form.formId} as version ${form.version}\n`);
        }
        if (options.json) return void process.stdout.write(`${JSON.stringify(form, null, 2)}\n`);
        process.stdout.write(
          `${form.name} (${form.formId}) v${form.version}, ${form.page.width} × ${form.page.height} mm\n`,
        );
        process.stdout.write(
          `${renderTable(
            ['field', 'x', 'y', 'pt', 'align', 'max width', 'face', 'on'],
            Object.entries(form.fields).map(([name, f]) => [
              name,
              String(f.x),
              String(f.y),
              String(f.fontSize),
              f.align,
              String(f.maxWidth),
              f.face,
              f.enabled ? 'yes' : 'no',
            ]),
          )}\n`,
        );
      },
    );
}
