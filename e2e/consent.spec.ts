import { expect, saveScreenshot, test } from './support/fixtures.js';
import { submitPassword } from './support/demo.js';
import {
  consentToFetch,
  fillStartupForm,
  giveStartupMaterials,
  horizontalOverflow,
} from './support/desks.js';
import type { ApplicationView } from '../shared/contracts/index.js';
import type { Page } from '@playwright/test';

// citizen2 of the demo: citizen1's applications are counted by portal.spec.
/** citizen2 李娜's identity number (the demo seed), and as the preview masks it. */
const CITIZEN2_ID = '33040220000229002X';
const CITIZEN2_ID_MASKED = '330402********002X';

/** citizen2 fills in a company start-up and reaches the review step. */
async function reachReview(page: Page, companyName: string) {
  await submitPassword(page, 'citizen2');
  await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  await page.goto('/apply/bundle/enterprise-startup');
  await fillStartupForm(page, companyName);
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '提交材料' })).toBeVisible();
  await giveStartupMaterials(page);
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '将为您调取的数据' })).toBeVisible();
}

/** Submits once the consent is ticked; returns the application as the applicant sees it. */
async function submitWithConsent(page: Page): Promise<ApplicationView> {
  const submit = page.getByRole('button', { name: '提交申请' });
  await expect(submit).toBeDisabled();
  await expect(page.getByText('请先阅读将调取的数据，并勾选同意授权调取后再提交。')).toBeVisible();
  await consentToFetch(page);
  await expect(submit).toBeEnabled();
  const answer = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/applications') && r.request().method() === 'POST',
  );
  await submit.click();
  const response = await answer;
  expect(response.status()).toBe(201);
  await expect(page.getByRole('heading', { name: '申请已受理' })).toBeVisible();
  return (await response.json()) as ApplicationView;
}

test.describe('授权调取: preview and consent before submitting', () => {
  test('the review step lists the data to be fetched, submit waits for the consent, the application shows it', async ({
    page,
  }) => {
    await reachReview(page, '嘉兴授权示范科技有限公司');

    // What will be fetched: the material, the source department, the data item, its fields.
    const section = page.getByRole('region', { name: '将为您调取的数据' });
    await expect(section).toBeVisible();
    const list = section.getByRole('list', { name: '将调取的数据' });
    // One entry per material (each holds a list of its own fields).
    const materials = list.locator(':scope > li');
    await expect(materials.first()).toBeVisible();
    const items = await materials.count();
    expect(items).toBeGreaterThan(0);
    await expect(materials.first()).toContainText('来源部门');
    await expect(materials.first()).toContainText('市公安局');
    await expect(materials.first()).toContainText('人口基本信息');

    // What the source holds, per field: the name as it is, the identity number masked.
    const values = section.getByRole('list', { name: /的数据内容$/ }).first();
    await expect(values.getByRole('listitem').filter({ hasText: /^姓名：/ })).toHaveText(
      '姓名：李娜',
    );
    await expect(values.getByRole('listitem').filter({ hasText: /^公民身份号码/ })).toHaveText(
      `公民身份号码（敏感）：${CITIZEN2_ID_MASKED}`,
    );
    await expect(section.getByText(/敏感信息已部分隐藏/)).toBeVisible();
    // The applicant's own identity number is shown nowhere in full.
    expect(await page.locator('body').innerText()).not.toContain(CITIZEN2_ID);
    await saveScreenshot(page, 'review');

    const application = await submitWithConsent(page);
    expect(application.consent).toMatchObject({ by: 'applicant' });
    expect(application.consent?.items).toHaveLength(items);
    expect(application.consent?.previewedAt).toEqual(expect.any(String));
    expect(application.consent?.items[0]?.fields?.length).toBeGreaterThan(0);

    // The application's page says so, in its details and its history.
    await expect(page.getByText(/^已同意调取数据（/)).toBeVisible();
    await page.getByRole('button', { name: '办理记录' }).click();
    await expect(page.locator('.history-list').getByText('已同意调取数据')).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'application');
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

    test('the data to be fetched and the consent fit 375 px', async ({ page }) => {
      await reachReview(page, '嘉兴手机授权示范科技有限公司');
      const section = page.getByRole('region', { name: '将为您调取的数据' });
      await expect(section.getByRole('list', { name: '将调取的数据' })).toBeVisible();
      await expect(
        section.getByText(`公民身份号码（敏感）：${CITIZEN2_ID_MASKED}`).first(),
      ).toBeVisible();
      await section.scrollIntoViewIfNeeded();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await saveScreenshot(page, 'review 375');

      await submitWithConsent(page);
      await expect(page.getByText(/^已同意调取数据（/)).toBeVisible();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    });
  });
});
