import { expect, saveScreenshot, test } from './support/fixtures.js';
import { submitPassword } from './support/demo.js';
import {
  approveAllByApi,
  horizontalOverflow,
  staffPage,
  submitStartupByApi,
} from './support/desks.js';

// citizen2 of the demo: citizen1's applications are counted by portal.spec.
const LI_NA = { idNumber: '33040220000229002X', masked: '330402********002X' };

test('clerk2 finds a start-up citizen2 applied for online, hands it over, and the page works at 375 px', async ({
  page,
  browser,
  guard,
  baseURL,
  request,
}) => {
  test.setTimeout(150_000);
  await submitPassword(page, 'citizen2');
  await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  const { application } = await submitStartupByApi(page);

  await approveAllByApi(page, request, application);

  // clerk2 never saw this application: it came in online.
  const desk = await staffPage(browser, guard, 'clerk2', baseURL!);
  await desk
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '统一出件' })
    .click();
  await expect(desk.getByRole('heading', { level: 1, name: '统一出件' })).toBeVisible();
  await expect(
    desk.getByText('输入受理编号、申请人姓名或证件号码，查找待出件的办件'),
  ).toBeVisible();

  // Part of a number lists nothing: the clerk is asked for the whole one.
  const box = desk.getByLabel('受理编号、申请人姓名或证件号码');
  await box.fill('330402');
  await desk.getByRole('button', { name: '查找' }).click();
  await expect(
    desk.getByText('请输入完整的受理编号、18 位身份证号或统一社会信用代码'),
  ).toBeVisible();

  // The whole identity number (as the ID card gives it) finds her applications, masked.
  await box.fill(LI_NA.idNumber);
  await desk.getByRole('button', { name: '查找' }).click();
  const results = desk.getByRole('region', { name: '查找结果' });
  const row = results.getByRole('button', { name: new RegExp(application.receiptNo) });
  await expect(row).toBeVisible();
  await expect(row).toContainText(LI_NA.masked);
  await expect(row).toContainText('网上办');
  await expect(row).toContainText('待出件');
  await expect(results).not.toContainText(LI_NA.idNumber);
  await expect(results.getByText(/^共 \d+ 件$/)).toBeVisible();
  await saveScreenshot(desk, 'found');

  await row.click();
  const panel = desk.getByRole('region', { name: new RegExp(application.receiptNo) });
  await expect(panel).toContainText(LI_NA.masked);
  await expect(panel).toContainText('受理时未记录原件核验');
  await panel.getByLabel('备注（选填，如领取人）').fill('李娜本人领取');
  await panel.getByRole('button', { name: '确认出件' }).click();
  await expect(panel.getByRole('heading', { name: '已出件' })).toBeVisible();
  const slip = await desk.request.get(
    (await panel.getByRole('link', { name: '打印出件单' }).getAttribute('href')) ?? '',
  );
  expect(slip.ok()).toBe(true);

  // It leaves the list of results waiting; the handed-over list names who handed it over.
  await expect(row).toHaveCount(0);
  await desk.locator('.ant-segmented').getByText('已出件', { exact: true }).click();
  await expect(row).toContainText('黄磊（综合窗口）');

  // The same page on a phone: nothing wider than the screen, search, list and panel usable.
  await desk.setViewportSize({ width: 375, height: 800 });
  await expect(box).toBeVisible();
  await expect(row).toBeVisible();
  await expect(panel.getByRole('heading', { name: '已出件' })).toBeVisible();
  expect(await horizontalOverflow(desk)).toBeLessThanOrEqual(0);
  await box.fill(application.receiptNo);
  await desk.getByRole('button', { name: '查找' }).click();
  await expect(results.getByRole('button')).toHaveCount(1);
  await expect(row).toBeVisible();
  expect(await horizontalOverflow(desk)).toBeLessThanOrEqual(0);
  await saveScreenshot(desk, 'phone');
});
