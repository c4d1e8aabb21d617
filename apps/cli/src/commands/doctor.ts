import type { Command } from 'commander';
import { ApiClient, ApiRequestError } from '../api-client';
import { CliError, ExitCode } from '../exit-codes';
import { baseUrl, resolveToken, type GlobalOptions } from '../settings';
import { renderTable } from '../table';

/** /health as the API reports it (apps/api/src/health). */
interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly auth?: string;
  readonly components: Record<
    string,
    {
      readonly status: 'up' | 'down';
      readonly latencyMs: number;
      readonly detail?: Record<string, unknown>;
      readonly error?: string;
    }
  >;
}

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly uses: string;
  readonly problem?: string;
}

/** What to do about a component that is down. */
const REMEDIES: Record<string, string> = {
  temporal:
    'start it (`make temporal-up`, or `make up`) or point TEMPORAL_ADDRESS/TEMPORAL_NAMESPACE at a running cluster',
  eventStore: 'check DATABASE_URL (PostgreSQL) or KURRENTDB_URL, or the data folder of the embedded store',
  projections: 'the projection runner stopped: see the API log; `laurel projections rebuild` rebuilds the read models',
};

function describe(name: string, detail: Record<string, unknown> | undefined): string {
  if (!detail) return '';
  if (name === 'temporal') return `${String(detail['address'])} namespace ${String(detail['namespace'])}`;
  if (name === 'eventStore') return `${String(detail['adapter'])}, head ${String(detail['head'])}`;
  if (name === 'projections') return `at ${String(detail['position'])}`;
  return JSON.stringify(detail);
}

/**
 * `laurel doctor`: every connection Laurel depends on, as the API sees them
 * (Temporal, the event store, the projections), plus the CLI's own: the API
 * URL and the token. Exit 0 when all is well, 1 when something is wrong,
 * 5 when the API itself cannot be reached.
 */
export function registerDoctor(program: Command, globals: () => GlobalOptions): void {
  program
    .command('doctor')
    .description(
      'check every connection (API, Temporal, event store, projections, token) and say what is used and what is wrong',
    )
    .option('--json', 'machine-readable report')
    .action(async (options: { json?: boolean }) => {
      const url = baseUrl(globals());
      const token = await resolveToken(globals());
      const checks: Check[] = [];
      let health: HealthReport;
      try {
        const response = await fetch(`${url}/health`);
        health = (await response.json()) as HealthReport;
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
        throw new CliError(
          ExitCode.SERVER,
          `the API at ${url} does not answer (${cause}): is Laurel running? (\`make up\`)`,
        );
      }
      checks.push({ name: 'api', ok: true, uses: `${url} (auth: ${health.auth ?? 'unknown'})` });
      for (const [name, component] of Object.entries(health.components)) {
        checks.push({
          name,
          ok: component.status === 'up',
          uses: describe(name, component.detail),
          ...(component.status === 'up'
            ? {}
            : { problem: `${component.error ?? 'down'}; ${REMEDIES[name] ?? 'see the API log'}` }),
        });
      }
      if (!token) {
        checks.push({
          name: 'token',
          ok: false,
          uses: 'none',
          problem: 'not logged in: run `laurel login`, or set LAUREL_TOKEN',
        });
      } else {
        try {
          await new ApiClient(url, token).request('/tasks', { query: { limit: 1 } });
          checks.push({ name: 'token', ok: true, uses: 'accepted by the API' });
        } catch (error) {
          if (!(error instanceof ApiRequestError)) throw error;
          checks.push({
            name: 'token',
            ok: false,
            uses: 'refused',
            problem: `${error.message}; run \`laurel login\` again`,
          });
        }
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ok: checks.every((c) => c.ok), checks }, null, 2)}\n`);
      } else {
        const rows = checks.map((c) => [c.name, c.ok ? 'ok' : 'FAIL', c.uses, c.problem ?? '']);
        process.stdout.write(`${renderTable(['check', 'status', 'uses', 'what is wrong'], rows)}\n`);
      }
      if (!checks.every((c) => c.ok)) throw new CliError(ExitCode.CHECK_FAILED, 'some checks failed (see above)');
    });
}
