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

jest.setTimeout(180_000);

/** The Ninh Thuận Party agencies block's unit heads: block voters in the demo data. */
const NT_HEADS = [
  'nt-head-newspaper',
  'nt-head-propaganda',
  'nt-head-inspection',
  'nt-head-organisation',
  'nt-head-mass-mobilisation',
  'nt-head-internal-affairs',
  'nt-head-political-school',
];

type Task = {
  taskId: string;
  nominationId: string;
  action: string;
  dueAt: string | null;
  workingDaysLeft: number | null;
  overdue: boolean;
  nomination: { nomineeName: string; awardType: string; proposingUnitId: string; blockId: string };
};

async function token(username: string): Promise<string> {
  const response = await fetch(`${WEB_URL()}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD() }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function apiGet<T>(bearer: string, path: string): Promise<T> {
  const response = await fetch(`${WEB_URL()}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function pendingTasks(bearer: string): Promise<Task[]> {
  return (await apiGet<{ items: Task[] }>(bearer, '/tasks?limit=500')).items;
}

/** dd/MM/yyyy HH:mm in Vietnam's time, computed here independently of the app. */
function vietnamTime(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts['day']}/${parts['month']}/${parts['year']} ${parts['hour']}:${parts['minute']}`;
}

async function inboxReady(page: Page): Promise<void> {
  await page.locator('[data-testid="inbox-list"][data-ready="true"]').waitFor();
}

let session: Session;
/** The Board officer: the demo data leaves two tasks waiting for them, in council review. */
const voter = 'nt-board-officer';
let voterToken: string;
let tasks: Task[];

beforeAll(async () => {
  voterToken = await token(voter);
  tasks = await pendingTasks(voterToken);
  if (tasks.length < 2) throw new Error(`${voter} has ${tasks.length} pending tasks in the demo data, expected 2`);
  session = await openBrowser();
  await signIn(session.page, voter);
});
afterAll(async () => {
  await session?.close();
});

test('the inbox lists the pending tasks, most urgent first, with names, Vietnam dates and working days left', async () => {
  const { page } = session;
  await inboxReady(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Việc cần xử lý' }).isVisible()).resolves.toBe(true);
  const rows = page.locator('[data-testid="inbox-table"] tbody tr.ant-table-row');
  expect(await rows.count()).toBe(tasks.length);

  const directory = await apiGet<{ units: { id: string; name: string }[]; blocks: { id: string; name: string }[] }>(
    voterToken,
    '/directory',
  );
  const first = tasks[0]!;
  const firstRow = rows.first();
  const text = await firstRow.innerText();
  expect(text).toContain(first.nomination.nomineeName);
  expect(text).toContain(directory.units.find((u) => u.id === first.nomination.proposingUnitId)!.name);
  expect(text).toContain(directory.blocks.find((b) => b.id === first.nomination.blockId)!.name);
  expect(text).not.toContain(first.nomination.proposingUnitId);
  // The browser runs in UTC: the date must still be Vietnam's.
  if (first.dueAt) expect(text).toContain(vietnamTime(first.dueAt));
  if (first.workingDaysLeft !== null && !first.overdue) {
    expect(text).toContain(
      first.workingDaysLeft === 0 ? 'hết hạn hôm nay' : `còn ${first.workingDaysLeft} ngày làm việc`,
    );
  }
  const overdueRows = tasks.filter((t) => t.overdue).length;
  expect(await page.locator('[data-testid="inbox-table"] [data-testid="overdue"]').count()).toBe(overdueRows);

  // The count beside the menu entry and in the title.
  expect(await page.getByTestId('inbox-count').innerText()).toBe(String(tasks.length));
  expect(await page.title()).toMatch(new RegExp(`^\\(${tasks.length}\\) `));

  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, '02-inbox');
});

test('filters live in the URL; a link with filters opens the same filtered list', async () => {
  const { page } = session;
  const award = tasks[0]!.nomination.awardType;
  await page.goto(`${WEB_URL()}/app/?award=${award}`);
  await inboxReady(page);
  const expected = tasks.filter((t) => t.nomination.awardType === award).length;
  await page.getByTestId('inbox-summary').filter({ hasText: /\d/ }).waitFor();
  expect({ url: page.url(), summary: await page.getByTestId('inbox-summary').innerText() }).toEqual({
    url: expect.stringContaining(`award=${award}`),
    summary: expect.stringContaining(`${expected}`),
  });
  expect(await page.locator('[data-testid="inbox-table"] tbody tr.ant-table-row').count()).toBe(expected);
  expect(new URL(page.url()).searchParams.get('award')).toBe(award);

  await page.getByTestId('filter-overdue').click();
  await page.waitForURL(/overdue=true/);
  await page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
  await page.waitForURL((url) => url.search === '');
  expect(await page.locator('[data-testid="inbox-table"] tbody tr.ant-table-row').count()).toBe(tasks.length);
});

test('keyboard: j/k and the arrows move through the list with a visible focus, Enter opens, ? lists the keys', async () => {
  const { page } = session;
  await page.goto(`${WEB_URL()}/app/`);
  await inboxReady(page);
  const focusedRow = () =>
    page.evaluate<string | null>("document.activeElement?.getAttribute('data-inbox-row') ?? null");
  await page.keyboard.press('j');
  expect(await focusedRow()).toBe('0');
  await page.keyboard.press('ArrowDown');
  expect(await focusedRow()).toBe('1');
  await page.keyboard.press('k');
  expect(await focusedRow()).toBe('0');
  const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
  expect(outline).toBe('solid');
  expect(await page.locator('tr.inbox-selected').count()).toBe(1);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Phím tắt trong danh sách việc' });
  await help.waitFor();
  expect(await help.innerText()).toContain('Mở đề nghị đang chọn');
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });

  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${WEB_URL()}/app/nominations/${tasks[0]!.nominationId}`);
});

test('a saved view is kept on the server and opens by link for a colleague, on their own tasks', async () => {
  const { page } = session;
  const award = tasks[0]!.nomination.awardType;
  await page.goto(`${WEB_URL()}/app/?award=${award}`);
  await inboxReady(page);
  await page.getByLabel('Tên chế độ xem').fill('Bằng khen – khối Đảng');
  await page.getByTestId('view-save').click();
  await page.waitForURL(/view=[0-9a-f-]{36}/);
  const viewId = new URL(page.url()).searchParams.get('view')!;
  await page.getByTestId('view-current').filter({ hasText: 'Bằng khen – khối Đảng' }).waitFor();

  const colleague = 'nt-chairman';
  const other = await openBrowser();
  try {
    await signIn(other.page, colleague, `/app/?view=${viewId}`);
    await other.page.getByTestId('view-current').waitFor();
    expect(await other.page.getByTestId('view-current').innerText()).toContain(`chia sẻ bởi ${voter}`);
    await inboxReady(other.page);
    const theirs = (await pendingTasks(await token(colleague))).filter((t) => t.nomination.awardType === award);
    expect(await other.page.locator('[data-testid="inbox-table"] tbody tr.ant-table-row').count()).toBe(theirs.length);
  } finally {
    await other.close();
  }
});

test('the language switch turns the inbox into English and back', async () => {
  const { page } = session;
  await page.goto(`${WEB_URL()}/app/`);
  await inboxReady(page);
  await page.getByTestId('language-switch').getByText('EN').click();
  await page.getByRole('heading', { level: 1, name: 'My tasks' }).waitFor();
  expect(await page.locator('thead').innerText()).toContain('Time left');
  await page.getByTestId('language-switch').getByText('VI').click();
  await page.getByRole('heading', { level: 1, name: 'Việc cần xử lý' }).waitFor();
});

test('after an action, the inbox no longer shows the task (read-your-writes)', async () => {
  let head: { name: string; bearer: string; task: Task; count: number } | undefined;
  for (const name of NT_HEADS) {
    const bearer = await token(name);
    const mine = await pendingTasks(bearer);
    const task = mine.find((t) => t.action === 'vote');
    if (task) {
      head = { name, bearer, task, count: mine.length };
      break;
    }
  }
  if (!head) throw new Error('no demo unit head with a pending vote');
  const own = await openBrowser();
  try {
    const { page } = own;
    await signIn(page, head.name);
    await inboxReady(page);
    await page.locator(`a[href="/app/nominations/${head.task.nominationId}"]`).first().waitFor();
    // The nomination page's vote button is built elsewhere; until it exists the vote goes through the API.
    const response = await fetch(`${WEB_URL()}/nominations/${head.task.nominationId}/votes`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${head.bearer}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({ choice: 'approve' }),
    });
    expect(response.status).toBe(200);
    await page.reload();
    await inboxReady(page);
    expect(await page.locator(`a[href="/app/nominations/${head.task.nominationId}"]`).count()).toBe(0);
    const left = head.count - 1;
    if (left > 0) expect(await page.getByTestId('inbox-count').innerText()).toBe(String(left));
    else expect(await page.getByText('Không có việc nào đang chờ bạn.').isVisible()).toBe(true);
  } finally {
    await own.close();
  }
});

test('an expired token: sign in again in a dialog, the half-typed view name and the route are kept', async () => {
  const { page } = session;
  await page.goto(`${WEB_URL()}/app/?stage=BlockVote`);
  await inboxReady(page);
  await page.getByLabel('Tên chế độ xem').fill('Chưa lưu');
  let refused = false;
  await page.route('**/tasks?**', async (route) => {
    if (refused) return route.continue();
    refused = true;
    await route.fulfill({
      status: 401,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'INVALID_TOKEN', message: 'token expired', details: {} } }),
    });
  });
  const retried = page.waitForResponse((r) => r.url().includes('/tasks?') && r.status() === 200);
  await page.getByRole('button', { name: 'Tải lại' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Mật khẩu').waitFor();
  expect(refused).toBe(true);
  await dialog.getByLabel('Mật khẩu').fill(DEMO_PASSWORD());
  await dialog.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await retried;
  await dialog.waitFor({ state: 'hidden' });
  expect(await page.getByLabel('Tên chế độ xem').inputValue()).toBe('Chưa lưu');
  expect(new URL(page.url()).search).toBe('?stage=BlockVote');
  await page.unroute('**/tasks?**');
});

test('at phone width the inbox is a list of cards, readable, without horizontal scroll', async () => {
  const phone = await openBrowser();
  try {
    await phone.page.setViewportSize({ width: 390, height: 844 });
    await signIn(phone.page, voter);
    await inboxReady(phone.page);
    expect(await phone.page.getByTestId('inbox-card').count()).toBe(tasks.length);
    expect(await phone.page.locator('[data-testid="inbox-table"]').count()).toBe(0);
    const width = await phone.page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await phone.page.keyboard.press('j');
    expect(await phone.page.evaluate("document.activeElement?.getAttribute('data-inbox-row')")).toBe('0');
    // The whole page, the frame's wrapped header menu included.
    expect(await accessibilityViolations(phone.page)).toEqual([]);
    await phone.page.evaluate('document.activeElement?.blur()');
    await screenshot(phone.page, '02-inbox-phone');
  } finally {
    await phone.close();
  }
});
