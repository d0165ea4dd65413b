import { z } from 'zod';
import { BilingualTextSchema } from './catalog.js';

/*
 * Contracts of window staff (Taizhou 四制四化, issue #13): clerks' grades (考级) and windows,
 * the monthly points ledger (积分制) computed from the action history, ranking and pay tiers.
 */

/** A China-time month, `YYYY-MM`. */
export const WindowMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
  .describe('A month in China time (Asia/Shanghai), YYYY-MM');

/** A grade as shown: its id and names (初级/中级/高级/首席). */
export const WindowGradeRefSchema = z.object({
  id: z.string().describe('Grade id of catalog/window-staff.yaml, e.g. chief'),
  name: BilingualTextSchema.describe('Grade name, e.g. 首席'),
});
export type WindowGradeRef = z.infer<typeof WindowGradeRefSchema>;

/** PUT /api/v1/window-staff/clerks/{accountId} body. */
export const UpdateClerkSchema = z.object({
  grade: z.string().min(1).max(16).describe('The new grade id (see catalog/window-staff.yaml)'),
  windowNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,16}$/, 'letters, digits and dashes')
    .nullable()
    .optional()
    .describe('The window number, e.g. A01; null for none; absent keeps the current one'),
});
export type UpdateClerk = z.infer<typeof UpdateClerkSchema>;

/** A clerk's grade and window, and who set them when. */
export const ClerkProfileSchema = z.object({
  accountId: z.string().describe('The clerk account'),
  name: z.string().describe('The clerk’s display name'),
  grade: WindowGradeRefSchema.describe('The grade (the default grade if none was recorded)'),
  gradeRecorded: z.boolean().describe('False when no grade was recorded and the default applies'),
  windowNo: z.string().nullable().describe('The window number'),
  updatedAt: z.string().nullable().describe('When the grade or window was last set (RFC 3339)'),
  updatedBy: z.string().nullable().describe('The display name of who set it'),
});
export type ClerkProfile = z.infer<typeof ClerkProfileSchema>;

/** GET /api/v1/window-staff/points query. */
export const WindowPointsQuerySchema = z.object({
  month: WindowMonthSchema.optional().describe(
    'The month (China time); the current month by default',
  ),
});

/** One ledger line: one rule hit on one application. */
export const PointsLineSchema = z.object({
  rule: z.object({ id: z.string(), name: BilingualTextSchema }).describe('The points rule'),
  receiptNo: z.string().describe('The application’s receipt number'),
  applicationId: z.string().describe('The application'),
  points: z.number().int().describe('Points (negative for a deduction)'),
  at: z.string().describe('When the fact happened (RFC 3339, +08:00)'),
});
export type PointsLine = z.infer<typeof PointsLineSchema>;

/** A pay tier (按级定薪) as shown. */
export const WindowPayTierSchema = z.object({
  id: z.string(),
  name: BilingualTextSchema.describe('Tier name, e.g. 一档'),
});

/** One clerk's month: grade, window, ledger lines, total, rank, pay tier. */
export const ClerkPointsSchema = z.object({
  accountId: z.string(),
  name: z.string().describe('The clerk’s display name'),
  grade: WindowGradeRefSchema,
  windowNo: z.string().nullable(),
  total: z.number().int().describe('The month’s points'),
  rank: z.number().int().min(1).describe('Rank among all clerks (ties share a rank)'),
  tier: WindowPayTierSchema.describe('The pay tier that follows from grade and points'),
  payFactor: z.number().describe('The grade’s base pay factor × the tier’s factor'),
  lines: z.array(PointsLineSchema).describe('The ledger lines, in time order'),
});
export type ClerkPoints = z.infer<typeof ClerkPointsSchema>;

/** GET /api/v1/window-staff/points response. */
export const PointsMonthSchema = z.object({
  month: WindowMonthSchema,
  computedAt: z.string().describe('When the ledger was computed from the action history'),
  clerks: z
    .array(ClerkPointsSchema)
    .describe('Every clerk, highest total first (a clerk sees only their own)'),
});
export type PointsMonth = z.infer<typeof PointsMonthSchema>;

/** Error codes of window staff. */
export const WINDOW_STAFF_ERROR_CODES = {
  gradeNotAllowed: 'WINDOW_GRADE_NOT_ALLOWED',
  gradeUnknown: 'WINDOW_GRADE_UNKNOWN',
  clerkNotFound: 'WINDOW_CLERK_NOT_FOUND',
  forbidden: 'WINDOW_STAFF_FORBIDDEN',
} as const;
