import { expect, saveScreenshot, test } from './support/fixtures.js';
import { submitPassword } from './support/demo.js';
import { consentToFetch, fillStartupForm, pdf, pdfText, staffPage } from './support/desks.js';

const MISSING = [
  '公司登记（备案）申请书',
  '公司章程',
  '法定代表人、董事、监事和经理的任职文件',
  '住所（经营场所）申报承诺书',
];

test.describe('the one-time notice (一次性告知)', () => {
  test('missing materials give one notice listing all of them; supplying exactly those gets it accepted', async ({
    page,
    browser,
    guard,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    await submitPassword(page, 'citizen2');
    await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
    await page.goto('/bundles/enterprise-startup');
    await page.getByRole('button', { name: '在线申请' }).click();
    await fillStartupForm(page, '嘉兴补正示范科技有限公司');
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '提交材料' })).toBeVisible();
    // The commitment is not ticked and nothing is uploaded.
    await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByText('还有 4 项材料未提供')).toBeVisible();
    await consentToFetch(page);
    await page.getByRole('button', { name: '提交申请' }).click();

    await expect(page.getByRole('heading', { name: '材料不齐，已出具一次性告知书' })).toBeVisible();
    const notice = page.getByRole('list', { name: '需要补正的材料' });
    for (const name of MISSING) await expect(notice).toContainText(name);
    await expect(notice.getByRole('listitem')).toHaveCount(MISSING.length);
    const href =
      (await page.getByRole('link', { name: '一次性告知书（PDF）' }).getAttribute('href')) ?? '';
    const answer = await page.request.get(href);
    expect(answer.headers()['content-type']).toContain('application/pdf');
    const text = pdfText(await answer.body()).replace(/\s+/g, '');
    for (const name of MISSING) expect(text).toContain(name.replace(/\s+/g, ''));
    await saveScreenshot(page, 'notice');

    // Supply exactly those items. The first upload loses its connection and is retried.
    const supply = page.getByRole('region', { name: '补正材料' });
    await expect(supply.getByRole('heading', { level: 3 })).toHaveCount(MISSING.length);
    guard.allowNetworkFailure('/api/v1/files');
    let cut = 0;
    await page.route('**/api/v1/files', async (route) => {
      if (cut++ === 0) await route.abort('connectionreset');
      else await route.continue();
    });
    for (const [material, file] of [
      ['公司登记（备案）申请书', '补正-登记申请书.pdf'],
      ['公司章程', '补正-公司章程.pdf'],
      ['法定代表人、董事、监事和经理的任职文件', '补正-任职文件.pdf'],
    ] as const) {
      await supply.getByLabel(`上传“${material}”`).setInputFiles(pdf(file));
      await expect(supply.getByRole('link', { name: file })).toBeVisible({ timeout: 10_000 });
    }
    expect(cut).toBeGreaterThan(3);
    await page.unroute('**/api/v1/files');
    await supply.getByRole('checkbox', { name: /本人承诺所申报的住所/ }).check();
    await supply.getByRole('button', { name: '提交补正材料（4 项）' }).click();

    await expect(page.getByText('补正材料已提交')).toBeVisible();
    await expect(page.getByText('办理中').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: '办理进度' })).toBeVisible();
    await expect(page.getByRole('list', { name: '需要补正的材料' })).toHaveCount(0);

    // 补正: the licence reviewer asks for corrected articles; the applicant answers exactly that.
    const kicker =
      (await page
        .getByText(/^受理编号 YCB\d{16}$/)
        .first()
        .textContent()) ?? '';
    const receiptNo = kicker.replace('受理编号 ', '');
    const desk = await staffPage(browser, guard, 'reviewer.amr', baseURL ?? '');
    await desk
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '待办' })
      .click();
    await desk.getByRole('button', { name: `办理 ${receiptNo} 有限责任公司设立登记` }).click();
    await desk.getByRole('tab', { name: /材料/ }).click();
    await desk.getByRole('button', { name: '预览“公司章程”' }).click();
    await expect(desk.locator('iframe[title="公司章程"]')).toBeVisible();
    await saveScreenshot(desk, 'preview');
    // The PDF viewer in the frame may take the focus once it loads (keys then go to it, not to
    // the page's shortcuts): the reviewer's focus goes back to the page first.
    await desk.getByRole('tab', { name: /材料/ }).focus();
    await desk.keyboard.press('s');
    const dialog = desk.getByRole('dialog', { name: '要求补正' });
    await dialog.getByRole('checkbox', { name: '公司章程' }).check();
    const reason = dialog.getByLabel('“公司章程”需补正的原因');
    await reason.fill('章程缺少全体股东签字页，请补充。');
    // The confirm button is enabled once the reason is in the form; then the key sends it
    // from the field the reviewer is typing in.
    await expect(dialog.getByRole('button', { name: '发出补正通知' })).toBeEnabled();
    await reason.press('Control+Enter');
    await expect(desk.getByText('补正通知已发出')).toBeVisible({ timeout: 15_000 });
    await expect(desk.getByRole('heading', { level: 1, name: '待办' })).toBeVisible();
    await desk.context().close();

    await page.reload();
    await expect(page.getByText('“有限责任公司设立登记”要求补正材料')).toBeVisible();
    const reply = page.getByRole('region', { name: '按要求补正' });
    await expect(reply).toContainText('章程缺少全体股东签字页');
    await expect(reply.getByRole('heading', { level: 3 })).toHaveCount(1);
    await reply.getByLabel('上传“公司章程”').setInputFiles(pdf('公司章程-补签字页.pdf'));
    await expect(reply.getByRole('link', { name: '公司章程-补签字页.pdf' })).toBeVisible();
    await reply.getByRole('button', { name: '提交补正材料（1 项）' }).click();
    await expect(page.getByText('补正材料已提交')).toBeVisible();
    await expect(page.getByText('“有限责任公司设立登记”要求补正材料')).toHaveCount(0);
  });

  test('a form error from the server is shown beside its field, in Chinese and in English', async ({
    page,
    guard,
  }) => {
    await submitPassword(page, 'company1');
    await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
    await page.goto('/apply/matter/amr-company-establishment');
    // Typed as it is typed: the browser checks the identity number at once.
    await page.getByLabel('法定代表人公民身份号码').fill('33040219800115351');
    await page.getByLabel('法定代表人公民身份号码').blur();
    await expect(page.getByText('身份证号应为 18 位')).toBeVisible();
    await fillStartupFields(page);

    // The server refuses a field (its rule set may be stricter than the browser's): the
    // wizard goes back to the form and shows the issue at the field, by its path.
    guard.allowHttpError('/api/v1/applications', 422);
    await page.route('**/api/v1/applications', async (route) => {
      await route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'CASE_INVALID_FORM',
            message: '申请表填写有误，请检查标出的字段',
            details: {
              issues: [
                {
                  path: 'form.businessAddress',
                  code: 'required',
                  message: '请填写住所（经营场所）',
                },
              ],
            },
            requestId: 'e2e',
          },
        }),
      });
    });
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await consentToFetch(page);
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: '申请表有需要修改的地方' }),
    ).toBeVisible();
    // The field by its id: its label changes with the language.
    const field = page
      .locator('.ant-form-item')
      .filter({ has: page.locator('#apply_businessAddress') });
    await expect(field).toContainText('请填写住所（经营场所）');

    await page.getByRole('button', { name: 'English' }).click();
    await expect(field).toContainText('Registered address (place of business) is required');
    await expect(
      page.getByRole('alert').filter({ hasText: 'Some fields of the form need correcting' }),
    ).toBeVisible();
    await saveScreenshot(page, 'english');
    await field.getByRole('textbox').fill('浙江省嘉兴市南湖区创业路100号');
    await expect(field).not.toContainText('is required');
  });
});

/** The licence matter's form alone (a subset of the bundle's). */
async function fillStartupFields(page: import('@playwright/test').Page) {
  await page.getByLabel('企业名称').fill('嘉兴英文示范科技有限公司');
  await page.getByLabel('有限责任公司', { exact: true }).check();
  await page.getByLabel('注册资本（万元）').fill('50');
  await page.getByLabel('经营范围').fill('一般项目：软件开发。');
  await page.getByLabel('住所（经营场所）').fill('浙江省嘉兴市南湖区创业路99号');
  await page.getByLabel('法定代表人姓名').fill('王芳');
  await page.getByLabel('法定代表人公民身份号码').fill('330402198805120024');
  await page.getByLabel('自然人股东公民身份号码 第 1 项').fill('330402198805120024');
  await page.getByLabel('联系电话').fill('13800000003');
}
