import { describe, expect, it } from 'vitest';
import { CalendarYearUnknownError } from './calendar.errors.js';
import { createWorkingCalendar } from './calendar.js';
import { shippedYearFiles } from './calendar.store.js';
import { provisionalYearFile } from './provisional.js';

function offDays(year: number): Record<string, string> {
  return Object.fromEntries(
    provisionalYearFile(year).days.map((d) => [d.date, d.holiday.zh] as const),
  );
}

describe('provisionalYearFile', () => {
  it('lists the 13 statutory days of 2027 on their published dates', () => {
    // 2027: 正月初一 is 6 February (除夕 the 5th), 清明 5 April, 端午 (五月初五) 9 June,
    // 中秋 (八月十五) 15 September; the fixed-date holidays follow the regulation.
    expect(offDays(2027)).toEqual({
      '2027-01-01': '元旦',
      '2027-02-05': '春节',
      '2027-02-06': '春节',
      '2027-02-07': '春节',
      '2027-02-08': '春节',
      '2027-04-05': '清明节',
      '2027-05-01': '劳动节',
      '2027-05-02': '劳动节',
      '2027-06-09': '端午节',
      '2027-09-15': '中秋节',
      '2027-10-01': '国庆节',
      '2027-10-02': '国庆节',
      '2027-10-03': '国庆节',
    });
    expect(provisionalYearFile(2027).days.every((d) => d.kind === 'off')).toBe(true);
  });

  it('is contained in the official arrangements of 2025 and 2026 (the notices only add days)', () => {
    for (const official of shippedYearFiles()) {
      const off = new Set(official.days.filter((d) => d.kind === 'off').map((d) => d.date));
      const statutory = Object.keys(offDays(official.year));
      expect(statutory).toHaveLength(13);
      expect(statutory.filter((d) => !off.has(d))).toEqual([]);
    }
  });

  it('keeps 中秋 one day when it falls inside National Day (2028-10-03)', () => {
    const days = offDays(2028);
    expect(Object.keys(days)).toHaveLength(12);
    expect(days['2028-01-25']).toBe('春节'); // 除夕 of the lunar year starting 2028-01-26
  });
});

describe('a calendar with provisional years', () => {
  const strict = createWorkingCalendar(shippedYearFiles());
  const lenient = createWorkingCalendar(shippedYearFiles(), { provisional: provisionalYearFile });

  it('refuses a deadline into 2027 without them, and flags it with them', () => {
    const from = new Date('2026-12-31T10:00:00+08:00');
    expect(() => strict.deadline(from, { workingDays: 20 })).toThrow(CalendarYearUnknownError);
    const due = lenient.deadline(from, { workingDays: 20 });
    // January 2027: 1st off (元旦), then 20 working days Mon–Fri from the 4th: the 29th.
    expect(due.dueAt.toISOString()).toBe('2027-01-29T09:30:00.000Z');
    expect(due.provisionalYears).toEqual([2027]);
    expect(lenient.deadline(new Date('2026-12-01T10:00:00+08:00'), { workingDays: 5 })).toEqual(
      expect.objectContaining({ provisionalYears: [] }),
    );
  });

  it('counts the provisional Spring Festival as off and weekends as rest', () => {
    // Thursday 2027-02-04 + 1 working day: 5th–8th off, so Tuesday the 9th.
    expect(lenient.addWorkingDays(new Date('2027-02-04T10:00:00+08:00'), 1).toISOString()).toBe(
      '2027-02-09T09:30:00.000Z',
    );
    expect(lenient.describeDay('2027-02-06')).toMatchObject({ working: false, kind: 'off' });
    expect(lenient.yearInfo(2027)).toMatchObject({ provisional: true });
    expect(lenient.yearInfo(2026)).toMatchObject({ provisional: false });
    expect(lenient.years()).toEqual([2025, 2026]);
    expect(lenient.provisionalYearsBetween(new Date('2026-06-01'), new Date('2028-03-01'))).toEqual(
      [2027, 2028],
    );
  });
});
