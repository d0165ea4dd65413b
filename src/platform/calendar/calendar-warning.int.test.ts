import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notice2027 } from '../../../test/support/calendar.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createCalendarRepo } from './calendar.repo.js';
import { createCalendarStore } from './calendar.store.js';

/*
 * The administrator's log tells, from 1 October, that next year's holiday notice is missing:
 * once on each day while it stands, so a node started in September says it too.
 */
let app: TestApp;
beforeAll(async () => {
  // Wednesday 30 September 2026, 10:00 in China: 2027 has no notice, and no warning is due yet.
  app = await createTestApp({ at: '2026-09-30T02:00:00Z' });
});
afterAll(async () => app.cleanup());

describe('the missing-notice warning in the log', () => {
  it('is written from 1 October, once a day, and no more once the year is loaded', async () => {
    const store = await createCalendarStore({ repo: createCalendarRepo(app.db), clock: app.clock });
    expect(store.warningToLog()).toBeNull();

    app.clock.set('2026-10-01T01:00:00Z');
    const first = store.warningToLog();
    expect(first?.provisionalYears).toEqual([2027]);
    expect(first?.warning?.zh).toContain('2027');
    expect(first?.warning?.en).toContain('onetrip calendar add-year');
    // Later the same day (China time): not again.
    app.clock.set('2026-10-01T15:00:00Z');
    expect(store.warningToLog()).toBeNull();
    // 00:30 on 2 October in China is a new day: once more.
    app.clock.set('2026-10-01T16:30:00Z');
    expect(store.warningToLog()?.warning?.zh).toContain('2027');

    // An official 2027 notice added on another node: after the reload, silence.
    const other = await createCalendarStore({ repo: createCalendarRepo(app.db), clock: app.clock });
    await other.addYear(notice2027(), { addedBy: 'test' });
    app.clock.set('2026-10-03T02:00:00Z');
    expect(await store.refresh()).toBe(true);
    expect(store.warningToLog()).toBeNull();
  });
});
