import { expect, saveScreenshot, test } from './support/fixtures.js';
import { staffAuth, submitPassword, type ErrorBody } from './support/demo.js';
import { staffPage, submitStartupByApi } from './support/desks.js';

// citizen2: citizen1's applications are counted by portal.spec.

test('a file the department with the task opens shows in the applicant’s data log; staff of no task on it are refused', async ({
  page,
  browser,
  request,
  guard,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await submitPassword(page, 'citizen2');
  await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  const { application } = await submitStartupByApi(page);
  const licence = application.tasks.find((t) => t.status === 'open');
  expect(licence?.department).toBe('amr');
  const articles = application.materials.find((m) => m.name.zh === '公司章程');
  expect(articles?.fileId).toEqual(expect.any(String));
  const fileUrl = `/api/v1/files/${articles!.fileId}`;

  // The licence reviewer opens the uploaded articles on the case page.
  const desk = await staffPage(browser, guard, 'reviewer.amr', baseURL!);
  await desk.goto(`/tasks/${application.id}/${licence!.id}`);
  await desk.getByRole('tab', { name: /材料/ }).click();
  const read = desk.waitForResponse((r) => new URL(r.url()).pathname === fileUrl);
  await desk.getByRole('button', { name: '预览“公司章程”' }).click();
  expect((await read).status()).toBe(200);
  await expect(desk.locator('iframe[title="公司章程"]')).toBeVisible();
  await desk.context().close();

  // A hotel front desk and the reviewer of a department with no step in the application
  // are refused the file, with the reason in words.
  const hotel = await staffPage(browser, guard, 'verifier1', baseURL!);
  const refusals = [
    await hotel.request.get(fileUrl),
    // Its own request context: a sign-in through page.request would replace her session.
    await request.get(fileUrl, { headers: await staffAuth(request, 'reviewer.health') }),
  ];
  for (const refused of refusals) {
    expect(refused.status()).toBe(403);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: 'FILES_FORBIDDEN', message: '无权查看该文件' });
  }
  await hotel.context().close();

  // The applicant's log shows the one read of her file, by the department that opened it.
  await page.goto('/data-access');
  await expect(page.getByRole('heading', { level: 1, name: '我的数据使用记录' })).toBeVisible();
  const fileReads = page
    .getByRole('listitem')
    .filter({ hasText: '工作人员查看了您上传的材料' })
    .filter({ hasText: application.receiptNo });
  await expect(fileReads).toHaveCount(1);
  await expect(fileReads).toContainText('市市场监督管理局');
  await expect(fileReads).toContainText('公司章程');
  await expect(fileReads).toContainText('reviewer');
  await expect(fileReads).not.toContainText('市卫生健康委员会');
  await saveScreenshot(page, 'data-access');
});
