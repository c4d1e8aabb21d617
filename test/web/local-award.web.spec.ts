/**
 * The draft form offers the awards in effect for the user's block (GET /awards):
 * the Party agencies block's own certificate, by its Vietnamese name, with its
 * conditions in words once chosen; a unit of that block drafts it.
 */
import type { Page } from 'playwright-core';
import { openBrowser, signIn, type Session } from './support/browser';

const OFFICER = 'nt-officer-party-office';
const CERTIFICATE = 'Giấy khen của Đảng ủy Khối: 3 năm liền hoàn thành xuất sắc nhiệm vụ';

jest.setTimeout(300_000);
let session: Session;

beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

async function awardSelect(page: Page) {
  const select = page.getByLabel('Hình thức khen thưởng', { exact: true });
  await select.click();
  const id = await select.getAttribute('id');
  return page.locator(`.ant-select-dropdown:has([id="${id}_list"])`);
}

test("the block's certificate is offered by its Vietnamese name, with its conditions", async () => {
  const { page } = session;
  await signIn(page, OFFICER, '/app/draft');
  await page.getByRole('heading', { name: 'Lập đề nghị khen thưởng' }).waitFor();
  const dropdown = await awardSelect(page);
  await dropdown.getByTitle('Bằng khen của Chủ tịch UBND tỉnh', { exact: true }).waitFor();
  await dropdown.getByTitle(CERTIFICATE, { exact: true }).click();
  await page.getByText('Điều kiện: 3 năm liên tục được đánh giá hoàn thành xuất sắc nhiệm vụ').waitFor();
  // The chosen value shows in the form itself (the dropdown is portalled outside it).
  const chosen = page.getByTestId('draft-form').getByTitle(CERTIFICATE, { exact: true });
  await chosen.waitFor();
  expect(await chosen.count()).toBe(1);
});
