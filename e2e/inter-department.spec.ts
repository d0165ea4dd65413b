import fs from 'node:fs';
import type { ApplicationView, MatterGuide } from '../shared/contracts/index.js';
import type { InterDepartmentReportList } from '../shared/contracts/inter-department.js';
import { staffAuth, signInStaff } from './support/demo.js';
import { expect, saveScreenshot, test } from './support/fixtures.js';
import { horizontalOverflow, pdf, pdfText } from './support/desks.js';

const MATTER = 'datab-dept-e-seal';
const ROW = '市市场监督管理局 → 市大数据发展管理局';

test('supervision opens the inter-department board and anyone downloads the public monthly report', async ({
  page,
  browser,
  guard,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  // Set-up through the API: the market regulator asks the big-data bureau for an e-seal, decided.
  const amr = await staffAuth(request, 'reviewer.amr');
  const guide = (await (
    await request.get(`/api/v1/catalog/matters/${MATTER}`)
  ).json()) as MatterGuide;
  const materials = [];
  for (const m of guide.materials) {
    const up = await request.post('/api/v1/files', {
      headers: amr,
      multipart: { file: pdf(`${m.id}.pdf`) },
    });
    expect(up.status(), await up.text()).toBe(201);
    materials.push({ material: m.id, fileId: ((await up.json()) as { fileId: string }).fileId });
  }
  const submitted = await request.post('/api/v1/applications', {
    headers: amr,
    data: { matter: MATTER, form: guide.form.examples[0], materials },
  });
  expect(submitted.status(), await submitted.text()).toBe(201);
  const application = (await submitted.json()) as ApplicationView;
  expect(application.channel).toBe('department');
  const datab = await staffAuth(request, 'reviewer.datab');
  const decided = await request.post(`/api/v1/tasks/${application.tasks[0]!.id}/decision`, {
    headers: datab,
    data: { decision: 'approve' },
  });
  expect(decided.status(), await decided.text()).toBe(204);

  // The supervisor's board: the pair's row with its figures, the follow-ups, the report link.
  await signInStaff(page, guard, 'supervisor1');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto('/supervision/inter-department');
  await expect(page.getByRole('heading', { level: 1, name: '部门间办事' })).toBeVisible();
  const pairs = page.getByRole('region', { name: '申请部门 → 办理部门' });
  const row = pairs.getByRole('row').filter({ hasText: ROW });
  await expect(row).toBeVisible();
  // Received and completed at least this one (other specs may have asked too).
  const cells = row.getByRole('cell');
  expect(Number(await cells.nth(1).innerText())).toBeGreaterThanOrEqual(1);
  expect(Number(await cells.nth(2).innerText())).toBeGreaterThanOrEqual(1);
  await expect(
    page
      .getByRole('region', { name: '按事项' })
      .getByRole('row')
      .filter({ hasText: '政务电子印章申请（部门间）' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '首问负责：在办督办' })).toBeVisible();
  await saveScreenshot(page, 'board');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载本月公开报告（PDF）' }).click();
  const file = await (await download).path();
  const text = pdfText(fs.readFileSync(file));
  expect(text).toContain('部门间办事月度公开报告');
  expect(text).toContain('市大数据发展管理局');
  expect(text).not.toContain(application.receiptNo);

  // On a phone the board still reads, the table scrolling inside itself.
  await page.setViewportSize({ width: 375, height: 740 });
  await expect(row).toBeVisible();
  await expect(page.getByRole('link', { name: '下载本月公开报告（PDF）' })).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await saveScreenshot(page, 'board-phone');

  // A visitor without an account: the list of months and the month's PDF, at both sizes.
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 375, height: 740 },
  ]) {
    const visitor = await browser.newContext({ baseURL, locale: 'zh-CN', viewport });
    const listed = await visitor.request.get('/api/v1/public/inter-department/reports');
    expect(listed.status()).toBe(200);
    const months = ((await listed.json()) as InterDepartmentReportList).months;
    expect(months.length).toBeGreaterThanOrEqual(1);
    const report = await visitor.request.get(months[0]!.url);
    expect(report.status()).toBe(200);
    expect(report.headers()['content-type']).toBe('application/pdf');
    expect(pdfText(await report.body())).toContain('部门间办事月度公开报告');
    const future = await visitor.request.get('/api/v1/public/inter-department/reports/2099-01.pdf');
    expect(future.status()).toBe(422);
    await visitor.close();
  }
});
