import { expect, test } from './support/fixtures.js';
import { signInStaff } from './support/demo.js';
import type { CalendarStatusView } from '../shared/contracts/index.js';

test("the administrator's home warns while next year's holiday notice is missing", async ({
  page,
  guard,
}) => {
  // The platform ships the notices up to 2026; the date is the machine's own, so the answer is
  // read from the server and the page must show exactly what it says.
  const status = (await (
    await page.request.get('/api/v1/calendar/status')
  ).json()) as CalendarStatusView;
  await signInStaff(page, guard, 'admin');
  await expect(page.getByRole('heading', { level: 1, name: '系统管理' })).toBeVisible();
  const alert = page.locator('.home__warning');
  if (status.warning) {
    await expect(alert).toContainText(status.warning.zh);
    await expect(alert).toContainText('onetrip calendar add-year');
  } else {
    await expect(alert).toHaveCount(0);
  }
  expect(status.years).toEqual(expect.arrayContaining([2025, 2026]));
});
