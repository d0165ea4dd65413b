import { z } from 'zod';

/*
 * Supervision (效能监察): the reform measured from the action history. Every figure is
 * computed from what happened (actions, tasks, ratings, follow-ups, data-hub reads), never
 * typed in, and kept in rollups so the dashboards answer fast at scale. Periods are China
 * calendar days (Asia/Shanghai); an application counts in the day it was received.
 */

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('A China calendar day, YYYY-MM-DD');

/** What a metrics table is broken down by. */
export const MetricDimensionSchema = z.enum([
  'matter',
  'bundle',
  'department',
  'window',
  'clerk',
  'channel',
  'town',
]);
export type MetricDimension = z.infer<typeof MetricDimensionSchema>;

/** The filters every supervision query takes (a department's staff see their department only). */
export const MetricsFilterSchema = z.object({
  from: Day.describe('First day, inclusive'),
  to: Day.describe('Last day, inclusive'),
  department: z.string().max(32).optional().describe('Only this department (its steps)'),
  matter: z.string().max(64).optional(),
  channel: z.enum(['online', 'window', 'overseas', 'department']).optional(),
});
export type MetricsFilter = z.infer<typeof MetricsFilterSchema>;

/** GET /api/v1/supervision/metrics query. */
export const MetricsQuerySchema = MetricsFilterSchema.extend({
  by: MetricDimensionSchema.default('department'),
});
export type MetricsQuery = z.infer<typeof MetricsQuerySchema>;

/** Counts of ratings by score, index 0 = score 1 (很不满意) … index 4 = score 5 (非常满意). */
export const RatingCountsSchema = z.array(z.number().int().nonnegative()).length(5);

/**
 * One row of figures. Rates are 0–1 and null when their denominator is zero; durations are
 * working days (office time per the working-day calendar, statutory pauses not counted).
 */
export const MetricRowSchema = z.object({
  key: z.string().describe('The code of the group (department code, matter code, day …)'),
  label: z.string().describe('Its display name'),
  received: z.number().int().describe('Applications received (submitted)'),
  accepted: z.number().int().describe('Accepted (受理), at once or after supplying materials'),
  deficient: z.number().int().describe('Given a one-time notice (一次性告知) at submission'),
  refused: z.number().int().describe('Not accepted (不予受理)'),
  completed: z.number().int().describe('Completed (办结, approved)'),
  rejected: z.number().int().describe('Decided against (不予许可)'),
  avgDays: z.number().nullable().describe('Average time from acceptance to decision'),
  p90Days: z.number().nullable().describe('90th percentile of that time'),
  legalDays: z.number().nullable().describe('Average legal limit (法定时限) of the settled'),
  promisedDays: z.number().nullable().describe('Average promised limit (承诺时限) of the settled'),
  speedUpRate: z
    .number()
    .nullable()
    .describe('提速率: 1 − average time / average legal limit, of the settled'),
  onTimeRate: z.number().nullable().describe('Settled within the promised limit / settled'),
  overdue: z.number().int().describe('Went past the promised limit (settled or not)'),
  supplementsPerApplication: z.number().nullable().describe('Supplement requests / accepted'),
  zeroTripRate: z.number().nullable().describe('Settled without a visit (零跑腿) / settled'),
  oneTripRate: z.number().nullable().describe('Settled with at most one visit / settled'),
  materialsAsked: z.number().int().describe('Materials the applicants had to provide'),
  materialsNotAsked: z
    .number()
    .int()
    .describe(
      'Materials no longer asked: fetched from the data hub, a credential or an earlier step',
    ),
  datahubCalls: z.number().int().describe('Purpose-bound data-hub reads for these applications'),
  ratings: RatingCountsSchema,
  badRatingRate: z.number().nullable().describe('Ratings 1–2 / ratings (差评率)'),
  followUps: z.number().int().describe('Follow-ups opened (督办, rating call-backs …)'),
  followUpsClosed: z.number().int(),
  followUpsClosedOnTime: z.number().int(),
});
export type MetricRow = z.infer<typeof MetricRowSchema>;

/** GET /api/v1/supervision/metrics response. */
export const MetricsTableSchema = z.object({
  from: Day,
  to: Day,
  by: MetricDimensionSchema,
  totals: MetricRowSchema,
  rows: z.array(MetricRowSchema),
  asOf: z.string().describe('RFC 3339: the history folded into these figures ends here'),
});
export type MetricsTable = z.infer<typeof MetricsTableSchema>;

/** GET /api/v1/supervision/trend query. */
export const TrendQuerySchema = MetricsFilterSchema.extend({
  interval: z.enum(['day', 'week', 'month']).default('day'),
});
export type TrendQuery = z.infer<typeof TrendQuerySchema>;

/** GET /api/v1/supervision/trend response: one row per period (key = its first day). */
export const TrendSchema = z.object({
  from: Day,
  to: Day,
  interval: TrendQuerySchema.shape.interval,
  rows: z.array(MetricRowSchema),
  asOf: z.string(),
});
export type Trend = z.infer<typeof TrendSchema>;

/** One department in the ranking (Zhejiang ranks by bad-rating rate, then on-time rate). */
export const RankingRowSchema = MetricRowSchema.extend({
  rank: z.number().int().positive(),
});

/** GET /api/v1/supervision/ranking response (query: MetricsFilterSchema). */
export const RankingSchema = z.object({
  from: Day,
  to: Day,
  rows: z.array(RankingRowSchema),
  asOf: z.string(),
});
export type Ranking = z.infer<typeof RankingSchema>;

/** One step past or near its limit, with how far its escalation has gone. */
export const OverdueItemSchema = z.object({
  applicationId: z.string(),
  receiptNo: z.string(),
  title: z.string(),
  taskId: z.string().nullable(),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable(),
  alert: z.enum(['warning', 'overdue']),
  dueAt: z.string(),
  overdueDays: z.number().describe('Working days past due (negative: still left)'),
  escalation: z
    .enum(['none', 'escalated', 'follow-up-open', 'follow-up-raised', 'follow-up-closed'])
    .describe('How far the escalation has gone (督办)'),
  ownerName: z.string().nullable().describe('Who answers for the follow-up'),
});
export type OverdueItem = z.infer<typeof OverdueItemSchema>;

/** GET /api/v1/supervision/overdue response (query: department?). */
export const OverdueListSchema = z.object({ items: z.array(OverdueItemSchema), asOf: z.string() });
export type OverdueList = z.infer<typeof OverdueListSchema>;

/** One step of a bundle: how long it takes and how often it is the one that holds the bundle up. */
export const BundleStepRowSchema = z.object({
  stepId: z.string(),
  matterCode: z.string(),
  departmentCode: z.string(),
  departmentName: z.string(),
  decided: z.number().int(),
  open: z.number().int().describe('Steps of this bundle still open'),
  avgDays: z.number().nullable(),
  holdsUp: z
    .number()
    .int()
    .describe('Settled bundles where this step finished last (what held the bundle up)'),
});

/** One bundle (一件事) with its steps. */
export const BundleRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  received: z.number().int(),
  completed: z.number().int(),
  avgDays: z.number().nullable(),
  promisedDays: z.number().nullable(),
  materialsPerApplication: z.number().nullable().describe('Materials the applicant provided'),
  steps: z.array(BundleStepRowSchema),
});

/** GET /api/v1/supervision/bundles response (query: MetricsFilterSchema). */
export const BundlesViewSchema = z.object({
  from: Day,
  to: Day,
  rows: z.array(BundleRowSchema),
  asOf: z.string(),
});
export type BundlesView = z.infer<typeof BundlesViewSchema>;

/** A place of the county (county, town/street) with its figures and the places under it. */
export interface TownNode {
  code: string;
  name: string;
  received: number;
  completed: number;
  badRatingRate: number | null;
  children: TownNode[];
}
export const TownNodeSchema: z.ZodType<TownNode> = z.lazy(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    received: z.number().int(),
    completed: z.number().int(),
    badRatingRate: z.number().nullable(),
    children: z.array(TownNodeSchema),
  }),
);

/** GET /api/v1/supervision/towns response (query: MetricsFilterSchema): where applicants live. */
export const TownsViewSchema = z.object({
  from: Day,
  to: Day,
  root: z.array(TownNodeSchema),
  asOf: z.string(),
});
export type TownsView = z.infer<typeof TownsViewSchema>;

/**
 * GET /api/v1/supervision/export.xlsx query: the same view as a chart's table, as an Excel
 * workbook (exceljs): `view` names the table, the other parameters are that view's.
 */
export const ExportQuerySchema = MetricsFilterSchema.extend({
  view: z.enum(['metrics', 'trend', 'ranking', 'overdue', 'bundles', 'towns']),
  by: MetricDimensionSchema.optional(),
  interval: TrendQuerySchema.shape.interval.optional(),
});
export type ExportQuery = z.infer<typeof ExportQuerySchema>;
