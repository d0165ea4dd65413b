import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, ValidationError } from '../errors/index.js';
import { createWorkingCalendar, type WorkingCalendar } from './calendar.js';
import { CalendarYearUnknownError } from './calendar.errors.js';
import { shippedYearFiles } from './calendar.store.js';
import { shanghaiDate } from './civil-date.js';

const calendar = createWorkingCalendar(shippedYearFiles());
const HOUR = 3_600_000;

/** An instant written in +08:00, the way a clerk reads it. */
const at = (local: string) => new Date(`${local}+08:00`);
/** The close of office hours (17:30 +08:00) of a date. */
const closeOf = (date: string) => at(`${date}T17:30:00`);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('addWorkingDays: the worked examples of research §4.3', () => {
  it.each([
    ['2026-02-12', 20, '2026-03-18'], // across the 2026 Spring Festival
    ['2026-02-13', 1, '2026-02-14'], // the next working day is the make-up Saturday
    ['2026-09-18', 3, '2026-09-22'], // Sunday 09-20 is a make-up working day and counts
    ['2025-09-26', 5, '2025-10-10'], // across National Day 2025
    ['2025-01-24', 20, '2025-02-27'], // across the 2025 Spring Festival
    ['2026-04-30', 20, '2026-06-01'], // across Labour Day 2026
  ])('accepted %s, %i working days → due %s at close of office', (accepted, n, due) => {
    expect(calendar.addWorkingDays(at(`${accepted}T10:00:00`), n)).toEqual(closeOf(due));
  });

  it('does not count the day of acceptance, at whatever hour it is accepted', () => {
    for (const time of ['00:00:00', '08:59:59', '10:00:00', '17:29:59', '23:59:59']) {
      expect(calendar.addWorkingDays(at(`2026-03-02T${time}`), 1)).toEqual(closeOf('2026-03-03'));
    }
  });

  it('counts from the next working day when accepted on a non-working day', () => {
    expect(calendar.addWorkingDays(at('2026-03-01T10:00:00'), 1)).toEqual(closeOf('2026-03-02')); // Sunday
    expect(calendar.addWorkingDays(at('2026-02-16T10:00:00'), 1)).toEqual(closeOf('2026-02-24')); // 除夕
  });

  it('lists the days counted across National Day 2026 and the make-up Saturday after it', () => {
    expect(calendar.deadline(at('2026-09-30T15:00:00'), { workingDays: 3 })).toEqual({
      dueAt: closeOf('2026-10-10'),
      workingDaysCounted: ['2026-10-08', '2026-10-09', '2026-10-10'],
      provisionalYears: [],
    });
  });

  it('with 0 days is due at the close of the same working day, or of the next one', () => {
    expect(calendar.deadline(at('2026-03-02T10:00:00'), { workingDays: 0 })).toEqual({
      dueAt: closeOf('2026-03-02'),
      workingDaysCounted: [],
      provisionalYears: [],
    });
    expect(calendar.addWorkingDays(at('2026-10-03T10:00:00'), 0)).toEqual(closeOf('2026-10-08'));
  });

  it('refuses a limit that is not a whole number ≥ 0', () => {
    expect(() => calendar.addWorkingDays(at('2026-03-02T10:00:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(at('2026-03-02T10:00:00'), 1.5)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(at('2026-03-02T10:00:00'), Number.NaN)).toThrow(
      RangeError,
    );
    expect(() => calendar.addWorkingDays(new Date('nonsense'), 1)).toThrow(ValidationError);
  });
});

describe('addWorkingHours: office hours only (09:00–12:00, 13:30–17:30)', () => {
  it.each([
    ['2026-03-02T16:30:00', 2, '2026-03-03T10:00:00'], // accepted 16:30 → next working morning
    ['2026-02-13T16:30:00', 2, '2026-02-14T10:00:00'], // … which may be a make-up Saturday
    ['2025-09-30T16:30:00', 2, '2025-10-09T10:00:00'], // … or the first day after National Day
    ['2026-03-02T15:30:00', 2, '2026-03-02T17:30:00'], // used up exactly at closing time
    ['2026-03-02T08:00:00', 3, '2026-03-02T12:00:00'], // before opening: counts from 09:00
    ['2026-03-02T11:00:00', 2, '2026-03-02T14:30:00'], // the lunch break does not count
    ['2026-03-02T12:30:00', 1, '2026-03-02T14:30:00'], // accepted during lunch
    ['2026-03-02T17:30:00', 1, '2026-03-03T10:00:00'], // accepted at closing time
    ['2026-03-01T10:00:00', 1, '2026-03-02T10:00:00'], // accepted on a Sunday
    ['2026-03-02T09:00:00', 7, '2026-03-02T17:30:00'], // one working day is 7 hours
    ['2026-03-02T09:00:00', 8, '2026-03-03T10:00:00'],
  ])('from %s plus %i h → %s', (from, hours, due) => {
    expect(calendar.addWorkingHours(at(from), hours)).toEqual(at(due));
  });

  it('lists the days whose office hours were used', () => {
    expect(calendar.deadline(at('2026-02-13T16:30:00'), { workingHours: 9 })).toEqual({
      dueAt: at('2026-02-24T10:00:00'),
      workingDaysCounted: ['2026-02-13', '2026-02-14', '2026-02-24'],
      provisionalYears: [],
    });
  });

  it('adds zero time as the same instant, and refuses negative time', () => {
    expect(calendar.addWorkingMillis(at('2026-03-01T03:00:00'), 0)).toEqual(
      at('2026-03-01T03:00:00'),
    );
    expect(() => calendar.addWorkingHours(at('2026-03-02T10:00:00'), -1)).toThrow(RangeError);
  });
});

describe('workingMillisBetween and workingDaysBetween', () => {
  it('measures office time only', () => {
    // 1 h on Friday 02-13, 7 h on the make-up Saturday, nothing in the Spring Festival, 1 h on 02-24.
    expect(
      calendar.workingMillisBetween(at('2026-02-13T16:30:00'), at('2026-02-24T10:00:00')),
    ).toBe(9 * HOUR);
    expect(
      calendar.workingMillisBetween(at('2026-03-02T12:00:00'), at('2026-03-02T13:30:00')),
    ).toBe(0);
    expect(
      calendar.workingMillisBetween(at('2026-03-02T00:00:00'), at('2026-03-03T00:00:00')),
    ).toBe(7 * HOUR);
  });

  it('is negative when reversed and zero for an empty interval', () => {
    const a = at('2026-03-02T10:00:00');
    const b = at('2026-03-02T11:30:00');
    expect(calendar.workingMillisBetween(b, a)).toBe(-1.5 * HOUR);
    expect(calendar.workingMillisBetween(a, a)).toBe(0);
    expect(
      calendar.workingMillisBetween(at('2026-03-01T12:00:00'), at('2026-03-01T10:00:00')),
    ).toBe(0);
  });

  it('counts working days after the first date up to and including the second', () => {
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
    expect(calendar.workingDaysBetween('2026-02-24', '2026-02-13')).toBe(-2);
    expect(calendar.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(calendar.workingDaysBetween(at('2026-02-12T10:00:00'), closeOf('2026-03-18'))).toBe(20);
    expect(calendar.workingDaysBetween('2025-01-01', '2025-12-31')).toBe(248);
  });

  it('refuses a string that is not a real date', () => {
    const error = thrown(() => calendar.workingDaysBetween('2026-02-30', '2026-03-02'));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('CALENDAR_INVALID_DATE');
    expect(() => calendar.isWorkingDay('2026/03/02')).toThrow(ValidationError);
  });
});

describe('years without data: CALENDAR_YEAR_UNKNOWN, never a guess', () => {
  it('refuses a 20-day limit from 2026-12-15 that runs into 2027', () => {
    const error = thrown(() => calendar.addWorkingDays(at('2026-12-15T10:00:00'), 20));
    expect(error).toBeInstanceOf(CalendarYearUnknownError);
    expect(error).toBeInstanceOf(AppError);
    const e = error as CalendarYearUnknownError;
    expect(e.status).toBe(422);
    expect(e.code).toBe('CALENDAR_YEAR_UNKNOWN');
    expect(e.year).toBe(2027);
    expect(e.details).toEqual({ year: 2027 });
    expect(e.messages.zh).toContain('2027');
    expect(e.messages.en).toContain('2027');
  });

  it('answers while the limit stays inside the data', () => {
    expect(calendar.addWorkingDays(at('2026-12-15T10:00:00'), 12)).toEqual(closeOf('2026-12-31'));
    expect(() => calendar.addWorkingDays(at('2026-12-15T10:00:00'), 13)).toThrow(
      CalendarYearUnknownError,
    );
    expect(calendar.addWorkingHours(at('2026-12-31T16:00:00'), 1.5)).toEqual(
      at('2026-12-31T17:30:00'),
    );
    expect(() => calendar.addWorkingHours(at('2026-12-31T16:00:00'), 2)).toThrow(
      CalendarYearUnknownError,
    );
  });

  it('refuses dates and intervals that touch a year without data', () => {
    expect(() => calendar.isWorkingDay('2027-01-01')).toThrow(CalendarYearUnknownError);
    expect(() => calendar.isWorkingDay('2024-12-31')).toThrow(
      expect.objectContaining({ year: 2024 }),
    );
    expect(() => calendar.workingDaysBetween('2026-12-30', '2027-01-04')).toThrow(
      CalendarYearUnknownError,
    );
    expect(
      calendar.workingMillisBetween(at('2026-12-31T09:00:00'), at('2027-01-01T00:00:00')),
    ).toBe(7 * HOUR);
    expect(() =>
      calendar.workingMillisBetween(at('2026-12-31T09:00:00'), at('2027-01-01T00:00:01')),
    ).toThrow(CalendarYearUnknownError);
  });

  it('an empty calendar knows nothing', () => {
    const empty = createWorkingCalendar([]);
    expect(() => empty.isWorkingDay('2026-03-02')).toThrow(CalendarYearUnknownError);
    expect(empty.yearInfo(2026)).toBeUndefined();
  });
});

describe('office hours', () => {
  it('can be set per deployment', () => {
    const custom = createWorkingCalendar(shippedYearFiles(), {
      officeHours: [
        { start: '08:30', end: '12:00' },
        { start: '14:00', end: '18:00' },
      ],
    });
    expect(custom.addWorkingDays(at('2026-03-02T10:00:00'), 1)).toEqual(at('2026-03-03T18:00:00'));
    expect(custom.addWorkingHours(at('2026-03-02T17:30:00'), 1)).toEqual(at('2026-03-03T09:00:00'));
    expect(custom.yearInfo(2026)?.officeHours[1]).toEqual({ start: '14:00', end: '18:00' });
  });

  it('refuses malformed office hours and a year given twice', () => {
    expect(() =>
      createWorkingCalendar([], { officeHours: [{ start: '12:00', end: '09:00' }] }),
    ).toThrow(RangeError);
    expect(() => createWorkingCalendar([], { officeHours: [] })).toThrow(RangeError);
    const [y2025] = shippedYearFiles();
    expect(() => createWorkingCalendar(y2025 ? [y2025, y2025] : [])).toThrow(RangeError);
  });
});

describe('independence of the host time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  function sample(c: WorkingCalendar) {
    return [
      c.addWorkingDays(at('2026-02-12T23:30:00'), 20).toISOString(),
      c.addWorkingDays(at('2026-02-13T00:30:00'), 1).toISOString(),
      c.addWorkingHours(at('2026-02-13T16:30:00'), 2).toISOString(),
      c.workingMillisBetween(at('2025-09-30T16:30:00'), at('2025-10-09T10:00:00')),
      c.isWorkingDay('2026-02-14'),
      shanghaiDate(new Date('2026-02-13T16:30:00Z')),
    ];
  }

  it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC', 'Asia/Kolkata'])(
    'gives the same answers with TZ=%s',
    (tz) => {
      const expected = sample(calendar);
      process.env.TZ = tz;
      // Proves the zone change took effect in this process, so the comparison means something.
      const offset = new Date('2026-07-01T00:00:00Z').getTimezoneOffset();
      expect(offset).toBe(
        { 'America/Los_Angeles': 420, 'Pacific/Kiritimati': -840, UTC: 0, 'Asia/Kolkata': -330 }[
          tz
        ],
      );
      expect(sample(createWorkingCalendar(shippedYearFiles()))).toEqual(expected);
      expect(expected[5]).toBe('2026-02-14');
    },
  );
});

describe('properties', () => {
  // Instants from 2025 to early November 2026, so that six weeks later stay inside the data.
  const instant = fc
    .integer({
      min: Date.parse('2025-01-01T00:00:00+08:00'),
      max: Date.parse('2026-11-01T00:00:00+08:00'),
    })
    .map((ms) => new Date(ms));

  it('a working-day deadline is the close of office on a working day, n working days later', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (from, n) => {
        const { dueAt, workingDaysCounted } = calendar.deadline(from, { workingDays: n });
        const dueDate = shanghaiDate(dueAt);
        expect(dueAt).toEqual(closeOf(dueDate));
        expect(calendar.isWorkingDay(dueDate)).toBe(true);
        expect(calendar.workingDaysBetween(from, dueAt)).toBe(n);
        expect(workingDaysCounted).toHaveLength(n);
        expect(workingDaysCounted.at(-1)).toBe(dueDate);
        expect(workingDaysCounted[0]! > shanghaiDate(from)).toBe(true);
        expect(workingDaysCounted.every((d) => calendar.isWorkingDay(d))).toBe(true);
      }),
    );
  });

  it('addWorkingMillis is the earliest instant with that much office time since from', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 150 * HOUR }), (from, ms) => {
        const due = calendar.addWorkingMillis(from, ms);
        expect(calendar.workingMillisBetween(from, due)).toBe(ms);
        expect(calendar.workingMillisBetween(from, new Date(due.getTime() - 1))).toBe(ms - 1);
      }),
    );
  });

  it('workingMillisBetween adds up over consecutive intervals and is antisymmetric', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        const ab = calendar.workingMillisBetween(a, b);
        expect(ab + calendar.workingMillisBetween(b, c)).toBe(calendar.workingMillisBetween(a, c));
        expect(calendar.workingMillisBetween(b, a)).toBe(-ab || 0);
      }),
      { numRuns: 50 },
    );
  });
});
