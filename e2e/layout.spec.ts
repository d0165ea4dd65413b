/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { expect, saveScreenshot, test } from './support/fixtures.js';
import { DEMO_PASSWORD, submitPassword, type ErrorBody } from './support/demo.js';

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test.describe('on a 375-px phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the citizen home fits without horizontal scroll and the menu opens from the drawer', async ({
    page,
  }) => {
    await page.goto('/login');
    await expect(page.getByRole('button', { name: /登录/ })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await submitPassword(page, 'citizen1');
    await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // No sider on a phone: the navigation lives in the drawer.
    await expect(page.getByRole('navigation', { name: '主导航' })).toHaveCount(0);

    await page.getByRole('button', { name: '打开菜单' }).click();
    const drawer = page.getByRole('dialog', { name: '菜单' });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByRole('button', { name: '退出登录' })).toBeVisible();
    await saveScreenshot(page, 'drawer open');
    await drawer.getByRole('link', { name: '我的证照' }).click();

    await expect(drawer).toBeHidden();
    await expect(page).toHaveURL('/wallet');
    // The wallet is built now (issue #12): its own page, not the placeholder of an area.
    await expect(page.getByRole('heading', { level: 1, name: '我的电子证照' })).toBeVisible();
    await expect(page.getByText('此功能正在建设中')).toHaveCount(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });
});

test.describe('language', () => {
  test('switching to English changes the page and the server messages', async ({ page, guard }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    // The server answers in the language the page asks for (Accept-Language).
    guard.allowHttpError('/api/v1/auth/login', 401);
    const refused = page.waitForResponse('**/api/v1/auth/login');
    await page.getByLabel('Username', { exact: true }).fill('citizen1');
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const body = (await (await refused).json()) as ErrorBody;
    await expect(page.getByRole('alert')).toHaveText(body.error.message);
    expect(body.error.message).toMatch(/[A-Za-z]/);
    expect(body.error.message).not.toMatch(/[\u4e00-\u9fff]/);

    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Service hall' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'My wallet' }).first()).toBeVisible();

    // The choice is remembered (English is fetched before the first render).
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Service hall' })).toBeVisible();
    // A desk page fetches its own messages, in the language chosen; switching back restores
    // Chinese on it too.
    await page.getByRole('link', { name: 'My wallet' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'My e-credentials' })).toBeVisible();
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '我的电子证照' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });
});
