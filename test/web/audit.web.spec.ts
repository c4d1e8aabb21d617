// The auditors' workspace in the browser, as nt-auditor, in Vietnamese: the
// timeline of a demo nomination that went through votes and a decision, the
// state as of a version and a moment, what changed between two versions, the
// proof, the exports, the store-wide check, and a tampered event found. The
// shared stack is never written to: the tampering happens on a second stack of
// this file's own, whose store (PGlite) is edited while its Laurel is stopped.
// A few lines over 400: its cases share one browser and the demo nomination they open.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import type { AuditEventView } from '../../apps/api/src/audit/audit-events';
import type { HistoryPage } from '../../apps/api/src/audit/history/get-history.query';
import {
  accessibilityViolations,
  DEMO_PASSWORD,
  openBrowser,
  screenshot,
  signIn,
  WEB_URL,
  type Session,
} from './support/browser';

jest.setTimeout(300_000);
const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const AUDITOR = 'nt-auditor';

/** dd/MM/yyyy HH:mm in Vietnam's zone, computed here independently of the app's own code. */
function vietnamTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

async function tokenOf(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD() }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username}: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function getJson<T>(base: string, token: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function act(
  base: string,
  username: string,
  path: string,
  body: unknown = {},
): Promise<{ nominationId: string }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await tokenOf(base, username)}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} as ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { nominationId: string };
}

function row(page: Page, version: number) {
  return page.locator(`[data-testid="timeline"] tr[data-version="${version}"]`);
}

let session: Session;
let token: string;
/** The demo's Ninh Thuận Newspaper certificate of merit: voted by the block, reviewed by the council, awarded. */
let id: string;
let events: AuditEventView[];
let people: Record<string, string>;
let unitNames: Map<string, string>;

beforeAll(async () => {
  session = await openBrowser();
  token = await tokenOf(WEB_URL(), AUDITOR);
  const list = await getJson<{
    items: { nominationId: string; nomineeName: string | null; outcome: string | null; awardType: string | null }[];
  }>(WEB_URL(), token, '/nominations?limit=100');
  const awarded = list.items.find(
    (n) =>
      n.nomineeName === 'Báo Ninh Thuận' && n.awardType === 'ProvincialCertificateOfMerit' && n.outcome === 'Awarded',
  );
  if (!awarded)
    throw new Error(`no awarded newspaper nomination among ${JSON.stringify(list.items.map((n) => n.nomineeName))}`);
  id = awarded.nominationId;
  const page = await getJson<HistoryPage>(WEB_URL(), token, `/nominations/${id}/history?limit=1000`);
  events = [...page.events];
  people = { ...page.people };
  const directory = await getJson<{ units: { id: string; name: string }[] }>(WEB_URL(), token, '/directory');
  unitNames = new Map(directory.units.map((u) => [u.id, u.name]));
  await signIn(session.page, AUDITOR, '/app/audit');
});

afterAll(async () => {
  await session?.close();
});

const version = (type: string) => {
  const event = events.find((e) => e.type === type);
  if (!event) throw new Error(`no ${type} in the history`);
  return event.version;
};

test('the picker lists the province’s nominations by name and opens one by id', async () => {
  const { page } = session;
  await page.goto(`${WEB_URL()}/app/audit`);
  await page.getByRole('heading', { level: 1, name: 'Kiểm toán lịch sử hồ sơ' }).waitFor();
  await page.getByRole('link', { name: 'Báo Ninh Thuận' }).first().waitFor();
  await page.getByLabel('Mã hồ sơ đề nghị').fill('a/b');
  await page.getByRole('button', { name: 'Mở' }).click();
  await page.getByText('INVALID_QUERY').waitFor();
  await page.getByLabel('Mã hồ sơ đề nghị').fill(id);
  await page.getByRole('button', { name: 'Mở' }).click();
  await page.waitForURL(`**/app/audit/${id}`);
  await page.getByRole('heading', { level: 1, name: 'Lịch sử hồ sơ: Báo Ninh Thuận' }).waitFor();
});

test('the timeline says who, in what role and unit, when (Vietnam time) and what, in Vietnamese', async () => {
  const { page } = session;
  await page.goto(`${WEB_URL()}/app/audit/${id}`);
  await row(page, events.length).waitFor();
  expect(await page.locator('[data-testid="timeline"] tr[data-version]').count()).toBe(events.length);

  const decision = events.find((e) => e.type === 'DecisionIssued')!;
  const decisionRow = row(page, decision.version);
  const decisionText = await decisionRow.innerText();
  expect(decisionText).toContain(people['nt-chairman']);
  expect(decisionText).toContain('Chủ tịch UBND tỉnh');
  expect(decisionText).toContain('Quyết định số 163/QĐ-UBND');
  // The browser runs in UTC: the time shown is the event's instant in Asia/Ho_Chi_Minh.
  const shown = await decisionRow.getByTestId('event-time').innerText();
  expect(shown).toBe(vietnamTime(decision.at!));
  expect(await decisionRow.getByTestId('event-time').getAttribute('datetime')).toBe(decision.at);

  const vote = events.find((e) => e.type === 'BlockVoteCast')!;
  const actor = vote.actor as { userId: string; unitId: string };
  const voteText = await row(page, vote.version).innerText();
  expect(voteText).toContain(people[actor.userId]);
  expect(voteText).toContain('Thủ trưởng đơn vị');
  expect(voteText).toContain(`Đơn vị ${unitNames.get(actor.unitId)} bỏ phiếu: Đồng ý`);
  expect(await row(page, vote.version).locator('[data-hash]').getAttribute('data-hash')).toBe(vote.hash);

  const drafted = await row(page, 1).innerText();
  expect(drafted).toContain('Lập dự thảo');
  expect(drafted).toContain('Bằng khen của Chủ tịch UBND tỉnh');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, '05-audit-timeline');
});

test('the state as of a version, and as of a moment picked in Vietnam time', async () => {
  const { page } = session;
  const submitted = version('NominationSubmitted');
  await page.goto(`${WEB_URL()}/app/audit/${id}?tab=asof&version=${submitted}`);
  const state = page.getByTestId('asof-state');
  await state.getByText(`${submitted} / ${events.length}`).waitFor();
  expect(await page.getByTestId('asof-stage').innerText()).toBe('Khối thi đua bình xét');

  // By moment, typed as Vietnam shows it: first the minute before the first event (nothing folded yet),
  // then the first event's minute (everything up to the end of that minute).
  await page.getByTestId('asof-mode').getByText('Theo thời điểm').click();
  const first = events[0]!;
  const minuteStart = Date.parse(first.at!) - (Date.parse(first.at!) % 60_000);
  const picker = page.locator('#asof-at');
  async function pick(minute: number): Promise<void> {
    await picker.click();
    await picker.fill(vietnamTime(new Date(minute).toISOString()));
    await picker.press('Enter');
    // The instant asked for is the end of the minute typed, in Vietnam's zone (not the browser's UTC).
    await page.waitForURL((url) => Date.parse(url.searchParams.get('at') ?? '') === minute + 59_999);
  }
  await pick(minuteStart - 60_000);
  await state.getByText(`0 / ${events.length}`).waitFor();
  expect(await page.getByTestId('asof-stage').innerText()).toBe('Chưa lập');
  await pick(minuteStart);
  const expected = events.filter((e) => Date.parse(e.at!) <= minuteStart + 59_999).length;
  await state.getByText(`${expected} / ${events.length}`).waitFor();
  const typed = vietnamTime(first.at!);
  expect(await page.locator('#asof-at').inputValue()).toBe(typed);
  // The picker's own time columns are its library's widget: checked closed, as the page stands after a choice.
  await page.keyboard.press('Tab');
  await page.locator('.ant-picker-dropdown').first().waitFor({ state: 'hidden' });
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('what changed between two versions, from the URL, and the choices kept there', async () => {
  const { page } = session;
  const decided = version('DecisionIssued');
  await page.goto(`${WEB_URL()}/app/audit/${id}?tab=asof&version=${decided}&a=${decided - 1}&b=${decided}`);
  const changes = page.getByTestId('compare-changes');
  await changes.waitFor();
  const text = await changes.innerText();
  expect(text).toMatch(/stage\s+sửa\s+ProvincialDecision\s+Closed/);
  expect(text).toContain('outcome');
  expect(text).toContain('163/QĐ-UBND');
  await page.getByTestId('asof-state').getByText('Khen thưởng, Quyết định số 163/QĐ-UBND').waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  // The what-changed list is the point of this view: the screenshot shows it beside the state.
  await page.getByRole('heading', { level: 2, name: 'Những gì thay đổi giữa hai thời điểm' }).scrollIntoViewIfNeeded();
  await screenshot(page, '05-audit-as-of');
  // The picks survive a reload: they are the URL.
  await page.reload();
  await page.getByTestId('compare-changes').waitFor();
  expect(new URL(page.url()).searchParams.get('a')).toBe(String(decided - 1));
});

test('verify: the chain intact and reconciled with the Temporal run', async () => {
  const { page } = session;
  await page.goto(`${WEB_URL()}/app/audit/${id}?tab=verify`);
  const result = page.getByTestId('verify-result');
  await result.waitFor({ timeout: 60_000 });
  expect(await result.getAttribute('data-ok')).toBe('true');
  expect(await result.innerText()).toContain(
    `Chuỗi băm nguyên vẹn, khớp với 1 lượt chạy Temporal (${events.length} sự kiện).`,
  );
  await page.getByText('Chi tiết kiểm tra').waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, '05-audit-verify');
});

test('export: CSV with a byte-order mark and both hashes, NDJSON, read from the downloads', async () => {
  const { page } = session;
  await page.goto(`${WEB_URL()}/app/audit/${id}?tab=export`);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-nomination').click()]);
  expect(csv.suggestedFilename()).toBe(`laurel-audit-${id}.csv`);
  const bytes = await readFile((await csv.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
  expect(rows[0]).toContain('prevHash,hash');
  expect(rows).toHaveLength(events.length + 1);
  expect(rows[1]).toContain(`,${events[0]!.prevHash},${events[0]!.hash},`);
  expect(rows.join('\n')).toContain('Báo Ninh Thuận');

  const [ndjson] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-ndjson-nomination').click(),
  ]);
  const lines = (await readFile((await ndjson.path())!, 'utf8')).trim().split('\n');
  expect(lines.map((l) => (JSON.parse(l) as { version: number }).version)).toEqual(events.map((e) => e.version));

  // Province-wide, from the picker page: this province's nominations only.
  await page.goto(`${WEB_URL()}/app/audit`);
  const [province] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv-province').click(),
  ]);
  const all = (await readFile((await province.path())!, 'utf8')).split('\r\n');
  expect(all[0]).toBe(
    '\uFEFFnominationId,version,type,recordedAt,actorUserId,actorRole,actorUnitId,prevHash,hash,data',
  );
  expect(all.some((r) => r.startsWith(`${id},`))).toBe(true);
  expect(all.some((r) => r.includes('lao-cai'))).toBe(false);
});

test('the store-wide check shows its progress and the result', async () => {
  const { page } = session;
  await page.goto(`${WEB_URL()}/app/audit`);
  await page.getByTestId('store-verify-run').click();
  await page.getByTestId('store-verify').getByRole('progressbar').waitFor();
  const result = page.getByTestId('store-verify-result');
  await result.waitFor({ timeout: 120_000 });
  expect(await result.innerText()).toMatch(/Toàn bộ kho nguyên vẹn: \d+ sự kiện của \d+ hồ sơ\./);
  expect(await page.getByTestId('store-verify-counts').innerText()).toMatch(
    /Đã kiểm tra \d+ sự kiện của \d+ hồ sơ; 0 hồ sơ hỏng/,
  );
});

test('English is one click away on the workspace', async () => {
  const { page } = session;
  await page.goto(`${WEB_URL()}/app/audit/${id}`);
  await row(page, 1).waitFor();
  await page.getByTestId('language-switch').getByText('EN').click();
  await page.getByRole('tab', { name: 'Timeline' }).waitFor();
  await page.getByRole('heading', { level: 1, name: 'History of the nomination: Báo Ninh Thuận' }).waitFor();
  expect(await row(page, version('DecisionIssued')).innerText()).toContain(
    'The Chairman awarded it: Decision no. 163/QĐ-UBND',
  );
  await page.getByRole('tab', { name: 'Verify' }).click();
  await page.getByText(/The hash chain is intact and reconciled with 1 Temporal run/).waitFor({ timeout: 60_000 });
  expect(new URL(page.url()).searchParams.get('tab')).toBe('verify');
  await page.getByTestId('language-switch').getByText('VI').click();
  await page.getByRole('tab', { name: 'Diễn biến' }).waitFor();
});

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

describe('a tampered event', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let base: string;
  let tamperedId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'laurel-audit-tamper-'));
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
      LAUREL_DEMO_PASSWORD: DEMO_PASSWORD(),
      LAUREL_SKIP_DEMO: '1',
      NODE_OPTIONS: '',
    };
    base = `http://127.0.0.1:${apiPort}`;
    await run(join(root, 'scripts', 'stack.sh'), ['up'], { env, cwd: root, maxBuffer: 10 << 20 });

    const year = new Date().getUTCFullYear() - 1;
    tamperedId = (
      await act(base, 'nt-officer-party-office', '/nominations', {
        nominee: {
          kind: 'individual',
          name: 'Trần Văn Bình',
          personId: `person-${randomUUID()}`,
          position: 'Chuyên viên',
        },
        awardType: 'ProvincialCertificateOfMerit',
        campaignYear: year,
        achievements: 'Hoàn thành xuất sắc nhiệm vụ hai năm liền.',
        record: {
          titles: [
            { year: year - 1, title: 'GrassrootsEmulationFighter' },
            { year, title: 'GrassrootsEmulationFighter' },
          ],
          ratings: [],
          initiatives: [],
        },
        evidence: ['proposal_letter', 'achievement_report', 'unit_council_minutes'].map((kind, i) => ({
          documentId: `doc-${randomUUID()}`,
          title: `Hồ sơ số ${i + 1}`,
          kind,
          sizeBytes: 4096 + i,
          sha256: randomBytes(32).toString('hex'),
        })),
      })
    ).nominationId;
    await act(base, 'nt-head-party-office', `/nominations/${tamperedId}/submit`);
    await act(base, 'nt-head-newspaper', `/nominations/${tamperedId}/votes`, { choice: 'approve' });
    await act(base, 'nt-head-propaganda', `/nominations/${tamperedId}/votes`, { choice: 'reject' });

    // PGlite is one process's database: stop that process, edit, start it again.
    await run(join(root, 'scripts', 'laurel-app.sh'), ['stop'], { env, cwd: root });
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(join(dataDir, 'events'));
    try {
      const updated = await db.query(
        `UPDATE laurel.events SET data = jsonb_set(data, '{choice}', '"approve"')
          WHERE stream_name = $1 AND version = 4 AND type = 'BlockVoteCast'`,
        [`nomination-${tamperedId}`],
      );
      expect(updated.affectedRows).toBe(1);
    } finally {
      await db.close();
    }
    await run(join(root, 'scripts', 'laurel-app.sh'), ['start'], { env, cwd: root });
  }, 300_000);

  afterAll(async () => {
    if (env) await run(join(root, 'scripts', 'stack.sh'), ['down'], { env, cwd: root }).catch(() => undefined);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test('verify names the first broken event, and the store-wide check links to it', async () => {
    const { page } = session;
    // Another origin, so another session: the sign-in form comes first, at the address asked for.
    await page.goto(`${base}/app/audit/${tamperedId}?tab=verify`);
    await page.getByLabel('Tên đăng nhập').fill(AUDITOR);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD());
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const result = page.getByTestId('verify-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-ok')).toBe('false');
    expect(await result.innerText()).toContain(
      'Sự kiện hỏng đầu tiên: phiên bản 4 (Bỏ phiếu của khối) — nội dung đã bị sửa (mã băm không khớp)',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '05-audit-tampered');

    await page.goto(`${base}/app/audit`);
    await page.getByTestId('store-verify-run').click();
    const store = page.getByTestId('store-verify-result');
    await store.waitFor({ timeout: 60_000 });
    expect(await store.innerText()).toContain('1 trong 1 hồ sơ có chuỗi băm bị đứt');
    await store.getByRole('link', { name: tamperedId }).click();
    await page.waitForURL(`**/app/audit/${tamperedId}?tab=verify`);
  });
});
