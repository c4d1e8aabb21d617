import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../../infra/config/config';
import { dataConverterWith, payloadCodecFor } from '../../infra/temporal/payload-codec';
import { NT, draftBody, type ActionBody } from '../support/api-harness';

/**
 * The stack as `make up` starts it (scripts/stack.sh: the Temporal dev server
 * with its UI, the all-in-one process from dist/, the demo data) on free ports
 * and a fresh data folder; one nomination from draft to decision over HTTP;
 * found by its search attributes; its history encrypted with the key generated
 * into the data folder; verified; then `down`, leaving no process.
 * `make test` builds dist/ first (the `build` prerequisite).
 */
const run = promisify(execFile);
const root = join(__dirname, '..', '..');
jest.setTimeout(300_000);

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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let env: NodeJS.ProcessEnv;
let api: string;
let dataDir: string;
let pids: number[] = [];

async function stack(command: 'up' | 'down'): Promise<string> {
  const { stdout } = await run(join(root, 'scripts', 'stack.sh'), [command], { env, cwd: root, maxBuffer: 10 << 20 });
  return stdout;
}

async function login(username: string): Promise<string> {
  const response = await fetch(`${api}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: env.LAUREL_DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function call(username: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
  return fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${await login(username)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function act(username: string, path: string, body: unknown = {}): Promise<ActionBody> {
  const response = await call(username, 'POST', path, body);
  const payload: unknown = await response.json();
  if (response.status >= 300) throw new Error(`${path} as ${username}: ${response.status} ${JSON.stringify(payload)}`);
  return payload as ActionBody;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'laurel-smoke-'));
  const [apiPort, temporalPort, uiPort, metricsPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  env = {
    ...process.env,
    LAUREL_DATA_DIR: dataDir,
    API_PORT: String(apiPort),
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    WORKER_METRICS_PORT: String(metricsPort),
    LAUREL_DEMO_PASSWORD: 'smoke-test-password',
    // jest's own flags must not leak into the processes the stack starts.
    NODE_OPTIONS: '',
  };
  api = `http://127.0.0.1:${apiPort}`;
  const printed = await stack('up');
  expect(printed).toContain('Laurel is up.');
  expect(printed).toContain(`Web app        ${api}/app/`);
  pids = await Promise.all(
    ['temporal.pid', 'laurel.pid'].map(async (file) => Number(await readFile(join(dataDir, file), 'utf8'))),
  );
});

afterAll(async () => {
  if (env) await stack('down').catch(() => undefined);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('the stack serves the built web app at /app, with its security headers; / leads there', async () => {
  const root = await fetch(`${api}/`, { redirect: 'manual' });
  expect(root.status).toBe(302);
  expect(root.headers.get('location')).toBe('/app/');
  const page = await fetch(`${api}/app/nominations/any-client-route`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toContain('text/html');
  expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  const html = await page.text();
  expect(html).toContain('<div id="root"></div>');
  const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script).toBeDefined();
  const docs = await fetch(`${api}/docs`);
  expect(docs.headers.get('x-content-type-options')).toBe('nosniff');
  expect(docs.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  const asset = await fetch(`${api}${script}`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get('cache-control')).toContain('immutable');
});

test('one nomination from draft to decision on the stack make up starts, found in Temporal, verified', async () => {
  const health = await fetch(`${api}/health`);
  expect(health.status).toBe(200);

  const drafted = await act(NT.officer, '/nominations', draftBody());
  const id = drafted.nominationId;
  await act(NT.head, `/nominations/${id}/submit`);
  for (const voter of NT.voters) await act(voter, `/nominations/${id}/votes`, { choice: 'approve' });
  for (const member of NT.council) {
    await act(member, `/nominations/${id}/council-opinions`, { recommendation: 'approve' });
  }
  const decided = await act(NT.chairman, `/nominations/${id}/decision`, {
    outcome: 'approved',
    decisionNumber: '163/QĐ-UBND',
  });
  expect(decided).toMatchObject({ stage: 'Closed', outcome: 'Awarded' });

  const connection = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
  try {
    // The memo (who and what) is encrypted like every payload: list with the stack's own key.
    const codec = await payloadCodecFor(loadConfig({ LAUREL_DATA_DIR: dataDir }));
    const client = new Client({ connection, dataConverter: dataConverterWith(codec) });
    // Who and what as a column and filter of the UI's list: the nominee's name begins the title.
    const query = `NominationStage="Awarded" AND EmulationBlock="${NT.block}" AND WorkflowId="nomination-${id}" AND NominationTitle STARTS_WITH "Nguyễn Thị Hương · Bằng khen"`;
    let found: string[] = [];
    for (let attempt = 0; attempt < 50 && found.length === 0; attempt++) {
      found = [];
      for await (const execution of client.workflow.list({ query })) found.push(execution.workflowId);
      if (found.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(found).toEqual([`nomination-${id}`]);

    // Encrypted by default: a council opinion's arguments are sealed under the generated key.
    expect((await stat(join(dataDir, 'payload-key'))).mode & 0o777).toBe(0o600);
    const history = await client.workflow.getHandle(`nomination-${id}`).fetchHistory();
    const opinion = history.events!.find(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'recordCouncilOpinion',
    )!.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!.payloads![0]!;
    expect(Buffer.from(opinion.metadata!['encoding']!).toString()).toBe('binary/encrypted');

    // The stack's Temporal UI opens payloads through the API's codec endpoint; opinions stay sealed.
    const ui = `http://127.0.0.1:${env.TEMPORAL_UI_PORT}`;
    const settings = (await (await fetch(`${ui}/api/v1/settings`)).json()) as { Codec: { Endpoint: string } };
    expect(settings.Codec.Endpoint).toBe(`${api}/codec`);
    const wire = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('base64');
    const metadata = Object.fromEntries(Object.entries(opinion.metadata!).map(([k, v]) => [k, wire(v)]));
    const decoded = await fetch(`${settings.Codec.Endpoint}/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ui },
      body: JSON.stringify({ payloads: [{ metadata, data: wire(opinion.data) }] }),
    });
    expect(decoded.status).toBe(200);
    expect(decoded.headers.get('access-control-allow-origin')).toBe(ui);
    const [payload] = ((await decoded.json()) as { payloads: { data: string }[] }).payloads;
    expect(JSON.parse(Buffer.from(payload!.data, 'base64').toString())).toMatchObject({
      actor: { userId: NT.council[0] },
      recommendation: 'sealed',
    });
  } finally {
    await connection.close();
  }

  const verify = await call(NT.auditor, 'GET', `/nominations/${id}/verify`);
  expect(verify.status).toBe(200);
  expect(await verify.json()).toMatchObject({ ok: true, chain: { ok: true }, reconciliation: { ok: true } });
});

test("the README's walk-through and revocation run as written: a verified award, then a verified revocation", async () => {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const walkthrough = /<!-- walkthrough[^>]*-->\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  const revocation = /<!-- revocation[^>]*-->\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(walkthrough).toBeDefined();
  expect(revocation).toBeDefined();
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', `${walkthrough!}\n${revocation!}`], {
    cwd: root,
    env: { ...env, API: api },
    maxBuffer: 10 << 20,
  });
  const lines = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { outcome?: string; eventTypes?: string[]; ok?: boolean });
  expect(lines.find((l) => l.outcome !== undefined)?.outcome).toBe('Awarded');
  expect(lines.filter((l) => l.ok !== undefined).map((l) => l.ok)).toEqual([true, true]);
  expect(lines.at(-2)?.eventTypes).toEqual(['AwardRevoked']);
});

test("the README's admin filters run as written against the stack's dev server", async () => {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const block = /<!-- admin-filters[^>]*-->\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBeDefined();
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', block!], {
    cwd: root,
    env: { ...env, TEMPORAL_ADDRESS: `127.0.0.1:${env.TEMPORAL_PORT}` },
  });
  // `NominationStage="BlockVote"` lists the demo's waiting nominations (Ninh Thuận's flag, Hà Tĩnh's
  // merit); the block-and-year filter finds the Party agencies block's again.
  expect(stdout.match(/nomination-\S+\s+nominationWorkflow/g)?.length).toBeGreaterThanOrEqual(2);
});

test('laurel doctor reports every connection of the running stack', async () => {
  const { stdout } = await run('npx', ['--no-install', 'tsx', 'apps/cli/src/main.ts', 'doctor', '--json'], {
    cwd: root,
    env: { ...env, LAUREL_URL: api, LAUREL_TOKEN: await login(NT.auditor) },
  });
  const report = JSON.parse(stdout) as { ok: boolean; checks: { name: string; ok: boolean; uses: string }[] };
  expect(report.ok).toBe(true);
  expect(report.checks.map((c) => c.name)).toEqual(['api', 'temporal', 'eventStore', 'projections', 'token']);
  expect(report.checks.find((c) => c.name === 'eventStore')?.uses).toMatch(/^pglite, head \d+\.\d+$/);
  expect(report.checks.find((c) => c.name === 'temporal')?.uses).toBe(
    `127.0.0.1:${env.TEMPORAL_PORT} namespace default`,
  );
});

test('make down stops every process make up started', async () => {
  expect(pids.every(alive)).toBe(true);
  const printed = await stack('down');
  expect(printed).toContain('Laurel stopped');
  expect(printed).toContain('Temporal dev server stopped');
  expect(pids.filter(alive)).toEqual([]);
  const health = await fetch(`${api}/health`).then(
    () => 'answered',
    () => 'refused',
  );
  expect(health).toBe('refused');
});
