import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView, BundleGuide, MatterGuide } from '../../../shared/contracts/index.js';
import { api, guideOf, satisfyMaterials, uploadFor } from '../../../test/support/cases.js';
import { notice2027 } from '../../../test/support/calendar.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createDatahubRepo } from '../../modules/datahub/index.js';
import { createCalendarRepo } from './calendar.repo.js';
import { createCalendarStore } from './calendar.store.js';

// 2026-12-31 (Thursday) 10:00 in Shanghai: the last working day before the unpublished 2027.
const NEW_YEARS_EVE = '2026-12-31T02:00:00Z';
let app: TestApp;
let citizen: string;
let guide: BundleGuide;
beforeAll(async () => {
  app = await createTestApp({ at: NEW_YEARS_EVE });
  citizen = await app.login('citizen1');
  guide = await guideOf(app, 'bundle', 'enterprise-startup');
});
afterAll(async () => app.cleanup());

async function submitStartup(): Promise<ApplicationView> {
  const res = await api<ApplicationView>(app, citizen, 'POST', '/api/v1/applications', {
    bundle: 'enterprise-startup',
    form: guide.form.examples[0],
    materials: await satisfyMaterials(app, citizen, guide),
    consent: { fetch: true },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const view = async (id: string) =>
  (await api<ApplicationView>(app, citizen, 'GET', `/api/v1/applications/${id}`)).body;

describe('a year without a notice', () => {
  it('accepts on 2026-12-31 and marks the due time 预计 (provisional)', async () => {
    const submitted = await submitStartup();
    expect(submitted.status).toBe('accepted');
    // One working day: 1 January is off, so Monday 4 January on the provisional calendar.
    expect(submitted.dueAt).toBe('2027-01-04T17:30:00+08:00');
    expect(submitted.dueProvisional).toBe(true);
    // A step due within 2026 (a few office hours) is exact; one due in 2027 is not.
    const opened = submitted.tasks.filter((t) => t.dueAt !== null);
    expect(opened.length).toBeGreaterThan(0);
    for (const t of opened) expect(t.dueProvisional, t.step).toBe(t.dueAt!.startsWith('2027-'));
  });

  it('counts every matter and bundle of the catalog on 2026-12-31 and 2027-12-31', async () => {
    const matters = app.services.catalog.searchMatters({});
    const bundles = app.services.catalog.listBundles();
    expect(matters.length).toBeGreaterThan(5);
    for (const at of ['2026-12-31T09:00:00+08:00', '2027-12-31T09:00:00+08:00']) {
      for (const { code } of matters) {
        const limit = app.services.catalog.getMatter(code).promisedLimit;
        const due = app.services.calendar.deadline(new Date(at), limit);
        // Flagged exactly when it runs into the year without a notice.
        const next = Number(at.slice(0, 4)) + 1;
        const crosses = due.dueAt.getTime() >= Date.parse(`${next}-01-01T00:00:00+08:00`);
        expect(due.provisionalYears.includes(next), `${code} from ${at}`).toBe(crosses);
      }
      for (const { code } of bundles) {
        const limit = app.services.catalog.getBundle(code).promisedLimit;
        expect(app.services.calendar.deadline(new Date(at), limit).dueAt).toBeInstanceOf(Date);
      }
    }
  });

  it('warns the administrator from 1 October of the year before, not in summer', async () => {
    expect(app.services.calendarStore.status()).toMatchObject({
      years: [2025, 2026],
      provisionalYears: [2027],
      warning: { zh: expect.stringContaining('2027') as unknown },
    });
    app.clock.set('2026-07-01T02:00:00Z');
    expect(app.services.calendarStore.status().warning).toBeNull();
    app.clock.set(NEW_YEARS_EVE);
    const res = await api(app, null, 'GET', '/api/v1/calendar/status');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ provisionalYears: [2027] });
  });
});

describe('onetrip calendar add-year', () => {
  it('refuses an invalid notice and stores nothing', async () => {
    await expect(
      app.addCalendarYear(notice2027({ days: [] }), { addedBy: 'test' }),
    ).rejects.toMatchObject({ code: 'CALENDAR_INVALID_YEAR_FILE' });
    expect(app.services.calendar.years()).toEqual([2025, 2026]);
  });

  it('recomputes the open deadlines and records each change in the history', async () => {
    const submitted = await submitStartup();
    const oldDue = submitted.dueAt;
    // Another node, loaded before the year was added.
    const otherNode = await createCalendarStore({
      repo: createCalendarRepo(app.db),
      clock: app.clock,
    });
    expect(otherNode.calendar.yearInfo(2027)?.provisional).toBe(true);

    const result = await app.addCalendarYear(notice2027(), { addedBy: 'test' });
    expect(result.year).toBe(2027);
    const mine = result.recomputed.filter((r) => r.receiptNo === submitted.receiptNo);
    expect(mine.map((r) => r.kind)).toContain('application');

    const after = await view(submitted.id);
    expect(after.dueProvisional).toBe(false);
    expect(after.dueAt).not.toBe(oldDue);
    // 4–8 January are off in the notice: one working day from 31 December is now the 11th.
    expect(oldDue).toBe('2027-01-04T17:30:00+08:00');
    expect(after.dueAt).toBe('2027-01-11T17:30:00+08:00');
    const recorded = after.actions.filter((a) => a.type === 'deadline-recomputed');
    expect(recorded.find((a) => a.data.kind === 'application')?.data).toMatchObject({
      oldDue: new Date(oldDue!).toISOString(),
      newDue: new Date(after.dueAt!).toISOString(),
      year: 2027,
      reason: '测试通知 2027 (synthetic test notice)',
    });
    expect(after.status).toBe('accepted');

    // The other node sees the year on its next reload.
    expect(await otherNode.refresh()).toBe(true);
    expect(otherNode.calendar.yearInfo(2027)?.provisional).toBe(false);
    expect(otherNode.calendar.isWorkingDay('2027-01-06')).toBe(false);

    const strict = await api(
      app,
      null,
      'GET',
      `/api/v1/calendar/deadline?from=${encodeURIComponent('2026-12-31T10:00:00+08:00')}&workingDays=3`,
    );
    expect(strict.status).toBe(200);
    expect(strict.body).toMatchObject({ dueAt: '2027-01-13T17:30:00+08:00', provisional: false });
  });

  it('refuses to load a year twice unless asked to replace it, and then recomputes nothing new', async () => {
    await expect(app.addCalendarYear(notice2027(), { addedBy: 'test' })).rejects.toMatchObject({
      code: 'CALENDAR_YEAR_EXISTS',
    });
    const again = await app.addCalendarYear(notice2027(), { addedBy: 'test', replace: true });
    expect(again.recomputed).toEqual([]);
  });
});

/** The demo company of `company1`, for a window submission on its behalf. */
const DEMO_CREDIT_CODE = '91330402MA2CXK7T89';

/** Matters the resident 张伟 cannot apply for: 李娜 is the mother of the demo newborn. */
const RESIDENT: Record<string, string> = { 'hsb-maternity-allowance': 'citizen2' };

/**
 * The demo registers hold no retiree and no licensed physician: the county's sources list
 * 张伟 as both, so that the matters that need those records can be applied for.
 */
async function registerRetiredPhysician(t: TestApp) {
  const at = t.clock.now().toISOString();
  const key = '330681199003071233';
  const row = (source: string, item: string, data: Record<string, unknown>) => ({
    id: `${source}:${item}:${key}`,
    source,
    item,
    subject_key: key,
    data: JSON.stringify(data),
    updated_at: at,
  });
  await createDatahubRepo(t.db).upsertRecords([
    row('hrss', 'pension-register', { monthly: 4200, since: '2026-06-01' }),
    row('health', 'physician-register', { licenceNo: '110330681000123' }),
  ]);
}

/** Whether the demo company applies (rather than the resident): a company's matter, or one asking for a credit code. */
const asCompany = (g: MatterGuide) =>
  g.applicantTypes.includes('company') &&
  (!g.applicantTypes.includes('person') || 'creditCode' in g.form.properties);

/**
 * Submits one application for every matter of the catalog on `t`, through a channel the matter
 * lists: online as the resident or the company where it is open online, at the window (clerk1)
 * where it is not, and from another department where only a department may apply. Where the
 * data hub holds no record of a material (the one-time notice says so), the applicant answers
 * the notice with an upload, as the notice asks. Returns each matter's application as it stands.
 */
async function submitEveryMatter(t: TestApp) {
  await registerRetiredPhysician(t);
  const list = await api<{ items: { code: string }[] }>(t, null, 'GET', '/api/v1/catalog/matters');
  const out: { code: string; view: ApplicationView }[] = [];
  for (const { code } of list.body.items) {
    const g = (await api<MatterGuide>(t, null, 'GET', `/api/v1/catalog/matters/${code}`)).body;
    const types = g.applicantTypes;
    let token: string;
    let extra: Record<string, unknown> = { consent: { fetch: true } };
    if (!types.includes('person') && !types.includes('company')) {
      token = await t.login(`reviewer.${g.department.code === 'amr' ? 'tax' : 'amr'}`);
      extra = {};
    } else if (!g.channels.includes('online')) {
      token = await t.login('clerk1');
      extra.applicant = asCompany(g)
        ? { creditCode: DEMO_CREDIT_CODE }
        : { idNumber: '330681199003071233' };
    } else token = await t.login(asCompany(g) ? 'company1' : (RESIDENT[code] ?? 'citizen1'));
    const res = await api<ApplicationView>(t, token, 'POST', '/api/v1/applications', {
      matter: code,
      form: g.form.examples[0],
      materials: await satisfyMaterials(t, token, g),
      ...extra,
    });
    expect(res.status, `${code}: ${JSON.stringify(res.body)}`).toBe(201);
    let view = res.body;
    if (view.status === 'deficient') {
      const asked = view.notice?.items ?? [];
      const materials = [];
      for (const item of asked) {
        const m = g.materials.find((x) => x.id === item.material)!;
        materials.push(
          m.satisfiedBy.includes('upload')
            ? { material: m.id, fileId: await uploadFor(t, token, m) }
            : { material: m.id, commitment: {} },
        );
      }
      const answered = await api<ApplicationView>(
        t,
        token,
        'POST',
        `/api/v1/applications/${view.id}/materials`,
        { materials },
      );
      expect(answered.status, `${code}: ${JSON.stringify(answered.body)}`).toBe(200);
      view = answered.body;
    }
    out.push({ code, view });
  }
  return out;
}

describe('every matter of the catalog on the last day of a year', () => {
  /** Submits every matter on t's day; each is accepted with a due time, 预计 exactly when due next year. */
  async function everyMatterOn(t: TestApp) {
    const all = await submitEveryMatter(t);
    const next = Number(t.clock.now().toISOString().slice(0, 4)) + 1;
    const catalogCodes = t.services.catalog.searchMatters({}).map((m) => m.code);
    expect(all.map((a) => a.code).sort()).toEqual([...catalogCodes].sort());
    for (const { code, view } of all) {
      expect(view.status, `${code}: ${JSON.stringify(view.notice?.items)}`).toBe('accepted');
      expect(view.dueAt, code).not.toBeNull();
      expect(view.dueProvisional, `${code} due ${view.dueAt}`).toBe(
        view.dueAt!.startsWith(`${next}-`),
      );
    }
    // Both kinds occur, so the flag is checked both ways; and every channel the catalog needs.
    const provisional = all.filter((a) => a.view.dueProvisional);
    expect(provisional.length).toBeGreaterThan(0);
    expect(provisional.length).toBeLessThan(all.length);
    expect(new Set(all.map((a) => a.view.channel))).toEqual(
      new Set(['online', 'window', 'department']),
    );
  }

  it('accepts an application for every matter on 2026-12-31 (2027 not published)', async () => {
    const t = await createTestApp({ at: NEW_YEARS_EVE });
    try {
      expect(t.services.calendar.years()).toEqual([2025, 2026]);
      await everyMatterOn(t);
    } finally {
      await t.cleanup();
    }
  });

  it('accepts an application for every matter on 2027-12-31 (2027 loaded, 2028 not)', async () => {
    // Friday 31 December 2027, 10:00 in Shanghai, a year after the 2027 notice was loaded.
    const t = await createTestApp({ at: '2027-12-31T02:00:00Z' });
    try {
      await t.addCalendarYear(notice2027(), { addedBy: 'test' });
      expect(t.services.calendar.years()).toEqual([2025, 2026, 2027]);
      await everyMatterOn(t);
    } finally {
      await t.cleanup();
    }
  });
});
