/*
 * The ledger's public leaf is a salted commitment to what an entry records (see
 * docs/ledger.md). Here the browser rebuilds it from an opened entry — or, for the access
 * log, from the very fields the page shows — and checks it against the signed log, so a row
 * edited in the database shows as failed.
 */
import type { LedgerRecord } from '../../../../shared/contracts/ledger.js';
import {
  leafHash,
  parseCheckpoint,
  rootFromInclusion,
  checkpointSigned,
  fromBase64,
} from './ledger-verify.js';

/** RFC 8785 canonical JSON of JSON data (sorted keys; ECMAScript's strings and numbers). */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('not JSON data');
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new Error('not JSON data');
    return text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined,
  );
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** base64 SHA-256 of a text's UTF-8 bytes. */
export async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return toBase64(new Uint8Array(digest));
}

/** An instant as the ledger writes it: RFC 3339 in +08:00 with milliseconds. */
export function ledgerTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error('not a time');
  return new Date(ms + 8 * 3600_000).toISOString().replace(/Z$/, '+08:00');
}

/** The public leaf's bytes for a record and its salt. */
export async function leafOf(record: LedgerRecord, salt: string): Promise<Uint8Array> {
  const commitment = await sha256Base64(canonicalJson({ ...record, salt }));
  return new TextEncoder().encode(
    canonicalJson({ commitment, kind: record.type, time: record.time }),
  );
}

/** Why an opened entry is not proven, or `ok`. */
export type ProvenOutcome =
  | { ok: true; treeSize: number }
  | { ok: false; treeSize: number; failure: 'leaf' | 'proof' | 'root' | 'signature' };

/**
 * Proves an opened entry end to end in the browser: its commitment gives the leaf, which must
 * be the public leaf `entryBase64` (when given), the inclusion proof leads from it to the
 * checkpoint's root, and the checkpoint is signed by the pinned key.
 */
export async function proveOpened(input: {
  index: number;
  record: LedgerRecord;
  salt: string;
  entryBase64?: string;
  proof: string[];
  checkpointNote: string;
  pinnedKey: string;
}): Promise<ProvenOutcome> {
  const checkpoint = parseCheckpoint(input.checkpointNote);
  const treeSize = checkpoint.size;
  const bytes = await leafOf(input.record, input.salt);
  if (input.entryBase64 !== undefined) {
    const given = fromBase64(input.entryBase64);
    if (given.length !== bytes.length || given.some((b, i) => b !== bytes[i]))
      return { ok: false, treeSize, failure: 'leaf' };
  }
  let root: Uint8Array;
  try {
    root = await rootFromInclusion(
      input.index,
      treeSize,
      await leafHash(bytes),
      input.proof.map(fromBase64),
    );
  } catch {
    return { ok: false, treeSize, failure: 'proof' };
  }
  if (root.length !== checkpoint.root.length || root.some((b, i) => b !== checkpoint.root[i]))
    return { ok: false, treeSize, failure: 'root' };
  if (!(await checkpointSigned(checkpoint, input.pinnedKey)))
    return { ok: false, treeSize, failure: 'signature' };
  return { ok: true, treeSize };
}

/**
 * The log key this page pins: written into the page by the server that served the app (never
 * taken from the answer that carries a checkpoint), else the one at `/.well-known/`.
 */
export async function pinnedLedgerKey(): Promise<string> {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="onetrip-ledger-key"]');
  if (meta?.content) return meta.content;
  const res = await fetch('/.well-known/onetrip-ledger-key');
  if (!res.ok) throw new Error(`/.well-known/onetrip-ledger-key: HTTP ${res.status}`);
  return (await res.text()).trim();
}
