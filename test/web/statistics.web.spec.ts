// The statistics screen as nt-board-officer on the demo data: the figures on
// screen are those GET /statistics gives for the same filters (kept in the
// URL), the exports download (the CSV with its BOM), the annual report too.
import { readFile } from 'node:fs/promises';
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

jest.setTimeout(240_000);
const BOARD = 'nt-board-officer';

type Counts = {
  nominations: number;
  awarded: number;
  notAwarded: number;
  withdrawn: number;
  expired: number;
  revoked: number;
  inProgress: number;
  individualAwardees: number;
  frontLineAwardees: number;
  hardshipAreaAwardees: number;
  frontLineShare: number | null;
  hardshipAreaShare: number | null;
};
type View = {
  totals: Counts;
  groups: (Counts & { key: Record<string, unknown>; label: Record<string, string> })[];
  stages: { stage: string; entered: number; medianWorkingDays: number | null; overdueShare: number | null }[];
};

async function statistics(query: string): Promise<View> {
  const token = await fetch(`${WEB_URL()}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BOARD, password: DEMO_PASSWORD() }),
  }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
  const response = await fetch(`${WEB_URL()}/statistics?${query}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /statistics?${query}: ${response.status}`);
  return (await response.json()) as View;
}

/** As the screen writes them, computed here independently: "66,7 %", "—" without a denominator. */
function share(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1).replace('.', ',')} %`;
}
function days(value: number | null): string {
  return value === null ? '—' : String(Math.round(value * 10) / 10).replace('.', ',');
}

async function expectFigures(page: Page, view: View): Promise<void> {
  for (const key of [
    'nominations',
    'awarded',
    'notAwarded',
    'withdrawn',
    'expired',
    'revoked',
    'inProgress',
  ] as const) {
    await expect(page.getByTestId(`stat-${key}`).innerText()).resolves.toBe(String(view.totals[key]));
  }
  await expect(page.getByTestId('stat-individualAwardees').innerText()).resolves.toBe(
    String(view.totals.individualAwardees),
  );
  await expect(page.getByTestId('stat-frontLineShare').innerText()).resolves.toBe(share(view.totals.frontLineShare));
  await expect(page.getByTestId('stat-hardshipAreaShare').innerText()).resolves.toBe(
    share(view.totals.hardshipAreaShare),
  );
  for (const stage of view.stages) {
    const row = page.getByTestId(`stage-${stage.stage}`);
    await expect(row.locator('[data-field="median"]').innerText()).resolves.toBe(days(stage.medianWorkingDays));
    await expect(row.locator('[data-field="overdueShare"]').innerText()).resolves.toBe(share(stage.overdueShare));
  }
}

let session: Session;

afterEach(async () => {
  await session?.close();
});

test('the statistics screen shows what GET /statistics gives, exports, and the annual report', async () => {
  session = await openBrowser();
  const { page } = session;
  await signIn(page, BOARD, '/app/statistics');
  await page.locator('[data-nav="statistics"]').waitFor();
  await page.getByTestId('stat-nominations').waitFor();
  const all = await statistics('');
  expect(all.totals.nominations).toBeGreaterThan(0);
  await expectFigures(page, all);

  // Filters and grouping go into the URL; the figures follow.
  await page.getByLabel('Kết quả').click();
  await page.locator('.ant-select-item-option', { hasText: 'Được khen thưởng' }).first().click();
  await page.waitForURL(/outcome=Awarded/);
  await page.getByLabel('Nhóm theo').click();
  await page.locator('.ant-select-item-option', { hasText: 'hình thức khen thưởng' }).click();
  await page.keyboard.press('Escape');
  await page.waitForURL(/groupBy=awardType/);
  const awarded = await statistics('outcome=Awarded&groupBy=awardType');
  await page
    .getByTestId('stat-nominations')
    .filter({ hasText: new RegExp(`^${awarded.totals.nominations}$`) })
    .waitFor();
  await expectFigures(page, awarded);
  const table = page.getByTestId('stat-groups-table');
  for (const group of awarded.groups) await table.getByText(group.label['awardType']!, { exact: true }).waitFor();
  await page.getByRole('figure').first().waitFor();

  // A bookmarked URL opens the same view.
  await page.goto(`${WEB_URL()}/app/statistics?outcome=Awarded&groupBy=awardType`);
  await page.getByTestId('stat-groups-table').waitFor();
  await expectFigures(page, awarded);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const csvBytes = await readFile((await csv.path())!);
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  const xlsxBytes = await readFile((await xlsx.path())!);
  expect(xlsxBytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const [annual] = await Promise.all([page.waitForEvent('download'), page.getByTestId('annual-report').click()]);
  expect((await readFile((await annual.path())!)).subarray(0, 2).toString('latin1')).toBe('PK');

  expect(await accessibilityViolations(page)).toEqual([]);
  await page.goto(`${WEB_URL()}/app/statistics?groupBy=unit`);
  await page.getByTestId('stat-groups-table').waitFor();
  await expectFigures(page, await statistics('groupBy=unit'));
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, '09-statistics');
});
