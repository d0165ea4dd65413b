import {
  CalendarDeadlineQuerySchema,
  CalendarDeadlineSchema,
  CalendarStatusSchema,
  normalizeRfc3339Query,
} from '../../../shared/contracts/calendar.js';
import { ErrorBodySchema } from '../../../shared/contracts/errors.js';
import { toRfc3339 } from '../clock/index.js';
import type { HttpServer } from '../http/index.js';
import type { WorkingCalendar } from './calendar.js';
import type { CalendarStatus } from './calendar.store.js';
import { CalendarYearUnknownError } from './calendar.errors.js';

/**
 * Registers `GET /api/v1/calendar/deadline?from=&workingDays=|workingHours=`: the due time of a
 * limit on the official calendar. Public, since it reveals nothing but the published calendar;
 * a year without data answers 422 `CALENDAR_YEAR_UNKNOWN`, never a guess.
 */
export function registerCalendarRoutes(
  app: HttpServer,
  deps: { calendar: Pick<WorkingCalendar, 'deadline'>; status: () => CalendarStatus },
): void {
  app.get(
    '/api/v1/calendar/status',
    {
      schema: {
        tags: ['calendar'],
        summary:
          'The years loaded, the provisional ones in use, and the warning for administrators',
        response: { 200: CalendarStatusSchema },
      },
    },
    async () => deps.status(),
  );

  app.get(
    '/api/v1/calendar/deadline',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Due time of a limit in working days or office hours',
        description:
          'Counts on the official holiday arrangement (holidays and make-up working days 调休). ' +
          'The day of `from` is not counted; a working-day limit is due at the close of office ' +
          'hours of its last day. A limit that runs into a year without published arrangements ' +
          'answers 422 CALENDAR_YEAR_UNKNOWN, unless `provisional=true` asks for the provisional ' +
          'calendar of the holiday regulation (statutory holidays only), flagged in the answer.',
        querystring: CalendarDeadlineQuerySchema,
        response: { 200: CalendarDeadlineSchema, 422: ErrorBodySchema },
      },
    },
    async (request) => {
      const { workingDays, workingHours } = request.query;
      const from = new Date(normalizeRfc3339Query(request.query.from));
      // The schema guarantees exactly one of the two.
      const limit =
        workingDays !== undefined ? { workingDays } : { workingHours: workingHours ?? 0 };
      const deadline = deps.calendar.deadline(from, limit);
      const [unpublished] = deadline.provisionalYears;
      // Integrators who never asked for an estimate keep the strict answer of API.md.
      if (unpublished !== undefined && request.query.provisional !== 'true') {
        throw new CalendarYearUnknownError(unpublished);
      }
      return {
        from: toRfc3339(from),
        ...limit,
        dueAt: toRfc3339(deadline.dueAt),
        workingDaysCounted: deadline.workingDaysCounted,
        provisional: deadline.provisionalYears.length > 0,
        provisionalYears: deadline.provisionalYears,
      };
    },
  );
}
