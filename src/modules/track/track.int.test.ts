import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView, BundleGuide, TrackView } from '../../../shared/contracts/index.js';
import { api, guideOf, satisfyMaterials } from '../../../test/support/cases.js';
import { qrOf } from '../../../test/support/pdf.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

// Tuesday 2026-12-01 10:00 in China: a working day.
const MORNING = '2026-12-01T02:00:00Z';
// citizen1 of the demo seed (synthetic).
const CITIZEN1_ID = '330681199003071233';

let app: TestApp;
let citizen: string;
let guide: BundleGuide;
let accepted: ApplicationView;
/** The path and query the printed QR code carries. */
let qrPath: string;
beforeAll(async () => {
  app = await createTestApp({ at: MORNING });
  citizen = await app.login('citizen1');
  guide = await guideOf(app, 'bundle', 'enterprise-startup');
  const res = await api<ApplicationView>(app, citizen, 'POST', '/api/v1/applications', {
    bundle: 'enterprise-startup',
    form: guide.form.examples[0],
    materials: await satisfyMaterials(app, citizen, guide),
    consent: { fetch: true },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  accepted = res.body;
  const pdf = await app.server.inject({
    url: `/api/v1/applications/${accepted.id}/receipt.pdf`,
    headers: { authorization: `Bearer ${citizen}` },
  });
  const link = new URL(qrOf(pdf.rawPayload) ?? 'about:blank');
  qrPath = `${link.pathname}${link.search}`;
});
afterAll(async () => app.cleanup());

const track = (url: string) =>
  api<TrackView>(app, null, 'GET', url, undefined, { 'x-forwarded-for': '203.0.113.7' });

describe('GET /api/v1/track/{receiptNo}', () => {
  it("shows the receipt's progress to whoever scans the printed QR code, without an account", async () => {
    expect(qrPath).toMatch(new RegExp(`^/track/${accepted.receiptNo}\\?k=[A-Za-z0-9_-]{22}$`));
    const res = await track(`/api/v1${qrPath}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      receiptNo: accepted.receiptNo,
      verified: true,
      progress: {
        subject: guide.name,
        status: 'accepted',
        stage: { zh: '审批中' },
        dueAt: accepted.dueAt,
        dueProvisional: false,
        applicantMustAct: false,
      },
    });
    expect(res.body.progress?.steps.length).toBe(accepted.tasks.length);
  });

  it('reveals no person: no name, identity number, credit code, address or account', async () => {
    const text = JSON.stringify((await track(`/api/v1${qrPath}`)).body);
    expect(text).not.toContain(CITIZEN1_ID);
    expect(text).not.toContain(CITIZEN1_ID.slice(-4));
    if (accepted.applicant.name) expect(text).not.toContain(accepted.applicant.name);
    for (const value of Object.values(guide.form.examples[0] ?? {}))
      if (typeof value === 'string' && value.length > 3) expect(text).not.toContain(value);
    expect(text).not.toContain(accepted.id);
  });

  it('says only that the receipt exists without the key or with a wrong one', async () => {
    for (const query of ['', '?k=', '?k=AAAAAAAAAAAAAAAAAAAAAA', `?k=${'x'.repeat(64)}`]) {
      const res = await track(`/api/v1/track/${accepted.receiptNo}${query}`);
      expect(res.status, query).toBe(200);
      expect(res.body).toEqual({
        receiptNo: accepted.receiptNo,
        exists: true,
        verified: false,
        progress: null,
      });
    }
  });

  it('is 404 for a receipt that does not exist, in both languages', async () => {
    const res = await track('/api/v1/track/YCB2026120199999999');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: expect.any(String) as unknown } });
  });

  it('tells the applicant to act once a department asks for a correction', async () => {
    const task = accepted.tasks.find((t) => t.status === 'open');
    expect(task).toBeDefined();
    const reviewer = await app.login(`reviewer.${task!.department}`);
    const decided = await api(app, reviewer, 'POST', `/api/v1/tasks/${task!.id}/decision`, {
      decision: 'request-supplement',
      comment: '请补充公司章程签字页',
      items: [{ material: guide.materials[0]!.id, reason: '缺少股东签字页' }],
    });
    expect(decided.status, JSON.stringify(decided.body)).toBeLessThan(300);
    const res = await track(`/api/v1${qrPath}`);
    expect(res.body.progress).toMatchObject({
      stage: { zh: '待补正' },
      applicantMustAct: true,
      action: { zh: expect.stringContaining('补正') as unknown },
    });
    // The reviewer's words are for the applicant's own page, not the public one.
    expect(JSON.stringify(res.body)).not.toContain('签字页');
  });

  it('limits how fast one client may ask (receipt numbers are sequential)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++)
      statuses.push(
        (
          await api(app, null, 'GET', `/api/v1/track/${accepted.receiptNo}`, undefined, {
            'x-forwarded-for': '198.51.100.9',
          })
        ).status,
      );
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
