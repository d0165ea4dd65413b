import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../shared/contracts/index.js';
import { api } from '../../test/support/cases.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../demo/index.js';
import { currentTotp } from '../modules/identity/index.js';
import { runSimulation, simulatedClock, type SimulationReport } from './index.js';

// Five working days of a small county (Monday 2 … Friday 6 November 2026).
const OPTIONS = {
  days: 5,
  people: 150,
  seed: 5,
  perDay: 22,
  start: new Date('2026-11-01T16:00:00Z'),
};

async function simulate(baseline: boolean) {
  const clock = simulatedClock('2026-11-01T12:00:00Z');
  const app = await createTestApp({ demo: false, overrides: { clock } });
  const report = await runSimulation(app, clock, {
    ...OPTIONS,
    baseline: baseline ? { config: app.config, logger: undefined } : false,
  });
  return { app, clock, report };
}

describe('onetrip simulate: a simulated county through the services', () => {
  let app: TestApp;
  let clock: ReturnType<typeof simulatedClock>;
  let report: SimulationReport;
  let token: string;
  let views: ApplicationView[];

  beforeAll(async () => {
    ({ app, clock, report } = await simulate(true));
    // The supervision office signs in (password and TOTP code) and looks, as the web app does.
    const session = await app.services.identity.login(
      {
        username: 'supervisor1',
        password: DEMO_PASSWORD,
        totp: currentTotp(DEMO_TOTP_SECRET, clock.advance(60_000)),
      },
      { ip: null },
    );
    token = session.token;
    const list = await api<{ items: { id: string }[] }>(
      app,
      token,
      'GET',
      '/api/v1/applications?limit=200',
    );
    expect(list.status).toBe(200);
    const items = list.body.items;
    views = [];
    for (const item of items) {
      const one = await api<ApplicationView>(app, token, 'GET', `/api/v1/applications/${item.id}`);
      views.push(one.body);
    }
  }, 240_000);

  afterAll(async () => {
    await app?.cleanup();
  });

  it('brings applications through every channel, and most are completed', () => {
    const t = report.tally;
    expect(report.workingDays).toBe(5);
    expect(t.applications).toBeGreaterThan(50);
    expect(views.length).toBe(Math.min(200, t.applications));
    for (const channel of ['online', 'window', 'overseas', 'department'] as const) {
      expect(t.byChannel[channel], channel).toBeGreaterThan(0);
      expect(
        views.some((v) => v.channel === channel),
        channel,
      ).toBe(true);
    }
    expect(views.filter((v) => v.status === 'completed').length).toBeGreaterThan(
      t.applications / 3,
    );
    expect(views.some((v) => v.status === 'accepted')).toBe(true);
    // One-time notices, supplied later.
    expect(t.deficient).toBeGreaterThan(0);
    expect(t.noticesSupplied).toBeGreaterThan(0);
    expect(
      views.some(
        (v) =>
          v.actions.some((a) => a.type === 'deficient') &&
          v.actions.some((a) => a.type === 'materials-supplied'),
      ),
    ).toBe(true);
  });

  it('was made by the services: receipt numbers, reviewers in the history, ledger entries', async () => {
    for (const v of views) {
      expect(v.receiptNo).toMatch(/\S{8,}/);
      expect(v.actions[0]?.type).toBe('submitted');
    }
    const decided = views.find((v) => v.status === 'completed')!;
    expect(decided.actions.map((a) => a.type)).toEqual(
      expect.arrayContaining(['submitted', 'task-claimed', 'task-approved']),
    );
    expect(decided.actions.find((a) => a.type === 'task-approved')?.actorRole).toBe('reviewer');
    const ledger = await app.services.ledger.entriesFor(decided.receiptNo);
    expect(ledger.entries.length + ledger.pending.length).toBeGreaterThan(0);
    // Window applications carry the clerk's identity check; overseas ones the remote one.
    const overseas = views.find((v) => v.channel === 'overseas')!;
    expect(overseas.actions.map((a) => a.type)).toEqual(
      expect.arrayContaining(['identity-verified', 'e-signed']),
    );
  });

  it('records ratings, and a poor one opens a follow-up the lead closes', () => {
    expect(report.tally.ratings, JSON.stringify(report.tally)).toBeGreaterThan(10);
    const rated = views.filter((v) => v.actions.some((a) => a.type === 'rated'));
    expect(rated.length).toBeGreaterThan(5);
    expect(rated.every((v) => v.status === 'completed' || v.status === 'rejected')).toBe(true);
    const poor = views.filter((v) => v.followUps.some((f) => f.kind === 'rating-callback'));
    expect(poor.length).toBeGreaterThan(0);
    expect(report.tally.badRatings).toBeGreaterThanOrEqual(poor.length);
    const closed = poor.flatMap((v) => v.followUps).filter((f) => f.status === 'done');
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((f) => f.outcome && f.closedAt)).toBe(true);
  });

  it('measures the start-up bundle: within a working day, 7 materials, one submission', () => {
    const s = report.startup;
    expect(s.completed).toBeGreaterThan(0);
    expect(s.meanWorkingDays).toBeLessThanOrEqual(1);
    expect(s.materialsAsked).toBe(7);
    expect(s.fetched).toBeGreaterThan(0);
    expect(s.submissions).toBe(1);
    const bundle = views.find(
      (v) => v.subject.code === 'enterprise-startup' && v.status === 'completed',
    )!;
    expect(bundle.tasks.map((t) => t.department).sort()).toEqual(['amr', 'pbc', 'psb', 'tax']);
    expect(bundle.materials).toHaveLength(7);
  });

  it('measures the same four matters one by one before the reform: more days, 23 materials', () => {
    const b = report.baseline!;
    expect(b.completed).toBeGreaterThan(0);
    expect(b.materialsAsked).toBe(23);
    expect(b.handedIn).toBe(23);
    expect(b.fetched).toBe(0);
    expect(b.submissions).toBe(4);
    expect(b.meanWorkingDays).toBeGreaterThan(3 * report.startup.meanWorkingDays);
    expect(b.meanWorkingDays).toBeGreaterThan(4);
  });

  it('gives the same counts for the same seed', async () => {
    const again = await simulate(false);
    try {
      expect(again.report.tally).toEqual(report.tally);
      expect(again.report.population).toEqual(report.population);
      expect(again.report.startup).toEqual(report.startup);
    } finally {
      await again.app.cleanup();
    }
  }, 240_000);
});
