import type { Clock } from '../clock/index.js';
import type { Bilingual } from '../errors/index.js';
import {
  createWorkingCalendar,
  type WorkingCalendar,
  type WorkingCalendarOptions,
} from './calendar.js';
import { yearExistsError } from './calendar.errors.js';
import type { CalendarRepo } from './calendar.repo.js';
import { shanghaiDate } from './civil-date.js';
import { provisionalYearFile } from './provisional.js';
import { parseYearFile, type YearFile } from './year-file.js';
import cn2025 from './data/cn-2025.json' with { type: 'json' };
import cn2026 from './data/cn-2026.json' with { type: 'json' };

/**
 * The calendar every node computes deadlines with: the shipped years, the years administrators
 * added to the database (`onetrip calendar add-year`), and for any other year the provisional
 * calendar of the holiday regulation, flagged on every deadline it touches.
 */

/** The years shipped with the platform, validated at first use. */
export function shippedYearFiles(): YearFile[] {
  // Imported JSON is typed structurally; parsing proves it matches the schema exactly.
  return [parseYearFile(cn2025, 'cn-2025.json'), parseYearFile(cn2026, 'cn-2026.json')];
}

/** What the administrator is told about the calendar (`GET /api/v1/calendar/status`). */
export interface CalendarStatus {
  /** The years with an official notice, ascending. */
  years: number[];
  /** This year and the next when they have no notice: deadlines into them are 预计. */
  provisionalYears: number[];
  /** From 1 October, when next year's notice is not loaded yet; null otherwise. */
  warning: Bilingual | null;
}

/** Options of {@link createCalendarStore}. */
export interface CalendarStoreOptions extends Pick<WorkingCalendarOptions, 'officeHours'> {
  /** Whether years without a notice use the provisional calendar (default) or throw. */
  provisional?: boolean;
}

function build(files: YearFile[], options: CalendarStoreOptions): WorkingCalendar {
  const byYear = new Map<number, YearFile>(shippedYearFiles().map((f) => [f.year, f]));
  // An added year replaces a shipped one: a corrected notice needs no release.
  for (const f of files) byYear.set(f.year, f);
  return createWorkingCalendar([...byYear.values()], {
    ...(options.officeHours ? { officeHours: options.officeHours } : {}),
    ...(options.provisional === false ? {} : { provisional: provisionalYearFile }),
  });
}

/** A calendar whose every call goes to the latest loaded one. */
function live(get: () => WorkingCalendar): WorkingCalendar {
  return {
    years: () => get().years(),
    provisionalYearsBetween: (from, to) => get().provisionalYearsBetween(from, to),
    yearInfo: (year) => get().yearInfo(year),
    isWorkingDay: (date) => get().isWorkingDay(date),
    describeDay: (date) => get().describeDay(date),
    addWorkingDays: (from, n) => get().addWorkingDays(from, n),
    addWorkingHours: (from, n) => get().addWorkingHours(from, n),
    addWorkingMillis: (from, ms) => get().addWorkingMillis(from, ms),
    workingMillisBetween: (from, to) => get().workingMillisBetween(from, to),
    workingDaysBetween: (from, to) => get().workingDaysBetween(from, to),
    deadline: (from, limit) => get().deadline(from, limit),
  };
}

/**
 * Loads the calendar from the database. `calendar` always answers with the latest years:
 * `refresh()` (run by every node every few seconds) reloads when a year was added anywhere.
 */
export async function createCalendarStore(deps: {
  repo: CalendarRepo;
  clock: Clock;
  options?: CalendarStoreOptions;
}) {
  const { repo, clock } = deps;
  const options = deps.options ?? {};
  const load = async () =>
    build(
      (await repo.listYears()).map((r) => parseYearFile(r.file, `calendar_years ${r.year}`)),
      options,
    );
  let stamp = await repo.stamp();
  let current = await load();
  /** The China date and text of the last warning handed out by `warningToLog`. */
  let lastWarned: string | null = null;

  const store = {
    calendar: live(() => current),

    /** Reloads when the stored years changed; returns whether it did. */
    async refresh(): Promise<boolean> {
      const now = await repo.stamp();
      if (now === stamp) return false;
      current = await load();
      stamp = now;
      return true;
    },

    /**
     * Validates and stores a year's official notice. Refuses, with ConflictError
     * `CALENDAR_YEAR_EXISTS`, a year already added unless `replace` is set; throws ValidationError
     * `CALENDAR_INVALID_YEAR_FILE` listing every problem. Returns the calendars before and after,
     * for recomputing the deadlines that counted on the old one.
     */
    async addYear(
      json: unknown,
      opts: { replace?: boolean; addedBy: string },
    ): Promise<{ year: number; before: WorkingCalendar; after: WorkingCalendar }> {
      const file = parseYearFile(json);
      const row = {
        year: file.year,
        file: JSON.stringify(file),
        added_at: clock.now().toISOString(),
        added_by: opts.addedBy,
      };
      // The calendar this node counted on: the provisional year is what the deadlines used.
      const before = current;
      if (await repo.findYear(file.year)) {
        if (!opts.replace) throw yearExistsError(file.year, 'calendar_years');
        await repo.replaceYear(row);
      } else {
        await repo.insertYear(row);
      }
      current = await load();
      stamp = await repo.stamp();
      return { year: file.year, before, after: current };
    },

    /** The loaded years, the provisional ones in use, and the warning due from 1 October. */
    status(): CalendarStatus {
      const today = shanghaiDate(clock.now());
      const year = Number(today.slice(0, 4));
      const official = new Set(current.years());
      const provisionalYears = [year, year + 1].filter((y) => !official.has(y));
      const missing = provisionalYears.find((y) => y === year || today.slice(5) >= '10-01');
      return {
        years: [...official].sort((a, b) => a - b),
        provisionalYears,
        warning:
          missing === undefined
            ? null
            : {
                zh: `尚未载入${missing}年国务院办公厅节假日安排通知：跨入${missing}年的期限按《全国年节及纪念日放假办法》暂行计算（标注“预计”），通知发布后请用 onetrip calendar add-year 载入`,
                en: `The State Council notice of ${missing} holidays is not loaded: deadlines into ${missing} are computed provisionally from the holiday regulation (marked “estimated”); load the notice with onetrip calendar add-year once published`,
              },
      };
    },

    /**
     * The warning to write to the log now: the status's warning the first time it is asked on
     * each China day (a node running since September logs it on 1 October, and every day after
     * until the notice is loaded), null otherwise.
     */
    warningToLog(): CalendarStatus | null {
      const status = store.status();
      if (!status.warning) return null;
      const key = `${shanghaiDate(clock.now())} ${status.warning.en}`;
      if (key === lastWarned) return null;
      lastWarned = key;
      return status;
    },
  };
  return store;
}

/** The calendar store of a running platform. */
export type CalendarStore = Awaited<ReturnType<typeof createCalendarStore>>;
