import { expect, saveScreenshot, test } from './support/fixtures.js';
import { submitPassword } from './support/demo.js';
import {
  approveAllByApi,
  horizontalOverflow,
  staffPage,
  submitStartupByApi,
} from './support/desks.js';
import type { CredentialView } from '../shared/contracts/index.js';

const REASON = '年度报告未按期公示，暂停使用营业执照';

test('the issuing department suspends a business licence with a reason; the holder’s wallet shows it', async ({
  page,
  browser,
  guard,
  baseURL,
  request,
}) => {
  test.setTimeout(120_000);
  // Set-up the test does not look at: a start-up submitted and approved through the API.
  await submitPassword(page, 'company1');
  await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  const { application } = await submitStartupByApi(page);
  await approveAllByApi(page, request, application);
  const receiptNo = application.receiptNo;

  // 市场监管局's reviewer opens 电子证照管理 from the navigation and finds it by receipt number.
  const desk = await staffPage(browser, guard, 'reviewer.amr', baseURL!);
  await desk
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '电子证照管理' })
    .click();
  await expect(desk.getByRole('heading', { level: 1, name: '电子证照管理' })).toBeVisible();
  await desk.getByLabel('受理编号').fill(receiptNo);
  await desk.getByRole('button', { name: '查找' }).click();
  await expect(desk.getByRole('heading', { name: `${receiptNo} 的证照` })).toBeVisible();
  const licence = desk.getByRole('article', { name: '营业执照' });
  await expect(licence).toBeVisible();
  await expect(licence.getByText('有效', { exact: true })).toBeVisible();
  // Only 市场监管局's credentials: the seal filing record of 公安 is not listed.
  await expect(desk.getByRole('article', { name: '印章备案信息' })).toHaveCount(0);

  // 暂停 asks for a reason first; an empty one is refused on the page.
  await licence.getByRole('button', { name: '暂停' }).click();
  const dialog = desk.getByRole('dialog', { name: '暂停证照：营业执照' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '确认暂停' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('请填写至少 2 个字的原因');
  await dialog.getByLabel('原因（必填，持证人可见）').fill(REASON);
  await saveScreenshot(desk, 'suspend-dialog');
  await dialog.getByRole('button', { name: '确认暂停' }).click();
  await expect(dialog).toBeHidden();
  await expect(licence.getByText('已暂停', { exact: true })).toBeVisible();
  await expect(licence.getByText(REASON)).toBeVisible();
  await expect(licence.getByRole('button', { name: '恢复' })).toBeVisible();
  await expect(licence.getByRole('button', { name: '暂停' })).toHaveCount(0);

  // The holder: the API and the wallet say suspended, with the department's reason.
  const mine = (await (await page.request.get('/api/v1/me/credentials')).json()) as {
    items: CredentialView[];
  };
  const held = mine.items.find((c) => c.receiptNo === receiptNo && c.type === 'BusinessLicence');
  expect(held).toMatchObject({ status: 'suspended', statusReason: REASON });
  await page.goto('/wallet');
  const card = page.getByRole('article', { name: '营业执照' }).filter({ hasText: receiptNo });
  await expect(card.getByText('已暂停').first()).toBeVisible();
  await expect(card.getByText(`原因：${REASON}`)).toBeVisible();
  await expect(card.getByRole('button', { name: '出示二维码' })).toBeDisabled();

  // On a phone (375 px) the page fits its width, and 撤销 warns that it is final.
  await desk.setViewportSize({ width: 375, height: 740 });
  await desk.goto(`/credentials?receiptNo=${encodeURIComponent(receiptNo)}`);
  await expect(licence.getByText('已暂停', { exact: true })).toBeVisible();
  expect(await horizontalOverflow(desk)).toBeLessThanOrEqual(0);
  await licence.getByRole('button', { name: '撤销' }).click();
  const revoke = desk.getByRole('dialog', { name: '撤销证照：营业执照' });
  await expect(revoke.getByText(/撤销是最终决定：撤销后不能恢复/)).toBeVisible();
  expect(await horizontalOverflow(desk)).toBeLessThanOrEqual(0);
  await saveScreenshot(desk, 'revoke-dialog-phone');
  await revoke.getByRole('button', { name: '取消' }).click();
  await expect(revoke).toBeHidden();
  await expect(licence.getByText('已暂停', { exact: true })).toBeVisible();
});
