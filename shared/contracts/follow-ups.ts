import { z } from 'zod';
import { FollowUpViewSchema } from './cases.js';

/** GET /api/v1/follow-ups query. */
export const FollowUpsQuerySchema = z.object({
  status: FollowUpViewSchema.shape.status
    .optional()
    .describe('open, raised (overdue) or done; without it, every follow-up not yet closed'),
});

/** One follow-up in a lead's, supervisor's or owner's work list. */
export const FollowUpItemSchema = FollowUpViewSchema.extend({
  applicationId: z.string(),
  receiptNo: z.string(),
  title: z.string().describe('The matter or bundle of the application'),
  ownerName: z.string().nullable().describe('The display name of the owner'),
  overdue: z.boolean().describe('Not closed and past its due time'),
});
export type FollowUpItem = z.infer<typeof FollowUpItemSchema>;

/** GET /api/v1/follow-ups response. */
export const FollowUpListSchema = z.object({ items: z.array(FollowUpItemSchema) });
export type FollowUpList = z.infer<typeof FollowUpListSchema>;

/** POST /api/v1/follow-ups/{id}/close body: what was done, as the applicant is told. */
export const CloseFollowUpSchema = z.object({
  outcome: z
    .string()
    .trim()
    .min(2)
    .max(1000)
    .describe('What was done (回访、整改结果), told to the applicant for a rating follow-up'),
});
export type CloseFollowUp = z.infer<typeof CloseFollowUpSchema>;
