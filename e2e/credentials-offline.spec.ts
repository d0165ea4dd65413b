import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, saveScreenshot, test } from './support/fixtures.js';
import { signInStaff, staffAuth, submitPassword } from './support/demo.js';
import { approveAllByApi, submitStartupByApi } from './support/desks.js';
import { qrOf, qrOfPng } from '../test/support/pdf.js';
import type { CredentialView } from '../shared/contracts/index.js';

// citizen2 of the demo seed (synthetic): 李娜, born 2000-02-29.
const CITIZEN2 = { name: '李娜', idNumber: '33040220000229002X' };

/** An SD-JWT presentation as a holder's QR carries it: `<jwt>~<disclosures>~<kb-jwt>`. */
const PRESENTATION = /^[\w-]+\.[\w-]+\.[\w-]+~(?:[\w-]+~)+[\w-]+\.[\w-]+\.[\w-]+$/;

/**
 * What the verifier page keeps for offline use (its IndexedDB store `trust`): how many issuer
 * keys its JWKS has and which status lists it kept. Read to know the page is ready before the
 * network goes.
 */
function keptTrustData(page: Page): Promise<{ keys: number; statusLists: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ keys: number; statusLists: string[] }>((resolve) => {
        const none = { keys: 0, statusLists: [] };
        const open = indexedDB.open('onetrip-verifier');
        open.onerror = () => resolve(none);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('trust')) return resolve(none);
          const store = db.transaction('trust').objectStore('trust');
          const names = store.getAllKeys();
          const jwks = store.get('jwks');
          jwks.onsuccess = () =>
            resolve({
              keys: ((jwks.result as { keys?: unknown[] } | undefined)?.keys ?? []).length,
              statusLists: names.result.map(String).filter((k) => k.startsWith('status:')),
            });
          jwks.onerror = () => resolve(none);
        };
      }),
  );
}

/** Opens 扫描持证人二维码 on the verifier page (signed-in desk). */
async function openScanTab(page: Page): Promise<void> {
  await page.goto('/verify');
  await page.getByRole('tab', { name: '扫描持证人二维码' }).click();
  await expect(page.getByLabel('二维码内容')).toBeVisible();
}

/** Pastes a QR code's text on the scan tab and verifies it. */
async function pasteAndVerify(page: Page, text: string): Promise<void> {
  await page.getByLabel('二维码内容').fill(text);
  await page.getByRole('button', { name: '核验', exact: true }).click();
}

test('a guest’s phone shows her ID card as a QR code; the desk verifies it offline, once', async ({
  page,
  browser,
  guard,
  baseURL,
}) => {
  test.setTimeout(150_000);
  // The hotel's front desk opens the verifier page while the network is up.
  await signInStaff(page, guard, 'verifier1');
  await openScanTab(page);

  // The guest's phone (a real phone's pixel density, so a screenshot keeps every module).
  const phone = await browser.newContext({
    baseURL,
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const wallet = await phone.newPage();
  guard.watch(wallet);
  await submitPassword(wallet, 'citizen2');
  await expect(wallet.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  await wallet.goto('/wallet');
  // Another spec on this server may have added her ID card already.
  const card = wallet.getByRole('article', { name: '居民身份证' });
  const fetchCard = wallet.getByRole('button', { name: '领取身份证' });
  await expect(card.or(fetchCard).first()).toBeVisible();
  if (await fetchCard.isVisible()) await fetchCard.click();
  await expect(card).toBeVisible();
  await expect(card).toContainText('330402********002X');

  // She chooses what to show: her name and that she is 18 or over, nothing else.
  await card.getByRole('button', { name: '出示二维码' }).click();
  const dialog = wallet.getByRole('dialog');
  await expect(dialog).toBeVisible();
  for (const claim of ['姓名', '年满18周岁']) await dialog.getByLabel(claim).check();
  for (const claim of ['公民身份号码', '出生日期', '住址'])
    await dialog.getByLabel(claim).uncheck();
  await dialog.getByRole('button', { name: '生成二维码' }).click();
  await expect(dialog.getByTestId('holder-qr')).toBeVisible();
  await expect(dialog.getByTestId('holder-qr-countdown')).toContainText('秒后刷新');
  expect(await wallet.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    375,
  );
  await saveScreenshot(wallet, 'holder-qr-phone');

  // While the desk is online it verifies one presentation (copied text): the server answers,
  // and the page keeps the issuer keys and that presentation's status list for later.
  await dialog.getByText('无法扫码时，复制出示内容').click();
  const first = await dialog.getByLabel('出示内容').inputValue();
  expect(first).toMatch(PRESENTATION);
  await pasteAndVerify(page, first);
  await expect(page.getByRole('heading', { name: '验证通过' })).toBeVisible();
  await expect(page.getByText('离线核验')).toHaveCount(0);
  await expect(page.getByTestId('disclosed-claims')).toContainText(CITIZEN2.name);
  await expect
    .poll(
      async () => {
        const kept = await keptTrustData(page);
        return kept.keys > 0 && kept.statusLists.some((k) => /\/psb-\d+$/.test(k));
      },
      { message: 'the page kept the issuer keys and the ID card’s status list' },
    )
    .toBe(true);
  await page.getByRole('button', { name: '核验下一个' }).click();

  // A fresh QR code on the phone, read from a screenshot by a real decoder.
  await dialog.getByRole('button', { name: '重新选择' }).click();
  await dialog.getByRole('button', { name: '生成二维码' }).click();
  const qr = dialog.getByTestId('holder-qr');
  await expect(qr).toBeVisible();
  const shot = await qr.screenshot();
  const shown = qrOfPng(shot);
  expect(shown, 'the holder QR decodes').toBeDefined();
  expect(shown).toMatch(PRESENTATION);
  expect(shown, 'a new presentation, not the one verified online').not.toBe(first);
  const image = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-holder-qr-')), 'qr.png');
  fs.writeFileSync(image, shot);

  // The network goes; the desk reads the photo of the guest's screen.
  await page.context().setOffline(true);
  await page.getByLabel('选择二维码图片').setInputFiles(image);
  await expect(page.getByRole('heading', { name: '验证通过' })).toBeVisible();
  await expect(page.getByText('离线核验', { exact: true })).toBeVisible();
  await expect(page.getByTestId('status-age')).toContainText('状态数据更新于');
  const disclosed = page.getByTestId('disclosed-claims');
  await expect(disclosed).toContainText('姓名');
  await expect(disclosed).toContainText(CITIZEN2.name);
  await expect(disclosed).toContainText('年满18周岁');
  const claims = (await disclosed.innerText()).replace(/\s+/g, '');
  expect(claims).not.toContain('公民身份号码');
  expect(claims).not.toContain(CITIZEN2.idNumber.slice(-4));
  expect(claims).not.toContain('出生日期');
  expect(claims).not.toContain('住址');
  await saveScreenshot(page, 'offline-valid');

  // The same picture again: refused as a replay, still offline.
  await page.getByRole('button', { name: '核验下一个' }).click();
  await page.getByLabel('选择二维码图片').setInputFiles(image);
  await expect(page.getByRole('heading', { name: '验证未通过' })).toBeVisible();
  await expect(page.getByTestId('failed-check')).toContainText('未被重复使用');
  await expect(page.getByText('离线核验', { exact: true })).toBeVisible();
  await expect(page.getByTestId('disclosed-claims')).toHaveCount(0);
  await saveScreenshot(page, 'offline-replay');

  await page.context().setOffline(false);
  fs.rmSync(path.dirname(image), { recursive: true, force: true });
  await phone.close();
});

test('a printed business licence verifies by its QR code until the department revokes it', async ({
  page,
  browser,
  guard,
  baseURL,
  request,
}) => {
  test.setTimeout(150_000);
  // The company completes its start-up; the licence lands in its wallet.
  await submitPassword(page, 'company1');
  await expect(page.getByRole('heading', { level: 1, name: '办事大厅' })).toBeVisible();
  const { application } = await submitStartupByApi(page);
  await approveAllByApi(page, request, application);
  const mine = (await (await page.request.get('/api/v1/me/credentials')).json()) as {
    items: CredentialView[];
  };
  const licence = mine.items.find(
    (c) => c.type === 'BusinessLicence' && c.applicationId === application.id,
  );
  expect(licence, 'the start-up issued a business licence').toBeDefined();
  const { creditCode, companyName } = licence!.claims as {
    creditCode: string;
    companyName: string;
  };

  await page.goto('/wallet');
  const card = page.getByRole('article', { name: '营业执照' }).filter({ hasText: creditCode });
  await expect(card).toBeVisible({ timeout: 15_000 });
  await expect(card.getByRole('link', { name: '打印纸质件' })).toHaveAttribute(
    'href',
    `/api/v1/me/credentials/${encodeURIComponent(licence!.id)}/paper.pdf`,
  );

  // The printed licence, its QR code read from the rendered page by a real decoder.
  const paper = await page.request.get(
    `/api/v1/me/credentials/${encodeURIComponent(licence!.id)}/paper.pdf`,
  );
  expect(paper.status()).toBe(200);
  expect(paper.headers()['content-type']).toContain('application/pdf');
  const scanned = qrOf(await paper.body());
  expect(scanned, 'the paper QR decodes').toBeDefined();
  expect(scanned).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+~(?:[\w-]+~)+$/);

  // A bank's desk checks the paper a customer brought.
  const deskContext = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 800 },
  });
  const desk = await deskContext.newPage();
  guard.watch(desk);
  await signInStaff(desk, guard, 'verifier1');
  await openScanTab(desk);
  await pasteAndVerify(desk, scanned!);
  await expect(desk.getByRole('heading', { name: '验证通过' })).toBeVisible();
  const disclosed = desk.getByTestId('disclosed-claims');
  await expect(disclosed).toContainText('名称');
  await expect(disclosed).toContainText(companyName);
  await expect(disclosed).toContainText('统一社会信用代码');
  await expect(disclosed).toContainText(creditCode);
  await saveScreenshot(desk, 'paper-valid');

  // The market regulator revokes the licence; the same paper no longer verifies.
  const revoked = await request.post(
    `/api/v1/credentials/${encodeURIComponent(licence!.id)}/status`,
    {
      headers: await staffAuth(request, 'reviewer.amr'),
      data: { status: 'revoked', reason: '营业执照已被依法吊销' },
    },
  );
  expect(revoked.status(), await revoked.text()).toBeLessThan(300);
  await desk.getByRole('button', { name: '核验下一个' }).click();
  await pasteAndVerify(desk, scanned!);
  await expect(desk.getByRole('heading', { name: '验证未通过' })).toBeVisible();
  await expect(desk.getByTestId('failed-check')).toContainText('证照状态');
  await expect(desk.getByText('离线核验', { exact: true })).toHaveCount(0);
  await expect(desk.getByTestId('disclosed-claims')).toHaveCount(0);
  await saveScreenshot(desk, 'paper-revoked');

  // The company sees its licence revoked, with the reason.
  await page.reload();
  await expect(card).toContainText('营业执照已被依法吊销', { timeout: 15_000 });
  await expect(card.getByRole('button', { name: '出示二维码' })).toBeDisabled();
  await deskContext.close();
});
