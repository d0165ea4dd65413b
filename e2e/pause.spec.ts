import { expect, saveScreenshot, test } from './support/fixtures.js';
import { submitPassword } from './support/demo.js';
import { staffPage, submitStartupByApi } from './support/desks.js';

test('a reviewer pauses the clock for expert review on the workbench and resumes it', async ({
  page,
  browser,
  guard,
  baseURL,
}) => {
  test.setTimeout(90_000);
  // citizen2: citizen1's applications are counted by portal.spec.
  await submitPassword(page, 'citizen2');
  await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  const { application } = await submitStartupByApi(page);
  const licence = application.tasks.find((t) => t.status === 'open');
  expect(licence?.department).toBe('amr');

  const desk = await staffPage(browser, guard, 'reviewer.amr', baseURL!);
  await desk.goto(`/tasks/${application.id}/${licence!.id}`);
  const panel = desk.getByRole('complementary');
  await panel.getByRole('button', { name: '依法暂停计时' }).click();
  const dialog = desk.getByRole('dialog', { name: '暂停计时（不计入法定时限）' });
  await expect(dialog).toBeVisible();
  // No reason, no pause.
  await expect(dialog.getByRole('button', { name: '暂停计时' })).toBeDisabled();
  await dialog.getByRole('radio', { name: '专家评审' }).check();
  await dialog.getByLabel('审批意见（选填）').fill('组织专家论证经营范围');
  await dialog.getByRole('button', { name: '暂停计时' }).click();
  await expect(desk.getByText('已暂停计时', { exact: true })).toBeVisible();
  await expect(panel.getByText('已暂停计时：专家评审')).toBeVisible();
  await saveScreenshot(desk, 'paused');

  // The applicant's own page shows the step paused, with the reason in the history.
  const mine = await page.request.get(`/api/v1/applications/${application.id}`);
  const paused = (await mine.json()) as typeof application;
  expect(paused.tasks.find((t) => t.id === licence!.id)).toMatchObject({
    status: 'paused',
    pauseReason: 'expert-review',
  });

  await panel.getByRole('button', { name: '恢复计时' }).click();
  await expect(desk.getByText('已恢复计时，时限顺延')).toBeVisible();
  await expect(panel.getByRole('button', { name: '依法暂停计时' })).toBeVisible();
  const after = (await (
    await page.request.get(`/api/v1/applications/${application.id}`)
  ).json()) as typeof application;
  expect(after.actions.map((a) => a.type)).toEqual(expect.arrayContaining(['paused', 'resumed']));
});
