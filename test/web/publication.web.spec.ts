// The public page in a fresh browser with no token: the demo data's standing
// awards by province and year with only the published fields, never a
// withdrawn, rejected or revoked nomination; a comment on a proposal open for
// comment; usable at phone width.
import type { Page } from 'playwright-core';
import { accessibilityViolations, openBrowser, screenshot, signIn, WEB_URL, type Session } from './support/browser';

jest.setTimeout(240_000);

type Awardee = { name?: string; position?: string | null; unit?: string; award?: string };
type DecisionList = {
  province: { id: string; name: string };
  year: number;
  years: number[];
  decisions: { decisionNumber?: string | null; decisionDate?: string; awardees: Awardee[] }[];
};
type Proposals = {
  consultsBeforeCouncil: boolean;
  proposals: { nominationId: string; name?: string; open: boolean; commentsUntil: string }[];
};

/** From scripts/demo/scenarios.ts: withdrawn, rejected at the block vote, awarded then revoked. */
const NEVER_PUBLIC = ['Nguyễn Hoàng Phong', 'Lò Thị Hoa', 'Đinh Văn Tuấn'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const PUBLISHED = new Set(['name', 'position', 'unit', 'award']);

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${WEB_URL()}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function localDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** Every published list of every province, newest year, as the JSON feed gives it. */
async function feeds(): Promise<DecisionList[]> {
  const { provinces } = await getJson<{ provinces: { id: string }[] }>('/public/provinces');
  return Promise.all(provinces.map((p) => getJson<DecisionList>(`/public/decisions?province=${p.id}`)));
}

async function expectOnlyPublishedFields(page: Page): Promise<void> {
  const fields = await page
    .getByTestId('public-awardee')
    .evaluateAll((items) =>
      items.flatMap((item) => [...item.querySelectorAll('[data-field]')].map((e) => e.getAttribute('data-field'))),
    );
  for (const field of fields) expect(PUBLISHED.has(field ?? '')).toBe(true);
  const text = (await page.locator('#main').innerText()).normalize('NFC');
  expect(text).not.toMatch(UUID);
  // Achievements, vote tallies, ratings and ballots are never on the page.
  for (const word of ['Thành tích', 'thành tích', 'phiếu', 'Tán thành', 'Hoàn thành xuất sắc', 'bỏ phiếu']) {
    expect(text).not.toContain(word);
  }
  for (const name of NEVER_PUBLIC) expect(text).not.toContain(name);
}

let session: Session;

afterEach(async () => {
  await session?.close();
});

test('the public page without a token: standing awards, only the published fields, a comment', async () => {
  const lists = await feeds();
  const published = lists.filter((l) => l.decisions.length > 0);
  // The demo has at least Ninh Thuận's Certificate of Merit decided (163/QĐ-UBND).
  expect(published.length).toBeGreaterThan(0);
  for (const list of lists) {
    for (const d of list.decisions) {
      for (const a of d.awardees) {
        expect(Object.keys(a).every((k) => PUBLISHED.has(k))).toBe(true);
        expect(NEVER_PUBLIC).not.toContain(a.name);
      }
    }
  }

  session = await openBrowser();
  const { page } = session;
  const first = published[0]!;
  await page.goto(`${WEB_URL()}/app/public?province=${first.province.id}`);
  await page.getByTestId('public-decision').first().waitFor();
  // No sign-in form, no signed-in menu, no user.
  expect(await page.getByLabel(/Mật khẩu|Password/).count()).toBe(0);
  expect(await page.getByTestId('current-user').count()).toBe(0);
  expect(await page.locator('[data-nav]').count()).toBe(0);

  // Each province with awards: every awardee of the feed on screen, decisions dated dd/MM/yyyy.
  for (const list of published) {
    await page.getByLabel('Tỉnh').click();
    await page.locator('.ant-select-item-option', { hasText: list.province.name }).click();
    await page.waitForURL(new RegExp(`province=${list.province.id}`));
    await page.getByTestId('public-decision').first().waitFor();
    const main = page.locator('#main');
    for (const decision of list.decisions) {
      if (decision.decisionNumber) await main.getByText(decision.decisionNumber, { exact: false }).first().waitFor();
      if (decision.decisionDate)
        await main.getByText(localDay(decision.decisionDate), { exact: false }).first().waitFor();
      for (const awardee of decision.awardees) {
        await main.getByText(awardee.name!, { exact: true }).first().waitFor();
      }
    }
    expect(await page.getByTestId('public-awardee').count()).toBe(
      list.decisions.reduce((n, d) => n + d.awardees.length, 0),
    );
    await expectOnlyPublishedFields(page);
    const feed = await page.getByTestId('public-feed').getAttribute('href');
    expect(feed).toBe(`/public/decisions?province=${list.province.id}&year=${list.year}`);
  }

  // Provinces without awards (and those whose awards were all revoked) show none of the never-public names.
  for (const list of lists.filter((l) => l.decisions.length === 0)) {
    await page.goto(`${WEB_URL()}/app/public?province=${list.province.id}`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await expectOnlyPublishedFields(page);
  }

  // Ninh Thuận consults the public before its council sits.
  const proposals = await getJson<Proposals>('/public/proposals?province=ninh-thuan');
  expect(proposals.consultsBeforeCouncil).toBe(true);
  await page.goto(`${WEB_URL()}/app/public?province=ninh-thuan`);
  await page.getByRole('heading', { name: /Lấy ý kiến nhân dân/ }).waitFor();
  const open = proposals.proposals.find((p) => p.open);
  if (open) {
    const card = page
      .getByTestId('public-proposal')
      .filter({ has: page.getByTestId('public-comment-form') })
      .first();
    await card.getByTestId('public-comment-period').waitFor();
    await card.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await card.getByText('Vui lòng nhập nội dung ý kiến.').waitFor();
    await card.getByLabel('Nội dung ý kiến').fill('Tập thể có nhiều đóng góp cho công tác tuyên truyền của tỉnh.');
    await card.getByLabel('Họ tên (không bắt buộc)').fill('Trần Văn Bình');
    await card.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await card.getByTestId('public-comment-sent').waitFor();
    expect(await card.getByTestId('public-comment-sent').innerText()).toMatch(
      /Đã ghi nhận ý kiến của bạn lúc \d\d\/\d\d\/\d{4}/,
    );
    expect(await card.getByLabel('Nội dung ý kiến').inputValue()).toBe('');
    // The council sees the comment with the record, on the nomination's page.
    const nominationId = await card.getAttribute('data-nomination-id');
    const council = await openBrowser();
    try {
      await signIn(council.page, 'nt-council-home-affairs', `/app/nominations/${nominationId}`);
      const comments = council.page.getByTestId('public-comments');
      await comments.waitFor();
      expect(await comments.innerText()).toContain('Tập thể có nhiều đóng góp cho công tác tuyên truyền của tỉnh.');
      expect(await comments.innerText()).toContain('Trần Văn Bình');
    } finally {
      await council.close();
    }
  } else {
    process.stdout.write('the demo has no proposal open for comment now: no comment posted\n');
  }
  await expectOnlyPublishedFields(page);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.goto(`${WEB_URL()}/app/public?province=${first.province.id}`);
  await page.getByTestId('public-decision').first().waitFor();
  await screenshot(page, '08-public');
});

test('the public page at phone width: no horizontal scroll, axe clean', async () => {
  session = await openBrowser({ viewport: { width: 390, height: 844 } });
  const { page } = session;
  await page.goto(`${WEB_URL()}/app/public?province=ninh-thuan`);
  await page.getByTestId('public-decision').first().waitFor();
  await page.getByRole('heading', { name: /Lấy ý kiến nhân dân/ }).waitFor();
  const width = await page.evaluate('document.documentElement.scrollWidth');
  expect(width).toBeLessThanOrEqual(390);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, '08-public-phone');
});
