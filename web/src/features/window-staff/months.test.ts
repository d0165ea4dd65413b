import { describe, expect, it } from 'vitest';
import { chinaMonth, recentMonths } from './months';

describe('the months of the points page', () => {
  it('takes the month in China time', () => {
    expect(chinaMonth(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01');
    expect(chinaMonth(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12');
  });

  it('offers the last twelve months, newest first, across a new year', () => {
    const months = recentMonths(new Date('2027-02-10T02:00:00Z'));
    expect(months).toHaveLength(12);
    expect(months.slice(0, 4)).toEqual(['2027-02', '2027-01', '2026-12', '2026-11']);
    expect(months.at(-1)).toBe('2026-03');
  });
});
