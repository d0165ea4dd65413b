import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApplicationView,
  MetricRow,
  MetricsTable,
  OverdueList,
  Ranking,
  TownsView,
  Trend,
  BundlesView,
} from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, guideOf, submitNewborn, uploadFor } from '../../../test/support/cases.js';

/*
 * A small fixed history on Tuesday 1 December 2026 (China time; office hours 09:00–12:00 and
 * 13:30–17:30, so a working day is 7 h = 25 200 s), made through the real services over HTTP:
 *
 *   A  citizen1 online 无犯罪记录证明 (psb, legal 3 d, promised 1 h), accepted 10:00,
 *      approved 10:30 (1 800 s), rated 5.
 *   B  citizen2 online 个体工商户设立 (amr, legal 3 d, promised 2 h) without its application
 *      form: deficient 10:00; supplied 10:05 → accepted; amr asks a supplement 10:20, answered
 *      11:20 (1 h paused); approved 11:35: 1.5 h − 1 h = 1 800 s, on time; rated 2 (a call-back
 *      and a rectification follow-up of amr), both closed on time, then rated 4 again.
 *   C  clerk1 (window A03) takes 无犯罪记录证明 for citizen2 at the window 10:10, approved
 *      10:40 (1 800 s); one visit; rated 4.
 *   D  citizen1 online 无犯罪记录证明 10:00, due 11:00; the watch at 11:30 marks it overdue and
 *      escalates (a follow-up owned by psb's lead); approved 11:40 (6 000 s), late; rated 3.
 *   E  citizen2 online 个体工商户设立 without its form: deficient 10:00, refused by her 10:02.
 */
const DAY = '2026-12-01';
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);
const WD = 25_200;

let app: TestApp;
const tokens: Record<string, string> = {};
const ids = {} as Record<'A' | 'B' | 'C' | 'D' | 'E', string>;

async function login(name: string) {
  tokens[name] ??= await app.login(name);
  return tokens[name];
}
async function as<T = Record<string, unknown>>(
  who: string | null,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
) {
  return api<T>(app, who ? await login(who) : null, method, url, body);
}
async function ok<T = ApplicationView>(
  who: string,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<T> {
  const res = await as<T>(who, method, url, body);
  expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}
const openTask = async (id: string) =>
  (await ok('supervisor1', 'GET', `/api/v1/applications/${id}`)).tasks.find((t) =>
    ['open', 'claimed'].includes(t.status),
  )!;
async function approve(id: string, when: string) {
  const task = await openTask(id);
  app.clock.set(at(when));
  await ok(`reviewer.${task.department}`, 'POST', `/api/v1/tasks/${task.id}/decision`, {
    decision: 'approve',
  });
}
const metrics = (query: string, who = 'supervisor1') =>
  as<MetricsTable>(who, 'GET', `/api/v1/supervision/metrics?from=${DAY}&to=${DAY}&${query}`);
const row = (t: MetricsTable, key: string) => t.rows.find((r) => r.key === key) as MetricRow;

beforeAll(async () => {
  app = await createTestApp({ at: '2026-12-01T01:00:00Z' });
  // Every account signs in first (a staff login moves the clock by 30 s).
  for (const u of ['citizen1', 'citizen2', 'clerk1', 'supervisor1', 'reviewer.psb', 'reviewer.amr'])
    await login(u);
  for (const u of ['lead.amr', 'lead.psb', 'reviewer.health', 'reviewer.hsb', 'reviewer.hrss'])
    await login(u);
  const clerk = await app.db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', 'clerk1')
    .executeTakeFirstOrThrow();
  await app.db.deleteFrom('clerk_profiles').where('account_id', '=', clerk.id).execute();
  await app.db
    .insertInto('clerk_profiles')
    .values({
      account_id: clerk.id,
      grade: '中级',
      window_no: 'A03',
      updated_at: new Date().toISOString(),
      updated_by: null,
    })
    .execute();

  const psb = await guideOf(app, 'matter', 'psb-no-criminal-record');
  const amr = await guideOf(app, 'matter', 'amr-sole-proprietor-establishment');
  const psbForm = psb.form.examples[0] as Record<string, unknown>;
  const amrForm = amr.form.examples[0] as Record<string, unknown>;
  const upload = async (who: string, material: string) =>
    uploadFor(
      app,
      await login(who),
      amr.materials.find((m) => m.id === material)!,
    );

  app.clock.set(at('09:50'));
  const cert = await upload('citizen2', 'address-commitment');
  const certE = await upload('citizen2', 'address-commitment');
  const form2 = await upload('citizen2', 'sole-proprietor-application');

  app.clock.set(at('10:00'));
  ids.A = (
    await ok('citizen1', 'POST', '/api/v1/applications', {
      matter: psb.code,
      form: psbForm,
      materials: [],
      consent: { fetch: true },
    })
  ).id;
  ids.D = (
    await ok('citizen1', 'POST', '/api/v1/applications', {
      matter: psb.code,
      form: psbForm,
      materials: [],
      consent: { fetch: true },
    })
  ).id;
  const b = await ok('citizen2', 'POST', '/api/v1/applications', {
    matter: amr.code,
    form: amrForm,
    materials: [{ material: 'address-commitment', fileId: cert }],
    consent: { fetch: true },
  });
  expect(b.status).toBe('deficient');
  ids.B = b.id;
  const e = await ok('citizen2', 'POST', '/api/v1/applications', {
    matter: amr.code,
    form: amrForm,
    materials: [{ material: 'address-commitment', fileId: certE }],
    consent: { fetch: true },
  });
  expect(e.status).toBe('deficient');
  ids.E = e.id;
  app.clock.set(at('10:02'));
  await ok('citizen2', 'POST', `/api/v1/applications/${ids.E}/refusal`, { reason: '不再办理' });
  app.clock.set(at('10:05'));
  const supplied = await ok('citizen2', 'POST', `/api/v1/applications/${ids.B}/materials`, {
    materials: [{ material: 'sole-proprietor-application', fileId: form2 }],
  });
  expect(supplied.status).toBe('accepted');
  app.clock.set(at('10:10'));
  ids.C = (
    await ok('clerk1', 'POST', '/api/v1/applications', {
      matter: psb.code,
      form: psbForm,
      materials: [],
      applicant: { idNumber: '33040220000229002X' },
      channel: 'window',
    })
  ).id;
  // B: a supplement request pauses the clock for one office hour.
  const bTask = await openTask(ids.B);
  app.clock.set(at('10:20'));
  await ok('reviewer.amr', 'POST', `/api/v1/tasks/${bTask.id}/decision`, {
    decision: 'request-supplement',
    items: [{ material: 'sole-proprietor-application', reason: '签名不清' }],
  });
  app.clock.set(at('11:15'));
  const again = await upload('citizen2', 'sole-proprietor-application');
  app.clock.set(at('11:20'));
  await ok('citizen2', 'POST', `/api/v1/applications/${ids.B}/materials`, {
    materials: [{ material: 'sole-proprietor-application', fileId: again }],
  });
  await approve(ids.A, '10:30');
  await approve(ids.C, '10:40');
  app.clock.set(at('11:30'));
  await app.services.watch.tick();
  await approve(ids.B, '11:35');
}, 120_000);
afterAll(async () => app?.cleanup());

describe('supervision metrics over a fixed history', () => {
  it('lists the overdue step with its escalation and owner before it is decided', async () => {
    const list = await as<OverdueList>('supervisor1', 'GET', '/api/v1/supervision/overdue');
    expect(list.status).toBe(200);
    const item = list.body.items.find((i) => i.applicationId === ids.D);
    expect(item).toMatchObject({
      alert: 'overdue',
      departmentCode: 'psb',
      escalation: 'follow-up-open',
    });
    expect(item?.ownerName).toContain('负责人');
    // Due 11:00, now 11:35 (B's approval): 2 100 s of office time = 2 100 / 25 200 working days.
    expect(item?.overdueDays).toBeCloseTo(2100 / WD, 2);
    // amr's reviewer sees amr's list only: D is psb's.
    const amr = await as<OverdueList>('reviewer.amr', 'GET', '/api/v1/supervision/overdue');
    expect(amr.body.items.some((i) => i.applicationId === ids.D)).toBe(false);
  });

  it('counts every figure of the contract as computed by hand', async () => {
    await approve(ids.D, '11:40');
    app.clock.set(at('11:45'));
    await ok('citizen1', 'POST', `/api/v1/applications/${ids.A}/evaluation`, { score: 5 });
    await ok('citizen1', 'POST', `/api/v1/applications/${ids.D}/evaluation`, { score: 3 });
    await ok('citizen2', 'POST', `/api/v1/applications/${ids.C}/evaluation`, { score: 4 });
    await ok('citizen2', 'POST', `/api/v1/applications/${ids.B}/evaluation`, { score: 2 });

    const res = await metrics('by=department');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const t = res.body;
    // Totals: received A–E = 5; accepted A B C D = 4; deficient B E = 2; refused E = 1;
    // completed A B C D = 4.
    expect(t.totals).toMatchObject({
      received: 5,
      accepted: 4,
      deficient: 2,
      refused: 1,
      completed: 4,
      rejected: 0,
    });
    // Durations 1 800 + 1 800 + 1 800 + 6 000 = 11 400 s over 4 → 2 850 s = 0.1131 working days.
    expect(t.totals.avgDays).toBeCloseTo(2850 / WD, 3);
    // p90: the 4th of 4 (⌈3.6⌉) is 6 000 s = 1.67 h, in the bucket up to 2 h → 2/7 days.
    expect(t.totals.p90Days).toBeCloseTo(2 / 7, 3);
    expect(t.totals.legalDays).toBe(3);
    // Promised 1 h (A C D) and 2 h (B): 18 000 s / 4 = 4 500 s.
    expect(t.totals.promisedDays).toBeCloseTo(4500 / WD, 3);
    // 提速率: 1 − (11 400 / 25 200) / (3 + 3 + 3 + 3).
    expect(t.totals.speedUpRate).toBeCloseTo(1 - 11400 / WD / 12, 3);
    // On time A B C, D late: 3/4; one overdue.
    expect(t.totals.onTimeRate).toBe(0.75);
    expect(t.totals.overdue).toBe(1);
    // One supplement request (B) over 4 accepted.
    expect(t.totals.supplementsPerApplication).toBe(0.25);
    // Zero trips A B D (online); C came to the window once: 3/4 zero-trip, 4/4 at most one.
    expect(t.totals.zeroTripRate).toBe(0.75);
    expect(t.totals.oneTripRate).toBe(1);
    // Asked: B and E each their application form (uploaded / missing) and the address
    // commitment (uploaded) = 4; not asked: each one's identity from the data hub = 5.
    expect(t.totals.materialsAsked).toBe(4);
    expect(t.totals.materialsNotAsked).toBe(5);
    // One purpose-bound identity read at each submission (the data hub's own records).
    const reads = await app.db
      .selectFrom('datahub_accesses')
      .select('application_id')
      .where('application_id', 'in', Object.values(ids))
      .execute();
    expect(reads.length).toBeGreaterThanOrEqual(5);
    expect(t.totals.datahubCalls).toBe(reads.length);
    // Ratings 5 (A), 3 (D), 4 (C), 2 (B): one bad of four.
    expect(t.totals.ratings).toEqual([0, 1, 1, 1, 1]);
    expect(t.totals.badRatingRate).toBe(0.25);
    // Follow-ups: D's escalation, B's call-back and rectification; none closed yet.
    expect(t.totals).toMatchObject({ followUps: 3, followUpsClosed: 0, followUpsClosedOnTime: 0 });

    // psb: A C D — durations 1 800 + 1 800 + 6 000 → 3 200 s; on time 2 of 3; overdue 1;
    // rated (their applications' ratings) 5, 4, 3.
    const psb = row(t, 'psb');
    expect(psb).toMatchObject({ received: 3, accepted: 3, completed: 3, overdue: 1, followUps: 1 });
    expect(psb.avgDays).toBeCloseTo(3200 / WD, 3);
    expect(psb.onTimeRate).toBeCloseTo(2 / 3, 3);
    expect(psb.ratings).toEqual([0, 0, 1, 1, 1]);
    expect(psb.badRatingRate).toBe(0);
    // amr: B E — deficient 2, refused 1, B's step 1 800 s on time, one supplement, rated 2.
    const amr = row(t, 'amr');
    expect(amr).toMatchObject({
      received: 2,
      accepted: 1,
      deficient: 2,
      refused: 1,
      completed: 1,
      overdue: 0,
    });
    expect(amr.avgDays).toBeCloseTo(1800 / WD, 3);
    expect(amr.supplementsPerApplication).toBe(1);
    expect(amr.ratings).toEqual([0, 1, 0, 0, 0]);
    expect(amr.followUps).toBe(2);

    // By channel, clerk, window and place.
    const channel = (await metrics('by=channel')).body;
    expect(row(channel, 'online').received).toBe(4);
    expect(row(channel, 'window').received).toBe(1);
    const clerk = (await metrics('by=clerk')).body;
    const clerkRow = clerk.rows.find((r) => r.key !== '')!;
    expect(clerkRow).toMatchObject({ received: 1, completed: 1, oneTripRate: 1, zeroTripRate: 0 });
    const window = (await metrics('by=window')).body;
    expect(row(window, 'A03').received).toBe(1);
    expect(row(window, 'online').received).toBe(4);
    const matter = (await metrics('by=matter')).body;
    expect(row(matter, 'psb-no-criminal-record').received).toBe(3);
    expect(row(matter, 'amr-sole-proprietor-establishment').received).toBe(2);
    const town = (await metrics('by=town')).body;
    expect(row(town, '330681').received).toBe(2); // citizen1: A D
    expect(row(town, '330402').received).toBe(3); // citizen2: B C E

    // Filters: the matter applied for, the channel, both.
    const psbOnly = (await metrics('by=channel&matter=psb-no-criminal-record')).body;
    expect([psbOnly.totals.received, row(psbOnly, 'online').received]).toEqual([3, 2]);
    const windowOnly = (await metrics('by=department&channel=window')).body;
    expect([windowOnly.totals.received, row(windowOnly, 'psb').received]).toEqual([1, 1]);
    const both = (await metrics('by=town&channel=online&matter=amr-sole-proprietor-establishment'))
      .body;
    expect(both.rows.map((r) => [r.key, r.received])).toEqual([['330402', 2]]);

    // Ranking: psb (no bad rating) before amr (1 of 1).
    const ranking = await as<Ranking>(
      'supervisor1',
      'GET',
      `/api/v1/supervision/ranking?from=${DAY}&to=${DAY}`,
    );
    expect(ranking.body.rows.map((r) => [r.key, r.rank])).toEqual([
      ['psb', 1],
      ['amr', 2],
    ]);
    // Trend: one day holds everything.
    const trend = await as<Trend>(
      'supervisor1',
      'GET',
      `/api/v1/supervision/trend?from=2026-11-30&to=${DAY}`,
    );
    expect(trend.body.rows.map((r) => [r.key, r.received])).toEqual([
      ['2026-11-30', 0],
      [DAY, 5],
    ]);
    const weeks = await as<Trend>(
      'supervisor1',
      'GET',
      `/api/v1/supervision/trend?from=2026-11-01&to=2026-12-31&interval=month`,
    );
    expect(weeks.body.rows.map((r) => [r.key, r.received])).toEqual([
      ['2026-11-01', 0],
      ['2026-12-01', 5],
    ]);
    // Towns: 绍兴市 → 诸暨市 2, 嘉兴市 → 南湖区 3.
    const towns = await as<TownsView>(
      'supervisor1',
      'GET',
      `/api/v1/supervision/towns?from=${DAY}&to=${DAY}`,
    );
    expect(
      towns.body.root.map((n) => [n.name, n.received, n.children.map((c) => [c.name, c.received])]),
    ).toEqual([
      ['嘉兴市', 3, [['南湖区', 3]]],
      ['绍兴市', 2, [['诸暨市', 2]]],
    ]);
  });

  it('changes the figures when the applicant rates again, and counts a refresh twice once', async () => {
    // B's follow-ups are closed on time by amr's lead at 14:00; then B is rated 4.
    app.clock.set(at('14:00'));
    const list = await ok<{ items: { id: string; applicationId: string }[] }>(
      'lead.amr',
      'GET',
      '/api/v1/follow-ups',
    );
    for (const f of list.items.filter((x) => x.applicationId === ids.B))
      await ok('lead.amr', 'POST', `/api/v1/follow-ups/${f.id}/close`, { outcome: '已回访并整改' });
    await ok('citizen2', 'POST', `/api/v1/applications/${ids.B}/evaluation`, { score: 4 });
    await app.services.metrics.refresh();
    await app.services.metrics.refresh();
    const t = (await metrics('by=department')).body;
    expect(t.totals.received).toBe(5);
    expect(t.totals.ratings).toEqual([0, 0, 1, 2, 1]);
    expect(t.totals).toMatchObject({
      followUps: 3,
      followUpsClosed: 2,
      followUpsClosedOnTime: 2,
      badRatingRate: 0,
    });
    expect(row(t, 'amr').ratings).toEqual([0, 0, 0, 1, 0]);
    // amr now leads: no bad rating and all on time, against psb's 2 of 3.
    const ranking = (
      await as<Ranking>('supervisor1', 'GET', `/api/v1/supervision/ranking?from=${DAY}&to=${DAY}`)
    ).body;
    expect(ranking.rows.map((r) => r.key)).toEqual(['amr', 'psb']);
  });

  it('shows a department its own figures only', async () => {
    const own = await metrics('by=channel', 'reviewer.psb');
    expect(own.status).toBe(200);
    expect(own.body.totals.received).toBe(3);
    const other = await metrics('by=channel&department=amr', 'reviewer.psb');
    expect(other.status).toBe(403);
    expect((other.body as unknown as { error: { code: string } }).error.code).toBe(
      'SUPERVISION_DEPARTMENT_FORBIDDEN',
    );
    expect((await metrics('by=channel', 'citizen1')).status).toBe(403);
    expect((await metrics('by=channel', 'clerk1')).status).toBe(403);
    expect(
      (await as(null, 'GET', `/api/v1/supervision/metrics?from=${DAY}&to=${DAY}`)).status,
    ).toBe(401);
  });

  it('answers bad ranges with the one error body', async () => {
    const bad = async (q: string) => {
      const r = await as<{ error: { code: string } }>(
        'supervisor1',
        'GET',
        `/api/v1/supervision/metrics?${q}`,
      );
      return [r.status, r.body.error?.code];
    };
    expect(await bad('from=2026-02-30&to=2026-03-01')).toEqual([422, 'SUPERVISION_INVALID_RANGE']);
    expect(await bad('from=2026-12-02&to=2026-12-01')).toEqual([422, 'SUPERVISION_INVALID_RANGE']);
    expect(await bad('from=2020-01-01&to=2026-12-01')).toEqual([422, 'SUPERVISION_RANGE_TOO_LONG']);
    expect(await bad('from=yesterday&to=2026-12-01')).toEqual([422, 'VALIDATION_FAILED']);
    expect(await bad(`from=${DAY}&to=${DAY}&by=colour`)).toEqual([422, 'VALIDATION_FAILED']);
    expect(await bad(`to=${DAY}`)).toEqual([422, 'VALIDATION_FAILED']);
  });

  it('shows which step held up a bundle', async () => {
    const view = await as<BundlesView>(
      'supervisor1',
      'GET',
      `/api/v1/supervision/bundles?from=${DAY}&to=${DAY}`,
    );
    expect(view.status).toBe(200);
    // No bundle on the first day.
    expect(view.body.rows).toEqual([]);
    // 出生一件事 on Wednesday 2 December: submitted 10:00; birth certificate (health) 10:30,
    // household (psb) 11:00, insurance (hsb) 11:10, social security card (hrss) 14:00.
    const next = (hhmm: string) => new Date(`2026-12-02T${hhmm}:00+08:00`);
    app.clock.set(next('10:00'));
    const born = await submitNewborn(app, await login('citizen1'));
    for (const [step, when] of [
      ['birth-certificate', '10:30'],
      ['household', '11:00'],
      ['insurance', '11:10'],
      ['card', '14:00'],
    ] as const) {
      const v = await ok('supervisor1', 'GET', `/api/v1/applications/${born.id}`);
      const task = v.tasks.find((x) => x.step === step && x.status === 'open')!;
      app.clock.set(next(when));
      await ok(`reviewer.${task.department}`, 'POST', `/api/v1/tasks/${task.id}/decision`, {
        decision: 'approve',
      });
    }
    const day2 = await as<BundlesView>(
      'supervisor1',
      'GET',
      '/api/v1/supervision/bundles?from=2026-12-02&to=2026-12-02',
    );
    const newborn = day2.body.rows.find((r) => r.code === 'newborn')!;
    // The whole: 10:00 → 12:00 and 13:30 → 14:00 = 2.5 office hours; promised 5 days; the data
    // hub supplied every material.
    expect(newborn).toMatchObject({
      received: 1,
      completed: 1,
      promisedDays: 5,
      materialsPerApplication: 0,
    });
    expect(newborn.avgDays).toBeCloseTo(2.5 / 7, 3);
    const steps = Object.fromEntries(newborn.steps.map((s) => [s.stepId, s]));
    expect(Object.keys(steps)).toEqual(['birth-certificate', 'household', 'insurance', 'card']);
    expect(steps.card).toMatchObject({ departmentCode: 'hrss', decided: 1, open: 0, holdsUp: 1 });
    // The card step ran 11:00 → 14:00: 1.5 office hours.
    expect(steps.card!.avgDays).toBeCloseTo(1.5 / 7, 3);
    expect(steps.insurance).toMatchObject({ holdsUp: 0, decided: 1 });
    expect(steps.insurance!.avgDays).toBeCloseTo(10 / 60 / 7, 3);
    // hrss's reviewer sees the bundle through its own step only.
    const hrss = await as<BundlesView>(
      'reviewer.hrss',
      'GET',
      '/api/v1/supervision/bundles?from=2026-12-02&to=2026-12-02',
    );
    expect(hrss.body.rows[0]?.steps.map((s) => s.stepId)).toEqual(['card']);
  });

  it('counts a step overdue once its due time passes, with no action in between', async () => {
    const day3 = (hhmm: string) => new Date(`2026-12-03T${hhmm}:00+08:00`);
    app.clock.set(day3('10:00'));
    const psb = await guideOf(app, 'matter', 'psb-no-criminal-record');
    await ok('citizen1', 'POST', '/api/v1/applications', {
      matter: psb.code,
      form: psb.form.examples[0],
      materials: [],
      consent: { fetch: true },
    });
    const read = async () =>
      (
        await as<MetricsTable>(
          'supervisor1',
          'GET',
          '/api/v1/supervision/metrics?from=2026-12-03&to=2026-12-03&by=department',
        )
      ).body;
    app.clock.set(day3('10:30'));
    expect((await read()).totals).toMatchObject({ received: 1, accepted: 1, overdue: 0 });
    // Due 11:00 (one office hour); at 11:30 the figures say so, before any watch has run.
    app.clock.set(day3('11:30'));
    const late = await read();
    expect(late.totals.overdue).toBe(1);
    expect(late.rows.find((r) => r.key === 'psb')?.overdue).toBe(1);
  });

  it('exports the table as an Excel workbook with the same figures', async () => {
    const res = await app.server.inject({
      url: `/api/v1/supervision/export.xlsx?view=metrics&by=department&from=${DAY}&to=${DAY}`,
      headers: { authorization: `Bearer ${await login('supervisor1')}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.xlsx"$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('收件 Received');
    const col = header.indexOf('收件 Received') + 1;
    const psb = ws.getColumn(1).values.indexOf('psb');
    expect(ws.getRow(psb).getCell(col).value).toBe(3);
    const rate = header.indexOf('按时办结率 On-time rate') + 1;
    expect(ws.getRow(psb).getCell(rate).value).toBeCloseTo(2 / 3, 3);
  });

  it('exports the trend, the bundles and the places with the figures of their views', async () => {
    // A sheet as records keyed by its header row.
    const sheet = async (query: string) => {
      const res = await app.server.inject({
        method: 'GET',
        url: `/api/v1/supervision/export.xlsx?${query}`,
        headers: { authorization: `Bearer ${await login('supervisor1')}` },
      });
      expect(res.statusCode, res.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
      const records: Record<string, unknown>[] = [];
      ws.eachRow((r, n) => {
        if (n === 1) return;
        const cells = (r.values as unknown[]).slice(1);
        records.push(Object.fromEntries(header.map((h, i) => [h, cells[i]])));
      });
      return records;
    };
    const trend = await sheet(`view=trend&from=2026-11-30&to=${DAY}`);
    expect(trend.map((r) => [r['编码 Key'], r['收件 Received']])).toEqual([
      ['2026-11-30', 0],
      [DAY, 5],
    ]);
    // The newborn bundle of 2 December: four steps, the card step (hrss) held it up.
    const bundles = await sheet('view=bundles&from=2026-12-02&to=2026-12-02');
    const newborn = bundles.filter((r) => r['一件事 Bundle'] === '新生儿出生"一件事"');
    expect(newborn.map((r) => [r['环节 Step'] || '', r['办结 Completed / decided']])).toEqual([
      ['', 1],
      ['birth-certificate', 1],
      ['household', 1],
      ['insurance', 1],
      ['card', 1],
    ]);
    expect(
      newborn.find((r) => r['环节 Step'] === 'card')?.['最后办结次数 Held the bundle up'],
    ).toBe(1);
    // Places: 绍兴市 → 诸暨市 2, 嘉兴市 → 南湖区 3, as the towns view.
    const places = await sheet(`view=towns&from=${DAY}&to=${DAY}`);
    expect(places.map((r) => [r['地区 Place'], r['收件 Received']])).toEqual([
      ['嘉兴市', 3],
      ['嘉兴市 / 南湖区', 3],
      ['绍兴市', 2],
      ['绍兴市 / 诸暨市', 2],
    ]);
  });
});
