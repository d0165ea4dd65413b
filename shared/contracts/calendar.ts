import { z } from 'zod';

const Rfc3339 = z.iso.datetime({ offset: true });

/**
 * Reads an RFC 3339 date-time from a query string: a `+` that was not percent-encoded
 * (`%2B`) arrives as a space, so a space before the offset is read as `+`.
 */
export function normalizeRfc3339Query(value: string): string {
  return value.replace(/ (\d{2}:\d{2})$/, '+$1');
}

const limit = (unit: string, max: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .optional()
    .describe(`The limit in ${unit}; give this or the other`);

/** GET /api/v1/calendar/deadline query: a start and exactly one of workingDays or workingHours. */
export const CalendarDeadlineQuerySchema = z
  .object({
    from: z
      .string()
      .refine((s) => Rfc3339.safeParse(normalizeRfc3339Query(s)).success, {
        message: 'must be an RFC 3339 date-time with an offset, e.g. 2026-02-12T10:00:00+08:00',
      })
      .describe(
        'The start, RFC 3339 with offset, usually the time of acceptance (受理); its day is not counted. Encode `+` as `%2B`',
      ),
    workingDays: limit('working days (the day of `from` is not counted)', 1000),
    workingHours: limit('office hours of working days', 8000),
    provisional: z
      .enum(['true', 'false'])
      .optional()
      .describe(
        '`true` accepts a limit that runs into a year without a published notice: it is counted on the provisional calendar (statutory holidays only) and flagged. Default `false`: such a limit answers 422 CALENDAR_YEAR_UNKNOWN',
      ),
  })
  .superRefine((q, ctx) => {
    if ((q.workingDays === undefined) === (q.workingHours === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['workingDays'],
        message: 'give exactly one of workingDays or workingHours',
      });
    }
  });
/** The parsed query of GET /api/v1/calendar/deadline. */
export type CalendarDeadlineQuery = z.infer<typeof CalendarDeadlineQuerySchema>;

/** 200 answer of GET /api/v1/calendar/deadline. */
export const CalendarDeadlineSchema = z.object({
  from: z.string().describe('The start, RFC 3339 in +08:00'),
  workingDays: z.number().int().optional().describe('The limit in working days, when given'),
  workingHours: z.number().int().optional().describe('The limit in office hours, when given'),
  dueAt: z
    .string()
    .describe(
      'When the limit runs out, RFC 3339 in +08:00: for working days the close of office hours of the last day counted',
    ),
  workingDaysCounted: z
    .array(z.string().describe('A civil date YYYY-MM-DD in Asia/Shanghai'))
    .describe(
      'The working days counted, ascending; for hours, the days whose office hours were used',
    ),
  provisional: z
    .boolean()
    .describe(
      'True when a year counted has no published notice yet (预计): the due time may move when the notice is loaded',
    ),
  provisionalYears: z
    .array(z.number().int())
    .describe('The years counted on the provisional calendar, ascending'),
});
/** The answer of GET /api/v1/calendar/deadline. */
export type CalendarDeadline = z.infer<typeof CalendarDeadlineSchema>;

/** Error codes of the calendar that clients react to. */
export const CALENDAR_ERROR_CODES = {
  yearUnknown: 'CALENDAR_YEAR_UNKNOWN',
} as const;

/** 200 answer of GET /api/v1/calendar/status. */
export const CalendarStatusSchema = z.object({
  years: z.array(z.number().int()).describe('The years with an official notice loaded, ascending'),
  provisionalYears: z
    .array(z.number().int())
    .describe('This year and the next when no notice is loaded: deadlines into them are 预计'),
  warning: z
    .object({ zh: z.string(), en: z.string() })
    .nullable()
    .describe("From 1 October, when next year's notice is not loaded yet"),
});
/** The answer of GET /api/v1/calendar/status. */
export type CalendarStatusView = z.infer<typeof CalendarStatusSchema>;
