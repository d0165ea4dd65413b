import { describe, expect, it } from 'vitest';
import { addDays, chinaDay, isValidPeriod, presetPeriod } from './period';

describe('dashboard periods', () => {
  // 2026-12-07 01:30 in Shanghai is still 2026-12-06 in UTC.
  const now = new Date('2026-12-06T17:30:00Z');

  it('counts days in China time', () => {
    expect(chinaDay(now)).toBe('2026-12-07');
  });

  it('gives the last 30 days, both ends included', () => {
    expect(presetPeriod('last30', now)).toEqual({ from: '2026-11-08', to: '2026-12-07' });
  });

  it('gives the month, the quarter and the year so far', () => {
    expect(presetPeriod('month', now)).toEqual({ from: '2026-12-01', to: '2026-12-07' });
    expect(presetPeriod('quarter', now)).toEqual({ from: '2026-10-01', to: '2026-12-07' });
    expect(presetPeriod('year', now)).toEqual({ from: '2026-01-01', to: '2026-12-07' });
    expect(presetPeriod('quarter', new Date('2026-05-20T04:00:00Z')).from).toBe('2026-04-01');
  });

  it('moves across months and leap days', () => {
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('refuses an impossible or reversed range', () => {
    expect(isValidPeriod({ from: '2026-02-30', to: '2026-03-01' })).toBe(false);
    expect(isValidPeriod({ from: '2026-03-02', to: '2026-03-01' })).toBe(false);
    expect(isValidPeriod({ from: '2026-03-01', to: '' })).toBe(false);
    expect(isValidPeriod({ from: '2026-03-01', to: '2026-03-01' })).toBe(true);
  });
});
