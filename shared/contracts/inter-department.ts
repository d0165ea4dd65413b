import { z } from 'zod';

/*
 * 部门间办事 (Lishui): what departments ask of each other, measured from the case engine's
 * tasks. One request is one step (task) of an application whose applicant is a department:
 * the requesting department is the applicant, the providing department the step's. Periods
 * are China calendar days (Asia/Shanghai), inclusive. Durations are working days of office
 * time per the working-day calendar, from the step's opening to its decision.
 */

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('A China calendar day, YYYY-MM-DD');

/** GET /api/v1/inter-department/board query. */
export const InterDepartmentBoardQuerySchema = z.object({
  from: Day.optional().describe('First day, inclusive (default: the first of this month)'),
  to: Day.optional().describe('Last day, inclusive (default: today)'),
});
export type InterDepartmentBoardQuery = z.infer<typeof InterDepartmentBoardQuerySchema>;

/** A department as the board names it. */
export const InterDepartmentRefSchema = z.object({
  code: z.string().describe('Department code'),
  name: z.object({ zh: z.string(), en: z.string() }).describe('Department name'),
});
export type InterDepartmentRef = z.infer<typeof InterDepartmentRefSchema>;

/**
 * The figures of a group of requests. Rates are 0–1 and null when there is nothing to divide
 * by; average durations are null when nothing was completed (or no limit is known).
 */
export const InterDepartmentFiguresSchema = z.object({
  received: z.number().int().describe('Requests received: steps opened in the period'),
  completed: z.number().int().describe('Requests completed (办结): steps decided in the period'),
  completedOnTime: z.number().int().describe('Completed by their due time'),
  completedLate: z.number().int().describe('Completed after their due time'),
  open: z.number().int().describe('Still open at the end of the period (or now)'),
  openOverdue: z.number().int().describe('Open and past their due time'),
  overdue: z.number().int().describe('Overdue in all: completed late plus open past due'),
  onTimeRate: z.number().nullable().describe('Completed on time / completed'),
  avgDays: z.number().nullable().describe('Average working days from opening to decision'),
  avgLegalDays: z
    .number()
    .nullable()
    .describe('Average legal limit (法定时限) of the completed requests whose matter has one'),
  avgPromisedDays: z
    .number()
    .nullable()
    .describe('Average promised limit (承诺时限) of the completed'),
  speedUpRate: z
    .number()
    .nullable()
    .describe(
      '提速率: 1 − average time / average legal limit, over the completed requests whose matter has a legal limit',
    ),
});
export type InterDepartmentFigures = z.infer<typeof InterDepartmentFiguresSchema>;

/** One matter's figures. */
export const InterDepartmentMatterRowSchema = z.object({
  code: z.string().describe('Matter code'),
  name: z.object({ zh: z.string(), en: z.string() }).describe('Matter name'),
  provider: InterDepartmentRefSchema.describe('The department providing it'),
  legalLimitDays: z
    .number()
    .nullable()
    .describe('Its legal limit in working days, if a law sets one'),
  promisedLimitDays: z.number().nullable().describe('Its promised limit in working days'),
  figures: InterDepartmentFiguresSchema,
});
export type InterDepartmentMatterRow = z.infer<typeof InterDepartmentMatterRowSchema>;

/** One requesting → providing pair, with its matters. */
export const InterDepartmentPairSchema = z.object({
  requester: InterDepartmentRefSchema.describe('The requesting department (the applicant)'),
  provider: InterDepartmentRefSchema.describe("The providing department (the step's)"),
  figures: InterDepartmentFiguresSchema,
  matters: z.array(InterDepartmentMatterRowSchema).describe('The same per matter'),
});
export type InterDepartmentPair = z.infer<typeof InterDepartmentPairSchema>;

/** An open escalation follow-up of an inter-department application. */
export const FirstInquiryFollowUpSchema = z.object({
  id: z.string().describe('Follow-up id'),
  applicationId: z.string(),
  receiptNo: z.string().describe("The department application's receipt number"),
  title: z.string().describe('The matter or bundle applied for'),
  requester: InterDepartmentRefSchema.describe('The requesting department'),
  lateDepartment: InterDepartmentRefSchema.nullable().describe('The department whose step is late'),
  ownerName: z.string().nullable().describe("The owner (the first-inquiry department's lead)"),
  status: z.enum(['open', 'raised']).describe('raised: its own due time passed'),
  dueAt: z.string().describe('When it must be closed (RFC 3339)'),
  overdue: z.boolean().describe('Past its due time'),
});
export type FirstInquiryFollowUp = z.infer<typeof FirstInquiryFollowUpSchema>;

/** The open follow-ups owned by one first-inquiry department (首问负责). */
export const FirstInquiryGroupSchema = z.object({
  department: InterDepartmentRefSchema.describe(
    'The first-inquiry department: of the first step the request reaches',
  ),
  items: z.array(FirstInquiryFollowUpSchema),
});
export type FirstInquiryGroup = z.infer<typeof FirstInquiryGroupSchema>;

/** GET /api/v1/inter-department/board answer. */
export const InterDepartmentBoardSchema = z.object({
  from: Day,
  to: Day,
  asOf: z.string().describe('The instant open counts are taken at: the end of the period, or now'),
  scope: z
    .string()
    .nullable()
    .describe("The caller's department when only its rows are shown; null for supervision"),
  totals: InterDepartmentFiguresSchema,
  pairs: z.array(InterDepartmentPairSchema).describe('By requesting × providing department'),
  matters: z.array(InterDepartmentMatterRowSchema).describe('By matter, all pairs together'),
  followUps: z
    .array(FirstInquiryGroupSchema)
    .describe('Open escalation follow-ups, by first-inquiry department'),
  reportMonth: z.string().describe('The month (YYYY-MM) of the public report of this period'),
});
export type InterDepartmentBoard = z.infer<typeof InterDepartmentBoardSchema>;

/** The public report's month in a path. */
export const ReportMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .describe('A month, YYYY-MM');

/** GET /api/v1/public/inter-department/reports answer. */
export const InterDepartmentReportListSchema = z.object({
  months: z
    .array(
      z.object({
        month: ReportMonthSchema,
        complete: z.boolean().describe('false for the current month (figures so far)'),
        url: z.string().describe('Where the PDF is'),
      }),
    )
    .describe('Months with a report, newest first'),
});
export type InterDepartmentReportList = z.infer<typeof InterDepartmentReportListSchema>;
