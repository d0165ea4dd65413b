import { expect, test } from './support/fixtures.js';
import { submitPassword } from './support/demo.js';
import { submitStartupByApi } from './support/desks.js';

test('an applicant withdraws an application after confirming in a dialog; cancelling keeps it', async ({
  page,
}) => {
  await submitPassword(page, 'citizen2');
  await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  const { application } = await submitStartupByApi(page);

  await page.goto(`/applications/${application.id}`);
  await expect(page.getByText(`受理编号 ${application.receiptNo}`)).toBeVisible();
  const withdraw = page.getByRole('button', { name: '撤回申请' });

  // Cancelling the dialog changes nothing.
  await withdraw.click();
  const dialog = page.getByRole('dialog', { name: '确定撤回这份申请？未完成的环节将取消。' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已撤回', { exact: true })).toHaveCount(0);

  // Confirming withdraws it: the page says so and no longer offers to withdraw.
  await withdraw.click();
  await dialog.getByRole('button', { name: '撤回申请' }).click();
  await expect(page.getByText('申请已撤回')).toBeVisible();
  await expect(page.getByText('已撤回', { exact: true }).first()).toBeVisible();
  await expect(withdraw).toHaveCount(0);
  const after = (await (
    await page.request.get(`/api/v1/applications/${application.id}`)
  ).json()) as {
    status: string;
  };
  expect(after.status).toBe('withdrawn');
});
