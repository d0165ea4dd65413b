import { z } from 'zod';
import { ApplicationViewSchema } from './cases.js';

/** Which completed applications a hand-over search lists. */
export const HAND_OVER_STATES = ['pending', 'handed-over', 'all'] as const;
export type HandOverState = (typeof HAND_OVER_STATES)[number];

/** GET /api/v1/hand-overs query: one box for a receipt number, a name or a number. */
export const HandOverSearchQuerySchema = z.object({
  q: z
    .string()
    .max(100)
    .default('')
    .describe(
      'A receipt number (exact), an identity number or credit code (exact, e.g. from the ID-card scan), or the applicant’s name (at least 2 characters)',
    ),
  state: z
    .enum(HAND_OVER_STATES)
    .default('pending')
    .describe('pending: not yet handed over; handed-over; all'),
  page: z.coerce.number().int().min(1).max(1000).default(1).describe('Page, from 1'),
  pageSize: z.coerce.number().int().min(1).max(50).default(10).describe('Results per page'),
});
export type HandOverSearchQuery = z.infer<typeof HandOverSearchQuerySchema>;

/** How the query was understood. */
export const HandOverMatchSchema = z
  .enum(['receipt', 'id-number', 'credit-code', 'name'])
  .describe(
    'What the query matched: a receipt number, an identity number, a credit code or a name',
  );
export type HandOverMatch = z.infer<typeof HandOverMatchSchema>;

/** One completed application found for hand-over (统一出件). */
export const HandOverResultSchema = z.object({
  id: z.string(),
  receiptNo: z.string(),
  subject: ApplicationViewSchema.shape.subject,
  channel: ApplicationViewSchema.shape.channel,
  applicant: ApplicationViewSchema.shape.applicant.describe(
    'The applicant; the identity number only masked (330681********1234)',
  ),
  submittedAt: z.string(),
  completedAt: z.string().nullable(),
  handedOver: z
    .object({
      at: z.string(),
      by: z.string().describe('Account id of the clerk who handed it over'),
      byName: z.string().nullable().describe('Display name of that clerk'),
      note: z.string().nullable(),
    })
    .nullable()
    .describe('null while the results wait for collection'),
});
export type HandOverResult = z.infer<typeof HandOverResultSchema>;

/** GET /api/v1/hand-overs response: one page, newest completed first. */
export const HandOverSearchSchema = z.object({
  match: HandOverMatchSchema,
  items: z.array(HandOverResultSchema),
  total: z.number().int().describe('How many applications match in all'),
  page: z.number().int(),
  pageSize: z.number().int(),
  hasMore: z.boolean().describe('Whether a later page has more'),
});
export type HandOverSearch = z.infer<typeof HandOverSearchSchema>;

/** POST /api/v1/applications/{id}/hand-over body. */
export const HandOverRequestSchema = z
  .object({ note: z.string().max(500).optional().describe('E.g. who collected the results') })
  .strict()
  .default({});
export type HandOverRequest = z.infer<typeof HandOverRequestSchema>;
