import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TOTP } from 'otpauth';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
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
  await fillPassword(page, username, password);
}

/** Submits username and password on the login page already open (kept `?next=` and all). */
export async function fillPassword(page: Page, username: string, password = DEMO_PASSWORD) {
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

// The 30-second TOTP step each staff account last signed in with: a code is accepted once
// (RFC 6238 replay protection), so the same account waits for the next step. Kept in a file,
// because Playwright starts a new worker process after a failed test.
const STEP_MS = 30_000;
const STEPS_FILE = path.join(os.tmpdir(), 'onetrip-e2e-totp-steps.json');

function readSteps(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(STEPS_FILE, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

async function freshTotp(username: string): Promise<string> {
  const step = Math.floor(Date.now() / STEP_MS);
  if (readSteps()[username] === step) {
    await new Promise((resolve) => setTimeout(resolve, (step + 1) * STEP_MS - Date.now() + 200));
  }
  const now = Date.now();
  fs.writeFileSync(
    STEPS_FILE,
    JSON.stringify({ ...readSteps(), [username]: Math.floor(now / STEP_MS) }),
  );
  return totpCode(now);
}

/**
 * Signs a staff account in through the API (password and TOTP at once), for set-up steps a
 * test does not look at; returns the Authorization header of the session.
 */
export async function staffAuth(
  request: APIRequestContext,
  username: string,
): Promise<{ authorization: string }> {
  const res = await request.post('/api/v1/auth/login', {
    data: { username, password: DEMO_PASSWORD, totp: await freshTotp(username) },
  });
  expect(res.status(), await res.text()).toBe(200);
  return { authorization: `Bearer ${((await res.json()) as LoginResponse).token}` };
}

/**
 * Signs a staff account in: password, then the TOTP step (the first answer is the 401
 * AUTH_TOTP_REQUIRED the page reacts to); resolves with the successful login answer. An
 * account that already signed in during this 30-s step waits for the next one. `open: false`
 * uses the login page already open (one a redirect brought the test to).
 */
export async function signInStaff(
  page: Page,
  guard: PageGuard,
  username: string,
  { open = true }: { open?: boolean } = {},
): Promise<LoginResponse> {
  guard.allowHttpError('/api/v1/auth/login', 401);
  if (open) await page.goto('/login');
  await fillPassword(page, username);
  const code = page.getByLabel('动态验证码');
  await expect(code).toBeFocused();
  const totp = await freshTotp(username);
  const answer = nextLogin(page);
  await code.fill(totp);
  await page.getByRole('button', { name: /登录/ }).click();
  return answer;
}
