// `laurel statistics` and `laurel reports annual`: the real `laurel` process
// against the real API over HTTP, on nominations driven to their outcomes here
// (two awarded, one of them to a front-line worker, one withdrawn). The figures
// in JSON and as a table, the CSV (with its BOM) and XLSX exports, the annual
// report, and the exit code of each kind of failure.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, ApiHarness, NT } from '../support/api-harness';
import { eventually } from '../support/nomination-harness';

const LAUREL = join(__dirname, '..', '..', 'apps', 'cli', 'bin', 'laurel.cjs');
const year = new Date().getUTCFullYear() - 1;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly bytes: Buffer;
}

let api: ApiHarness;
let home: string;

function laurel(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUREL, ...args], {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        LAUREL_URL: api.baseUrl,
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const bytes = Buffer.concat(out);
      resolve({ code, stdout: bytes.toString('utf8'), stderr, bytes });
    });
    child.stdin.end('');
  });
}

async function as(user: string): Promise<Record<string, string>> {
  return { LAUREL_TOKEN: await api.token(user) };
}

const individual = (name: string, frontLine: boolean) => ({
  nominee: { kind: 'individual', name, personId: `person-${name}`, position: 'Chuyên viên', frontLine },
});

beforeAll(async () => {
  api = await ApiHarness.start();
  home = await mkdtemp(join(tmpdir(), 'laurel-cli-stats-'));
  for (const [name, frontLine] of [
    ['Nguyễn Văn An', true],
    ['Lê Văn Cường', false],
  ] as const) {
    const waiting = await api.awaitingDecision(individual(name, frontLine));
    await api.act(NT.chairman, `/nominations/${waiting.nominationId}/decision`, {
      outcome: 'approved',
      decisionNumber: '170/QĐ-UBND',
    });
  }
  const withdrawn = await api.submitted(individual('Đỗ Thị Giang', true));
  await api.act(NT.head, `/nominations/${withdrawn.nominationId}/withdraw`, { reason: 'Đơn vị rút hồ sơ.' });
  await eventually(async () => {
    const response = await api.get(NT.board, `/statistics?year=${year}`);
    const totals = (response.body as { totals?: { nominations: number; awarded: number; withdrawn: number } }).totals;
    return totals?.nominations === 3 && totals.awarded === 2 && totals.withdrawn === 1 ? true : undefined;
  }, 'the statistics projection to see the three nominations');
}, 300_000);

afterAll(async () => {
  await api?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('laurel statistics', () => {
  it('prints the figures as JSON, the same as GET /statistics', async () => {
    const run = await laurel(['statistics', '--year', String(year), '--format', 'json'], await as(NT.board));
    expect(run.code).toBe(0);
    const view = JSON.parse(run.stdout) as { totals: Record<string, unknown> };
    expect(view.totals).toMatchObject({
      nominations: 3,
      awarded: 2,
      withdrawn: 1,
      individualAwardees: 2,
      frontLineAwardees: 1,
      frontLineShare: 0.5,
    });
    expect(view).toEqual((await api.get(NT.board, `/statistics?year=${year}`)).body);
  });

  it('prints a table grouped by award, with the total line and the shares', async () => {
    const run = await laurel(
      ['statistics', '--year', String(year), '--group-by', 'awardType', '--outcome', 'Awarded'],
      await as(NT.board),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Bằng khen của Chủ tịch UBND tỉnh');
    expect(run.stdout).toContain('Tổng cộng');
    expect(run.stdout).toContain('50.0 %');
    expect(run.stdout).toContain('trung vị ngày làm việc');
  });

  it('exports CSV to stdout with a BOM, and XLSX only to a file', async () => {
    const csv = await laurel(['statistics', '--year', String(year), '--format', 'csv'], await as(NT.board));
    expect(csv.code).toBe(0);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const noFile = await laurel(['statistics', '--format', 'xlsx'], await as(NT.board));
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/--out/);

    const out = join(home, 'thong-ke.xlsx');
    const xlsx = await laurel(['statistics', '--format', 'xlsx', '--out', out], await as(NT.auditor));
    expect(xlsx.code).toBe(0);
    expect(xlsx.stderr).toMatch(/wrote \d+ bytes to /);
    expect((await readFile(out)).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('exits 2 on a bad filter, 3 without a token, for a unit officer or for another province', async () => {
    const bad = await laurel(['statistics', '--group-by', 'unit,block,year'], await as(NT.board));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^laurel: /);
    expect((await laurel(['statistics'])).code).toBe(3);
    expect((await laurel(['statistics'], await as(NT.officer))).code).toBe(3);
    expect((await laurel(['statistics', '--province', 'lao-cai'], await as(NT.board))).code).toBe(3);
  });
});

describe('laurel reports annual', () => {
  it('writes the year’s XLSX', async () => {
    const out = join(home, `bao-cao-${year}.xlsx`);
    const run = await laurel(['reports', 'annual', String(year), '--out', out], await as(NT.chairman));
    expect(run.code).toBe(0);
    const body = await readFile(out);
    expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(body.length).toBeGreaterThan(1000);
  });

  it('exits 2 on a bad year or without --out, 4 for an unknown province, 3 without a token', async () => {
    const out = join(home, 'x.xlsx');
    expect((await laurel(['reports', 'annual', 'abc', '--out', out], await as(NT.board))).code).toBe(2);
    expect((await laurel(['reports', 'annual', String(year)], await as(NT.board))).code).toBe(2);
    const unknown = await laurel(
      ['reports', 'annual', String(year), '--province', 'no-such-province', '--out', out],
      await as(ADMIN),
    );
    expect(unknown.code).toBe(4);
    expect((await laurel(['reports', 'annual', String(year), '--out', out])).code).toBe(3);
  });
});

describe('laurel public decisions', () => {
  it('prints what the province publishes, without a token: the decision and its awardees, nothing else', async () => {
    const run = await laurel(['public', 'decisions', '--province', 'ninh-thuan', '--year', String(year)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Quyết định số 170/QĐ-UBND');
    expect(run.stdout).toContain('Nguyễn Văn An');
    expect(run.stdout).toContain('Lê Văn Cường');
    // Withdrawn: never published.
    expect(run.stdout).not.toContain('Đỗ Thị Giang');
    const json = await laurel(['public', 'decisions', '--province', 'ninh-thuan', '--year', String(year), '--json']);
    expect(json.code).toBe(0);
    const feed = JSON.parse(json.stdout) as { decisions: { awardees: Record<string, unknown>[] }[] };
    const keys = new Set(feed.decisions.flatMap((d) => d.awardees.flatMap((a) => Object.keys(a))));
    expect([...keys].every((key) => ['name', 'position', 'unit', 'award'].includes(key))).toBe(true);
  });

  it('exits 2 without a province', async () => {
    expect((await laurel(['public', 'decisions'])).code).toBe(2);
  });
});
