import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';

/** Used when `DATABASE_URL` is not set: the local server of the development box and CI. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrlFrom(env: Readonly<Record<string, string | undefined>>): string {
  const url = env['DATABASE_URL']?.trim();
  return url ? url : DEFAULT_DATABASE_URL;
}

export type Probe = { readonly reachable: true } | { readonly reachable: false; readonly reason: string };

/**
 * Checks synchronously that PostgreSQL answers, so a spec file can choose
 * between `describe` and `describe.skip` while jest collects tests (collection
 * cannot await). Runs `pg` in a child process with a short timeout.
 */
export function probePostgresSync(url: string, timeoutMs = 5000): Probe {
  const script = `
    const { Client } = require('pg');
    const client = new Client({ connectionString: process.env.LAUREL_PROBE_URL, connectionTimeoutMillis: ${timeoutMs - 1000} });
    client.connect()
      .then(() => client.query('SELECT 1'))
      .then(() => client.end())
      .then(() => process.exit(0), (error) => { process.stderr.write(String((error && error.message) || error)); process.exit(1); });`;
  const result = spawnSync(process.execPath, ['-e', script], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, NODE_OPTIONS: '', LAUREL_PROBE_URL: url },
    timeout: timeoutMs,
    encoding: 'utf8',
  });
  if (result.status === 0) return { reachable: true };
  const reason =
    result.error?.message ??
    (result.stderr.trim() || `probe exited with ${result.status ?? result.signal ?? 'nothing'}`);
  return { reachable: false, reason: `${redact(url)}: ${reason}` };
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database named after this process and a random suffix, so
 * parallel runs never share tables; `drop()` removes it (closing leftovers).
 */
export async function createTestDatabase(adminUrl: string, prefix = 'laurel_test'): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}

/**
 * A transaction on a connection of its own that has taken a transaction id and
 * stays open until released: another process's writer still settling, which
 * whole-log reads wait for.
 */
export async function holdTransaction(url: string): Promise<{ release(): Promise<void> }> {
  const held = new Client({ connectionString: url });
  await held.connect();
  await held.query('BEGIN');
  await held.query('SELECT pg_current_xact_id()');
  let released: Promise<void> | undefined;
  return { release: () => (released ??= held.query('COMMIT').then(() => held.end())) };
}
