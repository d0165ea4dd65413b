import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApplicationView,
  FollowUpList,
  InterDepartmentBoard,
  InterDepartmentFigures,
  InterDepartmentReportList,
} from '../../../shared/contracts/index.js';
import { projectRoot } from '../../platform/paths/index.js';
import { findIdNumbers } from '../../platform/logging/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, guideOf, satisfyMaterials } from '../../../test/support/cases.js';

/*
 * A fixed November 2026 of requests between departments, through the real services: each
 * department's reviewer account applies for a matter of another department, the providing
 * department's reviewer decides, and the deadline watch runs once on a set clock. Two test
 * matters carry legal limits (the shipped inter-department matters have none), and a test
 * bundle asks two departments in turn (datab first, then finance) for first-inquiry duty.
 * Times are 09:00 Beijing on working days, so each duration is a whole number of working days.
 */

const TEST_CATALOG = `
department: datab
matters:
  - code: test-dept-data-grant
    name: { zh: 测试共享数据授权（部门间）, en: Test data grant (inter-department) }
    kind: internal
    legalBasis: [《浙江省公共数据条例》]
    legalLimit: { workingDays: 10 }
    promisedLimit: { workingDays: 4 }
    applicantTypes: [department]
    channels: [department]
    trips: 0
    form: [departmentName, handlerName, purpose]
    materials: [department-letter]
    outputs: [ServiceReceipt]
  - code: test-dept-budget-review
    name: { zh: 测试预算审核（部门间）, en: Test budget review (inter-department) }
    department: finance
    kind: internal
    legalBasis: [《中华人民共和国预算法》]
    legalLimit: { workingDays: 20 }
    promisedLimit: { workingDays: 5 }
    applicantTypes: [department]
    channels: [department]
    trips: 0
    form: [departmentName, handlerName, purpose]
    materials: [department-letter]
    outputs: [ApprovalDecision]
bundles:
  - code: test-dept-joint
    name: { zh: 测试联合审核（部门间）, en: Test joint review (inter-department) }
    applicantTypes: [department]
    promisedLimit: { workingDays: 9 }
    steps:
      - { id: data, matter: test-dept-data-grant }
      - { id: budget, matter: test-dept-budget-review, after: [data] }
`;

/** 09:00 Beijing of a November 2026 day. */
const nov = (day: number, hour = 9) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hour - 8).padStart(2, '0')}:00:00Z`;

let app: TestApp;
let catalogDir: string;
const ids: Record<string, ApplicationView> = {};

async function submit(
  as: string,
  kind: 'matter' | 'bundle',
  code: string,
  at: string,
): Promise<ApplicationView> {
  app.clock.set(at);
  const token = await app.login(as);
  const guide = await guideOf(app, kind, code);
  const res = await api<ApplicationView>(app, token, 'POST', '/api/v1/applications', {
    [kind]: code,
    form: guide.form.examples[0],
    materials: await satisfyMaterials(app, token, guide),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.channel).toBe('department');
  expect(res.body.status).toBe('accepted');
  return res.body;
}

async function decide(
  application: ApplicationView,
  at: string,
  decision: 'approve' | 'reject' = 'approve',
): Promise<void> {
  app.clock.set(at);
  const supervisor = await app.login('supervisor1');
  const current = (
    await api<ApplicationView>(app, supervisor, 'GET', `/api/v1/applications/${application.id}`)
  ).body;
  // Each application here has one open step at a time.
  const open = current.tasks.filter((t) => t.status === 'open');
  expect(open).toHaveLength(1);
  const task = open[0]!;
  const res = await api(
    app,
    await app.login(`reviewer.${task.department}`),
    'POST',
    `/api/v1/tasks/${task.id}/decision`,
    { decision, ...(decision === 'reject' ? { comment: '预算科目不符，不予调剂' } : {}) },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(204);
}

const board = async (username: string | null, query = '?from=2026-11-01&to=2026-11-30') =>
  api<InterDepartmentBoard>(
    app,
    username ? await app.login(username) : null,
    'GET',
    `/api/v1/inter-department/board${query}`,
  );

const pdfText = (pdf: Buffer): string => {
  const out = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf });
  if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr.toString()}`);
  return out.stdout.toString('utf8');
};
/** The report's line that begins with `name`, its cells separated by single spaces. */
const lineOf = (text: string, name: string) =>
  text
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .find((l) => l.startsWith(`${name} `));

function figures(f: Partial<InterDepartmentFigures>): InterDepartmentFigures {
  return {
    received: 0,
    completed: 0,
    completedOnTime: 0,
    completedLate: 0,
    open: 0,
    openOverdue: 0,
    overdue: 0,
    onTimeRate: null,
    avgDays: null,
    avgLegalDays: null,
    avgPromisedDays: null,
    speedUpRate: null,
    ...f,
  };
}

beforeAll(async () => {
  catalogDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-catalog-'));
  fs.cpSync(path.join(projectRoot(), 'catalog'), catalogDir, { recursive: true });
  fs.writeFileSync(path.join(catalogDir, 'matters', 'zz-inter-department-test.yaml'), TEST_CATALOG);
  app = await createTestApp({ at: nov(2, 8), overrides: { catalogDir } });
  // Staff sign in once before the clock is set: each first sign-in moves it on by 30 s.
  for (const u of [
    'supervisor1',
    'reviewer.amr',
    'reviewer.tax',
    'reviewer.datab',
    'reviewer.finance',
    'reviewer.archives',
    'lead.datab',
    'lead.finance',
    'lead.archives',
    'clerk1',
  ])
    await app.login(u);
  ids.a1 = await submit('reviewer.amr', 'matter', 'test-dept-data-grant', nov(2));
  ids.a2 = await submit('reviewer.amr', 'matter', 'test-dept-data-grant', nov(3));
  ids.a3 = await submit('reviewer.tax', 'matter', 'test-dept-data-grant', nov(4));
  ids.a4 = await submit('reviewer.tax', 'bundle', 'test-dept-joint', nov(5));
  await decide(ids.a1, nov(5)); // 3 working days, due 6 Nov
  await decide(ids.a4, nov(6)); // 1 day; the budget step opens, due 13 Nov 17:30
  ids.a5 = await submit('reviewer.amr', 'matter', 'archives-dept-transfer', nov(9));
  await decide(ids.a2, nov(9)); // 4 days, due 9 Nov 17:30
  ids.a6 = await submit('reviewer.amr', 'matter', 'test-dept-budget-review', nov(10));
  await decide(ids.a3, nov(11)); // 5 days, due 10 Nov 17:30: late
  await decide(ids.a5, nov(11)); // 2 days, no legal limit
  await decide(ids.a6, nov(12), 'reject'); // 2 days: decided, so completed
  app.clock.set(nov(16));
  const watched = await app.services.watch.tick(); // the budget step of a4 is overdue
  expect(watched.escalated).toBe(1);
  // December: one more request, outside November's figures.
  ids.a7 = await submit('reviewer.amr', 'matter', 'test-dept-data-grant', '2026-12-01T01:00:00Z');
  app.clock.set('2026-12-02T02:00:00Z');
}, 120_000);

afterAll(async () => {
  await app.cleanup();
  fs.rmSync(catalogDir, { recursive: true, force: true });
});

describe('the inter-department board (部门间办事看板)', () => {
  it('counts November by requesting × providing department against the legal and promised limits', async () => {
    const res = await board('supervisor1');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const b = res.body;
    expect(b.scope).toBeNull();
    expect(b.asOf).toBe('2026-11-30T16:00:00.000Z');
    expect(b.reportMonth).toBe('2026-11');
    // 7 requests: a1 a2 a3, a4's two steps, a5 a6. Completed 6 (a3 late); a4's budget open, overdue.
    // Time 3+4+5+1+2+2 = 17 over 6; with a legal limit (not a5): 15/5 = 3 days against 60/5 = 12.
    expect(b.totals).toEqual(
      figures({
        received: 7,
        completed: 6,
        completedOnTime: 5,
        completedLate: 1,
        open: 1,
        openOverdue: 1,
        overdue: 2,
        onTimeRate: 0.8333,
        avgDays: 2.83,
        avgLegalDays: 12,
        avgPromisedDays: 5.17,
        speedUpRate: 0.75,
      }),
    );
    const pairs = Object.fromEntries(
      b.pairs.map((p) => [`${p.requester.code}→${p.provider.code}`, p.figures]),
    );
    expect(Object.keys(pairs)).toEqual([
      'amr→archives',
      'amr→datab',
      'amr→finance',
      'tax→datab',
      'tax→finance',
    ]);
    expect(pairs['amr→datab']).toEqual(
      figures({
        received: 2,
        completed: 2,
        completedOnTime: 2,
        onTimeRate: 1,
        avgDays: 3.5,
        avgLegalDays: 10,
        avgPromisedDays: 4,
        speedUpRate: 0.65,
      }),
    );
    expect(pairs['tax→datab']).toEqual(
      figures({
        received: 2,
        completed: 2,
        completedOnTime: 1,
        completedLate: 1,
        overdue: 1,
        onTimeRate: 0.5,
        avgDays: 3,
        avgLegalDays: 10,
        avgPromisedDays: 4,
        speedUpRate: 0.7,
      }),
    );
    expect(pairs['tax→finance']).toEqual(
      figures({ received: 1, open: 1, openOverdue: 1, overdue: 1 }),
    );
    expect(pairs['amr→finance']).toMatchObject({ completed: 1, avgDays: 2, speedUpRate: 0.9 });
    // No legal limit: a time, but no speed-up rate.
    expect(pairs['amr→archives']).toMatchObject({
      completed: 1,
      avgDays: 2,
      avgLegalDays: null,
      avgPromisedDays: 10,
      speedUpRate: null,
    });
    const amrArchives = b.pairs.find((p) => p.provider.code === 'archives')!;
    expect(amrArchives.requester.name.zh).toBe('市市场监督管理局');
    expect(amrArchives.matters.map((m) => [m.code, m.legalLimitDays, m.promisedLimitDays])).toEqual(
      [['archives-dept-transfer', null, 10]],
    );
    const grant = b.matters.find((m) => m.code === 'test-dept-data-grant')!;
    expect(grant).toMatchObject({ legalLimitDays: 10, promisedLimitDays: 4 });
    // 3, 4, 5, 1 days: 13/4 against 10.
    expect(grant.figures).toMatchObject({
      received: 4,
      completed: 4,
      avgDays: 3.25,
      speedUpRate: 0.675,
    });
  });

  it('counts December apart, with the request still open and not yet late', async () => {
    const res = await board('supervisor1', '?from=2026-12-01&to=2026-12-31');
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe('2026-12-02T02:00:00.000Z');
    expect(res.body.totals).toMatchObject({ received: 1, completed: 0, open: 2, openOverdue: 1 });
  });

  it('gives the escalation of a later late step to the first-inquiry department’s lead (首问负责)', async () => {
    const b = (await board('supervisor1')).body;
    expect(b.followUps.map((g) => g.department.code)).toEqual(['datab']);
    const [item] = b.followUps[0]!.items;
    expect(item).toMatchObject({
      receiptNo: ids.a4!.receiptNo,
      requester: { code: 'tax' },
      lateDepartment: { code: 'finance' },
      ownerName: '市大数据发展管理局负责人',
      status: 'open',
    });
    // The owner finds it in the work list, and was told; the late department hears as before.
    const owned = await api<FollowUpList>(
      app,
      await app.login('lead.datab'),
      'GET',
      '/api/v1/follow-ups',
    );
    expect(owned.body.items.find((f) => f.receiptNo === ids.a4!.receiptNo)).toMatchObject({
      kind: 'escalation',
      ownerName: '市大数据发展管理局负责人',
    });
    const inbox = async (u: string) =>
      (
        await api<{ items: { type: string; receiptNo: string }[] }>(
          app,
          await app.login(u),
          'GET',
          '/api/v1/notifications',
        )
      ).body.items
        .filter((n) => n.receiptNo === ids.a4!.receiptNo)
        .map((n) => n.type);
    expect(await inbox('lead.datab')).toContain('follow-up.assigned');
    expect(await inbox('lead.finance')).toContain('task.escalated');
    // The history records whose step was late and who asked first.
    const view = (
      await api<ApplicationView>(
        app,
        await app.login('supervisor1'),
        'GET',
        `/api/v1/applications/${ids.a4!.id}`,
      )
    ).body;
    const escalated = view.actions.find((a) => a.type === 'escalated')!;
    expect(escalated.data).toMatchObject({ department: 'finance', firstInquiry: 'datab' });
  });

  it('shows a department only the rows where it requests or provides', async () => {
    const archives = (await board('lead.archives')).body;
    expect(archives.scope).toBe('archives');
    expect(archives.pairs.map((p) => `${p.requester.code}→${p.provider.code}`)).toEqual([
      'amr→archives',
    ]);
    expect(archives.totals.received).toBe(1);
    expect(archives.followUps).toEqual([]);
    const tax = (await board('reviewer.tax')).body;
    expect(tax.pairs.map((p) => `${p.requester.code}→${p.provider.code}`)).toEqual([
      'tax→datab',
      'tax→finance',
    ]);
    expect(tax.followUps[0]?.items.map((i) => i.receiptNo)).toEqual([ids.a4!.receiptNo]);
    const datab = (await board('lead.datab')).body;
    expect(datab.pairs.map((p) => p.provider.code)).toEqual(['datab', 'datab']);
    expect(datab.followUps[0]?.department.code).toBe('datab');
  });

  it('refuses applicants, window clerks and visitors, and bad periods', async () => {
    const citizen = await app.login('citizen1');
    const asCitizen = await api(app, citizen, 'GET', '/api/v1/inter-department/board');
    expect(asCitizen.status).toBe(403);
    expect(asCitizen.body).toMatchObject({ error: { code: 'INTER_DEPARTMENT_FORBIDDEN' } });
    expect((await board('clerk1')).status).toBe(403);
    expect((await board(null)).status).toBe(401);
    for (const q of [
      '?from=2026-11-31&to=2026-12-01',
      '?from=2026-12-01&to=2026-11-01',
      '?from=2024-01-01&to=2026-11-01',
    ]) {
      const res = await board('supervisor1', q);
      expect(res.status, q).toBe(422);
      expect(res.body).toMatchObject({ error: { code: 'INTER_DEPARTMENT_INVALID_PERIOD' } });
    }
    expect((await board('supervisor1', '?from=yesterday')).status).toBeGreaterThanOrEqual(400);
    expect((await board('supervisor1', '?from=yesterday')).status).toBeLessThan(500);
  });
});

describe('the public monthly report (月度公开报告)', () => {
  it('lists the months with a report, without an account', async () => {
    const res = await api<InterDepartmentReportList>(
      app,
      null,
      'GET',
      '/api/v1/public/inter-department/reports',
    );
    expect(res.status).toBe(200);
    expect(res.body.months).toEqual([
      {
        month: '2026-12',
        complete: false,
        url: '/api/v1/public/inter-department/reports/2026-12.pdf',
      },
      {
        month: '2026-11',
        complete: true,
        url: '/api/v1/public/inter-department/reports/2026-11.pdf',
      },
    ]);
  });

  it('prints November’s figures per requesting and providing department and per matter, and nothing personal', async () => {
    const res = await app.server.inject({
      method: 'GET',
      url: '/api/v1/public/inter-department/reports/2026-11.pdf',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('部门间办事月度公开报告（2026年11月）');
    // received, completed, on time, late, open, open overdue, on-time rate, avg days, avg legal, speed-up
    expect(lineOf(text, '全部部门间办事')).toBe(
      '全部部门间办事 7 6 5 1 1 1 83.3% 2.83 12.00 75.0%',
    );
    // Requesting: amr 3,4,2 days with legal 10,10,20 (a5 has none) → 1 − 3/13.33.
    expect(lineOf(text, '市市场监督管理局')).toBe(
      '市市场监督管理局 4 4 4 0 0 0 100.0% 2.75 13.33 77.5%',
    );
    expect(lineOf(text, '国家税务总局市税务局')).toBe(
      '国家税务总局市税务局 3 2 1 1 1 1 50.0% 3.00 10.00 70.0%',
    );
    // Providing.
    expect(lineOf(text, '市大数据发展管理局')).toBe(
      '市大数据发展管理局 4 4 3 1 0 0 75.0% 3.25 10.00 67.5%',
    );
    expect(lineOf(text, '市财政局')).toBe('市财政局 2 1 1 0 1 1 100.0% 2.00 20.00 90.0%');
    expect(lineOf(text, '市档案馆')).toBe('市档案馆 1 1 1 0 0 0 100.0% 2.00 — —');
    expect(lineOf(text, '测试预算审核（部门间）（市财政局）')).toBe(
      '测试预算审核（部门间）（市财政局） 2 1 1 0 1 1 100.0% 2.00 20.00 90.0%',
    );
    // Departments only: no receipt number, no staff name, no identity number.
    for (const a of Object.values(ids)) expect(text).not.toContain(a.receiptNo);
    expect(text).not.toMatch(/YCB\d/);
    expect(text).not.toMatch(/审批员|负责人|陈敏|张伟|李娜/);
    expect(findIdNumbers(text)).toEqual([]);
  });

  it('prints the running month so far, and refuses future, malformed and empty months', async () => {
    const dec = await app.server.inject({
      method: 'GET',
      url: '/api/v1/public/inter-department/reports/2026-12.pdf',
    });
    expect(dec.statusCode).toBe(200);
    expect(lineOf(pdfText(dec.rawPayload), '全部部门间办事')).toBe(
      '全部部门间办事 1 0 0 0 2 1 — — — —',
    );
    const cases: [string, number, string][] = [
      ['2027-01.pdf', 422, 'INTER_DEPARTMENT_MONTH_IN_FUTURE'],
      ['2026-13.pdf', 422, 'INTER_DEPARTMENT_INVALID_MONTH'],
      ['2026-1.pdf', 422, 'INTER_DEPARTMENT_INVALID_MONTH'],
      ['november.pdf', 422, 'INTER_DEPARTMENT_INVALID_MONTH'],
      ['2026-11.xlsx', 422, 'INTER_DEPARTMENT_INVALID_MONTH'],
      ['2026-10.pdf', 404, 'INTER_DEPARTMENT_REPORT_NOT_FOUND'],
    ];
    for (const [file, status, code] of cases) {
      const res = await api(
        app,
        null,
        'GET',
        `/api/v1/public/inter-department/reports/${file}`,
        undefined,
        {
          'accept-language': 'zh-CN',
        },
      );
      expect(res.status, file).toBe(status);
      expect(res.body, file).toMatchObject({ error: { code } });
    }
  });

  it('limits how fast one client may ask, and documents the paths in the OpenAPI', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++)
      statuses.push(
        (await api(app, null, 'GET', '/api/v1/public/inter-department/reports')).status,
      );
    // 60 a minute per client (this file's earlier requests count in the same minute).
    expect(statuses[0]).toBe(200);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(60);
    expect(statuses.at(-1)).toBe(429);
    const doc = (await app.server.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/inter-department/board',
        '/api/v1/public/inter-department/reports',
        '/api/v1/public/inter-department/reports/{file}',
      ]),
    );
  });
});
