import fs from 'node:fs';
import path from 'node:path';
import {
  test as base,
  expect,
  type ConsoleMessage,
  type Page,
  type TestInfo,
} from '@playwright/test';

export { expect };

/** Lets a test declare the HTTP error answers it provokes on purpose. */
export interface PageGuard {
  /**
   * Chromium logs every 4xx/5xx answer as a console error ("Failed to load resource");
   * a test that provokes one (a refused login) declares it here, and only that one passes.
   */
  allowHttpError(pathname: string, status: number): void;
  /** Lets a request to `pathname` fail at the network level (a test cuts the connection). */
  allowNetworkFailure(pathname: string): void;
  /** Watches another page (of a second browser context) for console errors too. */
  watch(page: Page): void;
}

const SCREENSHOT_DIR = path.join(import.meta.dirname, '..', 'screenshots');
const FAILED_RESOURCE = /^Failed to load resource: the server responded with a status of (\d{3})/;
const FAILED_NETWORK = /^Failed to load resource: net::ERR_/;

function slug(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
}

function screenshotPath(info: TestInfo, moment?: string): string {
  const file = path.basename(info.file).replace(/\.spec\.ts$/, '');
  const name = [file, slug(info.title), ...(moment ? [slug(moment)] : [])].join('--');
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}

/** Saves a screenshot of a moment inside a test (the guard saves the final state itself). */
export async function saveScreenshot(page: Page, moment: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: screenshotPath(test.info(), moment), animations: 'disabled' });
}

function isAllowed(message: ConsoleMessage, allowed: Set<string>): boolean {
  const url = message.location().url;
  if (!url) return false;
  const pathname = new URL(url).pathname;
  if (FAILED_NETWORK.test(message.text())) return allowed.has(`${pathname} network`);
  const status = FAILED_RESOURCE.exec(message.text())?.[1];
  return Boolean(status) && allowed.has(`${pathname} ${status}`);
}

/**
 * The test with an automatic guard on every page: it collects console errors and uncaught
 * exceptions and fails the test if there were any, and it saves a full-page screenshot of
 * the final state under e2e/screenshots/.
 */
export const test = base.extend<{ guard: PageGuard }>({
  guard: [
    async ({ page }, use, testInfo) => {
      // Nothing is allowed by default: even a visitor's session probe answers 200.
      const allowed = new Set<string>();
      const problems: string[] = [];
      const watch = (watched: Page) => {
        watched.on('console', (message) => {
          if (message.type() !== 'error' || isAllowed(message, allowed)) return;
          problems.push(`console error: ${message.text()} (${message.location().url})`);
        });
        watched.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
      };
      watch(page);

      await use({
        allowHttpError: (pathname, status) => allowed.add(`${pathname} ${status}`),
        allowNetworkFailure: (pathname) => allowed.add(`${pathname} network`),
        watch,
      });

      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      if (!page.isClosed()) {
        await page.screenshot({
          path: screenshotPath(testInfo),
          fullPage: true,
          animations: 'disabled',
        });
      }
      expect(problems, 'console errors or uncaught exceptions on the page').toEqual([]);
    },
    { auto: true },
  ],
});
