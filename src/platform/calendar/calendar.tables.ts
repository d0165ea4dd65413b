/**
 * The official holiday arrangements loaded by administrators (`onetrip calendar add-year`),
 * one row per year, in the database so that every node sees an added year at once.
 */
export interface CalendarYearsTable {
  year: number;
  /** The validated year file (JSON text, see year-file.ts). */
  file: string;
  added_at: string;
  added_by: string;
}

/** The calendar's tables. */
export interface CalendarTables {
  calendar_years: CalendarYearsTable;
}
