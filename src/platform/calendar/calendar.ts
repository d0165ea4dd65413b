import { ValidationError, type Bilingual } from '../errors/index.js';
import { CalendarYearUnknownError } from './calendar.errors.js';
import {
  formatCivilDate,
  parseCivilDate,
  parseTimeOfDay,
  shanghaiDayOf,
  shanghaiMillis,
  weekdayOf,
  yearOf,
  type CivilDate,
} from './civil-date.js';
import type { OfficePeriod, YearFile } from './year-file.js';

/**
 * The working-day calendar (工作日): official holidays and make-up working days (调休) per
 * year, office hours, and the deadline arithmetic of the Administrative Licensing Law
 * (Art. 82: limits count working days) and the Civil Code (Art. 201: the starting day is not
 * counted). Everything is computed in Asia/Shanghai whatever the host time zone, and any
 * computation that needs a day of a year without data throws CalendarYearUnknownError.
 */

/**
 * Office hours used when neither the caller nor the year file gives any: a configurable
 * default of a government service centre window, not law.
 */
export const DEFAULT_OFFICE_HOURS: readonly OfficePeriod[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

/** A time limit: a number of working days or of working (office) hours. */
export type WorkingLimit = { workingDays: number } | { workingHours: number };

/** The due time of a limit and the working days it was counted on. */
export interface Deadline {
  dueAt: Date;
  /** The working days counted, `YYYY-MM-DD`, ascending; for hours, the days office time was used on. */
  workingDaysCounted: CivilDate[];
  /**
   * The years between the start and the due day that have no official notice and were counted
   * on the provisional calendar (ascending; empty for an exact deadline).
   */
  provisionalYears: number[];
}

/** What the calendar knows about one civil date. */
export interface CalendarDay {
  date: CivilDate;
  working: boolean;
  /** `off`/`working` when the official arrangement lists the day, else a plain weekday or weekend. */
  kind: 'off' | 'working' | 'weekday' | 'weekend';
  /** The holiday an off day or make-up working day belongs to. */
  holiday: Bilingual | null;
}

/** A loaded year: its sources, office hours and number of working days. */
export interface CalendarYear {
  year: number;
  sources: YearFile['sources'];
  officeHours: readonly OfficePeriod[];
  workingDayCount: number;
  /** True for a year computed from the holiday regulation alone (no notice loaded). */
  provisional: boolean;
}

/** The working-day calendar the platform computes every deadline with. */
export interface WorkingCalendar {
  /** The years with an official notice, ascending. */
  years(): number[];
  /**
   * The years between two instants (inclusive, in either order) that would be counted on the
   * provisional calendar, ascending; empty when every one has an official notice.
   */
  provisionalYearsBetween(from: Date, to: Date): number[];
  /** A loaded year's sources, office hours and working-day count; undefined when not loaded. */
  yearInfo(year: number): CalendarYear | undefined;
  /** Whether a `YYYY-MM-DD` date is a working day. Throws CalendarYearUnknownError, ValidationError. */
  isWorkingDay(date: CivilDate): boolean;
  /** What the calendar knows about a date. Throws CalendarYearUnknownError, ValidationError. */
  describeDay(date: CivilDate): CalendarDay;
  /**
   * The due time of `n` working days from `from`: the close of office hours (+08:00) of the
   * n-th working day after the day of `from`, which itself is never counted. For n = 0, the
   * close of the day of `from` if it is a working day, else of the next working day.
   * Throws CalendarYearUnknownError, RangeError for n not a whole number ≥ 0.
   */
  addWorkingDays(from: Date, n: number): Date;
  /**
   * The instant `n` office hours after `from`, counting only office hours of working days;
   * accepted at 16:30 with 2 hours is due at 10:00 on the next working day (with the default
   * hours). Throws CalendarYearUnknownError, RangeError for n < 0.
   */
  addWorkingHours(from: Date, n: number): Date;
  /** The instant `ms` milliseconds of office time after `from`. Throws as addWorkingHours. */
  addWorkingMillis(from: Date, ms: number): Date;
  /**
   * Office time in milliseconds between two instants (negative when `to` is before `from`), for
   * clock pauses and the elapsed share of a limit. Throws CalendarYearUnknownError.
   */
  workingMillisBetween(from: Date, to: Date): number;
  /**
   * Working days after the day of `from` up to and including the day of `to` (negative when
   * reversed); `workingDaysBetween(d, addWorkingDays(d, n)) === n` for n ≥ 1. Takes instants or
   * `YYYY-MM-DD` dates. Throws CalendarYearUnknownError, ValidationError for a bad date.
   */
  workingDaysBetween(from: Date | CivilDate, to: Date | CivilDate): number;
  /** The due time of a limit with the days counted, for the deadline API. Throws as above. */
  deadline(from: Date, limit: WorkingLimit): Deadline;
}

/** Options of {@link createWorkingCalendar}. */
export interface WorkingCalendarOptions {
  /** Office hours for every year, overriding the year files' own (a deployment setting). */
  officeHours?: readonly OfficePeriod[];
  /**
   * The calendar of a year without an official notice (see provisionalYearFile). Without it, such
   * a year throws CalendarYearUnknownError; with it, deadlines are computed and flagged.
   */
  provisional?: (year: number) => YearFile;
}

interface LoadedYear {
  file: YearFile;
  provisional: boolean;
  off: Map<number, Bilingual>;
  working: Map<number, Bilingual>;
  /** Office periods in minutes after midnight, ascending. */
  periods: Array<readonly [number, number]>;
}

function toMinutes(periods: readonly OfficePeriod[]): Array<readonly [number, number]> {
  if (periods.length === 0) throw new RangeError('office hours need at least one period');
  return periods.map((p) => {
    const start = parseTimeOfDay(p.start);
    const end = parseTimeOfDay(p.end);
    if (start === null || end === null || end <= start) {
      throw new RangeError(`office hours ${p.start}–${p.end} are not a period of the day`);
    }
    return [start, end] as const;
  });
}

function invalidDate(value: unknown): ValidationError {
  return new ValidationError(
    'CALENDAR_INVALID_DATE',
    {
      zh: '日期无效，应为 YYYY-MM-DD 格式的真实日期',
      en: 'Not a real date in the form YYYY-MM-DD',
    },
    [{ path: 'date', code: 'invalid_date', message: `${String(value)} is not a real date` }],
  );
}

function instantMillis(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new ValidationError(
      'CALENDAR_INVALID_DATE',
      { zh: '时间无效', en: 'Not a valid instant' },
      [{ path: 'from', code: 'invalid_date', message: 'not a valid instant' }],
    );
  }
  return ms;
}

/**
 * Builds a calendar from validated year files (see parseYearFile). Throws RangeError when a
 * year is given twice or office hours are malformed.
 */
export function createWorkingCalendar(
  files: readonly YearFile[],
  options: WorkingCalendarOptions = {},
): WorkingCalendar {
  const years = new Map<number, LoadedYear>();
  const provisional = new Map<number, LoadedYear>();
  const override = options.officeHours ? toMinutes(options.officeHours) : null;

  function load(file: YearFile, isProvisional: boolean): LoadedYear {
    const loaded: LoadedYear = {
      file,
      provisional: isProvisional,
      off: new Map(),
      working: new Map(),
      periods: override ?? toMinutes(file.officeHours?.periods ?? DEFAULT_OFFICE_HOURS),
    };
    for (const day of file.days) {
      const n = parseCivilDate(day.date);
      if (n === null) throw new RangeError(`calendar ${file.year}: bad date ${day.date}`);
      (day.kind === 'off' ? loaded.off : loaded.working).set(n, day.holiday);
    }
    return loaded;
  }

  for (const file of files) {
    if (years.has(file.year)) throw new RangeError(`calendar year ${file.year} is given twice`);
    years.set(file.year, load(file, false));
  }

  function provisionalYear(year: number): LoadedYear | undefined {
    if (!options.provisional) return undefined;
    let loaded = provisional.get(year);
    if (!loaded) {
      try {
        loaded = load(options.provisional(year), true);
      } catch {
        // Outside the range the lunar tables cover: as unknown as a year without rules.
        return undefined;
      }
      provisional.set(year, loaded);
    }
    return loaded;
  }

  function yearFor(day: number): LoadedYear {
    const year = yearOf(day);
    const loaded = years.get(year) ?? provisionalYear(year);
    if (!loaded) throw new CalendarYearUnknownError(year);
    return loaded;
  }

  function provisionalBetween(fromDay: number, toDay: number): number[] {
    const [lo, hi] = fromDay <= toDay ? [fromDay, toDay] : [toDay, fromDay];
    const out: number[] = [];
    for (let year = yearOf(lo); year <= yearOf(hi); year++) if (!years.has(year)) out.push(year);
    return out;
  }

  function isWorking(day: number): boolean {
    const loaded = yearFor(day);
    if (loaded.working.has(day)) return true;
    if (loaded.off.has(day)) return false;
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  }

  function closeOf(day: number): number {
    const last = yearFor(day).periods.at(-1);
    // toMinutes and the schema guarantee at least one period; 0 only satisfies the compiler.
    return shanghaiMillis(day, last?.[1] ?? 0);
  }

  function dayNumberOf(value: Date | CivilDate): number {
    if (typeof value === 'string') {
      const n = parseCivilDate(value);
      if (n === null) throw invalidDate(value);
      return n;
    }
    return shanghaiDayOf(new Date(instantMillis(value)));
  }

  function countDays(fromMs: number, n: number): Deadline {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`working days must be a whole number ≥ 0, not ${n}`);
    }
    let day = shanghaiDayOf(new Date(fromMs));
    const counted: number[] = [];
    if (n === 0) {
      while (!isWorking(day)) day++;
    } else {
      // The day of acceptance is not counted (Civil Code Art. 201), whatever the hour.
      while (counted.length < n) {
        day++;
        if (isWorking(day)) counted.push(day);
      }
    }
    return {
      dueAt: new Date(closeOf(day)),
      workingDaysCounted: counted.map(formatCivilDate),
      provisionalYears: provisionalBetween(shanghaiDayOf(new Date(fromMs)), day),
    };
  }

  function countMillis(fromMs: number, ms: number): Deadline {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`working time must be ≥ 0, not ${ms}`);
    const counted: number[] = [];
    const fromDay = shanghaiDayOf(new Date(fromMs));
    if (ms === 0) {
      return { dueAt: new Date(fromMs), workingDaysCounted: [], provisionalYears: [] };
    }
    let remaining = ms;
    // Terminates: every day is either in a loaded year or throws CalendarYearUnknownError.
    for (let day = fromDay; ; day++) {
      if (!isWorking(day)) continue;
      for (const [open, close] of yearFor(day).periods) {
        const start = Math.max(fromMs, shanghaiMillis(day, open));
        const end = shanghaiMillis(day, close);
        if (start >= end) continue;
        if (counted.at(-1) !== day) counted.push(day);
        // `<=`: a limit used up exactly at closing time is due then, not next morning.
        if (remaining <= end - start) {
          return {
            dueAt: new Date(start + remaining),
            workingDaysCounted: counted.map(formatCivilDate),
            provisionalYears: provisionalBetween(fromDay, day),
          };
        }
        remaining -= end - start;
      }
    }
  }

  function millisBetween(fromMs: number, toMs: number): number {
    // `|| 0` keeps an empty reversed interval at 0 rather than -0.
    if (toMs < fromMs) return -millisBetween(toMs, fromMs) || 0;
    if (toMs === fromMs) return 0;
    let total = 0;
    // `toMs - 1`: an interval ending at midnight does not touch the next day (or its year).
    const lastDay = shanghaiDayOf(new Date(toMs - 1));
    for (let day = shanghaiDayOf(new Date(fromMs)); day <= lastDay; day++) {
      if (!isWorking(day)) continue;
      for (const [open, close] of yearFor(day).periods) {
        const overlap =
          Math.min(toMs, shanghaiMillis(day, close)) - Math.max(fromMs, shanghaiMillis(day, open));
        if (overlap > 0) total += overlap;
      }
    }
    return total;
  }

  const calendar: WorkingCalendar = {
    years: () => [...years.keys()].sort((a, b) => a - b),

    provisionalYearsBetween: (from, to) =>
      provisionalBetween(
        shanghaiDayOf(new Date(instantMillis(from))),
        shanghaiDayOf(new Date(instantMillis(to))),
      ),

    yearInfo(year) {
      const loaded = years.get(year) ?? provisionalYear(year);
      if (!loaded) return undefined;
      let workingDayCount = 0;
      const first = parseCivilDate(`${year}-01-01`) ?? 0;
      const next = parseCivilDate(`${year + 1}-01-01`) ?? 0;
      for (let day = first; day < next; day++) if (isWorking(day)) workingDayCount++;
      return {
        year,
        sources: loaded.file.sources,
        officeHours:
          options.officeHours ?? loaded.file.officeHours?.periods ?? DEFAULT_OFFICE_HOURS,
        workingDayCount,
        provisional: loaded.provisional,
      };
    },

    isWorkingDay: (date) => isWorking(dayNumberOf(date)),

    describeDay(date) {
      const day = dayNumberOf(date);
      const loaded = yearFor(day);
      const working = isWorking(day);
      const listed = loaded.off.get(day) ?? loaded.working.get(day);
      const weekday = weekdayOf(day);
      return {
        date: formatCivilDate(day),
        working,
        kind: listed
          ? working
            ? 'working'
            : 'off'
          : weekday === 0 || weekday === 6
            ? 'weekend'
            : 'weekday',
        holiday: listed ?? null,
      };
    },

    addWorkingDays: (from, n) => countDays(instantMillis(from), n).dueAt,

    addWorkingHours: (from, n) => countMillis(instantMillis(from), n * 3_600_000).dueAt,

    addWorkingMillis: (from, ms) => countMillis(instantMillis(from), ms).dueAt,

    workingMillisBetween: (from, to) => millisBetween(instantMillis(from), instantMillis(to)),

    workingDaysBetween(from, to) {
      const a = dayNumberOf(from);
      const b = dayNumberOf(to);
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      let count = 0;
      for (let day = lo + 1; day <= hi; day++) if (isWorking(day)) count++;
      // `|| 0` keeps an empty reversed range at 0 rather than -0.
      return a <= b ? count : -count || 0;
    },

    deadline(from, limit) {
      const fromMs = instantMillis(from);
      return 'workingDays' in limit
        ? countDays(fromMs, limit.workingDays)
        : countMillis(fromMs, limit.workingHours * 3_600_000);
    },
  };
  return calendar;
}
