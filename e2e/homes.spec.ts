import { expect, test } from './support/fixtures.js';
import { nextLogin, signInStaff, submitPassword } from './support/demo.js';

// Every staff login costs two attempts against the login rate limit (20 a minute), so this
// covers a few desks rather than all of them.
const STAFF_HOMES = [
  {
    username: 'clerk1',
    heading: '综合受理窗口',
    role: '综合窗口受理员',
    areas: ['窗口受理', '统一出件'],
  },
  {
    username: 'supervisor1',
    heading: '效能监察',
    role: '效能监察员',
    areas: ['效能看板', '超期预警'],
  },
];

test.describe('a home per role', () => {
  for (const desk of STAFF_HOMES) {
    test(`${desk.username} lands on ${desk.heading}`, async ({ page, guard }) => {
      const { account } = await signInStaff(page, guard, desk.username);
      await expect(page.getByRole('heading', { level: 1, name: desk.heading })).toBeVisible();
      await expect(page.getByText(desk.role, { exact: true })).toBeVisible();
      if (account.department) {
        await expect(page.getByText(account.department.name, { exact: true })).toBeVisible();
      }
      const nav = page.getByRole('navigation', { name: '主导航' });
      for (const area of desk.areas)
        await expect(nav.getByRole('link', { name: area })).toBeVisible();
    });
  }

  test('a company account has the portal plus company start-up', async ({ page }) => {
    const login = nextLogin(page);
    await submitPassword(page, 'company1');
    const { account } = await login;
    await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
    await expect(page.getByText('企业用户')).toBeVisible();
    if (account.organization) {
      await expect(page.getByText(account.organization.creditCode, { exact: true })).toBeVisible();
    }
    const nav = page.getByRole('navigation', { name: '主导航' });
    await expect(nav.getByRole('link', { name: '企业开办' })).toBeVisible();
    await expect(nav.getByRole('link', { name: '我的证照' })).toBeVisible();
  });

  test('a citizen cannot open a staff desk by its address', async ({ page }) => {
    await submitPassword(page, 'citizen2');
    await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
    await page.goto('/tasks');
    await expect(page.getByText('当前账号无权访问此页面')).toBeVisible();
  });
});
