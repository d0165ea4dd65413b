import { z } from 'zod';

/**
 * What one ledger entry records: the opened entry's content, given only to those who may see
 * it (the person concerned, the department, the supervision office). The public leaf holds a
 * salted commitment to it.
 */
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

/** What a public leaf says: nothing about anyone. */
export const LedgerLeafSchema = z.object({
  commitment: z
    .string()
    .describe(
      'base64 SHA-256 of the canonical JSON (RFC 8785) of the record with a `salt` member added',
    ),
  kind: z.string().describe('The record’s `type`: `case` or `datahub`'),
  time: z.string().describe('The record’s `time` (RFC 3339, +08:00, milliseconds)'),
});

/** An opened entry: the record and the salt that open the leaf's commitment. */
export const OpenedEntrySchema = z.object({
  record: LedgerRecordSchema,
  salt: z.string().describe('The entry’s random salt (base64url, 16 bytes)'),
});

/** One entry of the log, as anyone may read it. */
export const LedgerEntrySchema = z.object({
  index: z.number().int().describe('The entry’s index in the log (leaf number)'),
  entry: z
    .string()
    .describe('The leaf bytes (canonical JSON, UTF-8) in base64: what the leaf hash covers'),
  leafHash: z.string().describe('base64 RFC 9162 leaf hash, SHA-256(0x00 || entry)'),
  record: LedgerLeafSchema.describe('The leaf bytes parsed: commitment, kind, time'),
  createdAt: z.string().describe('When the entry was appended (RFC 3339)'),
});

/** One entry with its opening. */
export const OpenedLedgerEntrySchema = LedgerEntrySchema.extend({ opened: OpenedEntrySchema });

/** GET /api/v1/applications/{id}/ledger */
export const ApplicationLedgerSchema = z.object({
  receiptNo: z.string().describe('The application’s receipt number, the entries’ purpose'),
  entries: z.array(OpenedLedgerEntrySchema).describe('Entries in the log, oldest first'),
  pending: z
    .array(
      z.object({
        entry: z.string().describe('The leaf bytes in base64'),
        opened: OpenedEntrySchema,
        createdAt: z.string(),
      }),
    )
    .describe('Entries appended but not yet in the tree (they join within seconds)'),
});
export type LedgerRecord = z.infer<typeof LedgerRecordSchema>;
export type LedgerLeaf = z.infer<typeof LedgerLeafSchema>;
export type OpenedEntry = z.infer<typeof OpenedEntrySchema>;
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
export type OpenedLedgerEntry = z.infer<typeof OpenedLedgerEntrySchema>;
export type ApplicationLedger = z.infer<typeof ApplicationLedgerSchema>;

/** GET /api/v1/ledger/proofs/inclusion */
export const InclusionProofSchema = z.object({
  index: z.number().int().describe('Entry index'),
  treeSize: z.number().int().describe('Tree size'),
  hashes: z.array(z.string()).describe('RFC 9162 proof hashes, base64, in verification order'),
});
export type InclusionProof = z.infer<typeof InclusionProofSchema>;
