/// <reference lib="dom" />
import { expect, test } from './support/fixtures.js';
import { submitPassword } from './support/demo.js';

test.describe('the installable app', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('has a manifest and a service worker, and opens offline with the shell', async ({
    page,
    context,
    guard,
  }) => {
    const manifest = await page.request.get('/manifest.webmanifest');
    expect(manifest.ok()).toBe(true);
    const app = (await manifest.json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { sizes: string; purpose?: string }[];
    };
    expect(app.name).toContain('一次办');
    expect(app.start_url).toBe('/');
    expect(app.display).toBe('standalone');
    expect(app.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(app.icons.some((i) => i.purpose === 'maskable')).toBe(true);

    await submitPassword(page, 'citizen1');
    await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
      'href',
      '/manifest.webmanifest',
    );
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe('/');

    // Offline, the shell still opens from the service worker's cache and says what is wrong.
    guard.allowNetworkFailure('/api/v1/session');
    await page.evaluate(async () => {
      // The first load installed the worker; wait until it controls the page.
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) =>
          navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
        );
      }
    });
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { name: '无法确认登录状态' })).toBeVisible();
    await expect(page.getByRole('button', { name: '重试' })).toBeVisible();
    await context.setOffline(false);
    await page.getByRole('button', { name: '重试' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  });
});
