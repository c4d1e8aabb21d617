import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Node's view of scripts/temporal-paths.sh: asking the shell script keeps one
 * resolution order (env override, .tools/venv, PATH) for Make and for the tests.
 */
function resolve(kind: 'cli' | 'test-server'): string {
  const script = join(__dirname, 'temporal-paths.sh');
  try {
    return execFileSync('bash', [script, kind], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(stderr || `scripts/temporal-paths.sh ${kind} failed`, { cause: error });
  }
}

/** The Temporal CLI (`temporal`), used for `server start-dev`. */
export function temporalCliPath(): string {
  return resolve('cli');
}

/** The Java time-skipping test server (`temporal-test-server`). */
export function temporalTestServerPath(): string {
  return resolve('test-server');
}
