import { z } from 'zod';
import { ApplicationViewSchema } from './cases.js';
import { BilingualTextSchema as Bilingual } from './catalog.js';

/** GET /api/v1/track/{receiptNo} query: the key the printed QR code carries. */
export const TrackQuerySchema = z.object({
  k: z
    .string()
    .max(64)
    .optional()
    .describe('The key printed in the QR code of the receipt; without it only existence is shown'),
});

/** The public progress of one application: nothing personal, nothing to link persons by. */
export const TrackProgressSchema = z.object({
  subject: Bilingual.describe('The matter or bundle applied for'),
  status: ApplicationViewSchema.shape.status,
  stage: Bilingual.describe('Where the application is now, in words'),
  acceptedAt: z.string().nullable(),
  dueAt: z.string().nullable().describe('承诺时限, RFC 3339 in +08:00'),
  dueProvisional: z
    .boolean()
    .describe('预计: the due time may move once the holiday notice is loaded'),
  completedAt: z.string().nullable(),
  applicantMustAct: z.boolean().describe('Whether the applicant has something to do now'),
  action: Bilingual.nullable().describe('What the applicant must do, when they must'),
  steps: z
    .array(
      z.object({
        name: Bilingual,
        status: z.enum(['waiting', 'in-progress', 'supplement', 'paused', 'approved', 'rejected']),
      }),
    )
    .describe("The departments' steps and how far each is"),
});

/** 200 answer of GET /api/v1/track/{receiptNo}. */
export const TrackViewSchema = z.object({
  receiptNo: z.string(),
  exists: z.literal(true),
  verified: z
    .boolean()
    .describe('Whether the key matched; false shows only that the receipt exists'),
  progress: TrackProgressSchema.nullable(),
});
export type TrackView = z.infer<typeof TrackViewSchema>;
export type TrackProgress = z.infer<typeof TrackProgressSchema>;
