import { expect, saveScreenshot, test } from './support/fixtures.js';
import { signInStaff, staffAuth } from './support/demo.js';
import { horizontalOverflow, pdf, staffPage } from './support/desks.js';
import type { ApplicationView, BundleGuide } from '../shared/contracts/index.js';

// 窗口积分 (issue #13 point 4): the supervision office's ranking of the window clerks with
// their grades, windows and pay tiers, each clerk's ledger on expanding, on a desk and a phone.

test('the supervision office sees clerk1 ranked with grade, window and tier, and the ledger line of a window intake, at desktop and 375 px', async ({
  page,
  guard,
  request,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // clerk1 takes in a legal-aid application at the window: this month's ledger has its line.
  const clerk = await staffAuth(request, 'clerk1');
  const guide = (await (
    await request.get('/api/v1/catalog/matters/judicial-legal-aid')
  ).json()) as BundleGuide;
  const up = await request.post('/api/v1/files', {
    headers: clerk,
    multipart: { file: pdf('case-materials.pdf') },
  });
  expect(up.status()).toBe(201);
  const submitted = await request.post('/api/v1/applications', {
    headers: clerk,
    data: {
      matter: 'judicial-legal-aid',
      form: guide.form.examples[0],
      materials: [
        { material: 'case-materials', fileId: ((await up.json()) as { fileId: string }).fileId },
        { material: 'financial-hardship-declaration', commitment: {} },
      ],
      applicant: { idNumber: '330681199003071233' },
      channel: 'window',
    },
  });
  expect(submitted.status(), await submitted.text()).toBe(201);
  const { receiptNo } = (await submitted.json()) as ApplicationView;

  await signInStaff(page, guard, 'supervisor1');
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '窗口积分' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '窗口积分' })).toBeVisible();
  await expect(page.getByLabel('月份')).toBeVisible();

  const row = page.getByRole('row').filter({ hasText: '陈敏（综合窗口）' });
  await expect(row).toContainText('首席');
  await expect(row).toContainText('A01');
  await expect(row.getByText(/^[一二三四]档$/)).toBeVisible();
  await expect(row.getByRole('cell').nth(1)).toHaveText(/^\d+$/);
  await expect(page.getByRole('row').filter({ hasText: '黄磊（综合窗口）' })).toContainText('高级');

  await row.getByRole('button').first().click();
  const ledger = page.getByRole('list', { name: '积分明细' });
  const line = ledger.getByRole('listitem').filter({ hasText: receiptNo });
  await expect(line).toContainText('受理办件');
  await expect(line).toContainText('+2');
  await saveScreenshot(page, 'desktop');

  // On a phone: one card per clerk, the ledger behind a button, nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 800 });
  const card = page.getByRole('listitem').filter({ hasText: '陈敏（综合窗口）' });
  await expect(card).toContainText('首席');
  await expect(card.getByText(/^第 \d+ 名$/)).toBeVisible();
  await expect(card.getByText(/^[一二三四]档$/)).toBeVisible();
  await card.getByRole('button', { name: /查看明细/ }).click();
  await expect(card.getByRole('listitem').filter({ hasText: receiptNo })).toContainText('受理办件');
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await saveScreenshot(page, 'phone');

  // clerk2 sees their own month only.
  const own = await staffPage(browser, guard, 'clerk2', baseURL!);
  await own.goto('/supervision/points');
  await expect(own.getByRole('heading', { level: 1, name: '窗口积分' })).toBeVisible();
  const mine = own.getByRole('list', { name: '窗口积分' });
  await expect(mine.getByRole('listitem').filter({ hasText: '黄磊（综合窗口）' })).toContainText(
    '高级',
  );
  await expect(mine.getByText('陈敏（综合窗口）')).toHaveCount(0);
});
