import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApplicationView,
  ClerkProfile,
  BundleGuide,
  PointsMonth,
} from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, approveAll, guideOf, uploadFor } from '../../../test/support/cases.js';

// Issue #13 point 4 (Taizhou 四制四化): a fixed December of window history, produced through the
// real services, gives the points ledger, totals, ranks and pay tiers worked out by hand from
// catalog/window-staff.yaml: acceptance 1/2/3/5 points by difficulty 1–4 (legal aid 2, real
// estate register extract 1), good rating (4–5) +2, department's supplement request −3,
// department's refusal of a step −5, 容缺 commitment overdue −2; chief = 首席 (basePay 1.5),
// senior = 高级 (1.3); below 200 / 160 points both are 四档 (payFactor 0.9).

const ZHANG_WEI = { idNumber: '330681199003071233', name: '张伟' }; // citizen1
const LI_NA = { idNumber: '33040220000229002X', name: '李娜' }; // citizen2

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

let app: TestApp;
let clerk1: string;
let clerk2: string;
let supervisor: string;
let legalAid: BundleGuide;
let extract: BundleGuide;
const ids: Record<string, string> = {};
const receipts: Record<string, string> = {};

async function legalAidAt(token: string, applicant: { idNumber: string }) {
  return api<ApplicationView & ErrorBody>(app, token, 'POST', '/api/v1/applications', {
    matter: 'judicial-legal-aid',
    form: legalAid.form.examples[0],
    materials: [
      {
        material: 'case-materials',
        fileId: await uploadFor(
          app,
          token,
          legalAid.materials.find((m) => m.id === 'case-materials')!,
        ),
      },
      { material: 'financial-hardship-declaration', commitment: {} },
    ],
    applicant,
    channel: 'window',
  });
}

async function accepted(name: string, res: Awaited<ReturnType<typeof legalAidAt>>) {
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.status).toBe('accepted');
  ids[name] = res.body.id;
  receipts[name] = res.body.receiptNo;
  app.clock.advance(60_000);
  return res.body;
}

async function decide(application: ApplicationView, decision: Record<string, unknown>) {
  const task = application.tasks.find((t) => t.status === 'open')!;
  const reviewer = await app.login(`reviewer.${task.department}`);
  const res = await api(app, reviewer, 'POST', `/api/v1/tasks/${task.id}/decision`, decision);
  expect(res.status, JSON.stringify(res.body)).toBe(204);
  app.clock.advance(60_000);
}

async function rate(citizen: string, id: string, score: number) {
  const res = await api(
    app,
    await app.login(citizen),
    'POST',
    `/api/v1/applications/${id}/evaluation`,
    {
      score,
    },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  app.clock.advance(60_000);
}

const points = async (token: string, month?: string) =>
  api<PointsMonth & ErrorBody>(
    app,
    token,
    'GET',
    `/api/v1/window-staff/points${month ? `?month=${month}` : ''}`,
  );
const accountId = async (username: string) =>
  (await api<{ id: string }>(app, await app.login(username), 'GET', '/api/v1/me')).body.id;
const setGrade = async (token: string, account: string, body: Record<string, unknown>) =>
  api<ClerkProfile & ErrorBody>(app, token, 'PUT', `/api/v1/window-staff/clerks/${account}`, body);

beforeAll(async () => {
  app = await createTestApp({ at: '2026-12-01T02:00:00Z' });
  clerk1 = await app.login('clerk1');
  clerk2 = await app.login('clerk2');
  supervisor = await app.login('supervisor1');
  legalAid = await guideOf(app, 'matter', 'judicial-legal-aid');
  extract = await guideOf(app, 'matter', 'realestate-record-query');

  // clerk1 (首席): 张伟's legal aid, completed and rated 5; a register extract with a 容缺
  // promise (the agent's authorisation by 3 December) that is never kept.
  const a1 = await accepted('a1', await legalAidAt(clerk1, ZHANG_WEI));
  const a2 = await api<ApplicationView & ErrorBody>(app, clerk1, 'POST', '/api/v1/applications', {
    matter: 'realestate-record-query',
    form: extract.form.examples[0],
    materials: [
      { material: 'agent-authorisation', commitment: { dueDate: '2026-12-03' } },
      {
        material: 'video-interview-record',
        fileId: await uploadFor(
          app,
          clerk1,
          extract.materials.find((m) => m.id === 'video-interview-record')!,
        ),
      },
    ],
    applicant: ZHANG_WEI,
    channel: 'window',
  });
  await accepted('a2', a2);
  // clerk2 (高级): two legal aids for 李娜; the department asks a supplement on one and
  // refuses the other.
  const a3 = await accepted('a3', await legalAidAt(clerk2, LI_NA));
  const a4 = await accepted('a4', await legalAidAt(clerk2, LI_NA));
  await decide(a4, { decision: 'reject', comment: '不符合法律援助经济困难标准' });
  await decide(a3, {
    decision: 'request-supplement',
    items: [{ material: 'case-materials', reason: '欠薪证据不清晰，请补充工资条' }],
  });
  await approveAll(app, a1);
  app.clock.advance(60_000);
  await rate('citizen1', a1.id, 5);
  // A fair rating (3) earns nothing.
  await rate('citizen2', a4.id, 3);
  // The promise of a2 runs out at the end of 3 December (China time).
  app.clock.set('2026-12-04T02:00:00Z');
  expect((await app.services.watch.tick()).commitmentsRaised).toBeGreaterThanOrEqual(1);
  // 1 January 2027, 00:30 China time (still 31 December in UTC): January's.
  app.clock.set('2026-12-31T16:30:00Z');
  await accepted('a5', await legalAidAt(clerk2, LI_NA));
  app.clock.set('2027-01-04T02:00:00Z');
}, 120_000);
afterAll(async () => app.cleanup());

describe('the monthly points ledger', () => {
  it('gives December’s lines, totals, ranks and tiers as worked out by hand', async () => {
    const res = await points(supervisor, '2026-12');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [first, second] = res.body.clerks;
    expect(res.body.clerks).toHaveLength(2);
    expect(first).toMatchObject({
      accountId: await accountId('clerk1'),
      name: '陈敏（综合窗口）',
      grade: { id: 'chief', name: { zh: '首席' } },
      windowNo: 'A01',
      total: 3,
      rank: 1,
      tier: { id: 'tier-4', name: { zh: '四档' } },
      payFactor: 1.35,
    });
    expect(first!.lines.map((l) => [l.rule.id, l.receiptNo, l.points])).toEqual([
      ['acceptance', receipts.a1, 2],
      ['acceptance', receipts.a2, 1],
      ['good-rating', receipts.a1, 2],
      ['commitment-overdue', receipts.a2, -2],
    ]);
    expect(first!.lines[3]).toMatchObject({
      rule: { name: { zh: '容缺承诺逾期' } },
      at: expect.stringMatching(/^2026-12-04T10:00:\d\d\+08:00$/) as unknown,
    });
    expect(second).toMatchObject({
      accountId: await accountId('clerk2'),
      grade: { id: 'senior', name: { zh: '高级' } },
      windowNo: 'A02',
      total: -4,
      rank: 2,
      tier: { id: 'tier-4' },
      payFactor: 1.17,
    });
    expect(second!.lines.map((l) => [l.rule.id, l.receiptNo, l.points])).toEqual([
      ['acceptance', receipts.a3, 2],
      ['acceptance', receipts.a4, 2],
      ['intake-error-returned', receipts.a4, -5],
      ['intake-error-supplement', receipts.a3, -3],
    ]);
  });

  it('counts the intake of 1 January (China time) in January only', async () => {
    const res = await points(supervisor, '2027-01');
    expect(res.status).toBe(200);
    expect(res.body.clerks.map((c) => [c.name, c.total, c.rank])).toEqual([
      ['黄磊（综合窗口）', 2, 1],
      ['陈敏（综合窗口）', 0, 2],
    ]);
    expect(res.body.clerks[0]!.lines).toEqual([
      expect.objectContaining({
        rule: { id: 'acceptance', name: { zh: '受理办件', en: 'Application accepted' } },
        receiptNo: receipts.a5,
        at: '2027-01-01T00:30:00+08:00',
      }),
    ]);
    // The current month is the default.
    expect((await points(supervisor)).body.month).toBe('2027-01');
  });

  it('stores one line per rule, application and clerk however often a month is recomputed', async () => {
    await app.services.windowStaff.service.recompute('2026-12');
    await points(supervisor, '2026-12');
    await app.services.windowStaff.service.recompute('2026-12');
    const stored = await app.db
      .selectFrom('clerk_points')
      .select(['rule_id', 'application_id'])
      .where('month', '=', '2026-12')
      .execute();
    expect(stored).toHaveLength(8);
    expect((await points(supervisor, '2026-12')).body.clerks.map((c) => c.total)).toEqual([3, -4]);
  });

  it('shows a clerk their own month only, and nobody else’s points to other roles', async () => {
    const own = await points(clerk2, '2026-12');
    expect(own.status).toBe(200);
    expect(own.body.clerks.map((c) => [c.name, c.rank, c.total])).toEqual([
      ['黄磊（综合窗口）', 2, -4],
    ]);
    for (const who of ['citizen1', 'reviewer.judicial']) {
      const res = await points(await app.login(who), '2026-12');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('WINDOW_STAFF_FORBIDDEN');
    }
    expect((await points('', '2026-12')).status).toBe(401);
    const bad = await points(supervisor, '2026-13');
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body.error.details)).toContain('month');
  });
});

describe('grades at intake', () => {
  it('refuses a junior clerk a matter above the grade, naming grade and matter, and records grade changes', async () => {
    const clerk2Id = await accountId('clerk2');
    const changed = await setGrade(supervisor, clerk2Id, { grade: 'junior' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      grade: { id: 'junior', name: { zh: '初级' } },
      windowNo: 'A02',
      gradeRecorded: true,
      updatedBy: '周强（效能监察）',
      updatedAt: '2027-01-04T10:00:00+08:00',
    });
    const refused = await legalAidAt(clerk2, LI_NA);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('WINDOW_GRADE_NOT_ALLOWED');
    expect(refused.body.error.message).toContain('初级');
    expect(refused.body.error.message).toContain('法律援助申请');
    const en = await api<ErrorBody>(
      app,
      clerk2,
      'POST',
      '/api/v1/applications',
      {
        matter: 'judicial-legal-aid',
        form: legalAid.form.examples[0],
        materials: [],
        applicant: LI_NA,
        channel: 'window',
      },
      { 'accept-language': 'en' },
    );
    expect(en.status).toBe(403);
    expect(en.body.error.message).toContain('Junior');
    expect(en.body.error.message).toContain('Application for legal aid');

    // A bundle is refused when any of its matters is above the grade; every one is named.
    const newborn = await guideOf(app, 'bundle', 'newborn');
    const bundle = await api<ErrorBody>(app, clerk2, 'POST', '/api/v1/applications', {
      bundle: 'newborn',
      form: newborn.form.examples[0],
      materials: [],
      applicant: ZHANG_WEI,
      channel: 'window',
    });
    expect(bundle.status, JSON.stringify(bundle.body)).toBe(403);
    expect(
      (bundle.body.error.details as { matters: { code: string }[] }).matters
        .map((m) => m.code)
        .sort(),
    ).toEqual([
      'health-birth-certificate',
      'hrss-social-security-card',
      'hsb-resident-enrolment',
      'psb-birth-registration',
    ]);

    // The register extract (difficulty 1) is within the junior grade.
    const ok = await api<ApplicationView>(app, clerk2, 'POST', '/api/v1/applications', {
      matter: 'realestate-record-query',
      form: extract.form.examples[0],
      materials: [],
      applicant: LI_NA,
      channel: 'window',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    // An applicant online is no clerk: no grade applies.
    const online = await api(app, await app.login('citizen2'), 'POST', '/api/v1/applications', {
      matter: 'judicial-legal-aid',
      form: legalAid.form.examples[0],
      materials: [],
    });
    expect(online.status).not.toBe(403);

    // Back to 高级 at another window; the list shows it and the history keeps both changes.
    const back = await setGrade(await app.login('admin'), clerk2Id, {
      grade: 'senior',
      windowNo: 'B07',
    });
    expect(back.body).toMatchObject({
      grade: { id: 'senior' },
      windowNo: 'B07',
      updatedBy: '系统管理员',
    });
    expect((await legalAidAt(clerk2, LI_NA)).status).toBe(201);
    const list = await api<{ items: ClerkProfile[] }>(
      app,
      supervisor,
      'GET',
      '/api/v1/window-staff/clerks',
    );
    expect(list.body.items.map((c) => [c.name, c.grade.id, c.windowNo])).toEqual([
      ['陈敏（综合窗口）', 'chief', 'A01'],
      ['黄磊（综合窗口）', 'senior', 'B07'],
    ]);
    const history = await app.db
      .selectFrom('clerk_grade_changes')
      .select(['grade_before', 'grade', 'window_no', 'changed_by'])
      .where('account_id', '=', clerk2Id)
      .orderBy('changed_at')
      .execute();
    expect(history.map((h) => [h.grade_before, h.grade, h.window_no])).toEqual([
      [null, 'senior', 'A02'],
      ['senior', 'junior', 'A02'],
      ['junior', 'senior', 'B07'],
    ]);
  });

  it('lets only an admin or the supervision office change a grade, to a grade that exists, of a clerk', async () => {
    const clerk2Id = await accountId('clerk2');
    const byClerk = await setGrade(clerk1, clerk2Id, { grade: 'junior' });
    expect(byClerk.status).toBe(403);
    const unknown = await setGrade(supervisor, clerk2Id, { grade: 'master' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('WINDOW_GRADE_UNKNOWN');
    const notClerk = await setGrade(supervisor, await accountId('reviewer.judicial'), {
      grade: 'junior',
    });
    expect(notClerk.status).toBe(404);
    expect(notClerk.body.error.code).toBe('WINDOW_CLERK_NOT_FOUND');
    expect((await api(app, clerk1, 'GET', '/api/v1/window-staff/clerks')).status).toBe(403);
  });
});
