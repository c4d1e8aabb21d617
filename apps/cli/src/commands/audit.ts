import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { Option, type Command } from 'commander';
import type {
  AuditEvent,
  HistoryPage,
  NominationVerification,
  StateAt,
  StoreVerification,
  VerifyProgress,
} from '../../../api-client/src/contract';
import { bodyStream, ndjsonLines, type LaurelApiClient } from '../../../api-client/src/http-client';
import type { Client } from '../api-client';
import { CliError, ExitCode } from '../exit-codes';
import { startProgress } from '../progress';
import { renderTable } from '../table';
import { integer } from './arguments';

function nominationPath(id: string, suffix: string): string {
  return `/nominations/${encodeURIComponent(id)}/${suffix}`;
}

function actorText(actor: AuditEvent['actor']): string {
  if (typeof actor !== 'object' || actor === null || Array.isArray(actor)) return '';
  const { userId, role, unitId } = actor as Record<string, unknown>;
  const detail = [role, unitId].filter((v) => typeof v === 'string').join(', ');
  return `${typeof userId === 'string' ? userId : '?'}${detail ? ` (${detail})` : ''}`;
}

function causeText(causationId: string | null): string {
  if (!causationId) return '';
  // Timer causes are long (`timer:ReachDeadline:BlockVote:<instant>`); the kind and stage say enough here.
  if (causationId.startsWith('timer:')) return causationId.split(':').slice(0, 3).join(':');
  return `update ${causationId.slice(0, 8)}`;
}

async function history(client: LaurelApiClient, id: string, fromVersion: number, limit: number | undefined) {
  const events: AuditEvent[] = [];
  let next: number | null = fromVersion;
  let streamVersion = 0;
  while (next !== null && (limit === undefined || events.length < limit)) {
    const pageSize: number = Math.min(1000, limit === undefined ? 1000 : limit - events.length);
    const page: HistoryPage = await client.json<HistoryPage>(nominationPath(id, 'history'), {
      query: { fromVersion: next, limit: pageSize },
    });
    events.push(...page.events);
    streamVersion = page.streamVersion;
    next = page.nextFromVersion;
  }
  return { nominationId: id, streamVersion, events };
}

function printVerification(report: NominationVerification): void {
  const out: string[] = [];
  const { chain, reconciliation } = report;
  out.push(`nomination ${report.nominationId}: ${report.ok ? 'VERIFIED' : 'BROKEN'}`);
  out.push(
    `  hash chain: ${chain.ok ? 'ok' : 'broken'} (${chain.events} events)` +
      (chain.firstBroken
        ? ` — first broken event: version ${chain.firstBroken.version}, id ${chain.firstBroken.eventId}, ${chain.firstBroken.reason}`
        : ''),
  );
  if (reconciliation.status === 'unavailable') {
    out.push(`  reconciliation: unavailable — ${reconciliation.problems[0]?.message ?? 'no workflow history'}`);
  } else {
    out.push(
      `  reconciliation with ${reconciliation.workflowId} run ${reconciliation.runId ?? '?'}: ${reconciliation.ok ? 'ok' : 'failed'}`,
    );
    for (const problem of reconciliation.problems) {
      const where =
        problem.version !== undefined
          ? `version ${problem.version}${problem.eventId ? `, id ${problem.eventId}` : ''}: `
          : '';
      out.push(`    - ${problem.code}: ${where}${problem.message}`);
    }
  }
  if (report.firstBroken) {
    const b = report.firstBroken;
    out.push(`broken event: version ${b.version}, id ${b.eventId}, reason ${b.reason}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function isStoreVerification(value: unknown): value is StoreVerification {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

async function verifyAll(client: LaurelApiClient, json: boolean): Promise<void> {
  const response = await client.request('/audit/verify', { accept: 'application/x-ndjson' });
  const progress = startProgress('verifying', 'events', '| {streams} streams | {broken} broken');
  let result: StoreVerification | undefined;
  try {
    for await (const line of ndjsonLines(response)) {
      if (isStoreVerification(line)) {
        const failed = line as StoreVerification & { error?: { code: string; message: string } };
        if (failed.error) throw new CliError(ExitCode.SERVER, `${failed.error.message} (${failed.error.code})`);
        result = line;
        break;
      }
      const p = line as VerifyProgress;
      progress.update(p.done, undefined, { streams: p.streams, broken: p.brokenStreams });
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(ExitCode.SERVER, `the verification stream broke off: ${(error as Error).message}`);
  } finally {
    progress.stop();
  }
  if (!result) throw new CliError(ExitCode.SERVER, 'the verification stream ended without a result');
  if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const lines = [
      `store ${result.ok ? 'VERIFIED' : 'BROKEN'}: ${result.events} events in ${result.streams} nominations, ${result.brokenStreams} broken (up to position ${result.position})`,
      ...result.failures.map(
        (f) =>
          `  nomination ${f.nominationId}: version ${f.firstBroken.version}, id ${f.firstBroken.eventId}, ${f.firstBroken.reason}`,
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (!result.ok)
    throw new CliError(ExitCode.CHECK_FAILED, `${result.brokenStreams} nomination(s) with a broken hash chain`);
}

async function exportEvents(
  client: LaurelApiClient,
  options: { year?: number; block?: string; format: 'ndjson' | 'csv'; out?: string },
): Promise<void> {
  const response = await client.request('/audit/export', {
    query: { year: options.year, block: options.block, format: options.format },
    accept: options.format === 'csv' ? 'text/csv' : 'application/x-ndjson',
  });
  const total = Number(response.headers.get('x-laurel-export-events') ?? Number.NaN);
  const nominations = response.headers.get('x-laurel-export-nominations') ?? '?';
  const progress = startProgress('exporting', 'events');
  // Written beside the target and renamed at the end: a broken-off export never looks complete.
  const partial = options.out ? `${options.out}.partial` : undefined;
  const sink = partial ? createWriteStream(partial, { mode: 0o600 }) : process.stdout;
  // CSV has one header line; neither format puts a raw newline inside a record (data is JSON-escaped).
  const headerLines = options.format === 'csv' ? 1 : 0;
  let lines = 0;
  try {
    for await (const chunk of bodyStream(response)) {
      const buffer = chunk as Buffer;
      for (const byte of buffer) if (byte === 0x0a) lines++;
      if (!sink.write(buffer)) await once(sink, 'drain');
      progress.update(Math.max(0, lines - headerLines), Number.isFinite(total) ? total : undefined);
    }
  } catch (error) {
    progress.stop();
    if (partial) {
      (sink as ReturnType<typeof createWriteStream>).destroy();
      await rm(partial, { force: true });
    }
    throw new CliError(ExitCode.SERVER, `the export broke off: ${(error as Error).message}`);
  }
  progress.stop();
  if (partial && options.out) {
    const file = sink as ReturnType<typeof createWriteStream>;
    await new Promise<void>((resolve, reject) =>
      file.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    await rename(partial, options.out);
    process.stderr.write(
      `exported ${Number.isFinite(total) ? total : '?'} events of ${nominations} nominations to ${options.out}\n`,
    );
  }
}

export function registerAudit(program: Command, client: Client): void {
  const audit = program.command('audit').description("read and prove nominations' records (auditors and admins)");

  audit
    .command('history')
    .description("a nomination's events: who did what, when, with hashes")
    .argument('<id>', 'nomination id')
    .option('--json', 'print the events as JSON for scripts')
    .option('--from-version <n>', 'first version to show', integer('--from-version', 1), 1)
    .option('--limit <n>', 'show at most this many events', integer('--limit', 1))
    .action(async (id: string, options: { json?: boolean; fromVersion: number; limit?: number }) => {
      const result = await history(await client(), id, options.fromVersion, options.limit);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const rows = result.events.map((e) => [
        String(e.version),
        e.at ?? e.recordedAt,
        e.type,
        actorText(e.actor),
        causeText(e.causationId),
        (e.hash ?? '').slice(0, 12),
      ]);
      process.stdout.write(`${renderTable(['VERSION', 'AT', 'TYPE', 'ACTOR', 'CAUSE', 'HASH'], rows)}\n`);
      process.stderr.write(`${result.events.length} of ${result.streamVersion} events of nomination ${id}\n`);
    });

  audit
    .command('state')
    .description('the nomination as it stood at a version or an instant (JSON)')
    .argument('<id>', 'nomination id')
    .addOption(
      new Option('--version <n>', 'after the first n events').argParser(integer('--version', 0)).conflicts('at'),
    )
    .option('--at <instant>', 'at an ISO 8601 instant with its zone, e.g. 2026-03-01T09:00:00+07:00')
    .action(async (id: string, options: { version?: number; at?: string }) => {
      const result = await (
        await client()
      ).json<StateAt>(nominationPath(id, 'state'), {
        query: { version: options.version, at: options.at },
      });
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });

  audit
    .command('verify')
    .description('prove a nomination (hash chain + reconciliation with Temporal), or every chain with --all')
    .argument('[id]', 'nomination id')
    .option('--all', 'verify the hash chain of every nomination')
    .option('--json', 'print the report as JSON')
    .action(async (id: string | undefined, options: { all?: boolean; json?: boolean }) => {
      if (options.all && id) throw new CliError(ExitCode.USAGE, 'give a nomination id or --all, not both');
      if (!options.all && !id) throw new CliError(ExitCode.USAGE, 'give a nomination id, or --all');
      const api = await client();
      if (options.all) return verifyAll(api, options.json === true);
      const report = await api.json<NominationVerification>(nominationPath(id!, 'verify'));
      if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else printVerification(report);
      if (!report.ok) {
        const b = report.firstBroken;
        throw new CliError(
          ExitCode.CHECK_FAILED,
          b
            ? `nomination ${report.nominationId} failed verification at event version ${b.version} (id ${b.eventId}): ${b.reason}`
            : `nomination ${report.nominationId} failed verification`,
        );
      }
      if (report.reconciliation.status === 'unavailable') {
        process.stderr.write('warning: Temporal no longer has this workflow; only the hash chain was checked\n');
      }
    });

  audit
    .command('export')
    .description('every event of the nominations of a year and/or block, as NDJSON or CSV')
    .option('--year <year>', 'campaign year', integer('--year', 1))
    .option('--block <blockId>', 'emulation block id')
    .addOption(new Option('--format <format>', 'output format').choices(['ndjson', 'csv']).default('ndjson'))
    .option('--out <file>', 'write to this file (default: stdout)')
    .action(async (options: { year?: number; block?: string; format: 'ndjson' | 'csv'; out?: string }) => {
      await exportEvents(await client(), options);
    });
}
