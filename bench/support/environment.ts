import { createServer } from 'node:net';
import { DefaultLogger, IllegalStateError, Runtime } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client as PgClient } from 'pg';
import { loadConfig } from '@laurel/infra/config/config';
import { PgSqlClient } from '@laurel/infra/event-store/sql/pg-client';
import { PgliteSqlClient } from '@laurel/infra/event-store/sql/pglite-client';
import { openStores, type Stores } from '@laurel/infra/runtime/stores';
import { nominationSearchAttributeKeys } from '@laurel/workflows/nomination/search-attributes';
import { temporalCliPath } from '../../scripts/temporal-paths';
import { StatementCounter } from './statement-counter';

export { StatementCounter } from './statement-counter';

/** The local server of the development box and CI, as in the test suite. */
export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The SDK logs each bundle's webpack report and every worker start at INFO,
 * which would bury the figures. Must run before anything creates a Runtime.
 */
export function quietTemporalLogs(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch (error) {
    if (!(error instanceof IllegalStateError)) throw error;
  }
}

export interface BenchTemporal {
  readonly env: TestWorkflowEnvironment;
  /** `dev-server` when this run started one, else the address reused. */
  readonly server: string;
  /** The server's Prometheus endpoint, when this run started the server (RPC counts come from it). */
  readonly metricsUrl?: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Requests the server's frontend answered in the namespace, by operation: every
 * client call and every worker poll and completion goes through the frontend,
 * so the difference between two readings is the Temporal RPCs made between them.
 */
export async function frontendRequests(metricsUrl: string, namespace: string): Promise<Map<string, number>> {
  const text = await (await fetch(metricsUrl)).text();
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('service_requests{')) continue;
    const labels = line.slice(line.indexOf('{') + 1, line.lastIndexOf('}'));
    if (!labels.includes('service_name="frontend"') || !labels.includes(`namespace="${namespace}"`)) continue;
    const operation = /operation="([^"]+)"/.exec(labels)?.[1] ?? 'unknown';
    counts.set(operation, (counts.get(operation) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return counts;
}

/** The requests between two readings, by operation, and their total. */
export function requestsBetween(before: Map<string, number>, after: Map<string, number>) {
  const byOperation: Record<string, number> = {};
  let total = 0;
  for (const [operation, count] of after) {
    const delta = count - (before.get(operation) ?? 0);
    if (delta <= 0) continue;
    byOperation[operation] = delta;
    total += delta;
  }
  return { total, byOperation };
}

/**
 * A dev server of our own (in memory, headless, the nomination search
 * attributes registered), or the one at TEMPORAL_ADDRESS, which must already
 * know those search attributes.
 */
export async function startTemporal(envVars: NodeJS.ProcessEnv): Promise<BenchTemporal> {
  const address = envVars['TEMPORAL_ADDRESS']?.trim();
  if (address) {
    const namespace = envVars['TEMPORAL_NAMESPACE']?.trim() || 'default';
    return { env: await TestWorkflowEnvironment.createFromExistingServer({ address, namespace }), server: address };
  }
  const metricsPort = await freePort();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      ip: '127.0.0.1',
      searchAttributes: [...nominationSearchAttributeKeys],
      log: { format: 'text', level: 'error' },
      extraArgs: ['--metrics-port', String(metricsPort)],
    },
  });
  return { env, server: 'dev-server', metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
}

export interface BenchStores {
  readonly stores: Stores;
  /** Counts the statements of the work it wraps (the bench wraps each append). */
  readonly statements: StatementCounter;
  readonly kind: Stores['eventStoreKind'];
  /** Why PostgreSQL was not used, when it was not. */
  readonly note?: string;
  /** Drops what the run created and closes the connections. */
  close(): Promise<void>;
}

async function postgresReachable(url: string): Promise<string | undefined> {
  const client = new PgClient({ connectionString: url, connectionTimeoutMillis: 3000 });
  // A refused connection can also surface as an 'error' event; it must not crash the run.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The event store on PostgreSQL in a schema of its own (`bench_<pid>`), so a
 * run never touches other data and leaves nothing behind; PGlite in memory
 * when PostgreSQL does not answer.
 */
export async function openBenchStores(envVars: NodeJS.ProcessEnv): Promise<BenchStores> {
  const url = envVars['DATABASE_URL']?.trim() || DEFAULT_BENCH_DATABASE_URL;
  const schema = `bench_${process.pid}`;
  const problem = await postgresReachable(url);
  if (problem === undefined) {
    const statements = new StatementCounter(new PgSqlClient({ connectionString: url }));
    const stores = await openStores(loadConfig({ DATABASE_URL: url, DATABASE_SCHEMA: schema }), statements);
    return {
      stores,
      statements,
      kind: stores.eventStoreKind,
      async close() {
        try {
          await stores.sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await stores.close();
          await statements.close();
        }
      },
    };
  }
  const sql = await PgliteSqlClient.open('memory://');
  const statements = new StatementCounter(sql);
  const stores = await openStores(loadConfig({ DATABASE_SCHEMA: schema }), statements);
  return {
    stores,
    statements,
    kind: stores.eventStoreKind,
    note: `PostgreSQL unreachable (${problem}); the event store is PGlite in memory`,
    async close() {
      await stores.close();
      await sql.close();
    },
  };
}
