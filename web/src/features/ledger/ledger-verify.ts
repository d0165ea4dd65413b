/*
 * Checks, in the browser and with Web Crypto only, that a ledger entry is in the log the
 * platform signed: RFC 9162 inclusion of the entry's leaf under the root of a C2SP signed
 * checkpoint, whose Ed25519 signature is checked against the log's verifier key. Nothing
 * here trusts the server's own word that an entry is "verified".
 */

/** Bytes of a base64 string. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** RFC 9162 leaf hash: SHA-256(0x00 || entry). */
export function leafHash(entry: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(new Uint8Array([0]), entry));
}

const nodeHash = (left: Uint8Array, right: Uint8Array) =>
  sha256(concat(new Uint8Array([1]), left, right));

/** The root an inclusion proof leads to (RFC 9162 §2.1.3.2); throws if the proof's shape is wrong. */
export async function rootFromInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: Uint8Array[],
): Promise<Uint8Array> {
  if (index >= size) throw new Error('index outside the tree');
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) throw new Error('proof too long');
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new Error('proof too short');
  return r;
}

/** A parsed C2SP checkpoint note: its signed text, body lines and signature lines. */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  text: string;
  signatures: { name: string; bytes: Uint8Array }[];
}

/** Parses a signed note holding a tlog checkpoint; throws on a malformed one. */
export function parseCheckpoint(note: string): Checkpoint {
  const split = note.indexOf('\n\n');
  if (split < 0) throw new Error('not a signed note');
  const text = note.slice(0, split + 1);
  const [origin = '', size = '', root = ''] = text.split('\n');
  if (!/^\d+$/.test(size)) throw new Error('bad tree size');
  const signatures = note
    .slice(split + 2)
    .split('\n')
    .filter((l) => l.startsWith('\u2014 '))
    .map((l) => {
      const [name = '', b64 = ''] = l.slice(2).split(' ');
      return { name, bytes: fromBase64(b64) };
    });
  return { origin, size: Number(size), root: fromBase64(root), text, signatures };
}

/** Whether the checkpoint carries a valid Ed25519 signature of the log key `name+hexid+base64(0x01||key)`. */
export async function checkpointSigned(
  checkpoint: Checkpoint,
  verifierKey: string,
): Promise<boolean> {
  // name+hexid+base64: the base64 part may itself contain '+', so split only twice.
  const vkey = verifierKey.trim();
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  const [name, hexId, b64] =
    first > 0 && second > first
      ? [vkey.slice(0, first), vkey.slice(first + 1, second), vkey.slice(second + 1)]
      : [];
  if (!name || !hexId || !b64) return false;
  const raw = fromBase64(b64);
  if (raw[0] !== 0x01 || raw.length !== 33) return false;
  const key = await crypto.subtle.importKey('raw', raw.slice(1), { name: 'Ed25519' }, false, [
    'verify',
  ]);
  const keyId = hexId.toLowerCase();
  for (const sig of checkpoint.signatures) {
    if (sig.name !== name || sig.bytes.length !== 68) continue;
    const id = [...sig.bytes.slice(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('');
    if (id !== keyId) continue;
    if (
      await crypto.subtle.verify(
        { name: 'Ed25519' },
        key,
        sig.bytes.slice(4),
        new TextEncoder().encode(checkpoint.text),
      )
    )
      return true;
  }
  return false;
}

/** The outcome of verifying one entry. */
export interface EntryVerification {
  ok: boolean;
  treeSize: number;
  /** What failed, when not ok. */
  failure?: 'leaf' | 'proof' | 'root' | 'signature';
}

/**
 * Verifies one entry end to end: its bytes hash to the leaf, the proof leads from the leaf
 * to the checkpoint's root, and the checkpoint is signed by the log key.
 */
export async function verifyEntry(input: {
  index: number;
  entryBase64: string;
  leafHashBase64: string;
  proof: string[];
  checkpointNote: string;
  verifierKey: string;
}): Promise<EntryVerification> {
  const checkpoint = parseCheckpoint(input.checkpointNote);
  const leaf = await leafHash(fromBase64(input.entryBase64));
  if (!equal(leaf, fromBase64(input.leafHashBase64)))
    return { ok: false, treeSize: checkpoint.size, failure: 'leaf' };
  let root: Uint8Array;
  try {
    root = await rootFromInclusion(input.index, checkpoint.size, leaf, input.proof.map(fromBase64));
  } catch {
    return { ok: false, treeSize: checkpoint.size, failure: 'proof' };
  }
  if (!equal(root, checkpoint.root))
    return { ok: false, treeSize: checkpoint.size, failure: 'root' };
  if (!(await checkpointSigned(checkpoint, input.verifierKey)))
    return { ok: false, treeSize: checkpoint.size, failure: 'signature' };
  return { ok: true, treeSize: checkpoint.size };
}
