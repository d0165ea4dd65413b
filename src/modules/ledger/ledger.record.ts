import { createHash, createHmac, randomBytes } from 'node:crypto';

import { canonicalJson } from './canonical-json.js';
import { LedgerArgumentError } from './ledger.errors.js';

// What one leaf of the log says. Leaves are replicated to witnesses and auditors forever and
// can never be erased, so a leaf says nothing about anyone: it holds the kind of event, its
// time and a salted commitment to the record (who, whom, what, what for, a hash of the data).
// The record and its per-entry random salt stay in the database; the person concerned, the
// department and the supervision office get them ("the opened entry") and check them against
// the public leaf. Two entries about one person share no value a reader of the log can see.

/** What one entry records: the opened entry's content, committed to by the public leaf. */
export interface LedgerRecord {
  /** What kind of record: `case` for the case engine, later e.g. `datahub` for data access. */
  type: string;
  /** When the recorded change happened, RFC 3339 in China Standard Time with milliseconds. */
  time: string;
  /** The account that acted, or `system`. */
  actor: string;
  /** The role it acted in, or null. */
  actorRole: string | null;
  /** Hex HMAC-SHA256 of the person's identity number under the platform's HMAC secret, or null. */
  subject: string | null;
  /** What was done, e.g. `case.submitted`. */
  action: string;
  /** What it was done for: the application's receipt number. */
  purpose: string;
  /** base64 SHA-256 of the canonical JSON of the data the change concerns. */
  dataHash: string;
}

/** The public leaf: the canonical JSON of this object is the leaf's bytes. */
export interface LedgerLeaf {
  /** base64 SHA-256 of the canonical JSON of the record with its `salt` member added. */
  commitment: string;
  /** The record's `type` (`case`, `datahub`). */
  kind: string;
  /** The record's `time`. */
  time: string;
}

/** A record with the salt that opens its commitment. */
export interface OpenedEntry {
  record: LedgerRecord;
  /** base64url of 16 random bytes, one per entry. */
  salt: string;
}

/** What a caller appends; the ledger turns it into a LedgerRecord. */
export interface LedgerAppendInput {
  type: string;
  action: string;
  actor: string;
  actorRole?: string | null;
  purpose: string;
  /** The person's identity number; only its HMAC is stored. */
  subjectIdNumber: string | null;
  /** The subject reference itself, when the caller holds only that (and no identity number). */
  subjectRef?: string;
  /** The data the entry concerns; only its hash is stored. */
  data: unknown;
  at: Date;
}

/** The largest entry the log takes: a tlog-tiles entry bundle prefixes each with a uint16. */
export const MAX_ENTRY_BYTES = 0xffff;

/** RFC 3339 in +08:00 with milliseconds, so two accesses in one second stay distinguishable. Throws nothing. */
export function ledgerTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().replace(/Z$/, '+08:00');
}

/** The subject reference of an identity number: hex HMAC-SHA256 under `secret`. Throws nothing. */
export function subjectRef(secret: string, idNumber: string): string {
  return createHmac('sha256', secret).update(idNumber.trim().toUpperCase(), 'utf8').digest('hex');
}

/**
 * base64 SHA-256 of the canonical JSON of `data` as JSON sees it (undefined members dropped,
 * dates as strings), so anyone holding the data can recompute it; throws LedgerFormatError
 * for values JSON cannot carry (bigint, a cycle).
 */
export function dataHash(data: unknown): string {
  const text = data === undefined ? 'null' : JSON.stringify(data);
  const json: unknown = JSON.parse(text ?? 'null');
  return createHash('sha256').update(canonicalJson(json), 'utf8').digest('base64');
}

function requireText(name: string, value: string, max: number): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new LedgerArgumentError(
      {
        zh: `账本条目的 ${name} 必须是 1 到 ${max} 个字符`,
        en: `a ledger entry's ${name} must be 1..${max} characters`,
      },
      { field: name },
    );
  }
}

// Salts are cut from a pool the OS CSPRNG refills 4 KiB at a time (each byte used once): one
// call into OpenSSL per 256 salts instead of one per entry (about a tenth of append()'s time).
const SALT_BYTES = 16;
const saltPool = { bytes: Buffer.alloc(0), at: 0 };

/** A fresh salt: base64url of 16 bytes from the OS CSPRNG. Throws nothing. */
export function newSalt(): string {
  if (saltPool.at + SALT_BYTES > saltPool.bytes.length) {
    saltPool.bytes = randomBytes(4096);
    saltPool.at = 0;
  }
  const salt = saltPool.bytes.toString('base64url', saltPool.at, saltPool.at + SALT_BYTES);
  saltPool.at += SALT_BYTES;
  return salt;
}

/** The commitment of a record under a salt: base64 SHA-256 of canonical JSON of `{...record, salt}`. Throws nothing for a LedgerRecord. */
export function commitmentOf(record: LedgerRecord, salt: string): string {
  return createHash('sha256')
    .update(canonicalJson({ ...record, salt }), 'utf8')
    .digest('base64');
}

/** The public leaf's canonical JSON for an opened record. Throws nothing for a LedgerRecord. */
export function leafEntry(opened: OpenedEntry): string {
  const leaf: LedgerLeaf = {
    commitment: commitmentOf(opened.record, opened.salt),
    kind: opened.record.type,
    time: opened.record.time,
  };
  return canonicalJson(leaf);
}

const RECORD_KEYS = [
  'action',
  'actor',
  'actorRole',
  'dataHash',
  'purpose',
  'subject',
  'time',
  'type',
] as const;

/** The record stored as an entry's content, or undefined unless it has exactly a record's members with string (or null) values. Throws nothing. */
export function parseContent(content: string): LedgerRecord | undefined {
  const value = parseRecord(content);
  if (!value) return undefined;
  const keys = Object.keys(value).sort();
  if (keys.length !== RECORD_KEYS.length || keys.some((k, i) => k !== RECORD_KEYS[i]))
    return undefined;
  for (const k of RECORD_KEYS) {
    const v = value[k];
    const nullable = k === 'actorRole' || k === 'subject';
    if (typeof v !== 'string' && !(nullable && v === null)) return undefined;
  }
  return value as unknown as LedgerRecord;
}

/**
 * Why an entry's stored bytes, content and salt do not belong together, or undefined when the
 * content is a record whose salted commitment, kind and time are exactly the leaf. Throws nothing.
 */
export function openingProblem(entry: string, content: string, salt: string): string | undefined {
  const record = parseContent(content);
  if (!record) return 'the stored content is not a ledger record';
  if (typeof salt !== 'string' || salt.length === 0) return 'the salt is missing';
  if (leafEntry({ record, salt }) !== entry)
    return 'the content and salt do not open the leaf’s commitment';
  return undefined;
}

/**
 * The record, its salt, the record's canonical JSON (the content kept in the database) and the
 * public leaf for an append; throws LedgerArgumentError for a missing or over-long field or an
 * entry over 65535 bytes, LedgerFormatError for data JSON cannot carry.
 */
export function buildRecord(
  input: LedgerAppendInput,
  hmacSecret: string,
  salt: string = newSalt(),
): { record: LedgerRecord; content: string; salt: string; entry: string } {
  requireText('type', input.type, 40);
  requireText('action', input.action, 100);
  requireText('actor', input.actor, 100);
  requireText('purpose', input.purpose, 64);
  if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) {
    throw new LedgerArgumentError({
      zh: '账本条目的时间无效',
      en: "a ledger entry's time is invalid",
    });
  }
  const record: LedgerRecord = {
    type: input.type,
    time: ledgerTime(input.at),
    actor: input.actor,
    actorRole: input.actorRole ?? null,
    subject: input.subjectIdNumber
      ? subjectRef(hmacSecret, input.subjectIdNumber)
      : (input.subjectRef ?? null),
    action: input.action,
    purpose: input.purpose,
    dataHash: dataHash(input.data),
  };
  const content = canonicalJson(record);
  const entry = leafEntry({ record, salt });
  if (Buffer.byteLength(content, 'utf8') > MAX_ENTRY_BYTES) {
    throw new LedgerArgumentError({
      zh: '账本条目过长',
      en: `a ledger entry is at most ${MAX_ENTRY_BYTES} bytes`,
    });
  }
  return { record, content, salt, entry };
}

/** The record an entry's bytes hold, or undefined if they are not a JSON object. Throws nothing. */
export function parseRecord(entry: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(entry);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The log origin for a platform's public URL: its host and path plus `/ledger` (C2SP: a schema-less URL). Throws TypeError for an invalid URL. */
export function ledgerOrigin(publicUrl: string): string {
  const url = new URL(publicUrl);
  return `${url.host}${url.pathname.replace(/\/+$/, '')}/ledger`;
}
