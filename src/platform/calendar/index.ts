export {
  DEFAULT_OFFICE_HOURS,
  createWorkingCalendar,
  type CalendarDay,
  type CalendarYear,
  type Deadline,
  type WorkingCalendar,
  type WorkingCalendarOptions,
  type WorkingLimit,
} from './calendar.js';
export {
  CALENDAR_INVALID_YEAR_FILE,
  CALENDAR_YEAR_UNKNOWN,
  CalendarYearUnknownError,
} from './calendar.errors.js';
export {
  createCalendarStore,
  shippedYearFiles,
  type CalendarStatus,
  type CalendarStore,
  type CalendarStoreOptions,
} from './calendar.store.js';
export { createCalendarRepo, type CalendarRepo } from './calendar.repo.js';
export type { CalendarTables } from './calendar.tables.js';
export { provisionalYearFile } from './provisional.js';
export { registerCalendarRoutes } from './calendar.routes.js';
export { shanghaiDate, type CivilDate } from './civil-date.js';
export {
  YearFileSchema,
  parseYearFile,
  type OfficePeriod,
  type YearDay,
  type YearFile,
} from './year-file.js';
