// The documents screen in the browser, as the Board's officer, in Vietnamese,
// on the shared stack's demo data: the decision 163/QĐ-UBND built from the
// record, the SHA-256 shown equal to that of the file downloaded, the
// nominations it is recorded in linked; then a certificate blank's offsets
// changed as a new version and the certificates printed. Axe clean on both.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { accessibilityViolations, openBrowser, screenshot, signIn, type Session } from './support/browser';

jest.setTimeout(300_000);
const DECISION = '163/QĐ-UBND';

let session: Session;

beforeAll(async () => {
  session = await openBrowser();
  await signIn(session.page, 'nt-board-officer', '/app/documents');
});

afterAll(async () => {
  await session?.close();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test('builds the decision: the SHA-256 shown is the downloaded file’s, recorded in each nomination', async () => {
  const { page } = session;
  await page.getByRole('heading', { level: 1, name: 'Văn bản và bằng khen' }).waitFor();
  await page.locator('[data-nav="documents"]').waitFor();
  await page.getByRole('tabpanel').getByLabel('Số quyết định').fill(DECISION);
  await page.getByTestId('issue-document').click();
  const shown = page.getByTestId('sha256-pdf');
  await shown.waitFor({ timeout: 60_000 });
  const pdfSha = (await shown.innerText()).trim();
  expect(pdfSha).toMatch(/^[0-9a-f]{64}$/);
  const docxSha = (await page.getByTestId('sha256-docx').innerText()).trim();

  for (const [format, expected] of [
    ['pdf', pdfSha],
    ['docx', docxSha],
  ] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(`download-${format}`).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^decision-[0-9a-f]{32}\\.${format}$`));
    const bytes = await readFile((await download.path())!);
    expect(sha256(bytes)).toBe(expected);
  }
  await page.getByText('✓ Khớp SHA-256').first().waitFor();
  expect(await page.getByText('✓ Khớp SHA-256').count()).toBe(2);

  const links = page.locator('a[href^="/app/nominations/"]');
  expect(await links.count()).toBeGreaterThan(0);
  await page.getByText(/Mã SHA-256 của các tệp có trong \d+ hồ sơ/).waitFor();

  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, '07-documents');
});

test('moves a field on the certificate blank as a new version, then prints the decision’s certificates', async () => {
  const { page } = session;
  await page.getByRole('tab', { name: 'In phôi bằng khen' }).click();
  const y = page.getByLabel('Họ và tên / tên tập thể: y (mm)');
  await y.waitFor();
  await y.fill('95');
  await page.getByTestId('save-offsets').click();
  await page.getByText(/Đã lưu phiên bản \d+\./).waitFor();

  await page.getByRole('tabpanel').getByLabel('Số quyết định').fill(DECISION);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-certificates').click()]);
  expect(download.suggestedFilename()).toMatch(/^certificates-163-QD-UBND-bang-khen-a4-ngang-v\d+\.pdf$/);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await page.getByText(/^Đã tạo certificates-/).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, '07-documents-certificates');
});
