import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView, TaskView } from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, guideOf, satisfyMaterials } from '../../../test/support/cases.js';

// Tuesday 2026-12-01 10:00 in China (02:00Z): a working day, far from any holiday.
const MORNING = '2026-12-01T02:00:00Z';

let app: TestApp;
let citizen: string;
beforeAll(async () => {
  app = await createTestApp({ at: MORNING });
  citizen = await app.login('citizen1');
});
afterAll(async () => app.cleanup());

async function reviewer(department: string) {
  return app.login(`reviewer.${department}`);
}

async function submit(token: string, body: Record<string, unknown>, key?: string) {
  return api<ApplicationView>(
    app,
    token,
    'POST',
    '/api/v1/applications',
    body,
    key ? { 'idempotency-key': key } : {},
  );
}

async function approve(task: TaskView, outputs?: Record<string, unknown>) {
  const token = await reviewer(task.department);
  const res = await api(app, token, 'POST', `/api/v1/tasks/${task.id}/decision`, {
    decision: 'approve',
    ...(outputs ? { outputs } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(204);
}

async function view(id: string, token = citizen) {
  const res = await api<ApplicationView>(app, token, 'GET', `/api/v1/applications/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('Nanhu company start-up as one thing (enterprise-startup)', () => {
  it('accepts 7 materials, runs seal, bank and invoices in parallel after the licence, and completes the same working day', async () => {
    const guide = await guideOf(app, 'bundle', 'enterprise-startup');
    expect(guide.materials).toHaveLength(7);
    expect(guide.promisedLimit).toEqual({ workingDays: 1 });
    const materials = await satisfyMaterials(app, citizen, guide);
    const first = await submit(
      citizen,
      {
        bundle: 'enterprise-startup',
        form: guide.form.examples[0],
        materials,
        consent: { fetch: true },
      },
      'nanhu-1',
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const accepted = first.body;
    expect(accepted.status).toBe('accepted');
    expect(accepted.receiptNo).toMatch(/^YCB20261201\d{8}$/);
    expect(accepted.dueAt).toBe('2026-12-02T17:30:00+08:00');
    const open = accepted.tasks.filter((t) => t.status === 'open');
    expect(open).toHaveLength(1);
    const licence = open[0]!;
    expect(accepted.tasks.filter((t) => t.status === 'pending').map((t) => t.after)).toEqual([
      [licence.step],
      [licence.step],
      [licence.step],
    ]);

    // The same Idempotency-Key returns the first application and creates nothing.
    const again = await submit(
      citizen,
      {
        bundle: 'enterprise-startup',
        form: guide.form.examples[0],
        materials,
        consent: { fetch: true },
      },
      'nanhu-1',
    );
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(accepted.id);
    const mine = await api<{ items: { id: string }[] }>(
      app,
      citizen,
      'GET',
      '/api/v1/applications',
    );
    expect(mine.body.items.filter((i) => i.id === accepted.id)).toHaveLength(1);
    expect(mine.body.items).toHaveLength(1);

    app.clock.advance(60 * 60_000);
    await approve(licence);
    const afterLicence = await view(accepted.id);
    const parallel = afterLicence.tasks.filter((t) => t.status === 'open');
    expect(parallel).toHaveLength(3);
    expect(new Set(parallel.map((t) => t.department)).size).toBe(3);
    // The licence's credit code is passed on to the later steps.
    const creditCode = afterLicence.tasks.find((t) => t.id === licence.id)?.outputs?.creditCode;
    expect(creditCode).toMatch(/^91330402[0-9A-HJ-NPQRTUWXY]{10}$/);
    for (const t of parallel) expect(Object.values(t.inputs)).toContain(creditCode);

    for (const t of parallel) await approve(t);
    const done = await view(accepted.id);
    expect(done.status).toBe('completed');
    expect(done.completedAt?.slice(0, 10)).toBe('2026-12-01');
    expect(done.results).toHaveLength(4);
    const types = done.actions.map((a) => a.type);
    expect(types[0]).toBe('submitted');
    expect(types).toContain('accepted');
    expect(types.at(-1)).toBe('completed');
    expect(types.filter((t) => t === 'task-approved')).toHaveLength(4);
  });
});

describe('Zhoushan ship clearance (ship-clearance)', () => {
  it('sends one declaration to four agencies at once, due within 2 working hours', async () => {
    const guide = await guideOf(app, 'bundle', 'ship-clearance');
    expect(guide.promisedLimit).toEqual({ workingHours: 2 });
    // The single window's sources (msa, port, customs) are not connected to the data hub yet:
    // what they would supply is asked, not counted as fetched, and the bundle is not paperless.
    expect(guide.paperless).toBe(false);
    for (const m of guide.materials.filter((x) => !x.satisfiedBy.includes('datahub'))) {
      expect(m.satisfiedBy, m.id).toContain('upload');
      expect(m.notConnected, m.id).toBeDefined();
    }
    const company = await app.login('company1');
    const materials = await satisfyMaterials(app, company, guide);
    const res = await submit(company, {
      bundle: 'ship-clearance',
      form: guide.form.examples[0],
      materials,
      consent: { fetch: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const open = res.body.tasks.filter((t) => t.status === 'open');
    expect(open).toHaveLength(4);
    expect(new Set(open.map((t) => t.department)).size).toBe(4);
    const accepted = new Date(res.body.acceptedAt ?? '');
    // Two hours of office time (the lunch break does not count).
    expect(
      app.services.calendar.workingMillisBetween(accepted, new Date(res.body.dueAt ?? '')),
    ).toBe(2 * 3600_000);
    for (const t of open) await approve(t);
    expect((await view(res.body.id, company)).status).toBe('completed');
  });
});

describe('one-time notice (一次性告知)', () => {
  it('lists every missing material at once, and accepts once exactly those are supplied', async () => {
    const guide = await guideOf(app, 'bundle', 'enterprise-startup');
    const token = await app.login('citizen2');
    const res = await submit(token, {
      bundle: 'enterprise-startup',
      form: guide.form.examples[0],
      materials: [],
      consent: { fetch: true },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('deficient');
    const expected = guide.materials
      .filter((m) => !m.satisfiedBy.includes('datahub') && (m.essential || m.allowMissing))
      .map((m) => m.id);
    expect(res.body.notice?.items.map((i) => i.material).sort()).toEqual(expected.sort());
    expect(
      res.body.notice?.items.every((i) => i.message.zh.length > 0 && i.message.en.length > 0),
    ).toBe(true);
    expect(res.body.tasks).toHaveLength(0);
    const supply = await api<ApplicationView>(
      app,
      token,
      'POST',
      `/api/v1/applications/${res.body.id}/materials`,
      {
        materials: await satisfyMaterials(app, token, guide),
      },
    );
    expect(supply.status, JSON.stringify(supply.body)).toBe(200);
    expect(supply.body.status).toBe('accepted');
    expect(supply.body.notice).toBeNull();
  });

  it('refuses a form with errors with 422 keyed by field path, and creates nothing', async () => {
    const res = await submit(citizen, { bundle: 'enterprise-startup', form: {}, materials: [] });
    expect(res.status).toBe(422);
    const body = res.body as unknown as {
      error: { code: string; details: { issues: { path: string }[] } };
    };
    expect(body.error.code).toBe('CASE_INVALID_FORM');
    expect(body.error.details.issues[0]?.path).toMatch(/^form\./);
  });

  it('answers an unknown bundle with 404', async () => {
    const res = await submit(citizen, { bundle: 'no-such-bundle', form: {} });
    expect(res.status).toBe(404);
  });
});

describe('authorisation', () => {
  it('lets applicants see only their own applications and reviewers decide only their department’s tasks', async () => {
    const guide = await guideOf(app, 'bundle', 'enterprise-startup');
    const res = await submit(citizen, {
      bundle: 'enterprise-startup',
      form: guide.form.examples[0],
      materials: await satisfyMaterials(app, citizen, guide),
      consent: { fetch: true },
    });
    const other = await app.login('citizen2');
    expect((await api(app, other, 'GET', `/api/v1/applications/${res.body.id}`)).status).toBe(404);
    const licence = res.body.tasks.find((t) => t.status === 'open')!;
    const wrong = await reviewer(
      res.body.tasks.find((t) => t.department !== licence.department)!.department,
    );
    expect(
      (
        await api(app, wrong, 'POST', `/api/v1/tasks/${licence.id}/decision`, {
          decision: 'approve',
        })
      ).status,
    ).toBe(403);
    const queue = await api<{ items: TaskView[] }>(app, wrong, 'GET', '/api/v1/tasks?status=open');
    expect(queue.body.items.some((t) => t.id === licence.id)).toBe(false);
    const right = await reviewer(licence.department);
    const ownQueue = await api<{ items: TaskView[] }>(
      app,
      right,
      'GET',
      '/api/v1/tasks?status=open,claimed',
    );
    expect(ownQueue.body.items.some((t) => t.id === licence.id)).toBe(true);
    const pending = res.body.tasks.find((t) => t.status === 'pending')!;
    const pendingReviewer = await reviewer(pending.department);
    expect(
      (
        await api(app, pendingReviewer, 'POST', `/api/v1/tasks/${pending.id}/decision`, {
          decision: 'approve',
        })
      ).status,
    ).toBe(409);
    const supervisor = await app.login('supervisor1');
    expect((await api(app, supervisor, 'GET', `/api/v1/applications/${res.body.id}`)).status).toBe(
      200,
    );
    // A clerk sees what the clerk accepted, not what came in online.
    const clerk = await app.login('clerk1');
    expect((await api(app, clerk, 'GET', `/api/v1/applications/${res.body.id}`)).status).toBe(404);
    const clerkList = await api<{ items: unknown[] }>(app, clerk, 'GET', '/api/v1/applications');
    expect(clerkList.body.items).toHaveLength(0);
  });
});
