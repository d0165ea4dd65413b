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
  addYearFile,
  loadCalendar,
  shippedYearFiles,
  type LoadCalendarOptions,
} from './calendar.store.js';
export { registerCalendarRoutes } from './calendar.routes.js';
export { shanghaiDate, type CivilDate } from './civil-date.js';
export {
  YearFileSchema,
  parseYearFile,
  type OfficePeriod,
  type YearDay,
  type YearFile,
} from './year-file.js';
