import { expect, saveScreenshot, test } from './support/fixtures.js';
import {
  nextLogin,
  signInStaff,
  submitPassword,
  totpCode,
  type ErrorBody,
} from './support/demo.js';

test.describe('signing in', () => {
  test('a citizen signs in and sees the citizen home', async ({ page }) => {
    const login = nextLogin(page);
    await submitPassword(page, 'citizen1');
    const { account } = await login;

    await expect(page).toHaveURL('/');
    await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
    await expect(page.getByText(`您好，${account.displayName}`)).toBeVisible();
    await expect(page.getByText('个人用户')).toBeVisible();
    const nav = page.getByRole('navigation', { name: '主导航' });
    for (const area of ['找事项', '一件事', '我的办件', '消息', '我的证照', '我的数据使用记录']) {
      await expect(nav.getByRole('link', { name: area })).toBeVisible();
    }
    await expect(nav.getByRole('link', { name: '待办' })).toHaveCount(0);

    // The session is the httpOnly cookie: a reload stays signed in.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  });

  test('a staff member signs in with a TOTP code and sees the workbench', async ({
    page,
    guard,
  }) => {
    const { account } = await signInStaff(page, guard, 'reviewer.amr');

    expect(account.department).not.toBeNull();
    await expect(page.getByRole('heading', { level: 1, name: '部门审批工作台' })).toBeVisible();
    await expect(page.getByText(`您好，${account.displayName}`)).toBeVisible();
    await expect(page.getByText('审批人员')).toBeVisible();
    await expect(page.getByRole('term').filter({ hasText: '所属部门' })).toBeVisible();
    await expect(
      page.getByText(account.department?.name ?? '(no department)', { exact: true }),
    ).toBeVisible();

    await saveScreenshot(page, 'workbench home');

    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('link', { name: '待办' }).click();
    await expect(page).toHaveURL('/tasks');
    await expect(page.getByRole('heading', { level: 1, name: '待办' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: '受理编号' })).toBeVisible();
  });

  test('a wrong password shows a clear message', async ({ page, guard }) => {
    guard.allowHttpError('/api/v1/auth/login', 401);
    const refused = page.waitForResponse('**/api/v1/auth/login');
    await submitPassword(page, 'citizen2', 'not-the-password');
    const body = (await (await refused).json()) as ErrorBody;

    expect(body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    const alert = page.getByRole('alert');
    await expect(alert).toHaveText(body.error.message);
    await expect(alert).toContainText('密码');
    await expect(page).toHaveURL('/login');
    await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
  });

  test('a wrong TOTP code is refused with a message and can be retried', async ({
    page,
    guard,
  }) => {
    guard.allowHttpError('/api/v1/auth/login', 401);
    await submitPassword(page, 'admin');
    const code = page.getByLabel('动态验证码');
    await expect(page.getByRole('heading', { level: 1, name: '两步验证' })).toBeVisible();

    const refused = page.waitForResponse('**/api/v1/auth/login');
    await code.fill(totpCode(Date.now() - 3_600_000)); // an hour old: never valid now
    await page.getByRole('button', { name: /登录/ }).click();
    const body = (await (await refused).json()) as ErrorBody;

    expect(body.error.code).toBe('AUTH_TOTP_INVALID');
    await expect(page.getByRole('alert')).toHaveText(body.error.message);
    await expect(code).toHaveValue('');
    await expect(code).toBeFocused();
  });

  test('signing out returns to the login page', async ({ page }) => {
    await submitPassword(page, 'citizen1');
    await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();

    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL('/login');
    // The wallet needs an account again; the login page remembers where the visitor was going.
    await page.goto('/wallet');
    await expect(page).toHaveURL('/login?next=%2Fwallet');
    await expect(page.getByRole('button', { name: /登录/ })).toBeVisible();
    // The portal stays open to the visitor.
    await page.goto('/');
    await expect(page.getByRole('search')).toBeVisible();
    await expect(page.getByRole('button', { name: '退出登录' })).toHaveCount(0);
  });
});
