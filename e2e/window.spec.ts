import type { Page } from '@playwright/test';
import { expect, saveScreenshot, test } from './support/fixtures.js';
import { signInStaff } from './support/demo.js';
import { approveFromQueue, pdf, pdfText, staffPage } from './support/desks.js';

// A resident of the synthetic population (the data hub has records of him) …
const RESIDENT = { idNumber: '330681199003071233', name: '张伟' };
// … and a walk-in applicant not yet in the register: a valid GB 11643 number and a name.
const WALK_IN = { idNumber: '330521198512010512', name: '赵磊' };

/** The clerk opens window intake and looks the applicant up by identity number. */
async function lookUp(page: Page, idNumber: string) {
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '窗口受理' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '窗口受理' })).toBeVisible();
  await page.getByLabel('公民身份号码').fill(idNumber);
  await page.getByRole('button', { name: '查询' }).click();
}

/** The clerk picks legal aid (市司法局) and fills its form. */
async function pickLegalAid(page: Page) {
  await page.getByRole('combobox', { name: '事项' }).fill('法律援助');
  await page.getByTitle('法律援助申请 · 市司法局').click();
  await expect(page.getByRole('heading', { name: '收件清单' })).toBeVisible();
  await page.getByLabel('案情简述').fill('劳动报酬纠纷，用人单位拖欠工资三个月。');
  await page.getByLabel('联系电话').fill('13800571234');
}

test.describe('the window (综合受理窗口)', () => {
  test('a clerk accepts a walk-in application, prints the receipt and later hands out the result', async ({
    page,
    browser,
    guard,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    await signInStaff(page, guard, 'clerk1');
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '窗口受理' })
      .click();

    // The identity number is checked as it is typed; the resident is found in the register.
    const number = page.getByLabel('公民身份号码');
    await number.fill('330681199003071234');
    await expect(page.getByText('身份证号校验码不正确，请逐位核对')).toBeVisible();
    await expect(page.getByRole('button', { name: '查询' })).toBeDisabled();
    await lookUp(page, RESIDENT.idNumber);
    await expect(page.getByText(RESIDENT.name, { exact: true })).toBeVisible();
    await expect(page.getByText('330681********1233')).toBeVisible();

    // Any department's matter: legal aid (市司法局); the form takes the applicant's data.
    await pickLegalAid(page);
    await expect(page.getByLabel('申请人姓名')).toHaveValue(RESIDENT.name);
    await expect(page.getByLabel('申请人公民身份号码')).toHaveValue(RESIDENT.idNumber);

    // The checklist: each material with its source; a scan, originals checked.
    const identity = page.getByRole('region', { name: '申请人身份证明' });
    await expect(identity.getByText(/无需提交：系统将从.*共享数据中获取/)).toBeVisible();
    await page
      .getByLabel('上传“与所申请法律援助事项有关的材料”')
      .setInputFiles(pdf('案件材料.pdf'));
    await expect(page.getByRole('link', { name: '案件材料.pdf' })).toBeVisible();
    // The data hub holds no statement of hardship for him: he signs the commitment instead.
    const hardship = page.getByRole('region', { name: '经济困难状况说明（个人诚信承诺）' });
    await hardship.getByText('承诺代替').click();
    await hardship.getByRole('checkbox', { name: /本人承诺/ }).check();
    for (const box of await page.getByRole('checkbox', { name: '已核验原件' }).all())
      await box.check();
    await expect(page.getByText(/已核验原件 [1-9]/)).toBeVisible();
    await saveScreenshot(page, 'intake');

    await page.getByRole('button', { name: '受理', exact: true }).click();
    await expect(page.getByRole('heading', { name: '已受理' })).toBeVisible();
    const receiptNo = (await page.getByTestId('receipt-no').textContent()) ?? '';
    expect(receiptNo).toMatch(/^YCB\d{16}$/);
    // 原件核验 is recorded with the application, per material.
    await expect(page.getByTestId('originals-checked')).toContainText(
      '与所申请法律援助事项有关的材料',
    );

    // 打印受理回执: the PDF opens in a new tab and carries the receipt number.
    const popup = page.waitForEvent('popup');
    await page.getByRole('link', { name: '打印受理回执' }).click();
    const tab = await popup;
    guard.watch(tab);
    const url = new URL(tab.url());
    expect(url.pathname).toMatch(/\/receipt\.pdf$/);
    const receipt = await page.request.get(url.pathname);
    expect(receipt.headers()['content-type']).toContain('application/pdf');
    expect(pdfText(await receipt.body())).toContain(receiptNo);
    await tab.close();
    await saveScreenshot(page, 'accepted');

    // Back office: 市司法局 approves.
    const desk = await staffPage(browser, guard, 'reviewer.judicial', baseURL ?? '');
    await approveFromQueue(desk, receiptNo, '法律援助申请');
    await desk.context().close();

    // 统一出件: the result is handed over at the window and recorded.
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '统一出件' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: '统一出件' })).toBeVisible();
    await page.getByLabel('受理编号、申请人姓名或证件号码').fill(receiptNo);
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByRole('button', { name: new RegExp(receiptNo) }).click();
    const originals = page.getByRole('list', { name: '受理时核验的原件' });
    await expect(originals).toContainText('与所申请法律援助事项有关的材料');
    await expect(originals).toContainText('陈敏（综合窗口）');
    await page.getByLabel('备注（选填，如领取人）').fill(`${RESIDENT.name}本人领取`);
    await page.getByRole('button', { name: '确认出件' }).click();
    await expect(page.getByRole('heading', { name: '已出件' })).toBeVisible();
    const record = await page.request.get(
      (await page.getByRole('link', { name: '打印出件单' }).getAttribute('href')) ?? '',
    );
    expect(record.ok()).toBe(true);
    expect(pdfText(await record.body())).toContain(receiptNo);
  });

  test('a new walk-in applicant without the case materials gets the one-time notice, and intake is refused', async ({
    page,
    guard,
  }) => {
    test.setTimeout(90_000);
    await signInStaff(page, guard, 'clerk1');
    await lookUp(page, WALK_IN.idNumber);
    await expect(page.getByText(/尚未登记/)).toBeVisible();
    await page.getByLabel('姓名（与身份证一致）').fill(WALK_IN.name);
    await page.getByRole('button', { name: '确认申请人' }).click();
    await expect(page.getByText('新登记')).toBeVisible();
    await pickLegalAid(page);
    await expect(page.getByLabel('申请人姓名')).toHaveValue(WALK_IN.name);

    // Nothing handed in: the clerk issues the one-time notice listing every missing item.
    await expect(page.getByText(/还缺 \d+ 项材料/)).toBeVisible();
    await page.getByRole('button', { name: '出具一次性告知' }).click();
    const notice = page.getByRole('region', { name: '一次性告知' });
    await expect(notice).toBeVisible();
    await expect(notice.getByRole('list', { name: '需要补正的材料' })).toContainText(
      '与所申请法律援助事项有关的材料',
    );
    const href =
      (await notice.getByRole('link', { name: '一次性告知书（PDF）' }).getAttribute('href')) ?? '';
    const pdfAnswer = await page.request.get(href);
    expect(pdfAnswer.ok()).toBe(true);
    expect(pdfText(await pdfAnswer.body())).toContain('与所申请法律援助事项有关的材料');
    await saveScreenshot(page, 'notice');

    // 不予受理 with a reason.
    await page.getByRole('button', { name: '不予受理' }).click();
    const dialog = page.getByRole('dialog', { name: '不予受理' });
    await dialog
      .getByLabel('不予受理的理由')
      .fill('所涉纠纷已经人民法院判决生效，不属于法律援助范围。');
    await dialog.getByRole('button', { name: '确认不予受理' }).click();
    await expect(page.getByRole('heading', { name: '已不予受理' })).toBeVisible();
    await expect(page.getByText(/不属于法律援助范围/)).toBeVisible();
  });
});
