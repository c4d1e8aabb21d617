// Runs outside the test module registry, so only relative imports work here.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The stack exactly as `make up` starts it (scripts/stack.sh: Temporal dev
 * server with its UI, the all-in-one process from dist/ serving the web app,
 * the demo data), on free ports and a fresh data folder, once per jest run.
 * The browser specs read where it is from the environment set here.
 */
export default async function webStackSetup(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'laurel-web-'));
  const [apiPort, temporalPort, uiPort, metricsPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LAUREL_DATA_DIR: dataDir,
    API_PORT: String(apiPort),
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    WORKER_METRICS_PORT: String(metricsPort),
    LAUREL_DEMO_PASSWORD: 'web-test-password',
    // The suite signs the same demo accounts in a dozen times a minute, from one
    // address, as no person does; the limit itself is tested in refusals.e2e.
    AUTH_LOGIN_LIMIT_PER_MINUTE: '1000',
    NODE_OPTIONS: '',
  };
  const started = Date.now();
  await run(join(root, 'scripts', 'stack.sh'), ['up'], { env, cwd: root, maxBuffer: 10 << 20 });
  process.env.LAUREL_WEB_URL = `http://127.0.0.1:${apiPort}`;
  process.env.LAUREL_WEB_TEMPORAL_UI = `http://127.0.0.1:${uiPort}`;
  process.env.LAUREL_WEB_PASSWORD = env.LAUREL_DEMO_PASSWORD;
  process.env.LAUREL_WEB_DATA_DIR = dataDir;
  await writeFile(join(dataDir, 'web-stack.json'), JSON.stringify({ env, startedInMs: Date.now() - started }));
}
