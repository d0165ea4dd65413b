import { expect, saveScreenshot, test } from './support/fixtures.js';
import { submitPassword } from './support/demo.js';
import {
  approveAllByApi,
  horizontalOverflow,
  staffPage,
  submitStartupByApi,
} from './support/desks.js';

test('a poor rating reaches the department lead, who closes both follow-ups; the applicant hears the outcome and rates again', async ({
  page,
  browser,
  guard,
  baseURL,
  request,
}) => {
  test.setTimeout(150_000);
  // citizen2: citizen1's applications are counted by portal.spec.
  await submitPassword(page, 'citizen2');
  await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  const { application } = await submitStartupByApi(page);

  const current = await approveAllByApi(page, request, application);
  const dept = current.tasks[0]!.department;
  const rated = await page.request.post(`/api/v1/applications/${application.id}/evaluation`, {
    data: { score: 4, departments: [{ department: dept, score: 1, comment: '窗口等候太久' }] },
  });
  expect(rated.status(), await rated.text()).toBe(200);

  // The lead's desk: two follow-ups of this receipt, each with an owner and a due time.
  const lead = await staffPage(browser, guard, `lead.${dept}`, baseURL!);
  await expect(lead.getByRole('heading', { level: 1, name: '部门负责人工作台' })).toBeVisible();
  await lead
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '督办与回访' })
    .click();
  await expect(lead.getByRole('heading', { level: 1, name: '督办与回访' })).toBeVisible();
  const cards = lead.getByRole('listitem').filter({ hasText: application.receiptNo });
  await expect(cards).toHaveCount(2);
  const callback = cards.filter({ hasText: '差评回访（1个工作日）' });
  await expect(callback).toContainText('窗口等候太久');
  await expect(callback).toContainText('负责人');
  await saveScreenshot(lead, 'follow-ups');

  // An outcome is required; then the card leaves the list of open follow-ups.
  await callback.getByRole('button', { name: '办结' }).click();
  const dialog = lead.getByRole('dialog', { name: `办结：${application.receiptNo}` });
  await dialog.getByRole('button', { name: '办结' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('请填写办理结果（至少 2 个字）');
  await dialog.getByLabel('办理结果').fill('已电话回访，说明等候原因并致歉');
  await dialog.getByRole('button', { name: '办结' }).click();
  await expect(lead.getByText('已办结，结果已记录')).toBeVisible();
  await expect(cards).toHaveCount(1);

  const rectification = cards.filter({ hasText: '差评整改（15个工作日）' });
  await rectification.getByRole('button', { name: '办结' }).click();
  await dialog.getByLabel('办理结果').fill('增设取号提醒，等候超过20分钟专人引导');
  await dialog.getByRole('button', { name: '办结' }).click();
  await expect(cards).toHaveCount(0);
  await lead.locator('.ant-segmented').getByText('已办结', { exact: true }).click();
  await expect(cards).toHaveCount(2);
  await expect(cards.filter({ hasText: '增设取号提醒' })).toContainText('办结于');

  // The list reads on a phone too.
  await lead.setViewportSize({ width: 375, height: 740 });
  await expect(cards.first()).toBeVisible();
  expect(await horizontalOverflow(lead)).toBeLessThanOrEqual(0);

  // The applicant hears the outcome in the inbox and may rate again.
  await page.goto('/inbox');
  const told = page.getByRole('button', { name: /您的评价已回访处理/ }).filter({
    hasText: '增设取号提醒，等候超过20分钟专人引导。欢迎再次评价',
  });
  await expect(told).toBeVisible();
  await told.click();
  await expect(page.getByText('您的评价已回访处理，欢迎再次评价')).toBeVisible();
  await page.getByRole('radiogroup', { name: '整体评价' }).getByText('非常满意').click();
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByText('感谢您的评价')).toBeVisible();
  await expect(page.getByText('您的评价：非常满意')).toBeVisible();
  await expect(page.getByRole('button', { name: '提交评价' })).toHaveCount(0);
  await saveScreenshot(page, 'rated-again');
});
