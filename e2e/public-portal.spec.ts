/// <reference lib="dom" />
import type { Page, Request } from '@playwright/test';
import { expect, saveScreenshot, test } from './support/fixtures.js';
import { fillPassword, nextLogin, signInStaff } from './support/demo.js';
import type { BundleSummary, MatterSummary } from '../shared/contracts/index.js';

/** How many matter guides the phone run opens (the desktop run opens every one). */
const PHONE_MATTERS = 6;

/** Every matter and bundle of the public catalog, as its API lists them to anyone. */
async function publicCatalog(page: Page) {
  const matters = await page.request.get('/api/v1/catalog/matters');
  const bundles = await page.request.get('/api/v1/catalog/bundles');
  expect(matters.status()).toBe(200);
  expect(bundles.status()).toBe(200);
  return {
    matters: ((await matters.json()) as { items: MatterSummary[] }).items,
    bundles: ((await bundles.json()) as { items: BundleSummary[] }).items,
  };
}

/** Opens a guide without an account: its title shows, and no sign-in stands in the way. */
async function readGuideAnonymously(page: Page, path: string, title: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: '申请材料' })).toBeVisible();
  await expect(page).toHaveURL(path);
  await expect(page.getByRole('heading', { level: 1, name: '登录' })).toHaveCount(0);
}

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** The public navigation: in the sider on a desktop, in the drawer on a phone. */
async function openNavigation(page: Page, phone: boolean) {
  if (!phone) return page.getByRole('navigation', { name: '主导航' });
  await page.getByRole('button', { name: '打开菜单' }).click();
  const drawer = page.getByRole('dialog', { name: '菜单' });
  await expect(drawer).toBeVisible();
  return drawer;
}

const SIZES = [
  {
    name: 'on a 375-px phone',
    phone: true,
    use: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
    staff: { username: 'clerk1', desk: '综合受理窗口', area: '窗口受理' },
  },
  {
    name: 'on a desktop',
    phone: false,
    use: { viewport: { width: 1280, height: 800 } },
    staff: { username: 'reviewer.psb', desk: '部门审批工作台', area: '待办' },
  },
] as const;

for (const size of SIZES) {
  test.describe(`the public portal ${size.name}`, () => {
    test.use(size.use);

    test('a visitor searches, reads a guide, and signs in to apply, coming back to the wizard', async ({
      page,
    }) => {
      await page.goto('/');
      // The home without an account: the search box first, life events, bundles.
      await expect(page.getByRole('heading', { level: 1, name: '网上政务服务' })).toBeVisible();
      const search = page.getByRole('search').getByLabel('搜索事项和一件事');
      await expect(search).toBeVisible();
      // The first thing to type into on the page is the search.
      await expect(page.locator('input, textarea, select').first()).toHaveAccessibleName(
        '搜索事项和一件事',
      );
      const lifeEvents = page.getByRole('region', { name: '按主题办事' });
      for (const event of ['出生', '上学', '就业', '开公司', '退休', '身后事']) {
        await expect(lifeEvents.getByRole('link', { name: event, exact: true })).toBeVisible();
      }
      const bundles = page.getByRole('region', { name: '一件事' });
      await expect(bundles.getByRole('link', { name: /新生儿出生"一件事"/ })).toBeVisible();
      await expect(bundles.getByRole('link', { name: /企业开办"一件事"/ })).toBeVisible();
      // A sign-in button instead of the account; only the public areas in the navigation.
      await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
      await expect(page.getByRole('button', { name: '退出登录' })).toHaveCount(0);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await saveScreenshot(page, 'visitor home');

      const nav = await openNavigation(page, size.phone);
      await expect(nav.getByRole('link', { name: '找事项' })).toBeVisible();
      await expect(nav.getByRole('link', { name: '一件事' })).toBeVisible();
      await expect(nav.getByRole('link', { name: '我的办件' })).toHaveCount(0);
      await expect(nav.getByRole('link', { name: '消息' })).toHaveCount(0);
      if (size.phone) await page.keyboard.press('Escape');

      // Searching from the home opens 找事项 with the words and its results.
      await search.fill('出生医学证明');
      await search.press('Enter');
      await expect(page).toHaveURL(/\/matters\?q=/);
      await expect(page.getByRole('heading', { level: 1, name: '找事项' })).toBeVisible();
      await expect(page.getByLabel('搜索事项和一件事')).toHaveValue('出生医学证明');
      const matter = page.getByRole('link', { name: /出生医学证明签发/ });
      await expect(matter).toBeVisible();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await matter.click();

      // The guide, read without an account; applying asks to sign in first.
      await expect(page).toHaveURL('/matters/health-birth-certificate');
      await expect(page.getByRole('heading', { level: 1, name: '出生医学证明签发' })).toBeVisible();
      await expect(page.getByRole('heading', { name: '申请材料' })).toBeVisible();
      await expect(page.getByText('申请前需要先登录')).toBeVisible();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await saveScreenshot(page, 'visitor guide');
      await page.getByRole('button', { name: '在线申请' }).click();

      await expect(page).toHaveURL('/login?next=%2Fapply%2Fmatter%2Fhealth-birth-certificate');
      await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
      const login = nextLogin(page);
      await fillPassword(page, 'citizen2');
      expect((await login).account.username).toBe('citizen2');

      await expect(page).toHaveURL('/apply/matter/health-birth-certificate');
      await expect(page.getByRole('heading', { level: 2, name: '填写申请表' })).toBeVisible();
      await expect(page.getByRole('button', { name: '登录', exact: true })).toHaveCount(0);
    });

    test('a visitor browses 一件事 and reads every guide without an account', async ({ page }) => {
      const catalog = await publicCatalog(page);
      expect(catalog.bundles.length).toBeGreaterThan(0);
      expect(catalog.matters.length).toBeGreaterThan(PHONE_MATTERS);
      // The desktop run reads every guide; the phone run the bundles and a few matters.
      const matters = size.phone ? catalog.matters.slice(0, PHONE_MATTERS) : catalog.matters;
      test.setTimeout(30_000 + (matters.length + catalog.bundles.length) * 2_500);

      await page.goto('/bundles');
      await expect(page.getByRole('heading', { level: 1, name: '一件事' })).toBeVisible();
      for (const bundle of catalog.bundles) {
        await expect(page.getByRole('link', { name: bundle.name.zh }).first()).toBeVisible();
      }
      await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await saveScreenshot(page, 'visitor bundles');

      for (const bundle of catalog.bundles) {
        await readGuideAnonymously(page, `/bundles/${bundle.code}`, bundle.name.zh);
      }
      for (const matter of matters) {
        await readGuideAnonymously(page, `/matters/${matter.code}`, matter.name.zh);
      }
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    });

    test('a visitor opening my applications is asked to sign in first and sees nothing before', async ({
      page,
    }) => {
      const privateCalls: string[] = [];
      const watch = (request: Request) => {
        const { pathname } = new URL(request.url());
        if (/^\/api\/v1\/(applications|notifications|me\/|drafts)/.test(pathname)) {
          privateCalls.push(pathname);
        }
      };
      page.on('request', watch);
      for (const [path, next] of [
        ['/inbox', '%2Finbox'],
        ['/data-access', '%2Fdata-access'],
        ['/wallet', '%2Fwallet'],
        ['/applications', '%2Fapplications'],
      ] as const) {
        await page.goto(path);
        await expect(page).toHaveURL(`/login?next=${next}`);
        await expect(page.getByRole('heading', { level: 1, name: '登录' })).toBeVisible();
      }
      await expect(page.getByText('我的办件')).toHaveCount(0);
      page.off('request', watch);
      expect(privateCalls).toEqual([]);

      await fillPassword(page, 'citizen1');
      await expect(page).toHaveURL('/applications');
      await expect(page.getByRole('heading', { level: 1, name: '我的办件' })).toBeVisible();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    });

    test(`a staff member who signs in lands on their desk (${size.staff.username})`, async ({
      page,
      guard,
    }) => {
      if (size.phone) {
        // Straight from /login.
        await signInStaff(page, guard, size.staff.username);
      } else {
        // From a citizen's page: staff have no "my applications", so their desk it is.
        await page.goto('/applications');
        await expect(page).toHaveURL('/login?next=%2Fapplications');
        await signInStaff(page, guard, size.staff.username, { open: false });
      }
      await expect(page).toHaveURL('/');
      await expect(page.getByRole('heading', { level: 1, name: size.staff.desk })).toBeVisible();
      const nav = await openNavigation(page, size.phone);
      await expect(nav.getByRole('link', { name: size.staff.area })).toBeVisible();
    });
  });
}

test.describe('the return address after signing in', () => {
  test('is only ever a page of this app, never another site', async ({ page }) => {
    for (const next of ['//evil.example/x', 'https://evil.example/x', '/\\evil.example']) {
      await page.goto(`/login?next=${encodeURIComponent(next)}`);
      await fillPassword(page, 'citizen1');
      await expect(page).toHaveURL('/');
      await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
      await page.getByRole('button', { name: '退出登录' }).click();
      await expect(page).toHaveURL('/login');
    }
  });

  test('the header sign-in button returns to the guide being read', async ({ page }) => {
    await page.goto('/bundles/newborn');
    await expect(page.getByRole('heading', { level: 1, name: /新生儿出生"一件事"/ })).toBeVisible();
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page).toHaveURL('/login?next=%2Fbundles%2Fnewborn');
    await fillPassword(page, 'company1');
    await expect(page).toHaveURL('/bundles/newborn');
    await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
    // Someone already signed in who opens /login goes on to the home.
    await page.goto('/login');
    await expect(page).toHaveURL('/');
    await expect(page.getByText('企业用户')).toBeVisible();
  });
});
