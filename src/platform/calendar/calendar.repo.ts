import type { Kysely } from 'kysely';
import type { CalendarTables, CalendarYearsTable } from './calendar.tables.js';

/** The only code of the calendar that builds SQL. */
export function createCalendarRepo<DB extends CalendarTables>(handle: Kysely<DB>) {
  const db = handle as unknown as Kysely<CalendarTables>;
  return {
    listYears(): Promise<CalendarYearsTable[]> {
      return db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
    },

    /** What changes when a year is added or replaced: compared to know when to reload. */
    async stamp(): Promise<string> {
      const row = await db
        .selectFrom('calendar_years')
        .select((eb) => [
          eb.fn.countAll<number | string>().as('n'),
          eb.fn.max('added_at').as('latest'),
        ])
        .executeTakeFirst();
      return `${String(row?.n ?? 0)}|${String(row?.latest ?? '')}`;
    },

    findYear(year: number): Promise<CalendarYearsTable | undefined> {
      return db
        .selectFrom('calendar_years')
        .selectAll()
        .where('year', '=', year)
        .executeTakeFirst();
    },

    async insertYear(row: CalendarYearsTable): Promise<void> {
      await db.insertInto('calendar_years').values(row).execute();
    },

    async replaceYear(row: CalendarYearsTable): Promise<void> {
      await db
        .updateTable('calendar_years')
        .set({ file: row.file, added_at: row.added_at, added_by: row.added_by })
        .where('year', '=', row.year)
        .execute();
    },
  };
}

/** The calendar's repository. */
export type CalendarRepo = ReturnType<typeof createCalendarRepo>;
