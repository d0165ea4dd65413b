import { expect, saveScreenshot, test } from './support/fixtures.js';
import { signInStaff } from './support/demo.js';
import { horizontalOverflow } from './support/desks.js';
import {
  canvasDrawn,
  dashboardCard,
  figure,
  startSimulatedServer,
  tableRows,
  workbookRows,
  type OwnServer,
} from './support/supervision.js';
import type { MetricsTable, OverdueList, Ranking } from '../shared/contracts/supervision.js';

// The dashboards need history: this spec runs its own server on its own data folder, filled
// by `onetrip simulate` (20 days of 200 people, ended a week ago: the steps still open then
// are past their limits now), so the shared server keeps its demo data only.
const PORT = 4617;
let server: OwnServer | undefined;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: `http://127.0.0.1:${PORT}` });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  server = await startSimulatedServer(PORT, { days: 20, people: 200, ended: 7 });
});

test.afterAll(async () => {
  await server?.stop();
});

const CHART_CARDS = ['办件趋势', '部门排名', '一件事卡点分析', '乡镇（街道）分布'];

/** The last 30 China days, as the dashboard shows by default. */
function last30(): { from: string; to: string } {
  const day = (at: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
  const now = new Date();
  return { from: day(new Date(now.getTime() - 29 * 86_400_000)), to: day(now) };
}

test('the supervision office sees the simulated month in charts, as tables and in Excel, on a desk and on a phone', async ({
  page,
  guard,
}) => {
  test.setTimeout(120_000);
  await signInStaff(page, guard, 'supervisor1');
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '效能看板' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '效能看板' })).toBeVisible();
  await expect(page.getByText(/^\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}$/)).toBeVisible();

  // The headline figures are those of the API for the last 30 days, and there is history.
  const { from, to } = last30();
  const metrics = (await (
    await page.request.get(`/api/v1/supervision/metrics?from=${from}&to=${to}&by=department`)
  ).json()) as MetricsTable;
  expect(metrics.totals.received).toBeGreaterThan(0);
  const tiles = page.getByRole('definition');
  const tile = (name: string) =>
    page.locator('.supervision-tile').filter({ hasText: name }).getByRole('definition');
  await expect(tiles.first()).toBeVisible();
  expect(figure(await tile('收件量').innerText())).toBe(metrics.totals.received);
  expect(figure(await tile('办结量').innerText())).toBe(metrics.totals.completed);
  for (const name of ['按时办结率', '提速率', '差评率', '零跑腿率', '免提交材料'])
    await expect(tile(name)).toBeVisible();

  // Every chart is drawn on a canvas of a real size.
  for (const title of CHART_CARDS) {
    const canvas = dashboardCard(page, title).locator('canvas').first();
    await expect(canvas).toBeVisible();
    const box = await canvas.boundingBox();
    expect(box?.width, title).toBeGreaterThan(100);
    expect(box?.height, title).toBeGreaterThan(100);
    await expect.poll(() => canvasDrawn(canvas), { message: title }).toBe(true);
  }
  const trendWidth = (await dashboardCard(page, '办件趋势')
    .locator('canvas')
    .first()
    .boundingBox())!.width;
  await saveScreenshot(page, 'charts');

  // The ranking as a table: the same departments and figures as the API ranks them.
  const rankingCard = dashboardCard(page, '部门排名');
  await rankingCard.getByText('表格', { exact: true }).click();
  await expect(rankingCard.locator('canvas')).toHaveCount(0);
  const table = rankingCard.getByRole('table');
  await expect(table.getByRole('columnheader', { name: '差评率' })).toBeVisible();
  const ranking = (await (
    await page.request.get(`/api/v1/supervision/ranking?from=${from}&to=${to}`)
  ).json()) as Ranking;
  expect(ranking.rows.length).toBeGreaterThan(0);
  const shown = await tableRows(table);
  expect(shown.map((r) => [Number(r[0]), r[1], figure(r[2]!), figure(r[3]!)])).toEqual(
    ranking.rows.map((r) => [r.rank, r.label, r.received, r.completed]),
  );
  await saveScreenshot(page, 'ranking-table');

  // Its Excel export holds the same figures: each department with its received and completed.
  const downloading = page.waitForEvent('download');
  await rankingCard.getByRole('button', { name: '导出 Excel' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const rows = await workbookRows(await download.path());
  for (const [, department, received, completed] of shown) {
    const line = rows.find((r) => r.includes(department!));
    expect(line, `${department} in the workbook`).toBeDefined();
    expect(line).toContain(figure(received!));
    expect(line).toContain(figure(completed!));
  }

  // A filter narrows every figure: the window channel only, as the API counts it.
  const windowOnly = (await (
    await page.request.get(
      `/api/v1/supervision/metrics?from=${from}&to=${to}&by=department&channel=window`,
    )
  ).json()) as MetricsTable;
  expect(windowOnly.totals.received).toBeGreaterThan(0);
  expect(windowOnly.totals.received).toBeLessThan(metrics.totals.received);
  await page.getByRole('combobox', { name: '办理渠道' }).click();
  await page.getByTitle('窗口办').click();
  await expect
    .poll(async () => figure(await tile('收件量').innerText()))
    .toBe(windowOnly.totals.received);
  await page.getByRole('combobox', { name: '办理渠道' }).press('Escape');

  // On a phone the cards stack, the charts shrink with the window and nothing scrolls sideways.
  await page.setViewportSize({ width: 375, height: 740 });
  const trend = dashboardCard(page, '办件趋势');
  const bundles = dashboardCard(page, '一件事卡点分析');
  await expect
    .poll(async () => (await trend.locator('canvas').first().boundingBox())?.width ?? 0)
    .toBeLessThan(Math.min(trendWidth, 375));
  const trendBox = (await trend.boundingBox())!;
  const bundlesBox = (await bundles.boundingBox())!;
  expect(bundlesBox.x).toBeCloseTo(trendBox.x, 0);
  expect(bundlesBox.y).toBeGreaterThan(trendBox.y + trendBox.height - 1);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await expect.poll(() => canvasDrawn(trend.locator('canvas').first())).toBe(true);
  await saveScreenshot(page, 'phone');

  // 超期预警: the steps past their limits (the deadline watch of the server has found them),
  // most overdue first, each with its escalation; exported as listed.
  await page.setViewportSize({ width: 1280, height: 800 });
  const overdueNow = async () =>
    (
      (await (await page.request.get('/api/v1/supervision/overdue')).json()) as OverdueList
    ).items.filter((i) => i.alert === 'overdue');
  await expect
    .poll(async () => (await overdueNow()).length, { timeout: 20_000 })
    .toBeGreaterThan(0);
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '超期预警' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '超期预警' })).toBeVisible();
  const overdue = (await (
    await page.request.get('/api/v1/supervision/overdue')
  ).json()) as OverdueList;
  const sorted = [...overdue.items].sort((a, b) => b.overdueDays - a.overdueDays);
  const list = page.getByRole('table');
  const top = sorted[0]!;
  // The history ended a week ago: the step longest open is days past its limit.
  expect(top.overdueDays).toBeGreaterThan(1);
  await expect(list.getByRole('link', { name: top.receiptNo })).toBeVisible();
  const listed = await tableRows(list);
  expect(listed.map((r) => r[0])).toEqual(sorted.slice(0, 50).map((i) => i.receiptNo));
  expect(listed[0]).toContain(`超 ${top.overdueDays.toFixed(1)} 个工作日`);
  expect(listed[0]).toContain('超期');
  const escalations: Record<string, string> = {
    none: '未督办',
    escalated: '已上报',
    'follow-up-open': '督办中',
    'follow-up-raised': '督办逾期',
    'follow-up-closed': '督办已办结',
  };
  expect(listed[0]).toContain(escalations[top.escalation]);
  await expect(page.getByText(`共 ${overdue.items.length} 件，其中超期`)).toBeVisible();
  await saveScreenshot(page, 'warnings');

  const warnings = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const sheet = await workbookRows(await (await warnings).path());
  for (const item of sorted.slice(0, 5))
    expect(
      sheet.some((r) => r.includes(item.receiptNo)),
      `${item.receiptNo} in the workbook`,
    ).toBe(true);

  // On a phone: one card per application, the most overdue first, nothing scrolls sideways.
  await page.setViewportSize({ width: 375, height: 740 });
  const cards = page.getByRole('list', { name: '超期预警' }).getByRole('listitem');
  await expect(cards).toHaveCount(overdue.items.length);
  await expect(cards.first()).toContainText(top.receiptNo);
  await expect(cards.first()).toContainText(`超 ${top.overdueDays.toFixed(1)} 个工作日`);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await saveScreenshot(page, 'warnings-phone');

  // The receipt opens the application's progress.
  await cards.first().getByRole('link', { name: top.receiptNo }).click();
  await expect(page).toHaveURL(new RegExp(`/track/${top.receiptNo}$`));
});

test('a department lead sees their own department only', async ({ page, guard }) => {
  test.setTimeout(90_000);
  await signInStaff(page, guard, 'lead.amr');
  await page.goto('/supervision');
  await expect(page.getByRole('heading', { level: 1, name: '效能看板' })).toBeVisible();
  await expect(page.getByText(/的办件效能，由办件过程自动统计/)).toBeVisible();
  await expect(page.getByRole('combobox', { name: '部门' })).toHaveCount(0);
  await expect(dashboardCard(page, '部门排名')).toHaveCount(0);
  const { from, to } = last30();
  const own = (await (
    await page.request.get(
      `/api/v1/supervision/metrics?from=${from}&to=${to}&by=matter&department=amr`,
    )
  ).json()) as MetricsTable;
  const received = page
    .locator('.supervision-tile')
    .filter({ hasText: '收件量' })
    .getByRole('definition');
  await expect(received).toBeVisible();
  expect(figure(await received.innerText())).toBe(own.totals.received);
  await expect(dashboardCard(page, '办件趋势').locator('canvas').first()).toBeVisible();

  // A view the server cannot answer says so in its card; the others stay.
  guard.allowHttpError('/api/v1/supervision/towns', 503);
  await page.route('**/api/v1/supervision/towns?**', (route) =>
    route.fulfill({
      status: 503,
      json: { error: { code: 'UNAVAILABLE', message: '服务暂不可用', requestId: 'e2e' } },
    }),
  );
  await page.reload();
  const towns = dashboardCard(page, '乡镇（街道）分布');
  await expect(towns.getByRole('alert')).toContainText('数据加载失败');
  await expect(towns.getByRole('alert')).toContainText('服务暂不可用');
  await expect(dashboardCard(page, '办件趋势').locator('canvas').first()).toBeVisible();
});
