// `laurel projections rebuild` and the NDJSON shape agreed with the API's
// rebuild route: progress lines {"done","total"}, then one final line
// {"ok":true,"events"} (or {"ok":false,"error":{...}} if it fails after the
// headers went out). The shape is pinned against a stand-in server here, and
// run against the real route when the API serves it.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, ApiHarness } from '../support/api-harness';

const LAUREL = join(__dirname, '..', '..', 'apps', 'cli', 'bin', 'laurel.cjs');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let home: string;

function laurel(url: string, token: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUREL, '--url', url, '--token', token, ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: join(home, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

type Answer = { status: number; contentType: string; lines: readonly unknown[] } | { cut: readonly unknown[] };

/** A stand-in for the API's rebuild route that answers as told and records what it was asked. */
async function standIn(
  answer: Answer,
): Promise<{ url: string; seen: { method?: string; accept?: string; auth?: string }; close(): Promise<void> }> {
  const seen: { method?: string; accept?: string; auth?: string } = {};
  const server: Server = createServer((req, res) => {
    seen.method = req.method;
    seen.accept = req.headers.accept;
    seen.auth = req.headers.authorization;
    if (req.url !== '/admin/projections/rebuild') {
      res.writeHead(404).end();
      return;
    }
    if ('cut' in answer) {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      for (const line of answer.cut) res.write(`${JSON.stringify(line)}\n`);
      // Broken off mid-stream: the client must not take it for a finished rebuild.
      setTimeout(() => res.destroy(), 20);
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.contentType });
    res.end(answer.lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'laurel-cli-rebuild-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('laurel projections rebuild against the agreed shape', () => {
  it('follows progress lines to the final ok line', async () => {
    const server = await standIn({
      status: 200,
      contentType: 'application/x-ndjson',
      lines: [
        { done: 0, total: 3 },
        { done: 2, total: 3 },
        { done: 3, total: 3 },
        { ok: true, events: 3 },
      ],
    });
    const run = await laurel(server.url, 'tok', ['projections', 'rebuild']);
    await server.close();
    expect(run).toMatchObject({ code: 0, stdout: 'projections rebuilt from 3 events\n' });
    expect(server.seen).toMatchObject({
      method: 'POST',
      auth: 'Bearer tok',
      accept: expect.stringContaining('application/x-ndjson'),
    });
  });

  it('exits 5 on a final failure line, with its message', async () => {
    const server = await standIn({
      status: 200,
      contentType: 'application/x-ndjson',
      lines: [
        { done: 1, total: 5 },
        { ok: false, error: { code: 'STORE_UNAVAILABLE', message: 'the store went away', details: {} } },
      ],
    });
    const run = await laurel(server.url, 'tok', ['projections', 'rebuild']);
    await server.close();
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('rebuild failed: the store went away (STORE_UNAVAILABLE)');
  });

  it('exits 5 when the stream breaks off before the final line', async () => {
    const server = await standIn({ cut: [{ done: 1, total: 5 }] });
    const run = await laurel(server.url, 'tok', ['projections', 'rebuild']);
    await server.close();
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/laurel: the rebuild stream (broke off|ended without a result)/);
  });

  it('takes a plain JSON answer as the final line, and exits 3 on a refusal', async () => {
    const json = await standIn({ status: 200, contentType: 'application/json', lines: [{ ok: true, events: 7 }] });
    expect(await laurel(json.url, 'tok', ['projections', 'rebuild'])).toMatchObject({
      code: 0,
      stdout: 'projections rebuilt from 7 events\n',
    });
    await json.close();
    const refused = await standIn({
      status: 403,
      contentType: 'application/json',
      lines: [{ error: { code: 'ROLE_NOT_ALLOWED', message: 'the role auditor may not use this route', details: {} } }],
    });
    const run = await laurel(refused.url, 'tok', ['projections', 'rebuild']);
    await refused.close();
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('laurel: the role auditor may not use this route\n');
  });
});

describe('laurel projections rebuild against the real API', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start();
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('rebuilds the read models', async () => {
    await api.draft();
    const run = await laurel(api.baseUrl, await api.token(ADMIN), ['projections', 'rebuild']);
    expect(run.stderr).toBe('');
    expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^projections rebuilt/) });
  });
});
