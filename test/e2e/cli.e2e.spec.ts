import { randomUUID } from 'node:crypto';
// The real `laurel` process (node with tsx's register hook, as the installed
// bin runs it) against the real API over HTTP: login and its token file,
// history for people and for scripts, verify (one nomination and all) with
// exit code 1 naming a tampered event, export to a file, and the exit code of
// each kind of failure.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiHarness, NT } from '../support/api-harness';

const LAUREL = join(__dirname, '..', '..', 'apps', 'cli', 'bin', 'laurel.cjs');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let api: ApiHarness;
let home: string;
let id: string;

/** Runs `laurel` with a private config folder and the API's URL; no token unless one is given. */
function laurel(args: readonly string[], options: { env?: Record<string, string>; stdin?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUREL, ...args], {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        LAUREL_URL: api.baseUrl,
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

async function tokenOf(user: string): Promise<Record<string, string>> {
  return { LAUREL_TOKEN: await api.token(user) };
}

beforeAll(async () => {
  api = await ApiHarness.start();
  home = await mkdtemp(join(tmpdir(), 'laurel-cli-'));
  id = (await api.awaitingDecision()).nominationId;
  await api.act(NT.chairman, `/nominations/${id}/decision`, { outcome: 'approved', decisionNumber: '164/QĐ-UBND' });
}, 180_000);

afterAll(async () => {
  await api?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('laurel login and token', () => {
  it('saves the token readable by its owner only, and prints it back with its expiry', async () => {
    const login = await laurel(['login', '--username', NT.auditor, '--password', api.password]);
    expect(login).toMatchObject({ code: 0, stdout: '' });
    expect(login.stderr).toMatch(/logged in as nt-auditor; token saved to .*laurel\/token; expires /);
    const file = join(home, 'config', 'laurel', 'token');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const token = await laurel(['token']);
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toBe((await readFile(file, 'utf8')).trim());
    expect(token.stderr).toMatch(/^nt-auditor \(auditor\): expires \d{4}-\d\d-\d\dT.* \(in \d+ min\)/);
    const json = JSON.parse((await laurel(['token', '--json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ subject: NT.auditor, role: 'auditor', expired: false });
  });

  it('reads the password from stdin when it is not a terminal, and prints the token with --print', async () => {
    const run = await laurel(['login', '-u', NT.auditor, '--print'], { stdin: `${api.password}\n` });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('exits 3 with the API message on a wrong password', async () => {
    const run = await laurel(['login', '-u', NT.auditor, '-p', 'not-the-password']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^laurel: .+/);
  });
});

describe('laurel audit history', () => {
  it('prints a table for people', async () => {
    const run = await laurel(['audit', 'history', id], { env: await tokenOf(NT.auditor) });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^VERSION\s+AT\s+TYPE\s+ACTOR\s+CAUSE\s+HASH$/);
    expect(lines[2]).toMatch(
      new RegExp(`^1\\s+\\S+\\s+NominationDrafted\\s+${NT.officer} \\(unit_officer, ${NT.proposingUnit}\\)\\s+update `),
    );
    const stream = await api.stream(id);
    expect(lines).toHaveLength(2 + stream.length);
    expect(run.stderr).toContain(`${stream.length} of ${stream.length} events`);
  });

  it('prints JSON for scripts', async () => {
    const run = await laurel(['audit', 'history', id, '--json'], { env: await tokenOf(NT.auditor) });
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as { events: { version: number; hash: string }[] };
    const stream = await api.stream(id);
    expect(body.events.map((e) => [e.version, e.hash])).toEqual(stream.map((e) => [e.version, e.metadata['hash']]));
  });

  it('exits 4 for an unknown nomination, 3 without a token or with a role that may not, 5 when unreachable', async () => {
    const auditor = await tokenOf(NT.auditor);
    const nobody = randomUUID();
    const unknown = await laurel(['audit', 'history', nobody], { env: auditor });
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain(`no nomination ${nobody}`);
    // Not an id at all: refused as bad input before any lookup.
    expect((await laurel(['audit', 'history', 'no-such-nomination'], { env: auditor })).code).toBe(2);
    // A config folder without the token the login test saved.
    const tokenless = await laurel(['audit', 'history', id], { env: { XDG_CONFIG_HOME: join(home, 'empty') } });
    expect(tokenless.code).toBe(3);
    expect(tokenless.stderr).toContain('not logged in');
    const council = await laurel(['audit', 'history', id], { env: await tokenOf(NT.council[0]) });
    expect(council.code).toBe(3);
    expect(council.stderr).toContain('council_member');
    const away = await laurel(['--url', 'http://127.0.0.1:9', 'audit', 'history', id], { env: auditor });
    expect(away.code).toBe(5);
    expect(away.stderr).toContain('cannot reach http://127.0.0.1:9');
  });
});

describe('laurel audit verify and export', () => {
  it('exits 0 for a sound nomination', async () => {
    const run = await laurel(['audit', 'verify', id], { env: await tokenOf(NT.auditor) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`nomination ${id}: VERIFIED`);
    expect(run.stdout).toMatch(/reconciliation with nomination-\S+ run \S+: ok/);
  });

  it('exits 2 on usage errors', async () => {
    const env = await tokenOf(NT.auditor);
    expect((await laurel(['audit', 'verify'], { env })).code).toBe(2);
    expect((await laurel(['audit', 'verify', id, '--all'], { env })).code).toBe(2);
    expect((await laurel(['audit', 'export', '--format', 'xml'], { env })).code).toBe(2);
    expect((await laurel(['audit', 'history'], { env })).code).toBe(2);
  });

  it('exports CSV to a file and NDJSON to stdout', async () => {
    const env = await tokenOf(NT.auditor);
    const year = String(new Date().getUTCFullYear() - 1);
    const out = join(home, 'export.csv');
    const csv = await laurel(
      ['audit', 'export', '--year', year, '--block', NT.block, '--format', 'csv', '--out', out],
      { env },
    );
    expect(csv.code).toBe(0);
    const rows = (await readFile(out, 'utf8')).trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      '\uFEFFnominationId,version,type,recordedAt,actorUserId,actorRole,actorUnitId,prevHash,hash,data',
    );
    expect(rows.filter((r) => r.startsWith(`${id},`))).toHaveLength((await api.stream(id)).length);
    expect(csv.stderr).toMatch(/exported \d+ events of \d+ nominations to /);

    const ndjson = await laurel(['audit', 'export', '--year', year], { env });
    expect(ndjson.code).toBe(0);
    const lines = ndjson.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { nominationId: string });
    expect(lines.filter((l) => l.nominationId === id)).toHaveLength((await api.stream(id)).length);
  });

  it('exits 1 naming the event whose data was changed in the database, alone and with --all', async () => {
    const env = await tokenOf(NT.auditor);
    const tampered = (await api.draft()).nominationId;
    await api.act(NT.head, `/nominations/${tampered}/submit`);
    const target = (await api.stream(tampered))[1]!;
    await api.stores.sql.query(
      `UPDATE "${api.config.DATABASE_SCHEMA}".events SET data = jsonb_set(data, '{councilMemberCount}', '99') WHERE event_id = $1`,
      [target.id],
    );

    const one = await laurel(['audit', 'verify', tampered], { env });
    expect(one.code).toBe(1);
    expect(one.stdout).toContain(`nomination ${tampered}: BROKEN`);
    expect(one.stdout).toContain(`first broken event: version 2, id ${target.id}, hash_mismatch`);
    expect(one.stderr).toContain(`failed verification at event version 2 (id ${target.id}): hash_mismatch`);

    const all = await laurel(['audit', 'verify', '--all'], { env });
    expect(all.code).toBe(1);
    expect(all.stdout).toContain(`nomination ${tampered}: version 2, id ${target.id}, hash_mismatch`);
    expect(all.stdout).toMatch(/store BROKEN: \d+ events in \d+ nominations, 1 broken/);

    const json = await laurel(['audit', 'verify', tampered, '--json'], { env });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBroken: { version: 2, eventId: target.id } });
  });

  it('exits 3 when a unit head asks for a proof', async () => {
    const run = await laurel(['audit', 'verify', id], { env: await tokenOf(NT.head) });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^laurel: .*unit_head/);
  });
});
