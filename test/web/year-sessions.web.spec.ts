import { createHash, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  accessibilityViolations,
  DEMO_PASSWORD,
  openBrowser,
  screenshot,
  signIn,
  WEB_URL,
  type Session,
} from './support/browser';

/**
 * The year's batches on screen, in Vietnamese: the Party agencies block's
 * year-end session (opened, one ballot cast in the browser, closed with its
 * tallies and the flag's acclamation), the council session, and the
 * Chairman's decision over a list with one item rejected. The nominations
 * are drafted and submitted through the API first, under a tag of this run,
 * and every other voter's ballot goes through the API too.
 */
jest.setTimeout(600_000);

const tag = randomUUID().slice(0, 6);
const year =
  Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date())) - 1;
const HEADS: Record<string, string> = {
  'nt-party-office': 'nt-head-party-office',
  'nt-propaganda': 'nt-head-propaganda',
  'nt-inspection': 'nt-head-inspection',
  'nt-organisation': 'nt-head-organisation',
  'nt-mass-mobilisation': 'nt-head-mass-mobilisation',
  'nt-newspaper': 'nt-head-newspaper',
  'nt-internal-affairs': 'nt-head-internal-affairs',
  'nt-political-school': 'nt-head-political-school',
};
const COUNCIL = ['nt-council-ppc-office', 'nt-council-finance', 'nt-council-labour', 'nt-council-front'];

const tokens = new Map<string, string>();
async function token(username: string): Promise<string> {
  const known = tokens.get(username);
  if (known) return known;
  const response = await fetch(`${WEB_URL()}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD() }),
  });
  const { access_token } = (await response.json()) as { access_token: string };
  tokens.set(username, access_token);
  return access_token;
}

async function call<T>(username: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${WEB_URL()}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await token(username)}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function doc(kind: string, i: number, key: string) {
  const sha256 = createHash('sha256').update(`${key}:${kind}`).digest('hex');
  return { documentId: `web-${key}-${kind}`, title: `Hồ sơ ${i + 1}`, kind, sizeBytes: 4096 + i, sha256 };
}

/** A collective's proposal the national rules accept: the flag (with its prior decision) or the certificate. */
function draft(unitId: string, name: string, flag: boolean): Record<string, unknown> {
  const key = createHash('sha256').update(`${tag}:${unitId}:${name}`).digest('hex').slice(0, 16);
  const kinds = ['proposal_letter', 'achievement_report', 'unit_council_minutes', ...(flag ? ['prior_decision'] : [])];
  return {
    nominee: { kind: 'collective', name, unitId },
    awardType: flag ? 'ProvincialEmulationFlag' : 'ProvincialCertificateOfMerit',
    campaignYear: year,
    achievements: 'Hoàn thành xuất sắc nhiệm vụ năm; nhiều mô hình mới được nhân rộng trong khối.',
    record: {
      titles: flag ? [{ year, title: 'ExcellentLabourCollective' }] : [],
      ratings: [
        { year: year - 1, rating: 'Excellent' },
        { year, rating: 'Excellent' },
      ],
      initiatives: [],
      ...(flag ? { flags: { exceededTargets: true, exemplary: true, newModels: true } } : {}),
    },
    evidence: kinds.map((kind, i) => doc(kind, i, key)),
  };
}

async function submitted(unitId: string, name: string, flag: boolean): Promise<string> {
  const officer = `nt-officer-${unitId.replace(/^nt-/, '')}`;
  const { nominationId } = await call<{ nominationId: string }>(
    officer,
    'POST',
    '/nominations',
    draft(unitId, name, flag),
  );
  await call(HEADS[unitId]!, 'POST', `/nominations/${nominationId}/submit`);
  return nominationId;
}

const NAMES = {
  flagInspection: `Ủy ban Kiểm tra Tỉnh ủy ${tag}`,
  flagPropaganda: `Ban Tuyên giáo Tỉnh ủy ${tag}`,
  meritA: `Phòng Tổng hợp, Văn phòng Tỉnh ủy ${tag}`,
  meritB: `Phòng Quản trị, Văn phòng Tỉnh ủy ${tag}`,
};
const ids: Record<keyof typeof NAMES, string> = { flagInspection: '', flagPropaganda: '', meritA: '', meritB: '' };

let session: Session;

beforeAll(async () => {
  session = await openBrowser();
  ids.flagInspection = await submitted('nt-inspection', NAMES.flagInspection, true);
  ids.flagPropaganda = await submitted('nt-propaganda', NAMES.flagPropaganda, true);
  ids.meritA = await submitted('nt-party-office', NAMES.meritA, false);
  ids.meritB = await submitted('nt-party-office', NAMES.meritB, false);
});
afterAll(async () => {
  await session?.close();
});

async function as(page: Page, username: string, path: string): Promise<void> {
  await page.context().clearCookies();
  await page.evaluate('sessionStorage.clear()').catch(() => undefined);
  await signIn(page, username, path);
}

/** Ticks this run's nominations in the picker; the read model may lag a moment behind the last action. */
async function pick(page: Page, names: readonly string[]): Promise<void> {
  await page.getByPlaceholder('Lọc theo tên').first().fill(tag);
  for (const name of names) {
    const box = page.getByLabel(`Chọn ${name}`);
    for (let attempt = 0; attempt < 40 && (await box.count()) === 0; attempt++) {
      await page.waitForTimeout(500);
      await page.reload();
      await page.getByPlaceholder('Lọc theo tên').first().fill(tag);
    }
    await box.check();
  }
}

async function confirm(page: Page): Promise<void> {
  await page
    .locator('.ant-popover:not(.ant-popover-hidden)')
    .getByRole('button', { name: /^(OK|Đồng ý)$/ })
    .click();
}

type BlockSession = { sessionId: string; items: { nominationId: string; eligibleVoterUnitIds: string[] }[] };

describe('the year on screen: a block session, a council session and a decision over a list', () => {
  let blockSessionId = '';

  it('lets the block leader open a session on chosen nominations, a unit cast its ballot, and the leader close it', async () => {
    const { page } = session;
    await as(page, 'nt-leader-party-agencies', '/app/block-sessions');
    await page.getByRole('heading', { name: 'Phiên bình xét của khối thi đua', level: 1 }).waitFor();
    await page.getByTestId('session-title').fill(`Hội nghị tổng kết Khối các cơ quan Đảng năm ${year} (${tag})`);
    await pick(page, Object.values(NAMES));
    await page.getByRole('button', { name: /^Mở phiên với 4 đề nghị$/ }).click();
    await page.getByTestId('session-detail').getByText(`(${tag})`).waitFor();
    blockSessionId = new URL(page.url()).searchParams.get('sessionId') ?? '';
    expect(blockSessionId).not.toBe('');
    await page.getByTestId('agenda').getByText(NAMES.meritA).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '14-block-session-open');

    // A member unit casts its one ballot on screen: its own unit's flag is not offered.
    await as(page, 'nt-head-inspection', `/app/block-sessions?sessionId=${blockSessionId}`);
    const ballot = page.getByTestId('ballot-form');
    await ballot.waitFor();
    expect(await ballot.getByTestId('not-voting').count()).toBe(1);
    await ballot.getByRole('button', { name: 'Đồng ý tất cả' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '15-block-session-ballot');
    await ballot.getByRole('button', { name: 'Gửi phiếu' }).click();
    await confirm(page);
    await page.getByText(/Đơn vị đã bỏ phiếu lúc/).waitFor();

    // Every other unit through the API; the newspaper rejects the second flag, so the first leads.
    const s = await call<BlockSession>('nt-leader-party-agencies', 'GET', `/block-sessions/${blockSessionId}`);
    for (const [unitId, head] of Object.entries(HEADS)) {
      if (unitId === 'nt-inspection') continue;
      const choices = s.items
        .filter((i) => i.eligibleVoterUnitIds.includes(unitId))
        .map((i) => ({
          nominationId: i.nominationId,
          choice: unitId === 'nt-newspaper' && i.nominationId === ids.flagPropaganda ? 'reject' : 'approve',
        }));
      await call(head, 'POST', `/block-sessions/${blockSessionId}/ballots`, { choices });
    }

    await as(page, 'nt-leader-party-agencies', `/app/block-sessions?sessionId=${blockSessionId}`);
    await page.getByRole('button', { name: 'Kết thúc phiên, kiểm phiếu' }).click();
    await confirm(page);
    const tallies = page.getByTestId('tallies');
    await tallies.waitFor();
    await page.getByText('Đủ túc số: 8/8 thành viên đã bỏ phiếu.').waitFor();
    await page.locator('[data-testid="batch-progress"][data-finished="true"]').waitFor({ timeout: 120_000 });
    // Rows by nomination: the refused flag's row names the acclaimed one too.
    const row = (id: string) => tallies.locator(`tr[data-row-key="${id}"]`);
    const meritRow = row(ids.meritA);
    expect(await meritRow.innerText()).toMatch(/7\/7[\s\S]*Có[\s\S]*Đạt/);
    expect(await row(ids.flagInspection).innerText()).toMatch(/Đạt[\s\S]*Được suy tôn/);
    const refused = row(ids.flagPropaganda);
    expect(await refused.getByTestId('acclamation-refused').innerText()).toContain(
      `mỗi khối mỗi năm chỉ suy tôn một đơn vị dẫn đầu, khối đã suy tôn ${NAMES.flagInspection}`,
    );
    await tallies.scrollIntoViewIfNeeded();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '16-block-session-closed');
  });

  it('lets the Board prepare a council session and a member vote on it, then shows quorum and results', async () => {
    const { page } = session;
    await as(page, 'nt-board-officer', '/app/council-sessions');
    await page.getByRole('heading', { name: 'Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh', level: 1 }).waitFor();
    await page.getByTestId('session-title').fill(`Phiên họp Hội đồng xét khen thưởng năm ${year} (${tag})`);
    await pick(page, [NAMES.meritA, NAMES.meritB]);
    await page.getByRole('button', { name: /^Mở phiên với 2 đề nghị$/ }).click();
    await page.getByTestId('session-detail').getByText(`(${tag})`).waitFor();
    const sessionId = new URL(page.url()).searchParams.get('sessionId') ?? '';

    await as(page, 'nt-council-home-affairs', `/app/council-sessions?sessionId=${sessionId}`);
    const ballot = page.getByTestId('ballot-form');
    await ballot.waitFor();
    await ballot.getByRole('button', { name: 'Đồng ý tất cả' }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '17-council-session-ballot');
    await ballot.getByRole('button', { name: 'Gửi phiếu' }).click();
    await confirm(page);
    await page.getByText(/Bạn đã bỏ phiếu lúc/).waitFor();
    for (const member of COUNCIL) {
      await call(member, 'POST', `/council-sessions/${sessionId}/ballots`, { approve: [ids.meritA, ids.meritB] });
    }

    await as(page, 'nt-board-officer', `/app/council-sessions?sessionId=${sessionId}`);
    await page.getByRole('button', { name: 'Kết thúc phiên, kiểm phiếu' }).click();
    await confirm(page);
    // Five of the province's council members voted: enough for its quorum.
    await page.getByText(/^Đủ túc số: 5\/\d+ thành viên đã bỏ phiếu\.$/).waitFor();
    await page.locator('[data-testid="batch-progress"][data-finished="true"]').waitFor({ timeout: 120_000 });
    const agenda = page.getByTestId('agenda');
    await agenda.locator(`tr[data-row-key="${ids.meritA}"]`).getByText('Chờ Chủ tịch UBND tỉnh quyết định').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '18-council-session-closed');
  });

  it('lets the Chairman issue one decision over the list, rejecting one item with its reason', async () => {
    const { page } = session;
    await as(page, 'nt-chairman', '/app/decision-lists');
    await page.getByRole('heading', { name: 'Quyết định khen thưởng theo danh sách', level: 1 }).waitFor();
    await pick(page, [NAMES.meritA, NAMES.meritB]);
    const items = page.getByTestId('decision-items');
    const rejected = items.locator('tr', { hasText: NAMES.meritB });
    await rejected.getByText('Không khen thưởng').click();
    await rejected.getByLabel(`Lý do không khen thưởng ${NAMES.meritB}`).fill('Hồ sơ chưa có ý kiến của cấp ủy.');
    const number = `${(parseInt(tag, 16) % 90000) + 1000}/QĐ-UBND`;
    await page.getByTestId('decision-number').fill(number);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '19-decision-list-issue');
    await page.getByRole('button', { name: 'Ban hành quyết định (2 đề nghị)' }).click();
    await confirm(page);

    const detail = page.getByTestId('decision-detail');
    await detail.getByText(`Quyết định số ${number}`).waitFor();
    await page.locator('[data-testid="batch-progress"][data-finished="true"]').waitFor({ timeout: 120_000 });
    const results = page.getByTestId('decision-results');
    const approved = results.locator(`tr[data-row-key="${ids.meritA}"]`);
    const notAwarded = results.locator(`tr[data-row-key="${ids.meritB}"]`);
    await approved.getByText('Được khen thưởng', { exact: true }).waitFor();
    await notAwarded.getByText('Không được khen thưởng', { exact: true }).waitFor();
    expect(await notAwarded.innerText()).toContain('Hồ sơ chưa có ý kiến của cấp ủy.');
    await page.getByTestId('decision-list').getByText(number).waitFor();
    await detail.scrollIntoViewIfNeeded();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '20-decision-list-issued');

    // The same screen in English, by the header's language switch.
    await page.getByTitle('English').click();
    await page.getByRole('heading', { name: 'Decisions over lists', level: 1 }).waitFor();
    await detail.getByText(`Decision ${number}`).waitFor();
    expect(await results.locator(`tr[data-row-key="${ids.meritB}"]`).innerText()).toContain('Not awarded');
  });
});
