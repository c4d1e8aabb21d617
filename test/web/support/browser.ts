import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (scripts/install-chromium.sh); Playwright never downloads a browser here. */
export const CHROMIUM = process.env.LAUREL_CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const WEB_URL = (): string => {
  const url = process.env.LAUREL_WEB_URL;
  if (!url) throw new Error('LAUREL_WEB_URL is not set: the web project global setup starts the stack');
  return url;
};
export const DEMO_PASSWORD = (): string => process.env.LAUREL_WEB_PASSWORD ?? 'web-test-password';
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

export type Session = {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
};

/**
 * A fresh headless Chromium with its own user-data folder. The browser's own
 * time zone is UTC on purpose: every date on screen must still be Vietnam's.
 */
export async function openBrowser(
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'laurel-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: options.viewport ?? { width: 1366, height: 768 },
    locale: options.locale ?? 'vi-VN',
    timezoneId: 'UTC',
  });
  // Generous waits: on two shared cores a fresh stack's first workflow starts can take a while.
  context.setDefaultTimeout(60_000);
  const browser = context.browser() as Browser;
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    browser,
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the sign-in form, as a person would. */
export async function signIn(page: Page, username: string, path = '/app/'): Promise<void> {
  await page.goto(`${WEB_URL()}${path}`);
  await page.getByLabel(/Tên đăng nhập|User name/).fill(username);
  await page.getByLabel(/Mật khẩu|Password/).fill(DEMO_PASSWORD());
  await page.getByRole('button', { name: /^(Đăng nhập|Sign in)$/ }).click();
  await page.getByTestId('current-user').waitFor();
}

/** Serious and critical WCAG 2.2 A/AA violations on the page as it is now. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Colours as they settle, not halfway through a button's or a tag's CSS transition.
  await page.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
  });
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
