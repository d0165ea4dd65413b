import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView, BundleGuide } from '../../../shared/contracts/index.js';
import { api, guideOf, satisfyMaterials } from '../../../test/support/cases.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
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

/** A synthetic 2027 notice (not the real one): the first week of January off, like a long 元旦. */
function notice2027(extra: Record<string, unknown> = {}) {
  const newYear = { zh: '元旦', en: "New Year's Day" };
  return {
    year: 2027,
    region: 'CN',
    timeZone: 'Asia/Shanghai',
    sources: [
      {
        title: '测试通知 2027 (synthetic test notice)',
        documentNumber: null,
        urls: [{ url: 'https://example.org/notice-2027' }],
      },
    ],
    days: ['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => ({
      date: `2027-01-${d}`,
      kind: 'off',
      holiday: newYear,
    })),
    ...extra,
  };
}

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
