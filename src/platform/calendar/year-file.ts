import { z } from 'zod';
import type { FieldIssue } from '../errors/index.js';
import { invalidYearFileError } from './calendar.errors.js';
import { parseCivilDate, parseTimeOfDay, weekdayOf, yearOf } from './civil-date.js';

/**
 * The format of one calendar year file (`data/cn-2025.json`, or an admin's file in
 * `<dataDir>/calendar/`): the official holiday arrangement of a year, listed day by day.
 */

const CivilDateSchema = z
  .string()
  .refine((s) => parseCivilDate(s) !== null, { message: 'must be a real date YYYY-MM-DD' });

const TimeOfDaySchema = z.string().refine((s) => parseTimeOfDay(s) !== null, {
  message: 'must be a time of day HH:MM (00:00–23:59)',
});

/** A name in Chinese and English. */
export const BilingualNameSchema = z
  .object({
    zh: z.string().min(1).describe('Chinese name, e.g. 春节'),
    en: z.string().min(1).describe('English name, e.g. Spring Festival'),
  })
  .strict();

/** One off day or make-up working day. */
export const YearDaySchema = z
  .object({
    date: CivilDateSchema.describe('The civil date in Asia/Shanghai, YYYY-MM-DD'),
    kind: z
      .enum(['off', 'working'])
      .describe(
        "'off': no work (a holiday, including the weekend days inside a holiday block); " +
          "'working': a Saturday or Sunday that is a working day (调休上班, make-up working day)",
      ),
    holiday: BilingualNameSchema.describe('The holiday the day belongs to'),
  })
  .strict();
/** One listed day of a year file. */
export type YearDay = z.infer<typeof YearDaySchema>;

/** One opening period of a working day, `09:00`–`12:00`. */
export const OfficePeriodSchema = z
  .object({
    start: TimeOfDaySchema.describe('Opening time HH:MM, Asia/Shanghai'),
    end: TimeOfDaySchema.describe('Closing time HH:MM, Asia/Shanghai'),
  })
  .strict();
/** One opening period of a working day. */
export type OfficePeriod = z.infer<typeof OfficePeriodSchema>;

/** Office hours of a working day: ascending, non-overlapping periods. */
export const OfficeHoursSchema = z
  .array(OfficePeriodSchema)
  .min(1)
  .superRefine((periods, ctx) => {
    let previousEnd = -1;
    periods.forEach((p, i) => {
      const start = parseTimeOfDay(p.start);
      const end = parseTimeOfDay(p.end);
      if (start === null || end === null) return;
      if (end <= start)
        ctx.addIssue({ code: 'custom', path: [i, 'end'], message: 'must be after start' });
      if (start < previousEnd) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'start'],
          message: 'periods must be in order and must not overlap',
        });
      }
      previousEnd = end;
    });
  });

/** A source of a year's data: the official notice and where to read it. */
export const YearSourceSchema = z
  .object({
    title: z.string().min(1).describe('Title of the notice'),
    issuer: z.string().min(1).optional().describe('Who issued it'),
    documentNumber: z
      .string()
      .min(1)
      .nullable()
      .describe('Document number (文号); null when not verified'),
    issuedOn: CivilDateSchema.optional().describe('Date of the notice'),
    urls: z
      .array(z.object({ url: z.url(), note: z.string().optional() }).strict())
      .min(1)
      .describe('Where the text can be read: the official page first, then mirrors'),
    note: z.string().optional(),
  })
  .strict();

/** A whole year file. */
export const YearFileSchema = z
  .object({
    // From 1992: China last observed daylight saving time in 1991, and the arithmetic assumes
    // a fixed +08:00.
    year: z.number().int().min(1992).max(2200).describe('The calendar year'),
    region: z.literal('CN').describe('Nationwide arrangement of the People’s Republic of China'),
    timeZone: z.literal('Asia/Shanghai').describe('Dates are civil dates in this zone'),
    notes: z.array(z.string()).optional(),
    sources: z.array(YearSourceSchema).min(1).describe('The official notice the days come from'),
    officeHours: z
      .object({
        note: z.string().optional(),
        periods: OfficeHoursSchema,
      })
      .strict()
      .optional()
      .describe('Office hours of a working day; a configurable default, not law'),
    days: z
      .array(YearDaySchema)
      .describe('Every off day and every make-up working day of the year'),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.days.forEach((day, i) => {
      const n = parseCivilDate(day.date);
      if (n === null) return;
      if (yearOf(n) !== file.year) {
        ctx.addIssue({
          code: 'custom',
          path: ['days', i, 'date'],
          message: `is not in ${file.year}`,
        });
      }
      const earlier = seen.get(day.date);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['days', i, 'date'],
          message: `is listed twice (also days.${earlier})`,
        });
      }
      seen.set(day.date, i);
      const weekday = weekdayOf(n);
      if (day.kind === 'working' && weekday !== 0 && weekday !== 6) {
        ctx.addIssue({
          code: 'custom',
          path: ['days', i, 'kind'],
          message:
            'a make-up working day must be a Saturday or Sunday (weekdays are working days anyway)',
        });
      }
    });
    // An empty list is what a placeholder looks like (holiday-cn's 2027.json before the notice
    // is published); loading it would silently make every weekday a working day.
    if (!file.days.some((d) => d.kind === 'off')) {
      ctx.addIssue({
        code: 'custom',
        path: ['days'],
        message:
          'lists no holiday: a year file is added only once the official arrangement is published',
      });
    }
  });

/** A validated year file. */
export type YearFile = z.infer<typeof YearFileSchema>;

function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(file)',
    code: issue.code,
    message: issue.message,
  }));
}

/**
 * Validates one year file, given as parsed JSON or as JSON text.
 * Throws ValidationError `CALENDAR_INVALID_YEAR_FILE` listing every problem by field path
 * (`days.3.date`); `file` names the file in the message.
 */
export function parseYearFile(json: unknown, file?: string): YearFile {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch (e) {
      throw invalidYearFileError(
        [
          {
            path: '(file)',
            code: 'invalid_json',
            message: e instanceof Error ? e.message : 'not JSON',
          },
        ],
        file,
      );
    }
  }
  const result = YearFileSchema.safeParse(value);
  if (!result.success) throw invalidYearFileError(toFieldIssues(result.error), file);
  return result.data;
}
