import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, approveAll, guideOf, satisfyMaterials } from '../../../test/support/cases.js';
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
    const guide = await guideOf(app, 'bundle', 'enterprise-startup');
    const submitted = await api<ApplicationView>(app, citizen, 'POST', '/api/v1/applications', {
      bundle: 'enterprise-startup',
      form: guide.form.examples[0],
      materials: await satisfyMaterials(app, citizen, guide),
      consent: { fetch: true },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const done = await approveAll(app, submitted.body);
    expect(done.status).toBe('completed');

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
  });
});
