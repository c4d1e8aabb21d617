// Runs outside the test module registry, so only relative imports work here.
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..');

export default async function webStackTeardown(): Promise<void> {
  const dataDir = process.env.LAUREL_WEB_DATA_DIR;
  if (!dataDir) return;
  const { env } = JSON.parse(await readFile(join(dataDir, 'web-stack.json'), 'utf8')) as { env: NodeJS.ProcessEnv };
  await run(join(root, 'scripts', 'stack.sh'), ['down'], { env, cwd: root }).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}
