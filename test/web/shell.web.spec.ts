import { accessibilityViolations, openBrowser, screenshot, signIn, WEB_URL, type Session } from './support/browser';

jest.setTimeout(120_000);
let session: Session;

beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

test('`/` leads to the web app, in Vietnamese, with security headers, from Laurel itself', async () => {
  const { page } = session;
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const response = await page.goto(`${WEB_URL()}/`);
  expect(page.url()).toBe(`${WEB_URL()}/app/`);
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  await expect(page.getByRole('heading', { name: 'Đăng nhập' }).isVisible()).resolves.toBe(true);
  expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  // Fonts and scripts come from Laurel's own origin, never a CDN.
  expect(requests.filter((url) => !url.startsWith(WEB_URL()))).toEqual([]);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, '01-sign-in');
});

test('a wrong password is refused in Vietnamese with its code; English is one click away', async () => {
  const { page } = session;
  await page.goto(`${WEB_URL()}/app/`);
  await page.getByLabel('Tên đăng nhập').fill('nt-chairman');
  await page.getByLabel('Mật khẩu').fill('not-the-password');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'INVALID_CREDENTIALS' });
  await alert.waitFor();
  expect(await alert.innerText()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');

  await page.getByTestId('language-switch').getByText('EN').click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  await page.getByTestId('language-switch').getByText('VI').click();
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
});

test('signing in keeps the address the user asked for', async () => {
  const { page } = session;
  await page.evaluate('sessionStorage.clear()');
  await signIn(page, 'nt-head-newspaper', '/app/overview');
  expect(new URL(page.url()).pathname).toBe('/app/overview');
  expect(await page.getByTestId('current-user').innerText()).toContain('Thủ trưởng đơn vị');
});
