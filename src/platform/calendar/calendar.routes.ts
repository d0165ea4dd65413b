import {
  CalendarDeadlineQuerySchema,
  CalendarDeadlineSchema,
  normalizeRfc3339Query,
} from '../../../shared/contracts/calendar.js';
import { ErrorBodySchema } from '../../../shared/contracts/errors.js';
import { toRfc3339 } from '../clock/index.js';
import type { HttpServer } from '../http/index.js';
import type { WorkingCalendar } from './calendar.js';

/**
 * Registers `GET /api/v1/calendar/deadline?from=&workingDays=|workingHours=`: the due time of a
 * limit on the official calendar. Public, since it reveals nothing but the published calendar;
 * a year without data answers 422 `CALENDAR_YEAR_UNKNOWN`, never a guess.
 */
export function registerCalendarRoutes(
  app: HttpServer,
  deps: { calendar: Pick<WorkingCalendar, 'deadline'> },
): void {
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
          'answers 422 CALENDAR_YEAR_UNKNOWN.',
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
      return {
        from: toRfc3339(from),
        ...limit,
        dueAt: toRfc3339(deadline.dueAt),
        workingDaysCounted: deadline.workingDaysCounted,
      };
    },
  );
}
