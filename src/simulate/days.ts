import type { WorkingCalendar } from '../platform/calendar/index.js';

const DAY = 86_400_000;
const CST = 8 * 3600_000;

/** The China-time calendar date (YYYY-MM-DD) of an instant. */
export function civilDate(at: Date): string {
  return new Date(at.getTime() + CST).toISOString().slice(0, 10);
}

/** Midnight (China time) of the day of `at`, or of a `YYYY-MM-DD` date. */
export function dayStart(at: Date | string): Date {
  const date = typeof at === 'string' ? at : civilDate(at);
  return new Date(Date.parse(`${date}T00:00:00+08:00`));
}

/** `n` calendar days after the day of `at` (midnight, China time). */
export function plusDays(at: Date, n: number): Date {
  return new Date(dayStart(at).getTime() + n * DAY);
}

/** The working days from the day of `start` on (midnight of each), the first `n`. */
export function workingDaysFrom(calendar: WorkingCalendar, start: Date, n: number): Date[] {
  const out: Date[] = [];
  for (let d = dayStart(start); out.length < n; d = new Date(d.getTime() + DAY))
    if (calendar.isWorkingDay(civilDate(d))) out.push(d);
  return out;
}

/** The office time of one working day (the first on or after `around`), in milliseconds. */
export function officeDayMs(calendar: WorkingCalendar, around: Date): number {
  const day = workingDaysFrom(calendar, around, 1)[0]!;
  return calendar.workingMillisBetween(day, new Date(day.getTime() + DAY));
}

/** The opening of the office on the next working day after the day of `at`. */
export function nextOpening(calendar: WorkingCalendar, at: Date): Date {
  const next = workingDaysFrom(calendar, plusDays(at, 1), 1)[0]!;
  return calendar.addWorkingMillis(next, 1);
}
