import { accessibilityViolations, openBrowser, screenshot, signIn, type Session } from './support/browser';

jest.setTimeout(300_000);
let session: Session;

beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

async function signOutAll(): Promise<void> {
  await session.context.clearCookies();
  await session.page.evaluate('sessionStorage.clear()');
}

/** A chosen option's dropdown still closing holds an unnamed listbox: axe judges the page once it has gone. */
async function dropdownsClosed(): Promise<void> {
  await session.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'detached' });
}

describe('the start of the year on screen: registrations, the covenant, the block leader', () => {
  it('lets a unit officer register an individual for a title and lists the entry', async () => {
    const { page } = session;
    await signIn(page, 'nt-officer-propaganda', '/app/year-start');
    await page.getByRole('heading', { name: 'Đăng ký thi đua đầu năm', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Đăng ký danh hiệu' }).waitFor();
    await page.getByRole('heading', { name: /Danh sách đăng ký năm \d{4} — Ban Tuyên giáo Tỉnh ủy/ }).waitFor();

    const form = page.getByTestId('registration-form');
    // By its type, not its name: antd's leaving loading icon can stay in the DOM,
    // labelled "loading", after a refusal, and that label joins the button's name.
    const submit = form.locator('button[type="submit"]', { hasText: 'Đăng ký' });
    await form.getByLabel('Họ và tên/Tên tập thể').fill('Phạm Thị Thu Hà');
    await form.getByLabel('Mã cá nhân (không bắt buộc)').fill('TG-0042');
    // A collective's title for an individual: the API's refusal, with its code, and nothing listed.
    await form.getByLabel('Danh hiệu', { exact: true }).click();
    await page.locator('.ant-select-item-option[title="Tập thể lao động tiên tiến"]').click();
    await submit.click();
    await form.locator('[data-error-code="AWARD_NOT_FOR_NOMINEE_KIND"]').waitFor();
    expect(await page.getByTestId('registration-list').getByText('Phạm Thị Thu Hà').count()).toBe(0);

    await form.getByLabel('Danh hiệu', { exact: true }).click();
    await page.locator('.ant-select-item-option[title="Lao động tiên tiến"]').click();
    await submit.click();

    const row = page.getByTestId('registration-list').getByRole('row', { name: /Phạm Thị Thu Hà/ });
    await row.waitFor();
    await row.getByText('Lao động tiên tiến', { exact: true }).waitFor();
    await row.getByText('TG-0042').waitFor();
    await page.getByText('Đã đăng ký Phạm Thị Thu Hà.').waitFor();
    expect(await form.locator('[data-error-code]').count()).toBe(0);
    await dropdownsClosed();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '21-year-start-registrations');
  });

  it("lets a unit head sign the block's covenant and shows the unit among the signed", async () => {
    const { page } = session;
    await signOutAll();
    await signIn(page, 'nt-head-newspaper', '/app/year-start');
    await page.getByRole('tab', { name: 'Giao ước thi đua' }).click();
    await page.getByRole('heading', { name: /Giao ước thi đua năm \d{4} — Khối các cơ quan Đảng/ }).waitFor();
    await page.getByTestId('covenant-missing').getByText('Báo Ninh Thuận').waitFor();

    await page.getByRole('button', { name: 'Ký giao ước' }).click();
    await page.getByRole('button', { name: /^(OK|Đồng ý)$/ }).click();
    await page
      .getByTestId('covenant-signed')
      .getByRole('row', { name: /Báo Ninh Thuận/ })
      .waitFor();
    await page.getByText(/Đơn vị đã ký giao ước thi đua năm \d{4}\./).waitFor();
    expect(await page.getByTestId('covenant-missing').getByText('Báo Ninh Thuận').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ký giao ước' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '22-year-start-covenant');
  });

  it("lets a board officer record the block's leader and shows it as this year's", async () => {
    const { page } = session;
    await signOutAll();
    await signIn(page, 'nt-board-officer', '/app/year-start');
    await page.getByRole('tab', { name: 'Trưởng khối' }).click();
    // The Board picks one of its province's blocks; the Party block is Ninh Thuận's.
    await page.getByLabel('Khối thi đua').click();
    await page.locator('.ant-select-item-option[title="Khối các cơ quan Đảng tỉnh Ninh Thuận"]').click();
    await page.getByRole('heading', { name: 'Trưởng khối — Khối các cơ quan Đảng tỉnh Ninh Thuận' }).waitFor();

    // The unit the demo's block-leader account belongs to, so that account keeps acting.
    const form = page.getByTestId('leader-form');
    await form.getByLabel('Đơn vị trưởng khối').click();
    await page.locator('.ant-select-item-option[title="Ban Tổ chức Tỉnh ủy"]').click();
    await form.getByRole('button', { name: 'Ghi nhận', exact: true }).click();

    await page.getByText('Đã ghi nhận Ban Tổ chức Tỉnh ủy làm trưởng khối.').waitFor();
    await page.getByTestId('leader-current').getByText('Ban Tổ chức Tỉnh ủy').waitFor();
    await page
      .getByTestId('leader-history')
      .getByRole('row', { name: /Ban Tổ chức Tỉnh ủy/ })
      .waitFor();
    await dropdownsClosed();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '23-year-start-leaders');
  });
});
