import { describe, expect, it } from 'vitest';
import { describeStartup, supplementWaits, type StartupFigures } from './figures.js';

const action = (type: string, at: string, taskId: string | null = 't1') => ({
  seq: 0,
  at,
  actor: 'a',
  actorRole: 'reviewer',
  channel: 'online',
  type,
  taskId,
  data: {},
});

describe('the start-up figures', () => {
  it("take the applicant's supplement time off the clock, once when tasks wait together", () => {
    const waits = supplementWaits({
      actions: [
        action('submitted', '2026-11-02T09:00:00+08:00', null),
        action('supplement-requested', '2026-11-02T10:00:00+08:00', 't1'),
        action('supplement-requested', '2026-11-02T10:30:00+08:00', 't2'),
        action('supplement-answered', '2026-11-02T11:00:00+08:00', 't1'),
        action('supplement-answered', '2026-11-02T11:30:00+08:00', 't2'),
        action('supplement-requested', '2026-11-03T09:00:00+08:00', 't3'),
        action('supplement-answered', '2026-11-03T09:15:00+08:00', 't3'),
        // Asked but never answered: not a wait that ended.
        action('supplement-requested', '2026-11-04T09:00:00+08:00', 't4'),
      ],
    });
    expect(waits.map(([a, b]) => [a.toISOString(), b.toISOString()])).toEqual([
      ['2026-11-02T02:00:00.000Z', '2026-11-02T03:30:00.000Z'],
      ['2026-11-03T01:00:00.000Z', '2026-11-03T01:15:00.000Z'],
    ]);
  });

  it('say the mean in whole working days, at least one, with the detail', () => {
    const f: StartupFigures = {
      started: 10,
      completed: 9,
      meanWorkingDays: 0.62,
      maxWorkingDays: 1.4,
      withinOneDay: 0.89,
      materialsAsked: 7,
      handedIn: 4.2,
      fetched: 2,
      submissions: 1,
    };
    expect(describeStartup(f)).toMatch(
      /^1 working day, 7 materials \(mean 0\.6 working days, max 1\.4, 89% within 1;/,
    );
    expect(
      describeStartup({ ...f, meanWorkingDays: 8.4, materialsAsked: 23, submissions: 4 }),
    ).toMatch(/^8 working days, 23 materials .*4 submissions/);
    expect(describeStartup({ ...f, completed: 0 })).toBe('no company completed');
  });
});
