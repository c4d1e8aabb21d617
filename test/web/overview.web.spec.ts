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
let session: Session;

beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

const tokens = new Map<string, string>();

/** One sign-in per user: logins are rate-limited per user. */
async function tokenOf(username: string): Promise<string> {
  const known = tokens.get(username);
  if (known) return known;
  const login = await fetch(`${WEB_URL()}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD() }),
  });
  const { access_token } = (await login.json()) as { access_token: string };
  tokens.set(username, access_token);
  return access_token;
}

async function overviewOf(username: string): Promise<{ total: number; overdue: { nominationId: string }[] }> {
  const bearer = await tokenOf(username);
  const response = await fetch(`${WEB_URL()}/overview`, { headers: { authorization: `Bearer ${bearer}` } });
  if (!response.ok) throw new Error(`GET /overview as ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { total: number; overdue: { nominationId: string }[] };
}

test('the Board sees counts by stage, block, award and year, in Vietnamese, axe clean', async () => {
  const { page } = session;
  const expected = await overviewOf('nt-board-officer');
  await signIn(page, 'nt-board-officer', '/app/overview');
  await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Theo giai đoạn' }).waitFor();
  await page.locator('[data-testid="by-block"]').getByText('Khối các cơ quan Đảng', { exact: false }).first().waitFor();
  expect(await page.locator('.ant-statistic-content-value').first().innerText()).toBe(String(expected.total));
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('overdue nominations link to their page and to their workflow in the Temporal UI the API names', async () => {
  const { page } = session;
  // The demo clock runs Hà Tĩnh's deadlines in minutes: wait until one has passed.
  let overdue = await overviewOf('admin');
  for (let i = 0; i < 50 && overdue.overdue.length === 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    overdue = await overviewOf('admin');
  }
  expect(overdue.overdue.length).toBeGreaterThan(0);
  await page.evaluate('sessionStorage.clear()');
  await signIn(page, 'admin', '/app/overview');
  const link = page.getByTestId('temporal-link').first();
  await link.waitFor();
  const href = await link.getAttribute('href');
  expect(href).toMatch(
    new RegExp(`^${process.env.LAUREL_WEB_TEMPORAL_UI}/namespaces/default/workflows/nomination-[^/]+$`),
  );
  const nominee = page.locator('[data-testid="overdue-table"] tbody tr.ant-table-row a[href^="/app/nominations/"]');
  expect(await nominee.count()).toBe(overdue.overdue.length);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, '06-overview');
});
