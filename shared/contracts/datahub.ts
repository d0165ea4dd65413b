import { z } from 'zod';
import { BilingualTextSchema } from './catalog.js';

/** One access to the signed-in person's data (GET /api/v1/me/data-access). */
export const DataAccessSchema = z.object({
  id: z.string(),
  at: z.string().describe('When the data was read'),
  channel: z
    .enum(['query', 'submission', 'preview', 'proof', 'proof-check', 'file', 'lookup'])
    .describe(
      'How: a department query, a submission, your own preview or e-proof, a verifier checking your e-proof by its code, an official opening a file you uploaded, or a clerk looking you up (window intake, hand-over search)',
    ),
  departments: z
    .array(z.object({ code: z.string(), name: z.string() }))
    .describe('Who read it (empty: you yourself)'),
  actorRole: z.string().describe("The official's role (reviewer, system, applicant, self)"),
  items: z.array(
    z.object({
      source: z.string(),
      item: z.string(),
      name: BilingualTextSchema.nullable(),
      fields: z.array(z.string()),
      namedInRecord: z
        .boolean()
        .describe('Whether `name` is part of the recorded item (a file’s material), not a label'),
    }),
  ),
  applicationId: z.string().nullable(),
  purpose: z.string().describe('The receipt number of the application it was read for'),
  ledger: z.object({
    sequenced: z.boolean().describe('Whether the entry is in a signed checkpoint yet'),
    missing: z
      .boolean()
      .describe(
        'No ledger entry of this access exists, in the log or pending: the row does not match what was recorded',
      ),
    proof: z
      .object({
        index: z.number().int(),
        treeSize: z.number().int(),
        leafHash: z.string().describe('base64'),
        hashes: z.array(z.string()).describe('RFC 9162 inclusion proof, base64'),
        root: z
          .string()
          .describe(
            'Root hash of the signed checkpoint of `treeSize` (GET /api/v1/ledger/checkpoint), base64',
          ),
      })
      .nullable(),
    opening: z
      .object({
        index: z.number().int().describe('The entry’s index in the log'),
        actor: z.string().describe('The account that read the data'),
        subject: z.string().nullable().describe('The subject reference (HMAC) of the entry'),
        salt: z.string().describe('The entry’s salt'),
      })
      .nullable()
      .describe(
        'With the fields above, what recomputes the entry’s commitment (see docs/ledger.md); null until the entry is found',
      ),
  }),
});

/** A contest of an access or a correction request (a task for a department). */
export const DataRequestSchema = z.object({
  id: z.string(),
  kind: z.enum(['contest', 'correction']),
  department: z.string().describe('The department that must answer'),
  status: z.enum(['open', 'done']),
  accessId: z.string().nullable(),
  body: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export type DataAccess = z.infer<typeof DataAccessSchema>;
export type DataRequest = z.infer<typeof DataRequestSchema>;

/** One field of a data item, as the hub's directory and the preview name it. */
export const DataFieldSchema = z.object({
  name: z.string(),
  label: BilingualTextSchema,
  sensitivity: z.enum(['normal', 'sensitive']),
});

/**
 * POST /api/v1/datahub/preview: what submitting a matter or bundle will fetch about the
 * signed-in applicant, per material (the wizard's 授权调取 section shows it before consent).
 */
export const DataPreviewSchema = z.object({
  subject: z.string().describe('The signed-in applicant, masked'),
  items: z.array(
    z.object({
      material: z.string().describe('Material id'),
      name: BilingualTextSchema.describe('Material name'),
      source: z.string(),
      item: z.string(),
      itemName: BilingualTextSchema.nullable(),
      status: z
        .enum(['found', 'no-record', 'unavailable', 'not-connected', 'named-in-form'])
        .describe(
          'found: will be fetched; no-record / unavailable: you will be asked to upload it; named-in-form: about another person of the form',
        ),
      fields: z.array(DataFieldSchema),
      data: z
        .record(z.string(), z.unknown())
        .nullable()
        .describe('What the source holds about you, sensitive fields masked'),
    }),
  ),
});

export type DataPreview = z.infer<typeof DataPreviewSchema>;
