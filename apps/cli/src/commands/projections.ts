import type { Command } from 'commander';
import { isNdjson, ndjsonLines } from '../../../api-client/src/http-client';
import { CliError, ExitCode } from '../exit-codes';
import { startProgress } from '../progress';
import type { Client } from '../api-client';

/**
 * `POST /admin/projections/rebuild` answers NDJSON: progress lines
 * `{ "done": n, "total": m }`, then one final line `{ "ok": true, "events": n }`
 * (or `{ "ok": false, "error": { code, message, details } }` if it fails after
 * the headers went out). A plain JSON answer is taken as the final line.
 */
interface RebuildProgress {
  readonly done: number;
  readonly total?: number;
}

interface RebuildResult {
  readonly ok: boolean;
  readonly events?: number;
  readonly error?: { readonly code: string; readonly message: string };
  readonly [key: string]: unknown;
}

function isResult(value: unknown): value is RebuildResult {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

function finish(result: RebuildResult): void {
  if (!result.ok) {
    const error = result.error;
    throw new CliError(ExitCode.SERVER, error ? `rebuild failed: ${error.message} (${error.code})` : 'rebuild failed');
  }
  process.stdout.write(`projections rebuilt${result.events !== undefined ? ` from ${result.events} events` : ''}\n`);
}

export function registerProjections(program: Command, client: Client): void {
  const projections = program.command('projections').description('read models (admins)');
  projections
    .command('rebuild')
    .description('drop the read models and rebuild them from the event store, with progress')
    .action(async () => {
      const response = await (
        await client()
      ).request('/admin/projections/rebuild', {
        method: 'POST',
        accept: 'application/x-ndjson, application/json;q=0.5',
      });
      if (!isNdjson(response)) {
        const body = (await response.json()) as unknown;
        return finish(isResult(body) ? body : { ok: true });
      }
      const progress = startProgress('rebuilding', 'events');
      let result: RebuildResult | undefined;
      try {
        for await (const line of ndjsonLines(response)) {
          if (isResult(line)) {
            result = line;
            break;
          }
          const p = line as RebuildProgress;
          if (typeof p.done === 'number') progress.update(p.done, p.total);
        }
      } catch (error) {
        throw new CliError(ExitCode.SERVER, `the rebuild stream broke off: ${(error as Error).message}`);
      } finally {
        progress.stop();
      }
      if (!result) throw new CliError(ExitCode.SERVER, 'the rebuild stream ended without a result');
      finish(result);
    });
}
