import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { saveScreenshot, type PageGuard } from './fixtures.js';
import { signInStaff, staffAuth } from './demo.js';
import type { ApplicationView, BundleGuide, MatterGuide } from '../../shared/contracts/index.js';

/** A small valid PDF (the server judges the type by content: it starts with `%PDF-`). */
export function pdf(name: string): { name: string; mimeType: string; buffer: Buffer } {
  const body = `%PDF-1.4\n% ${name}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body, 'utf8') };
}

/** The form of `enterprise-startup` as a founder fills it in (the guide's example, typed). */
export async function fillStartupForm(page: Page, companyName: string): Promise<void> {
  await page.getByLabel('企业名称').fill(companyName);
  await page.getByLabel('有限责任公司', { exact: true }).check();
  await page.getByLabel('注册资本（万元）').fill('100');
  await page.getByLabel('经营范围').fill('一般项目：技术服务、技术开发、技术咨询；软件开发。');
  await page.getByLabel('住所（经营场所）').fill('浙江省嘉兴市南湖区创业路88号3幢201室');
  await page.getByLabel('法定代表人姓名').fill('李明');
  await page.getByLabel('法定代表人公民身份号码').fill('330402198001153517');
  await page.getByLabel('自然人股东公民身份号码 第 1 项').fill('330402198001153517');
  await page.getByLabel('联系电话').fill('13957512345');
  await page.getByRole('checkbox', { name: '公章' }).check();
  await page.getByRole('checkbox', { name: '财务专用章' }).check();
  await page.getByLabel('开户银行').click();
  // antd's listbox options for screen readers are hidden; the visible ones carry a title.
  await page.getByTitle('中国工商银行').click();
  await page.getByLabel('财务负责人（办税人员）').fill('王芳');
  await page.getByRole('checkbox', { name: '增值税普通发票' }).check();
}

/** The four materials of `enterprise-startup` the founder gives: three PDFs and a commitment. */
export async function giveStartupMaterials(page: Page): Promise<void> {
  for (const [material, file] of [
    ['公司登记（备案）申请书', '登记申请书.pdf'],
    ['公司章程', '公司章程.pdf'],
    ['法定代表人、董事、监事和经理的任职文件', '任职文件.pdf'],
  ] as const) {
    await page.getByLabel(`上传“${material}”`).setInputFiles(pdf(file));
    await expect(page.getByRole('link', { name: file })).toBeVisible();
  }
  await page.getByRole('checkbox', { name: /本人承诺所申报的住所/ }).check();
}

/** 授权调取 on the review step: ticks the consent to fetch the data listed (submit waits for it). */
export async function consentToFetch(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: /我已阅读并同意.*授权调取上述数据/ }).check();
}

/**
 * A second browser context (desktop size) with a staff account signed in, watched by the
 * guard for console errors; closes with the test.
 */
export async function staffPage(
  browser: Browser,
  guard: PageGuard,
  username: string,
  baseURL: string,
): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  guard.watch(page);
  await signInStaff(page, guard, username);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return page;
}

/**
 * A reviewer opens the task of an application from the queue, claims it with `c` and
 * approves it with `a` and Ctrl+Enter (the keyboard path of the workbench).
 */
export async function approveFromQueue(
  page: Page,
  receiptNo: string,
  step: string,
  screenshot?: string,
): Promise<void> {
  await page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '待办' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: '待办' })).toBeVisible();
  await page.getByRole('button', { name: `办理 ${receiptNo} ${step}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: step })).toBeVisible();
  await page.keyboard.press('c');
  await expect(page.getByRole('complementary').getByText('审批中', { exact: true })).toBeVisible();
  if (screenshot) await saveScreenshot(page, screenshot);
  await page.keyboard.press('a');
  const dialog = page.getByRole('dialog', { name: '审批通过' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('审批意见（选填）').fill('材料齐全，准予办理。');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { level: 1, name: '待办' })).toBeVisible();
}

/** The text of a PDF, by poppler's pdftotext. */
export function pdfText(bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, bytes);
    const result = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
    return result.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Submits a matter or bundle through the API with the page's own session (as the wizard does):
 * an upload for every material that takes one, a commitment where only that is possible, and
 * the consent to fetch the rest (授权调取).
 */
export async function submitByApi<G extends BundleGuide | MatterGuide>(
  page: Page,
  kind: 'bundle' | 'matter',
  code: string,
): Promise<{ application: ApplicationView; guide: G }> {
  const guide = (await (await page.request.get(`/api/v1/catalog/${kind}s/${code}`)).json()) as G;
  const materials: Array<Record<string, unknown>> = [];
  for (const m of guide.materials) {
    if (m.satisfiedBy.includes('datahub')) continue;
    if (m.satisfiedBy.includes('upload')) {
      const up = await page.request.post('/api/v1/files', {
        multipart: { file: pdf(`${m.id}.pdf`) },
      });
      expect(up.status()).toBe(201);
      materials.push({ material: m.id, fileId: ((await up.json()) as { fileId: string }).fileId });
    } else if (m.satisfiedBy.includes('commitment'))
      materials.push({ material: m.id, commitment: {} });
  }
  const submitted = await page.request.post('/api/v1/applications', {
    data: { [kind]: code, form: guide.form.examples[0], materials, consent: { fetch: true } },
  });
  expect(submitted.status(), await submitted.text()).toBe(201);
  return { application: (await submitted.json()) as ApplicationView, guide };
}

/** {@link submitByApi} for the enterprise start-up bundle. */
export const submitStartupByApi = (page: Page) =>
  submitByApi<BundleGuide>(page, 'bundle', 'enterprise-startup');

/**
 * Set-up a test does not look at: every department approves its steps through the API until
 * the application is completed; returns it as the applicant (the page's session) sees it.
 */
export async function approveAllByApi(
  page: Page,
  request: APIRequestContext,
  application: ApplicationView,
): Promise<ApplicationView> {
  const reviewers = new Map<string, { authorization: string }>();
  let current = application;
  while (current.status !== 'completed') {
    for (const task of current.tasks.filter((t) => t.status === 'open')) {
      const key = `reviewer.${task.department}`;
      if (!reviewers.has(key)) reviewers.set(key, await staffAuth(request, key));
      const res = await request.post(`/api/v1/tasks/${task.id}/decision`, {
        headers: reviewers.get(key),
        data: { decision: 'approve' },
      });
      expect(res.status(), await res.text()).toBe(204);
    }
    current = (await (
      await page.request.get(`/api/v1/applications/${application.id}`)
    ).json()) as ApplicationView;
  }
  return current;
}

/** How far the page is wider than its window (0 or less: no horizontal scroll). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
