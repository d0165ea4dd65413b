import { expect, saveScreenshot, test } from './support/fixtures.js';
import { submitPassword } from './support/demo.js';
import { staffPage, submitByApi } from './support/desks.js';
import type { CalendarStatusView } from '../shared/contracts/index.js';

// 教师资格认定 promises 20 working days: submitted in December, it falls due in the next year.
const MATTER = 'edu-teacher-qualification';
const STEP = '教师资格认定';

/** The due time as the Chinese desk shows it (China time). */
const SHOWN = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** The China-time year of an instant. */
function chinaYear(iso: string): number {
  return Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
      new Date(iso),
    ),
  );
}

test('a deadline counted on a year without its holiday notice shows 预计 on the reviewer’s desk', async ({
  page,
  browser,
  guard,
  baseURL,
}) => {
  test.setTimeout(90_000);
  // citizen2: citizen1's applications are counted by portal.spec.
  await submitPassword(page, 'citizen2');
  await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  const { application } = await submitByApi(page, 'matter', MATTER);
  const task = application.tasks.find((t) => t.status === 'open');
  expect(task?.department).toBe('edu');
  expect(task?.dueAt).toEqual(expect.any(String));

  // The server counts on the notices it has loaded; a year without one is an estimate.
  const calendar = (await (
    await page.request.get('/api/v1/calendar/status')
  ).json()) as CalendarStatusView;
  const dueYear = chinaYear(task!.dueAt!);
  expect(calendar.years, 'the due date falls in a year whose notice is not loaded').not.toContain(
    dueYear,
  );
  expect(task!.dueProvisional).toBe(true);
  const due = `${SHOWN.format(new Date(task!.dueAt!))} (预计)`;

  const desk = await staffPage(browser, guard, 'reviewer.edu', baseURL!);
  await desk
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '待办' })
    .click();
  await expect(desk.getByRole('heading', { level: 1, name: '待办' })).toBeVisible();
  const row = desk.getByRole('row').filter({ hasText: application.receiptNo });
  await expect(row).toContainText(due);
  await expect(row.getByTitle(/节假日安排尚未发布/)).toHaveText('(预计)');
  await saveScreenshot(desk, 'queue');

  await row.getByRole('button', { name: `办理 ${application.receiptNo} ${STEP}` }).click();
  await expect(desk.getByRole('heading', { level: 1, name: STEP })).toBeVisible();
  // The app's own content (the layout nests a second main landmark around it).
  const content = desk.locator('#main');
  await expect(content).toContainText(due);
  await expect(content.getByTitle(/节假日安排尚未发布/).first()).toHaveText('(预计)');
  await saveScreenshot(desk, 'case');
  await desk.context().close();
});
