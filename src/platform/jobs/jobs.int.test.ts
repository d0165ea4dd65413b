import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createJobRunner } from './jobs.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ demo: false });
});
afterAll(async () => app.cleanup());

describe('periodic jobs across nodes', () => {
  it('runs a due job on exactly one of several nodes, and again only after its period', async () => {
    const logger = app.server.log as never;
    const nodes = ['node-a', 'node-b', 'node-c'].map((node) =>
      createJobRunner({ db: app.db, dialect: app.dialect, clock: app.clock, logger, node }),
    );
    let runs = 0;
    const job = {
      name: 'test-job',
      everyMs: 60_000,
      run: async () => {
        runs++;
        // Hold the job a moment so the other nodes' claims overlap with it.
        await new Promise((r) => setTimeout(r, 50));
      },
    };
    const first = await Promise.all(nodes.map((n) => n.runIfDue(job)));
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
    const tooSoon = await Promise.all(nodes.map((n) => n.runIfDue(job)));
    expect(tooSoon.filter(Boolean)).toHaveLength(0);
    app.clock.advance(61_000);
    const later = await Promise.all(nodes.map((n) => n.runIfDue(job)));
    expect(later.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(2);
  });

  it('records a failing run and keeps the schedule', async () => {
    const runner = createJobRunner({
      db: app.db,
      dialect: app.dialect,
      clock: app.clock,
      logger: { error: () => {} } as never,
      node: 'node-a',
    });
    const ran = await runner.runIfDue({
      name: 'failing-job',
      everyMs: 1_000,
      run: () => Promise.reject(new Error('department system down')),
    });
    expect(ran).toBe(true);
    app.clock.advance(2_000);
    expect(
      await runner.runIfDue({ name: 'failing-job', everyMs: 1_000, run: async () => {} }),
    ).toBe(true);
  });
});
