import { expect, saveScreenshot, test } from './support/fixtures.js';
import { submitPassword } from './support/demo.js';
import {
  approveFromQueue,
  consentToFetch,
  fillStartupForm,
  giveStartupMaterials,
  staffPage,
} from './support/desks.js';
import type { ApplicationView } from '../shared/contracts/index.js';

const REVIEWS = [
  { reviewer: 'reviewer.amr', step: '有限责任公司设立登记' },
  { reviewer: 'reviewer.psb', step: '印章刻制备案' },
  { reviewer: 'reviewer.pbc', step: '企业银行结算账户开立（备案）' },
  { reviewer: 'reviewer.tax', step: '发票领用（新办纳税人）' },
];

test.describe('a company start-up from a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a citizen finds 开公司, applies with a draft in between, four departments approve, the citizen rates it', async ({
    page,
    browser,
    guard,
    baseURL,
  }) => {
    test.setTimeout(150_000);
    await submitPassword(page, 'citizen1');
    await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();

    // Find it by searching the words people use.
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('dialog', { name: '菜单' }).getByRole('link', { name: '找事项' }).click();
    await page.getByLabel('搜索事项和一件事').fill('开公司');
    await expect(page.getByRole('heading', { name: '一件事（1）' })).toBeVisible();
    const bundle = page.getByRole('link', { name: /企业开办"一件事"/ });
    await expect(bundle).toBeVisible();
    await saveScreenshot(page, 'search');
    await bundle.click();

    // The guide: facts, the steps as a graph, materials and how each is satisfied.
    await expect(page.getByRole('heading', { level: 1, name: '企业开办"一件事"' })).toBeVisible();
    await expect(page.getByText('跑零次').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: '办理流程' })).toBeVisible();
    await expect(page.locator('.step-graph svg')).toBeVisible();
    await expect(page.getByText(/免提交：从.*共享数据获取/).first()).toBeVisible();
    await expect(page.getByText('可签署承诺书代替')).toBeVisible();
    await saveScreenshot(page, 'guide');
    await page.getByRole('button', { name: '在线申请' }).click();

    // The wizard: the form, then the materials; a draft is saved half-way.
    await expect(page.getByRole('heading', { level: 2, name: '填写申请表' })).toBeVisible();
    await page.getByLabel('法定代表人公民身份号码').fill('330402198001153518');
    await expect(page.getByText('身份证号校验码不正确，请逐位核对')).toBeVisible();
    await fillStartupForm(page, '嘉兴一次办示范科技有限公司');
    await expect(page.getByText('身份证号校验码不正确，请逐位核对')).toHaveCount(0);
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '提交材料' })).toBeVisible();
    await giveStartupMaterials(page);
    await saveScreenshot(page, 'materials');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByText(/草稿已保存/)).toBeVisible();

    // Resume the draft from "my applications" after leaving the wizard.
    await page.goto('/applications');
    await expect(page.getByRole('heading', { name: '草稿（1）' })).toBeVisible();
    await page.getByRole('button', { name: /继续填写“企业开办"一件事"”/ }).click();
    await expect(page.getByText(/已恢复 .* 保存的草稿/)).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '提交材料' })).toBeVisible();
    await expect(page.getByRole('link', { name: '公司章程.pdf' })).toBeVisible();
    await page.getByRole('button', { name: '上一步' }).click();
    await expect(page.getByLabel('企业名称')).toHaveValue('嘉兴一次办示范科技有限公司');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '下一步' }).click();

    // Review and submit; a double click still makes one application (Idempotency-Key).
    await expect(page.getByText('材料齐全，提交后即时受理。')).toBeVisible();
    await consentToFetch(page);
    await page.getByRole('button', { name: '提交申请' }).dblclick();
    await expect(page.getByRole('heading', { name: '申请已受理' })).toBeVisible();
    const receiptNo = (await page.getByTestId('receipt-no').textContent()) ?? '';
    expect(receiptNo).toMatch(/^YCB\d{16}$/);
    await expect(page.getByRole('link', { name: '受理回执（PDF）' }).first()).toBeVisible();
    await saveScreenshot(page, 'receipt');
    const mine = await page.request.get('/api/v1/applications');
    const items = ((await mine.json()) as { items: ApplicationView[] }).items;
    expect(items.filter((a) => a.subject.code === 'enterprise-startup')).toHaveLength(1);

    // Four departments, each reviewer at the workbench; the licence step first.
    for (const { reviewer, step } of REVIEWS) {
      const desk = await staffPage(browser, guard, reviewer, baseURL ?? '');
      if (reviewer === 'reviewer.amr') {
        await desk
          .getByRole('navigation', { name: '主导航' })
          .getByRole('link', { name: '待办' })
          .click();
        await expect(desk.getByRole('button', { name: `办理 ${receiptNo} ${step}` })).toBeVisible();
        await saveScreenshot(desk, 'workbench queue');
      }
      await approveFromQueue(
        desk,
        receiptNo,
        step,
        reviewer === 'reviewer.amr' ? 'workbench case' : undefined,
      );
      await desk.context().close();
    }

    // The citizen sees it completed, with the results, and rates it.
    await page.reload();
    await expect(page.getByText('已办结').first()).toBeVisible();
    await saveScreenshot(page, 'completed');
    await expect(page.getByRole('heading', { name: '办理结果' })).toBeVisible();
    await expect(page.getByText('统一社会信用代码').first()).toBeVisible();
    const rating = page.getByRole('radiogroup', { name: '整体评价' });
    await rating.getByText('非常满意').click();
    await page.getByLabel('意见建议（选填）').fill('一次都没跑，很方便。');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect(page.getByText('您的评价：非常满意')).toBeVisible();

    // The inbox has the news about it.
    await page.goto('/inbox');
    await expect(page.getByRole('heading', { level: 1, name: '消息' })).toBeVisible();
    await expect(page.getByText(`受理编号 ${receiptNo}`).first()).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
  });
});
