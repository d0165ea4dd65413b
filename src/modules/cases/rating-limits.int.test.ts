import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView, FollowUpList } from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, completeStartup } from '../../../test/support/cases.js';
import { chinaDay } from './intake.service.js';

// Tuesday 1 December 2026, 10:00 in China.
const MORNING = '2026-12-01T02:00:00Z';
let app: TestApp;
let citizen: string;
beforeAll(async () => {
  app = await createTestApp({ at: MORNING });
  citizen = await app.login('citizen2');
});
afterAll(async () => app.cleanup());

describe('差评: the call-back is due in 1 working day, the rectification in 15', () => {
  it('counts both limits in working days from the rating, over the weekend', async () => {
    const done = await completeStartup(app, citizen);

    // Rated on Friday 4 December 2026 at 09:00 China time.
    app.clock.set(new Date('2026-12-04T01:00:00Z'));
    const rated = await api<ApplicationView>(
      app,
      citizen,
      'POST',
      `/api/v1/applications/${done.id}/evaluation`,
      { score: 1, comment: '窗口让我跑了两次' },
    );
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    const departments = new Set(done.tasks.map((t) => t.department));
    const dueDays = (kind: string) => [
      ...new Set(
        rated.body.followUps.filter((f) => f.kind === kind).map((f) => chinaDay(new Date(f.dueAt))),
      ),
    ];
    // One call-back and one rectification for every department of the application.
    expect(rated.body.followUps.filter((f) => f.kind === 'rating-callback')).toHaveLength(
      departments.size,
    );
    expect(rated.body.followUps.filter((f) => f.kind === 'rating-rectification')).toHaveLength(
      departments.size,
    );
    // Hand-counted on the 2026 calendar (no holiday in December): the next working day is
    // Monday 7 December; 15 working days are 7–11, 14–18 and 21–25 December.
    expect(dueDays('rating-callback')).toEqual(['2026-12-07']);
    expect(dueDays('rating-rectification')).toEqual(['2026-12-25']);
    // Both fall in 2026, whose official notice is loaded.
    expect(rated.body.followUps.some((f) => f.dueProvisional)).toBe(false);
  });

  it('marks a rectification that runs into a year without an official notice 预计', async () => {
    app.clock.set(new Date('2026-12-18T02:00:00Z'));
    const done = await completeStartup(app, citizen);
    // Rated on Monday 21 December 2026 at 09:00 China time.
    app.clock.set(new Date('2026-12-21T01:00:00Z'));
    const rated = await api<ApplicationView>(
      app,
      citizen,
      'POST',
      `/api/v1/applications/${done.id}/evaluation`,
      { score: 2, comment: '材料退回了三次' },
    );
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    const mine = rated.body.followUps.filter((f) => f.createdAt >= '2026-12-21');
    const callback = mine.find((f) => f.kind === 'rating-callback')!;
    const rectification = mine.find((f) => f.kind === 'rating-rectification')!;
    // The call-back is due on Tuesday 22 December, on the official 2026 calendar.
    expect(chinaDay(new Date(callback.dueAt))).toBe('2026-12-22');
    expect(callback.dueProvisional).toBe(false);
    // 15 working days: 22–25 and 28–31 December (8), 1 January 2027 is New Year's Day on the
    // provisional 2027 calendar, then 4–8 (13) and 11–12 January.
    expect(chinaDay(new Date(rectification.dueAt))).toBe('2027-01-12');
    expect(rectification.dueProvisional).toBe(true);
    // The department lead's work list says so too.
    const lead = await app.login(`lead.${rectification.department}`);
    const list = await api<FollowUpList>(app, lead, 'GET', '/api/v1/follow-ups');
    expect(list.status).toBe(200);
    const listed = list.body.items.find((f) => f.id === rectification.id);
    expect(listed?.dueProvisional).toBe(true);
    expect(list.body.items.find((f) => f.id === callback.id)?.dueProvisional).toBe(false);
  });
});
