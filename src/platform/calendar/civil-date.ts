/**
 * Civil dates and times of day in Asia/Shanghai, computed from the epoch with UTC arithmetic
 * only, so that the host's time zone (TZ) can never shift a day. China has used +08:00 all
 * year since 1992, with no daylight saving time, so a fixed offset is exact for every year
 * the calendar can hold data for.
 */

/** The offset of Asia/Shanghai from UTC. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** One civil day in milliseconds. */
export const DAY_MS = 86_400_000;

/** A civil date `YYYY-MM-DD`. */
export type CivilDate = string;

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The day number (days since 1970-01-01) of a `YYYY-MM-DD` date, or null when the string is
 * not a real Gregorian date.
 */
export function parseCivilDate(date: string): number | null {
  const m = CIVIL_DATE.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 30 February over into March; a round trip exposes that.
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day
  ) {
    return null;
  }
  return ms / DAY_MS;
}

/** The `YYYY-MM-DD` of a day number. */
export function formatCivilDate(dayNumber: number): CivilDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** The Gregorian year of a day number. */
export function yearOf(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(dayNumber: number): number {
  // Day 0, 1970-01-01, was a Thursday.
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** The Asia/Shanghai day number an instant falls on. */
export function shanghaiDayOf(instant: Date): number {
  return Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The Asia/Shanghai civil date (`YYYY-MM-DD`) of an instant, whatever the host time zone. */
export function shanghaiDate(instant: Date): CivilDate {
  return formatCivilDate(shanghaiDayOf(instant));
}

/** The epoch milliseconds of `minutes` after midnight of a day in Asia/Shanghai. */
export function shanghaiMillis(dayNumber: number, minutes: number): number {
  return dayNumber * DAY_MS + minutes * 60_000 - SHANGHAI_OFFSET_MS;
}

/** Minutes after midnight of `HH:MM`, or null when it is not a time of day. */
export function parseTimeOfDay(time: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
