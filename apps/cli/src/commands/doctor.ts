import type { Command } from 'commander';
import type { HealthReport } from '../../../api-client/src/contract';
import { ApiRequestError, ApiUnreachableError, LaurelApiClient } from '../../../api-client/src/http-client';
import { CliError, ExitCode } from '../exit-codes';
import { baseUrl, resolveToken, type GlobalOptions } from '../settings';
import { renderTable } from '../table';

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
      const api = new LaurelApiClient(url, { token });
      let health: HealthReport;
      try {
        // 503 is /health's answer too: some component is down, and the report says which.
        health = await api.json<HealthReport>('/health', { anonymous: true, answerStatuses: [503] });
      } catch (error) {
        if (!(error instanceof ApiUnreachableError)) throw error;
        throw new CliError(
          ExitCode.SERVER,
          `the API at ${url} does not answer (${error.reason}): is Laurel running? (\`make up\`)`,
        );
      }
      checks.push({ name: 'api', ok: true, uses: `${url} (auth: ${health.auth ?? 'unknown'})` });
      for (const [name, component] of Object.entries(health.components)) {
        checks.push(
          component.status === 'up'
            ? { name, ok: true, uses: describe(name, component.detail) }
            : {
                name,
                ok: false,
                uses: describe(name, undefined),
                problem: `${component.error ?? 'down'}; ${REMEDIES[name] ?? 'see the API log'}`,
              },
        );
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
          await api.request('/tasks', { query: { limit: 1 } });
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
