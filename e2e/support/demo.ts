import { TOTP } from 'otpauth';
import { expect, type Page } from '@playwright/test';
import type { PageGuard } from './fixtures.js';
import type { LoginResponse } from '../../shared/contracts/index.js';

export type { ErrorBody, LoginResponse } from '../../shared/contracts/index.js';

/** The password of every demo account (API.md "Demo mode"). */
export const DEMO_PASSWORD = 'demo12345';

const staffTotp = new TOTP({
  secret: 'JBSWY3DPEHPK3PXP', // the demo staff accounts' shared secret (API.md)
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
});

/** The demo staff accounts' TOTP code at `timestamp` (now by default). */
export function totpCode(timestamp = Date.now()): string {
  return staffTotp.generate({ timestamp });
}

/** Opens the login page and submits username and password (Chinese UI). */
export async function submitPassword(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登录/ }).click();
}

/** Resolves with the next successful login answer (the account the server signed in). */
export async function nextLogin(page: Page): Promise<LoginResponse> {
  const response = await page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST' && r.ok(),
  );
  return (await response.json()) as LoginResponse;
}

/**
 * Signs a staff account in: password, then the TOTP step (the first answer is the 401
 * AUTH_TOTP_REQUIRED the page reacts to); resolves with the successful login answer.
 */
export async function signInStaff(
  page: Page,
  guard: PageGuard,
  username: string,
): Promise<LoginResponse> {
  guard.allowHttpError('/api/v1/auth/login', 401);
  await submitPassword(page, username);
  const code = page.getByLabel('动态验证码');
  await expect(code).toBeFocused();
  const answer = nextLogin(page);
  await code.fill(totpCode());
  await page.getByRole('button', { name: /登录/ }).click();
  return answer;
}
