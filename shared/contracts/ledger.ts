import { z } from 'zod';

/** What one ledger entry records (its canonical JSON, parsed). */
export const LedgerRecordSchema = z.object({
  type: z.string().describe('Kind of record: `case` for case actions'),
  time: z.string().describe('When the recorded change happened (RFC 3339, +08:00)'),
  actor: z.string().describe('Account id of who acted, or `system`'),
  actorRole: z.string().nullable().describe('The role they acted in'),
  subject: z
    .string()
    .nullable()
    .describe('Hex HMAC-SHA256 of the person’s identity number (never the number)'),
  action: z.string().describe('What was done, e.g. `case.submitted`'),
  purpose: z.string().describe('What for: the application’s receipt number'),
  dataHash: z
    .string()
    .describe('base64 SHA-256 of the canonical JSON (RFC 8785) of the data concerned'),
});

/** One entry of the log. */
export const LedgerEntrySchema = z.object({
  index: z.number().int().describe('The entry’s index in the log (leaf number)'),
  entry: z
    .string()
    .describe('The entry bytes (canonical JSON, UTF-8) in base64: what the leaf hash covers'),
  leafHash: z.string().describe('base64 RFC 9162 leaf hash, SHA-256(0x00 || entry)'),
  record: LedgerRecordSchema.describe('The entry bytes parsed'),
  createdAt: z.string().describe('When the entry was appended (RFC 3339)'),
});

/** GET /api/v1/applications/{id}/ledger */
export const ApplicationLedgerSchema = z.object({
  receiptNo: z.string().describe('The application’s receipt number, the entries’ purpose'),
  entries: z.array(LedgerEntrySchema).describe('Entries in the log, oldest first'),
  pending: z
    .array(z.object({ record: LedgerRecordSchema, createdAt: z.string() }))
    .describe('Entries appended but not yet in the tree (they join within seconds)'),
});
export type LedgerRecord = z.infer<typeof LedgerRecordSchema>;
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
export type ApplicationLedger = z.infer<typeof ApplicationLedgerSchema>;

/** GET /api/v1/ledger/proofs/inclusion */
export const InclusionProofSchema = z.object({
  index: z.number().int().describe('Entry index'),
  treeSize: z.number().int().describe('Tree size'),
  hashes: z.array(z.string()).describe('RFC 9162 proof hashes, base64, in verification order'),
});
export type InclusionProof = z.infer<typeof InclusionProofSchema>;
