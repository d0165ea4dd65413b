import { expect, saveScreenshot, test } from './support/fixtures.js';
import { submitPassword } from './support/demo.js';
import { submitStartupByApi } from './support/desks.js';
import { qrOf } from '../test/support/pdf.js';

// citizen2 of the demo seed (synthetic); citizen1's applications are counted by portal.spec.
const CITIZEN2_ID = '33040220000229002X';

test('the QR code of a printed receipt opens its public progress on a phone, without an account', async ({
  page,
  browser,
  guard,
  baseURL,
}) => {
  test.setTimeout(60_000);
  await submitPassword(page, 'citizen2');
  await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();

  const { application, guide } = await submitStartupByApi(page);

  // Print the receipt and read its QR code from the rendered page with a real decoder.
  const receipt = await page.request.get(`/api/v1/applications/${application.id}/receipt.pdf`);
  expect(receipt.headers()['content-type']).toContain('application/pdf');
  const scanned = qrOf(await receipt.body());
  expect(scanned).toBeDefined();
  const link = new URL(scanned!);
  expect(link.pathname).toBe(`/track/${application.receiptNo}`);
  expect(link.searchParams.get('k')).toMatch(/^[A-Za-z0-9_-]{22}$/);

  // A stranger's phone: no session at all.
  const phone = await browser.newContext({
    baseURL,
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const stranger = await phone.newPage();
  guard.watch(stranger);
  await stranger.goto(`${link.pathname}${link.search}`);
  await expect(stranger.getByRole('heading', { level: 1, name: '办件进度' })).toBeVisible();
  await expect(stranger.getByRole('heading', { level: 2, name: guide.name.zh })).toBeVisible();
  await expect(stranger.getByTestId('track-stage')).toHaveText('审批中');
  await expect(stranger.getByText('目前无需您办理')).toBeVisible();
  await expect(stranger.getByText(/承诺办结时间/)).toBeVisible();
  const text = (await stranger.locator('body').innerText()).replace(/\s+/g, '');
  expect(text).not.toContain(CITIZEN2_ID.slice(-4));
  if (application.applicant.name) expect(text).not.toContain(application.applicant.name);
  expect(await stranger.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    375,
  );
  await saveScreenshot(stranger, 'track-phone');

  // The number alone (typed in, or guessed) shows only that the receipt exists.
  await stranger.goto(`/track/${application.receiptNo}`);
  await expect(stranger.getByText('该受理编号存在')).toBeVisible();
  await expect(stranger.getByTestId('track-stage')).toHaveCount(0);
  await expect(stranger.getByText(guide.name.zh)).toHaveCount(0);
  await phone.close();
});
