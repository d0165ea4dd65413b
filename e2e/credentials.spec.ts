import { expect, saveScreenshot, test } from './support/fixtures.js';
import { signInStaff, submitPassword } from './support/demo.js';
import { qrOfPng } from '../test/support/pdf.js';

// citizen2 of the demo seed (synthetic): 李娜, born 2000-02-29.
const CITIZEN2 = { name: '李娜', idNumber: '33040220000229002X' };

test('a hotel desk verifies a guest by QR: the guest’s phone wallet shows name and age only', async ({
  page,
  browser,
  guard,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // The hotel's front desk: the verifier page on a desktop screen.
  await signInStaff(page, guard, 'verifier1');
  await page.goto('/verify');
  await page.getByText('住宿登记', { exact: true }).first().click();
  await page.getByRole('button', { name: '生成核验码' }).click();
  const qr = page.getByTestId('verifier-qr');
  await expect(qr).toBeVisible();

  // The guest's phone reads the desk's screen: the QR from a screenshot, by a real decoder.
  const link = qrOfPng(await qr.screenshot());
  expect(link, 'the verifier QR decodes').toBeDefined();
  const url = new URL(link!);
  expect(url.pathname).toBe('/wallet/present');
  expect(url.searchParams.get('request')).toMatch(/\S{8,}/);

  const phone = await browser.newContext({
    baseURL,
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const wallet = await phone.newPage();
  guard.watch(wallet);
  await submitPassword(wallet, 'citizen2');
  await expect(wallet.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  // The ID card comes from the registry into the wallet (a recorded read of her data).
  await wallet.goto('/wallet');
  // Another spec on the same server may have added it already: fetch it only when offered.
  const card = wallet.getByRole('article', { name: '居民身份证' });
  const fetch = wallet.getByRole('button', { name: '领取身份证' });
  await expect(card.or(fetch).first()).toBeVisible({ timeout: 15_000 });
  if (await fetch.isVisible()) await fetch.click();
  await expect(card).toBeVisible({ timeout: 15_000 });
  await expect(wallet.getByText('330402********002X').first()).toBeVisible();

  await wallet.goto(`${url.pathname}${url.search}`);
  await expect(wallet.getByText('住宿登记').first()).toBeVisible();
  await expect(wallet.getByText('姓名').first()).toBeVisible();
  await expect(wallet.getByText('年满18周岁').first()).toBeVisible();
  expect(await wallet.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    375,
  );
  await saveScreenshot(wallet, 'wallet-present-phone');
  await wallet.getByRole('button', { name: '同意并出示' }).click();
  await expect(wallet.getByText('验证通过').first()).toBeVisible();

  // The desk sees the answer: valid, with the name and the age claim and nothing else.
  await expect(page.getByRole('heading', { name: '验证通过' })).toBeVisible({ timeout: 5_000 });
  const disclosed = page.getByTestId('disclosed-claims');
  // Exactly the two rows the request asked for, in its order: no other claim of the card.
  await expect(disclosed.getByRole('listitem')).toHaveText([
    new RegExp(`^姓名\\s*${CITIZEN2.name}$`),
    /^年满18周岁\s*是$/,
  ]);
  const shown = (await disclosed.innerText()).replace(/\s+/g, '');
  for (const withheld of ['公民身份号码', '性别', '出生', '住址', '省', '民族', '签发机关']) {
    expect(shown).not.toContain(withheld);
  }
  // Nor anywhere else on the desk's screen.
  const desk = (await page.locator('body').innerText()).replace(/\s+/g, '');
  expect(desk).not.toContain(CITIZEN2.idNumber);
  expect(desk).not.toContain(CITIZEN2.idNumber.slice(-4));
  expect(desk).not.toContain('2000-02-29');
  await saveScreenshot(page, 'verifier-result');

  // The guest sees who verified her card, and which claims.
  await wallet.goto('/wallet');
  const history = wallet.getByTestId('verification-history');
  await expect(history).toContainText('姓名');
  await expect(history).toContainText('住宿登记');
  await phone.close();
});
