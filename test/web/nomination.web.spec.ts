import { createHash } from 'node:crypto';
import type { Page, Request } from 'playwright-core';
import { accessibilityViolations, openBrowser, screenshot, signIn, WEB_URL, type Session } from './support/browser';

/**
 * The Must-show: one nomination from draft to decision, clicked through in
 * Vietnamese by each role from its own sign-in (the Ninh Thuận Party agencies
 * block of the demo data; test/support/api-harness.ts `NT`). Each role opens
 * the nomination from its own inbox (Việc cần xử lý), as a person would.
 */
const NT = {
  officer: 'nt-officer-party-office',
  head: 'nt-head-party-office',
  voters: [
    'nt-head-propaganda',
    'nt-head-inspection',
    'nt-head-organisation',
    'nt-head-mass-mobilisation',
    'nt-head-newspaper',
    'nt-head-internal-affairs',
    'nt-head-political-school',
  ],
  council: [
    'nt-council-home-affairs',
    'nt-council-ppc-office',
    'nt-council-finance',
    'nt-council-labour',
    'nt-council-front',
  ],
  chairman: 'nt-chairman',
} as const;

jest.setTimeout(600_000);
let session: Session;

beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

const year =
  Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date())) - 1;
const todayInVietnam = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
}).format(new Date());

async function as(page: Page, username: string, path: string): Promise<void> {
  await page.evaluate('sessionStorage.clear()').catch(() => undefined);
  await signIn(page, username, path);
}

async function openNomination(page: Page, username: string, id: string): Promise<void> {
  if (!id) throw new Error('no nomination: the draft step failed');
  await as(page, username, '/app/');
  // The task appears once the inbox projection has the previous role's action (milliseconds): ask again until then.
  const task = page.locator(`a[data-inbox-row][href$="/nominations/${id}"]`);
  for (let attempt = 0; attempt < 40 && (await task.count()) === 0; attempt++) {
    await page.waitForTimeout(250);
    await page.getByRole('button', { name: 'Tải lại' }).click();
  }
  await task.first().click();
  await page.getByTestId('action-panel').waitFor();
  expect(new URL(page.url()).pathname).toBe(`/app/nominations/${id}`);
}

/**
 * The draft form's own save status reaches "saved". A failed save is retried
 * with the form's retry button; a form still "incomplete" (a dropdown click
 * lost while the machine was busy) gets its required fields again. What the
 * status said is printed, so a slow or refused save explains itself.
 */
async function waitUntilSaved(page: Page, refill: () => Promise<void>): Promise<void> {
  const saved = page.locator('[data-save="saved"]');
  for (let attempt = 0; attempt < 6; attempt++) {
    if (
      await saved.waitFor({ timeout: 20_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
    const status = page.locator('[data-save]').first();
    const state = await status.getAttribute('data-save').catch(() => null);
    process.stdout.write(`draft not saved yet (${state}): ${await status.innerText().catch(() => '')}\n`);
    if (state === 'failed') await status.getByRole('button').first().click();
    if (state === 'incomplete') await refill();
  }
  await saved.waitFor({ timeout: 30_000 });
}

async function stage(page: Page, expected: string): Promise<void> {
  await page.locator(`[data-stage="${expected}"]`).waitFor({ timeout: 30_000 });
}

async function chooseOption(page: Page, label: string | RegExp, option: string): Promise<void> {
  const select = page.getByLabel(label, { exact: typeof label === 'string' });
  await select.click();
  // The dropdown of this select (its listbox is `<id>_list`), not another one still fading out.
  const id = await select.getAttribute('id');
  await page.locator(`.ant-select-dropdown:has([id="${id}_list"])`).getByTitle(option, { exact: true }).click();
}

const files = ['To-trinh-de-nghi.pdf', 'Bao-cao-thanh-tich.pdf', 'Bien-ban-hop-hoi-dong.pdf'].map((name, i) => {
  const buffer = Buffer.from(`%PDF-1.4 Laurel ${name} ${i} ${'x'.repeat(1000 * (i + 1))}`);
  return { name, mimeType: 'application/pdf', buffer, sha256: createHash('sha256').update(buffer).digest('hex') };
});

let nominationId = '';

test('the unit officer drafts in the form: saved as typed, each file hashed in the browser', async () => {
  const { page } = session;
  await as(page, NT.officer, '/app/draft');
  await page.getByRole('heading', { name: 'Lập đề nghị khen thưởng' }).waitFor();
  await page.locator('[data-save="incomplete"]').waitFor();

  const required = async () => {
    await page.getByLabel('Họ và tên', { exact: true }).fill('Trần Thị Bích Ngọc');
    await chooseOption(page, 'Hình thức khen thưởng', 'Bằng khen của Chủ tịch UBND tỉnh');
    await page
      .getByLabel('Tóm tắt thành tích', { exact: true })
      .fill('Hai năm liền Chiến sĩ thi đua cơ sở; chủ trì số hoá hồ sơ lưu trữ của Văn phòng.');
  };
  await page.getByLabel('Chức vụ', { exact: true }).fill('Chuyên viên');
  await page.getByText('Trực tiếp lao động, công tác').click();
  await required();
  // The first save creates the draft on the server (a fresh stack's first workflow start can be slow).
  await waitUntilSaved(page, required);
  await page.waitForURL(/\/app\/draft\/[^/]+$/);
  nominationId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

  await page.getByRole('button', { name: 'Thêm danh hiệu' }).click();
  await page.getByRole('button', { name: 'Thêm danh hiệu' }).click();
  await page.getByLabel('Năm của danh hiệu 1', { exact: true }).fill(String(year - 1));
  await chooseOption(page, 'Danh hiệu 1', 'Chiến sĩ thi đua cơ sở');
  await page.getByLabel('Năm của danh hiệu 2', { exact: true }).fill(String(year));
  await chooseOption(page, 'Danh hiệu 2', 'Chiến sĩ thi đua cơ sở');
  await page.getByRole('button', { name: 'Thêm xếp loại' }).click();
  await chooseOption(page, 'Xếp loại 1', 'Hoàn thành xuất sắc nhiệm vụ');

  await page
    .locator('input[type=file]')
    .setInputFiles(files.map(({ name, mimeType, buffer }) => ({ name, mimeType, buffer })));
  for (const file of files) await page.locator(`[data-sha256="${file.sha256}"]`).waitFor();
  expect(await page.getByText('Tệp được giữ tại đơn vị').isVisible()).toBe(true);
  // The kinds follow the usual order; the officer could change them.
  expect(
    await page
      .getByLabel('Loại tài liệu 3', { exact: true })
      .locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')
      .innerText(),
  ).toContain('Biên bản họp Hội đồng TĐ-KT đơn vị');

  // A Vietnamese validation message, then fixed.
  await page.getByLabel('Họ và tên', { exact: true }).fill('');
  await page.getByText('Vui lòng nhập tên đối tượng.').waitFor();
  await page.getByLabel('Họ và tên', { exact: true }).fill('Trần Thị Bích Ngọc');
  await page.getByRole('button', { name: 'Lưu ngay' }).click();
  await page.locator('[data-save="saved"]').waitFor({ timeout: 30_000 });
  expect(await page.locator('[data-save="saved"]').innerText()).toMatch(/Đã lưu lúc \d{2}:\d{2}/);

  // Let the clicked button's wave animation end: mid-animation its colours are in between.
  await page.waitForTimeout(800);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.evaluate('window.scrollTo(0, 0)');
  await screenshot(page, '04-draft');
});

test('the unit head submits; the own-unit vote is refused with its reason in Vietnamese', async () => {
  const { page } = session;
  await openNomination(page, NT.head, nominationId);
  await stage(page, 'Draft');
  // The documents on the page are the ones hashed in the browser.
  for (const file of files) await page.locator(`[data-testid="evidence"] [data-sha256="${file.sha256}"]`).waitFor();
  await page.getByRole('button', { name: /^Trình hồ sơ/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Trình hồ sơ', exact: true }).click();
  await stage(page, 'BlockVote');
  await page.getByTestId('action-done').waitFor();

  const refusal = page.locator('[data-refusal-code="OWN_UNIT_VOTE"]');
  await refusal.waitFor();
  expect(await refusal.innerText()).toContain('Đơn vị không bỏ phiếu cho hồ sơ của chính mình.');
  const vote = page.getByRole('button', { name: /^Bỏ phiếu/ });
  expect(await vote.isDisabled()).toBe(true);
  expect(await vote.getAttribute('aria-describedby')).toBe('reason-CastBlockVote');
  expect(await page.getByTestId('eligibility').innerText()).toContain('Điều 74');
});

test('each member unit head votes: a double click acts once, a 503 retried with the same key, one by keyboard only, one on a phone', async () => {
  const { page } = session;
  const [first, second, third, phone, ...rest] = NT.voters;

  // A double click on "send" casts one vote.
  await openNomination(page, first, nominationId);
  const posts: Request[] = [];
  const listener = (r: Request) => {
    if (r.method() === 'POST' && r.url().includes('/votes')) posts.push(r);
  };
  page.on('request', listener);
  await page.getByRole('button', { name: /^Bỏ phiếu/ }).click();
  await page.getByRole('dialog').getByText('Đồng ý', { exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Gửi phiếu' }).dblclick();
  await page.getByTestId('action-done').waitFor();
  await page.locator('[data-refusal-code="ALREADY_VOTED"]').waitFor();
  page.off('request', listener);
  expect(posts).toHaveLength(1);

  // The server is briefly unavailable: the retry sends the same Idempotency-Key.
  await openNomination(page, second, nominationId);
  const keys: string[] = [];
  let failOnce = true;
  await page.route('**/nominations/*/votes', async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (failOnce) {
      failOnce = false;
      await route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'TEMPORAL_UNAVAILABLE', message: 'unavailable', details: {} } }),
      });
      return;
    }
    await route.continue();
  });
  await page.getByRole('button', { name: /^Bỏ phiếu/ }).click();
  await page.getByRole('dialog').getByText('Không biểu quyết', { exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Gửi phiếu' }).click();
  await page.locator('[data-error-code="TEMPORAL_UNAVAILABLE"]').waitFor();
  await page.getByRole('button', { name: /Thử lại \(cùng yêu cầu/ }).click();
  await page.getByTestId('action-done').waitFor();
  await page.unroute('**/nominations/*/votes');
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);

  // Keyboard only: `v` opens the vote, Space picks "Đồng ý", Tab to the comment and on to "Gửi phiếu", Enter sends.
  await openNomination(page, third, nominationId);
  await page.keyboard.press('v');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Nhất trí đề nghị của Văn phòng Tỉnh ủy.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement?.textContent')).toBe('Gửi phiếu');
  await page.keyboard.press('Enter');
  await page.getByTestId('action-done').waitFor();
  // Esc closes a form without acting.
  await page.keyboard.press('?');
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });

  // At phone width the vote is usable, without horizontal scrolling.
  // (Signed in at desktop width: the shell hides the user's name in a phone's header, which the sign-in helper waits for.)
  await openNomination(page, phone, nominationId);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: /^Bỏ phiếu/ }).click();
  await page.getByRole('dialog').getByText('Đồng ý', { exact: true }).click();
  await page.getByRole('dialog').getByLabel('Ý kiến (không bắt buộc)', { exact: true }).fill('Đồng ý.');
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await screenshot(page, '03-nomination-vote-phone');
  await page.getByRole('dialog').getByRole('button', { name: 'Gửi phiếu' }).click();
  await page.getByTestId('action-done').waitFor();
  await page.setViewportSize({ width: 1366, height: 768 });

  for (const voter of rest) {
    await openNomination(page, voter, nominationId);
    await page.getByRole('button', { name: /^Bỏ phiếu/ }).click();
    await page.getByRole('dialog').getByText('Đồng ý', { exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Gửi phiếu' }).click();
    await page.getByTestId('action-done').waitFor();
  }
  // The last vote closed it: the tally shows, and the council review is open.
  await stage(page, 'CouncilReview');
  expect(await page.getByTestId('block-tally').innerText()).toContain('Đạt');
});

test('each council member gives an opinion', async () => {
  const { page } = session;
  for (const [i, member] of NT.council.entries()) {
    await openNomination(page, member, nominationId);
    await page.getByRole('button', { name: /^Cho ý kiến Hội đồng/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Đồng ý', { exact: true }).click();
    await dialog.getByLabel('Ý kiến (không bắt buộc)', { exact: true }).fill('Đủ tiêu chuẩn theo Điều 74.');
    if (i === 0) {
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, '03-nomination-actions');
    }
    await dialog.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await page.getByTestId('action-done').waitFor();
  }
  await stage(page, 'ProvincialDecision');
});

test('the chairman decides by keyboard alone: `d`, the number, Enter, Enter to confirm; the page shows Awarded', async () => {
  const { page } = session;
  await openNomination(page, NT.chairman, nominationId);
  await stage(page, 'ProvincialDecision');
  await page.keyboard.press('d');
  await page.getByRole('dialog').waitFor();
  await page.keyboard.type('163/QĐ-UBND');
  await page.keyboard.press('Enter');
  await page.locator('.ant-modal-confirm-title', { hasText: 'Ban hành quyết định?' }).waitFor();
  // The confirmation takes the focus once its opening animation ends (on OK or on Cancel: Tab moves to OK).
  await page.waitForFunction("document.activeElement?.closest('.ant-modal-confirm-btns') != null");
  await page.waitForTimeout(400);
  if ((await page.evaluate('document.activeElement?.textContent')) !== 'Ban hành') await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement?.textContent')).toBe('Ban hành');
  await page.keyboard.press('Enter');
  await page.locator('[data-outcome="Awarded"]').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('stage-tag').innerText()).toBe('Được khen thưởng');
  expect(await page.getByTestId('decision-number').innerText()).toBe('163/QĐ-UBND');
  expect(await page.getByTestId('decision-date').innerText()).toBe(todayInVietnam);
  await page.getByRole('link', { name: 'Về Việc cần xử lý' }).waitFor();
  // The confirmation fades out (its button half-transparent meanwhile): check the page once it has gone.
  await page.locator('.ant-modal-confirm').waitFor({ state: 'hidden' });
  await page
    .locator('.ant-modal-wrap:visible')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.evaluate('window.scrollTo(0, 0)');
  await screenshot(page, '03-nomination');
});

test('the page reads in English one click away', async () => {
  const { page } = session;
  await page.getByTestId('language-switch').getByText('EN').click();
  await page.getByRole('heading', { name: 'Decision' }).waitFor();
  expect(await page.getByTestId('stage-tag').innerText()).toBe('Awarded');
  await page.getByTestId('language-switch').getByText('VI').click();
  expect(WEB_URL()).toMatch(/^http/);
});
