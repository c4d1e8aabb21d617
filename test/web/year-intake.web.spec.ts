import { createHash } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('the year on screen: campaigns, dossiers, an import refused row by row, a list submitted with progress', () => {
  it('shows the Board its campaigns with their windows and quotas', async () => {
    const { page } = session;
    await signIn(page, 'nt-board-officer', '/app/campaigns');
    await page.getByRole('heading', { name: 'Đợt thi đua', level: 1 }).waitFor();
    await page.getByText('Phong trào thi đua yêu nước').first().waitFor();
    await page.getByText('Còn lại').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '10-campaigns');
  });

  it("names a bad row of an imported list, then shows the unit's dossier and submits it with progress", async () => {
    const { page } = session;
    await signOutAll();
    await signIn(page, 'nt-officer-propaganda', '/app/dossiers');
    await page.getByRole('heading', { name: /Hồ sơ đề nghị khen thưởng theo danh sách/, level: 1 }).waitFor();
    await page.getByTestId('dossier-list').getByText('Ban Tuyên giáo Tỉnh ủy').first().waitFor();

    // A list with an impossible date: refused by its row, nothing created.
    const dir = mkdtempSync(join(tmpdir(), 'laurel-list-'));
    const file = join(dir, 'danh-sach-loi.csv');
    writeFileSync(
      file,
      '\uFEFFSTT,Cá nhân/Tập thể (*),Họ và tên/Tên tập thể (*),Ngày sinh,Chức vụ,Hình thức khen thưởng (*),Tóm tắt thành tích (*),Năm đạt CSTĐCS,Năm HTXSNV\r\n' +
        '1,Cá nhân,Trần Văn Lỗi,31/02/1985,Chuyên viên,Bằng khen,Hai năm liền đạt CSTĐCS.,2024;2025,\r\n',
    );
    await page.getByTestId('import-campaign').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.locator('input[type=file][accept=".xlsx,.csv"]').setInputFiles(file);
    // A document for the whole list: hashed in the browser, only its digest sent.
    const letter = join(dir, 'to-trinh.pdf');
    const letterText = 'Tờ trình đề nghị khen thưởng';
    writeFileSync(letter, letterText);
    await page.locator('input[type=file]:not([accept=".xlsx,.csv"])').setInputFiles(letter);
    const digest = createHash('sha256').update(letterText, 'utf8').digest('hex');
    await page.locator(`[data-sha256="${digest}"]`).waitFor();
    await page.getByRole('button', { name: 'Kiểm tra và lập đề nghị' }).click();
    await page.getByTestId('import-problems').getByText('Ngày "31/02/1985" không có thật').waitFor();
    await page.getByTestId('import-problems').scrollIntoViewIfNeeded();
    await screenshot(page, '11-dossier-import-refused');

    await page.getByTestId('dossier-list').getByText('Ban Tuyên giáo Tỉnh ủy').first().click();
    await page.getByTestId('dossier-items').getByText('Chế Thị Hoa').waitFor();
    await page.getByTestId('dossier-detail').scrollIntoViewIfNeeded();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '12-dossier');

    await signOutAll();
    await signIn(page, 'nt-head-propaganda', '/app/dossiers');
    await page.getByTestId('dossier-list').getByText('Ban Tuyên giáo Tỉnh ủy').first().click();
    await page.getByRole('button', { name: 'Trình cả danh sách' }).click();
    await page.getByRole('button', { name: /^(OK|Đồng ý)$/ }).click();
    await page
      .getByTestId('batch-progress')
      .getByText(/Đã trình 17\/17 đề nghị/)
      .waitFor();
    await screenshot(page, '13-dossier-submitted');
  });
});
