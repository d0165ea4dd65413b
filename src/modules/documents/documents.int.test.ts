import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView, BundleGuide } from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, guideOf, satisfyMaterials } from '../../../test/support/cases.js';
import { qrOf } from '../../../test/support/pdf.js';
import { trackKey } from '../track/index.js';
import { trackingUrl } from './documents.text.js';

// Tuesday 2026-12-01 10:00 in China: a working day.
const MORNING = '2026-12-01T02:00:00Z';
// citizen1 of the demo seed (synthetic, valid check character).
const CITIZEN1_ID = '330681199003071233';

let app: TestApp;
let citizen: string;
let guide: BundleGuide;
beforeAll(async () => {
  app = await createTestApp({ at: MORNING });
  citizen = await app.login('citizen1');
  guide = await guideOf(app, 'bundle', 'enterprise-startup');
});
afterAll(async () => app.cleanup());

async function submit(token: string, materials: unknown[]): Promise<ApplicationView> {
  const res = await api<ApplicationView>(app, token, 'POST', '/api/v1/applications', {
    bundle: 'enterprise-startup',
    form: guide.form.examples[0],
    materials,
    consent: { fetch: true },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function fetchPdf(token: string | null, id: string, doc: string) {
  const res = await app.server.inject({
    url: `/api/v1/applications/${id}/${doc}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, body: res.body };
}

/** The text of a PDF as poppler extracts it, with all white space removed (table cells wrap). */
function textOf(pdf: Buffer): string {
  const out = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf });
  if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr.toString()}`);
  return out.stdout.toString().replace(/\s+/g, '');
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('受理回执 (acceptance receipt)', () => {
  let accepted: ApplicationView;
  beforeAll(async () => {
    accepted = await submit(citizen, await satisfyMaterials(app, citizen, guide));
    expect(accepted.status).toBe('accepted');
  });

  it('is a PDF with the receipt number, the bundle in Chinese and only the masked identity number', async () => {
    const res = await fetchPdf(citizen, accepted.id, 'receipt.pdf');
    expect(res.status, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent(`受理回执-${accepted.receiptNo}.pdf`)}`,
    );
    expect(res.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = textOf(res.bytes);
    expect(text).toContain(accepted.receiptNo);
    expect(text).toContain(squash(guide.name.zh));
    expect(text).toContain('受理回执');
    expect(text).toContain('330681********1233');
    expect(text).not.toContain(CITIZEN1_ID);
    // Every material, with how it was satisfied; the due date of the promised limit.
    for (const m of accepted.materials) expect(text).toContain(squash(m.name.zh));
    expect(text).toContain('数据共享获取');
    expect(text).toContain('2026-12-0217:30');
  });

  it('carries a QR code of the tracking link of the receipt number', async () => {
    const res = await fetchPdf(citizen, accepted.id, 'receipt.pdf');
    expect(qrOf(res.bytes)).toBe(
      trackingUrl(
        app.config.publicUrl,
        accepted.receiptNo,
        trackKey(app.config.secrets.hmac, accepted.receiptNo),
      ),
    );
  });

  it('is 404 for another citizen and 401 for nobody; staff who may see it can print it', async () => {
    const other = await app.login('citizen2');
    const res = await fetchPdf(other, accepted.id, 'receipt.pdf');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'CASE_NOT_FOUND' } });
    expect((await fetchPdf(null, accepted.id, 'receipt.pdf')).status).toBe(401);
    const supervisor = await app.login('supervisor1');
    expect((await fetchPdf(supervisor, accepted.id, 'receipt.pdf')).status).toBe(200);
  });

  it('has no one-time notice (409) and no hand-over slip before completion (409)', async () => {
    for (const doc of ['notice.pdf', 'hand-over.pdf']) {
      const res = await fetchPdf(citizen, accepted.id, doc);
      expect(res.status).toBe(409);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'DOCUMENTS_NOT_AVAILABLE' } });
    }
  });
});

describe('一次性告知书 (one-time notice)', () => {
  let deficient: ApplicationView;
  let token: string;
  beforeAll(async () => {
    token = await app.login('citizen2');
    deficient = await submit(token, []);
    expect(deficient.status).toBe('deficient');
  });

  it('lists every missing material of a deficient application, with what to do', async () => {
    const res = await fetchPdf(token, deficient.id, 'notice.pdf');
    expect(res.status, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = textOf(res.bytes);
    expect(text).toContain('一次性告知书');
    expect(text).toContain(deficient.receiptNo);
    expect(text).toContain('330402********002X');
    expect(text).not.toContain('33040220000229002X');
    const items = deficient.notice?.items ?? [];
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) {
      expect(text).toContain(squash(item.name.zh));
      expect(text).toContain(squash(item.message.zh));
    }
    expect(qrOf(res.bytes)).toBe(
      trackingUrl(
        app.config.publicUrl,
        deficient.receiptNo,
        trackKey(app.config.secrets.hmac, deficient.receiptNo),
      ),
    );
  });

  it('refuses a receipt for a deficient application (409 DOCUMENTS_NOT_AVAILABLE)', async () => {
    const res = await fetchPdf(token, deficient.id, 'receipt.pdf');
    expect(res.status).toBe(409);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'DOCUMENTS_NOT_AVAILABLE' } });
  });
});

describe('出件单 (result hand-over slip)', () => {
  it('lists the results of a completed application, before and after the hand-over', async () => {
    let view = await submit(citizen, await satisfyMaterials(app, citizen, guide));
    // The licence first, then seal, bank and invoices in parallel.
    for (let round = 0; round < 3 && view.status !== 'completed'; round++) {
      for (const task of view.tasks.filter((t) => t.status === 'open')) {
        const reviewer = await app.login(`reviewer.${task.department}`);
        const res = await api(app, reviewer, 'POST', `/api/v1/tasks/${task.id}/decision`, {
          decision: 'approve',
        });
        expect(res.status, JSON.stringify(res.body)).toBe(204);
      }
      view = (await api<ApplicationView>(app, citizen, 'GET', `/api/v1/applications/${view.id}`))
        .body;
    }
    expect(view.status).toBe('completed');

    const slip = await fetchPdf(citizen, view.id, 'hand-over.pdf');
    expect(slip.status, slip.body).toBe(200);
    const text = textOf(slip.bytes);
    expect(text).toContain('出件单');
    expect(text).toContain(view.receiptNo);
    expect(text).toContain('待领取');
    const creditCode = view.results.find((r) => r.step === 'licence')?.outputs.creditCode;
    expect(typeof creditCode).toBe('string');
    expect(text).toContain(`统一社会信用代码：${String(creditCode)}`);
    expect(text).toContain('营业执照');

    const clerk = await app.login('clerk1');
    expect(
      (await api(app, clerk, 'POST', `/api/v1/applications/${view.id}/hand-over`, {})).status,
    ).toBe(200);
    const after = textOf((await fetchPdf(citizen, view.id, 'hand-over.pdf')).bytes);
    expect(after).toMatch(/已于\d{4}-\d{2}-\d{2}\d{2}:\d{2}出件/);
    // A completed application still has its receipt.
    expect((await fetchPdf(citizen, view.id, 'receipt.pdf')).status).toBe(200);
  });
});
