import { createHash, randomBytes } from 'node:crypto';

import {
  ED25519_KEY_SIZE,
  privateKeyFromSeed,
  publicKeyFromRaw,
  rawPublicKey,
  signEd25519,
  verifyEd25519,
} from './ledger.ed25519.js';
import {
  decodeBase64Strict,
  decodeUtf8Strict,
  hasControlCharacter,
  isWellFormedUnicode,
} from './ledger.encoding.js';
import { LedgerArgumentError, LedgerFormatError, LedgerSignatureError } from './ledger.errors.js';

// C2SP signed-note v1.0.0 (https://c2sp.org/signed-note), with the vkey / skey text
// encodings of golang.org/x/mod/sumdb/note.

/** Signature type byte of plain Ed25519 note signatures. */
export const SIGNATURE_TYPE_ED25519 = 0x01;

/** The most signature lines a note may carry; the spec asks for at least 16. */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 '; // em dash, space
const SIGNER_KEY_PREFIX = 'PRIVATE+KEY+';

/** Signs note text under a key name and ID; the port behind which an HSM or KMS can sit. */
export interface NoteSigner {
  readonly name: string;
  /** The uint32 key ID written in front of every signature. */
  readonly keyId: number;
  /** The signature bytes (after the key ID) for the exact note text bytes. */
  sign(text: Buffer): Promise<Buffer>;
}

/** Checks signatures by one key, identified by name and key ID. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** True if `signature` (the bytes after the key ID) signs the note text bytes. */
  verify(text: Buffer, signature: Buffer): boolean;
}

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes after the 4-byte key ID. */
  readonly signature: Buffer;
  /** base64(keyId || signature) exactly as it appears on the line. */
  readonly base64: string;
}

/** A note split into its text and signature lines, nothing verified. */
export interface ParsedNote {
  /** The signed text, ending in a newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** A note with at least one signature verified by a trusted key. */
export interface OpenedNote {
  readonly text: string;
  /** Signatures by trusted keys, all checked. */
  readonly verified: readonly NoteSignature[];
  /** Signatures by keys we do not hold, ignored as the spec requires. */
  readonly unverified: readonly NoteSignature[];
}

/** A verifier key string taken apart, its key ID checked against the key. */
export interface DecodedVerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly signatureType: number;
  /** The public key material after the type byte. */
  readonly publicKey: Buffer;
}

/** A signer key string taken apart, its key ID checked against the derived public key. */
export interface DecodedSignerKey {
  readonly name: string;
  readonly keyId: number;
  readonly signatureType: number;
  /** The 32-byte Ed25519 seed. Secret. */
  readonly seed: Buffer;
  /** The 32-byte Ed25519 public key derived from the seed. */
  readonly publicKey: Buffer;
}

const WHITE_SPACE = /\p{White_Space}/u;

/** True if a key name is non-empty, well-formed and has no Unicode space or "+". Throws nothing. */
export function isValidKeyName(name: string): boolean {
  return (
    name.length > 0 && isWellFormedUnicode(name) && !WHITE_SPACE.test(name) && !name.includes('+')
  );
}

/** SHA-256(name || 0x0A || type || publicKey)[:4] as a uint32 (the recommended key ID). Throws nothing. */
export function computeKeyId(name: string, signatureType: number, publicKey: Uint8Array): number {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, signatureType]))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);
}

/** A key ID as the 8 lowercase hex digits keys and messages show. Throws nothing. */
export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** The vkey `name+hexid+base64(type||publicKey)`; throws LedgerArgumentError for an invalid name. */
export function encodeVerifierKey(
  name: string,
  signatureType: number,
  publicKey: Uint8Array,
): string {
  requireKeyName(name);
  const material = Buffer.concat([Buffer.from([signatureType]), publicKey]).toString('base64');
  return `${name}+${formatKeyId(computeKeyId(name, signatureType, publicKey))}+${material}`;
}

function requireKeyName(name: string): void {
  if (!isValidKeyName(name)) {
    throw new LedgerArgumentError(
      {
        zh: '密钥名称不能为空，且不得含空白字符或“+”',
        en: 'a key name must be non-empty and contain no spaces or "+"',
      },
      { name },
    );
  }
}

function malformedKey(en: string, zh: string): LedgerFormatError {
  return new LedgerFormatError('LEDGER_MALFORMED_KEY', {
    zh: `密钥格式错误：${zh}`,
    en: `malformed key: ${en}`,
  });
}

// name+hexid+base64 → its parts. The base64 part may itself contain "+".
function splitKey(text: string): { name: string; keyId: number; material: Buffer } {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw malformedKey('expected name+keyid+key', '应为 名称+密钥ID+密钥');
  const name = text.slice(0, first);
  const id = text.slice(first + 1, second);
  if (!isValidKeyName(name)) throw malformedKey('invalid key name', '密钥名称无效');
  if (!/^[0-9a-f]{8}$/.test(id)) {
    throw malformedKey(
      'the key ID must be 8 lowercase hex digits',
      '密钥ID必须是8位小写十六进制数',
    );
  }
  const material = decodeBase64Strict(text.slice(second + 1));
  if (!material || material.length < 2) {
    throw malformedKey('the key is not valid base64', '密钥不是合法的base64');
  }
  return { name, keyId: parseInt(id, 16), material };
}

/**
 * Parses a vkey and checks its key ID is SHA-256(name||0x0A||key)[:4]; throws
 * LedgerFormatError (LEDGER_MALFORMED_KEY) otherwise.
 */
export function decodeVerifierKey(vkey: string): DecodedVerifierKey {
  const { name, keyId, material } = splitKey(vkey);
  const signatureType = material[0]!;
  const publicKey = material.subarray(1);
  if (computeKeyId(name, signatureType, publicKey) !== keyId) {
    throw malformedKey('the key ID does not match the key', '密钥ID与密钥不符');
  }
  return { name, keyId, signatureType, publicKey };
}

/**
 * Parses an Ed25519-based skey `PRIVATE+KEY+name+hexid+base64(type||seed)` (type 0x01 or the
 * cosignature type 0x04) and checks its key ID; throws LedgerFormatError without echoing the key.
 */
export function decodeSignerKey(skey: string): DecodedSignerKey {
  if (!skey.startsWith(SIGNER_KEY_PREFIX)) {
    throw malformedKey('a signer key starts with PRIVATE+KEY+', '签名私钥应以 PRIVATE+KEY+ 开头');
  }
  const { name, keyId, material } = splitKey(skey.slice(SIGNER_KEY_PREFIX.length));
  const signatureType = material[0]!;
  const seed = material.subarray(1);
  if (signatureType !== SIGNATURE_TYPE_ED25519 && signatureType !== 0x04) {
    throw malformedKey(
      `unsupported signature type 0x${signatureType.toString(16)}`,
      '不支持的签名类型',
    );
  }
  if (seed.length !== ED25519_KEY_SIZE) {
    throw malformedKey('an Ed25519 seed is 32 bytes', 'Ed25519 种子必须为32字节');
  }
  const publicKey = rawPublicKey(privateKeyFromSeed(seed));
  if (computeKeyId(name, signatureType, publicKey) !== keyId) {
    throw malformedKey('the key ID does not match the key', '密钥ID与密钥不符');
  }
  return { name, keyId, signatureType, seed, publicKey };
}

/** A verifier for an Ed25519 (type 0x01) vkey; throws LedgerFormatError for any other key. */
export function ed25519Verifier(vkey: string): NoteVerifier {
  const key = decodeVerifierKey(vkey);
  if (key.signatureType !== SIGNATURE_TYPE_ED25519 || key.publicKey.length !== ED25519_KEY_SIZE) {
    throw malformedKey(
      'not an Ed25519 (type 0x01) verifier key',
      '不是 Ed25519（类型 0x01）验证公钥',
    );
  }
  const publicKey = publicKeyFromRaw(key.publicKey);
  if (!publicKey) throw malformedKey('not a valid Ed25519 public key', '不是有效的 Ed25519 公钥');
  return {
    name: key.name,
    keyId: key.keyId,
    verify: (text, signature) => verifyEd25519(publicKey, text, signature),
  };
}

/** A signer (plus its vkey) for an Ed25519 (type 0x01) skey; throws LedgerFormatError. */
export function ed25519Signer(skey: string): NoteSigner & { readonly verifierKey: string } {
  const key = decodeSignerKey(skey);
  if (key.signatureType !== SIGNATURE_TYPE_ED25519) {
    throw malformedKey(
      'not an Ed25519 (type 0x01) signer key',
      '不是 Ed25519（类型 0x01）签名私钥',
    );
  }
  const privateKey = privateKeyFromSeed(key.seed);
  return {
    name: key.name,
    keyId: key.keyId,
    verifierKey: encodeVerifierKey(key.name, SIGNATURE_TYPE_ED25519, key.publicKey),
    sign: async (text) => signEd25519(privateKey, text),
  };
}

/**
 * A new Ed25519 key pair as skey and vkey strings, from `seed` (32 bytes, default: the OS
 * CSPRNG); throws LedgerArgumentError for a bad name or seed.
 */
export function generateEd25519Key(
  name: string,
  seed: Uint8Array = randomBytes(ED25519_KEY_SIZE),
): { signerKey: string; verifierKey: string } {
  requireKeyName(name);
  if (seed.length !== ED25519_KEY_SIZE) {
    throw new LedgerArgumentError({ zh: '种子必须为32字节', en: 'the seed must be 32 bytes' });
  }
  const publicKey = rawPublicKey(privateKeyFromSeed(seed));
  const keyId = formatKeyId(computeKeyId(name, SIGNATURE_TYPE_ED25519, publicKey));
  const material = Buffer.concat([Buffer.from([SIGNATURE_TYPE_ED25519]), seed]).toString('base64');
  return {
    signerKey: `${SIGNER_KEY_PREFIX}${name}+${keyId}+${material}`,
    verifierKey: encodeVerifierKey(name, SIGNATURE_TYPE_ED25519, publicKey),
  };
}

function malformedNote(en: string, zh: string): LedgerFormatError {
  return new LedgerFormatError('LEDGER_MALFORMED_NOTE', {
    zh: `签名文书格式错误：${zh}`,
    en: `malformed note: ${en}`,
  });
}

function checkText(text: string): void {
  if (!isWellFormedUnicode(text)) throw malformedNote('not valid UTF-8', '不是合法的 UTF-8');
  if (hasControlCharacter(text, true)) {
    throw malformedNote('control characters other than newline', '含换行以外的控制字符');
  }
}

/**
 * Splits a note (string, or bytes that must be valid UTF-8) into text and signature lines,
 * verifying nothing; throws LedgerFormatError (LEDGER_MALFORMED_NOTE).
 */
export function parseNote(note: string | Uint8Array): ParsedNote {
  const decoded = typeof note === 'string' ? note : decodeUtf8Strict(note);
  if (decoded === undefined) throw malformedNote('not valid UTF-8', '不是合法的 UTF-8');
  checkText(decoded);
  const split = decoded.lastIndexOf('\n\n');
  if (split < 0) {
    throw malformedNote('no blank line before the signatures', '签名前缺少空行');
  }
  const text = decoded.slice(0, split + 1);
  const block = decoded.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) {
    throw malformedNote('the signature block must end with a newline', '签名块必须以换行结尾');
  }
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw malformedNote(
      `more than ${MAX_NOTE_SIGNATURES} signatures`,
      `签名超过 ${MAX_NOTE_SIGNATURES} 个`,
    );
  }
  return { text, signatures: lines.map(parseSignatureLine) };
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) {
    throw malformedNote('a signature line must start with "— "', '签名行必须以“— ”开头');
  }
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const base64 = space < 0 ? '' : rest.slice(space + 1);
  if (!isValidKeyName(name)) {
    throw malformedNote('invalid key name in a signature', '签名中的密钥名称无效');
  }
  const bytes = decodeBase64Strict(base64);
  if (!bytes || bytes.length < 5) {
    throw malformedNote(
      'a signature must be base64 of a key ID and signature',
      '签名必须是密钥ID与签名的base64',
    );
  }
  return { name, keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4), base64 };
}

function describeKey(name: string, keyId: number): string {
  return `${name}+${formatKeyId(keyId)}`;
}

/**
 * Verifies a note against trusted verifiers and returns its text. Unknown signatures are
 * ignored; throws LedgerFormatError if malformed, LedgerArgumentError for two verifiers with
 * one name and ID, LedgerSignatureError LEDGER_BAD_SIGNATURE if a trusted key's signature is
 * forged, LEDGER_NOTE_UNVERIFIED if no trusted key signed.
 */
export function openNote(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
): OpenedNote {
  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    const id = describeKey(v.name, v.keyId);
    if (known.has(id)) {
      throw new LedgerArgumentError(
        { zh: `两个验证公钥同名同ID：${id}`, en: `ambiguous key ${id}: two verifiers share it` },
        { key: id },
      );
    }
    known.set(id, v);
  }

  const { text, signatures } = parseNote(note);
  const message = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const sig of signatures) {
    const id = describeKey(sig.name, sig.keyId);
    const line = `${id} ${sig.base64}`;
    const verifier = known.get(id);
    if (verifier && !verifier.verify(message, sig.signature)) {
      throw new LedgerSignatureError(
        'LEDGER_BAD_SIGNATURE',
        { zh: `可信密钥 ${id} 的签名验证失败`, en: `invalid signature for key ${id}` },
        { key: id },
      );
    }
    if (seen.has(line)) continue;
    seen.add(line);
    (verifier ? verified : unverified).push(sig);
  }

  if (verified.length === 0) {
    const names = new Map([...known.values()].map((v) => [v.name, v] as const));
    // Say when a signature names a trusted key but carries another key ID: a rotated key.
    const hint = (s: NoteSignature, lang: 'zh' | 'en'): string => {
      const id = describeKey(s.name, s.keyId);
      const same = names.get(s.name);
      if (!same) return id;
      const trusted = formatKeyId(same.keyId);
      return lang === 'zh'
        ? `${id}（可信的 ${s.name} 密钥ID为 ${trusted}）`
        : `${id} (the trusted ${s.name} key has ID ${trusted})`;
    };
    throw new LedgerSignatureError(
      'LEDGER_NOTE_UNVERIFIED',
      {
        zh: `签名文书没有可信密钥的签名；文书上的签名：${unverified.map((s) => hint(s, 'zh')).join('，')}`,
        en: `note has no verifiable signatures; it is signed by ${unverified.map((s) => hint(s, 'en')).join(', ')}`,
      },
      { signatures: unverified.map((s) => describeKey(s.name, s.keyId)) },
    );
  }
  return { text, verified, unverified };
}

function signatureLine(name: string, keyId: number, signature: Uint8Array): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(keyId);
  return `${SIGNATURE_PREFIX}${name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
}

/**
 * The signed note for `text` (which must end in a newline): `existing` signature lines first,
 * except those replaced by a signer with the same name and key ID, then one line per signer.
 * Throws LedgerFormatError for bad text, LedgerArgumentError for a bad signer, or the signer's error.
 */
export async function signNote(
  text: string,
  signers: readonly NoteSigner[],
  existing: readonly NoteSignature[] = [],
): Promise<string> {
  checkText(text);
  if (!text.endsWith('\n')) {
    throw malformedNote('the text must end with a newline', '正文必须以换行结尾');
  }
  const replaced = new Set<string>();
  for (const s of signers) {
    requireKeyName(s.name);
    if (!Number.isInteger(s.keyId) || s.keyId < 0 || s.keyId > 0xffffffff) {
      throw new LedgerArgumentError({
        zh: '密钥ID必须是32位无符号整数',
        en: 'a key ID must be a uint32',
      });
    }
    replaced.add(describeKey(s.name, s.keyId));
  }
  if (existing.length + signers.length > MAX_NOTE_SIGNATURES) {
    throw new LedgerArgumentError({
      zh: `签名不得超过 ${MAX_NOTE_SIGNATURES} 个`,
      en: `a note carries at most ${MAX_NOTE_SIGNATURES} signatures`,
    });
  }
  const message = Buffer.from(text, 'utf8');
  const kept = existing
    .filter((s) => !replaced.has(describeKey(s.name, s.keyId)))
    .map((s) => {
      requireKeyName(s.name);
      return signatureLine(s.name, s.keyId, s.signature);
    });
  const added = await Promise.all(
    signers.map(async (s) => signatureLine(s.name, s.keyId, await s.sign(message))),
  );
  return `${text}\n${kept.join('')}${added.join('')}`;
}

/**
 * Adds signatures to an already signed note, keeping its other lines (e.g. a witness adding
 * its cosignature); throws LedgerFormatError if the note is malformed, or the signer's error.
 */
export async function addNoteSignatures(
  note: string | Uint8Array,
  signers: readonly NoteSigner[],
): Promise<string> {
  const { text, signatures } = parseNote(note);
  return signNote(text, signers, signatures);
}
