import type { Clock } from '../../platform/clock/index.js';

import { openCheckpoint, parseCheckpoint } from './checkpoint.js';
import {
  ED25519_KEY_SIZE,
  ED25519_SIGNATURE_SIZE,
  privateKeyFromSeed,
  publicKeyFromRaw,
  signEd25519,
  verifyEd25519,
} from './ledger.ed25519.js';
import { LedgerArgumentError, LedgerFormatError } from './ledger.errors.js';
import {
  addNoteSignatures,
  computeKeyId,
  decodeSignerKey,
  decodeVerifierKey,
  encodeVerifierKey,
  SIGNATURE_TYPE_ED25519,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
} from './note.js';

// C2SP tlog-cosignature, Ed25519 cosignature/v1 (https://c2sp.org/tlog-cosignature): a
// witness's timestamped statement that a checkpoint is the largest consistent tree head it has
// seen for that log. The signature line payload is keyID(4) || timestamp(8, big-endian) ||
// Ed25519 signature(64) over "cosignature/v1\ntime <t>\n" || checkpoint body.

/** Signature type byte of Ed25519 cosignature/v1 (also the vkey type of a cosigner key). */
export const SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04;

const TIMESTAMP_SIZE = 8;
const MAX_TIMESTAMP = 2n ** 63n - 1n;

function malformed(en: string, zh: string): LedgerFormatError {
  return new LedgerFormatError('LEDGER_MALFORMED_COSIGNATURE', {
    zh: `联署签名格式错误：${zh}`,
    en: `malformed cosignature: ${en}`,
  });
}

function message(timestamp: bigint, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`cosignature/v1\ntime ${timestamp}\n`, 'utf8'), body]);
}

/** The bytes a cosigner signs for `body` at `timestamp` (POSIX seconds); throws LedgerArgumentError for a bad time. */
export function cosignatureMessage(timestamp: number, body: string): Buffer {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new LedgerArgumentError(
      {
        zh: '时间戳必须是非负整数秒',
        en: 'a timestamp must be a non-negative whole number of seconds',
      },
      { timestamp },
    );
  }
  return message(BigInt(timestamp), Buffer.from(body, 'utf8'));
}

/** Converts a plain Ed25519 vkey (type 0x01) into the cosigner vkey (type 0x04) of the same key; throws LedgerFormatError. */
export function toCosignatureVerifierKey(vkey: string): string {
  const key = decodeVerifierKey(vkey);
  if (key.signatureType !== SIGNATURE_TYPE_ED25519 || key.publicKey.length !== ED25519_KEY_SIZE) {
    throw new LedgerFormatError('LEDGER_MALFORMED_KEY', {
      zh: '密钥格式错误：不是 Ed25519（类型 0x01）验证公钥',
      en: 'malformed key: not an Ed25519 (type 0x01) verifier key',
    });
  }
  return encodeVerifierKey(key.name, SIGNATURE_TYPE_COSIGNATURE_V1, key.publicKey);
}

/** A verifier of cosignature/v1 lines for a type 0x04 vkey; throws LedgerFormatError for any other key. */
export function cosignatureVerifier(vkey: string): NoteVerifier {
  const key = decodeVerifierKey(vkey);
  const publicKey =
    key.signatureType === SIGNATURE_TYPE_COSIGNATURE_V1 && key.publicKey.length === ED25519_KEY_SIZE
      ? publicKeyFromRaw(key.publicKey)
      : undefined;
  if (!publicKey) {
    throw new LedgerFormatError('LEDGER_MALFORMED_KEY', {
      zh: '密钥格式错误：不是 Ed25519 联署（类型 0x04）验证公钥',
      en: 'malformed key: not an Ed25519 cosignature (type 0x04) verifier key',
    });
  }
  return {
    name: key.name,
    keyId: key.keyId,
    verify(text, signature) {
      if (signature.length !== TIMESTAMP_SIZE + ED25519_SIGNATURE_SIZE) return false;
      const timestamp = signature.readBigUInt64BE(0);
      if (timestamp > MAX_TIMESTAMP) return false;
      return verifyEd25519(publicKey, message(timestamp, text), signature.subarray(TIMESTAMP_SIZE));
    },
  };
}

/**
 * A cosigner from an Ed25519 skey (type 0x01 or 0x04; its cosignature key ID uses 0x04),
 * stamping the clock's time; it refuses to sign text that is not a checkpoint. Throws
 * LedgerFormatError for a bad key.
 */
export function cosigner(
  skey: string,
  clock: Pick<Clock, 'now'>,
): NoteSigner & { readonly verifierKey: string } {
  const key = decodeSignerKey(skey);
  const privateKey = privateKeyFromSeed(key.seed);
  return {
    name: key.name,
    keyId: computeKeyId(key.name, SIGNATURE_TYPE_COSIGNATURE_V1, key.publicKey),
    verifierKey: encodeVerifierKey(key.name, SIGNATURE_TYPE_COSIGNATURE_V1, key.publicKey),
    async sign(text) {
      parseCheckpoint(text.toString('utf8'));
      const timestamp = BigInt(Math.floor(clock.now().getTime() / 1000));
      if (timestamp < 0n) {
        throw new LedgerArgumentError({ zh: '时钟早于1970年', en: 'the clock is before 1970' });
      }
      const stamp = Buffer.alloc(TIMESTAMP_SIZE);
      stamp.writeBigUInt64BE(timestamp);
      return Buffer.concat([stamp, signEd25519(privateKey, message(timestamp, text))]);
    },
  };
}

/** The POSIX time a cosignature/v1 line claims; throws LedgerFormatError unless it is 8 + 64 bytes with a time below 2^53. */
export function cosignatureTimestamp(signature: Pick<NoteSignature, 'signature'>): number {
  if (signature.signature.length !== TIMESTAMP_SIZE + ED25519_SIGNATURE_SIZE) {
    throw malformed(
      'expected an 8-byte time and a 64-byte signature',
      '应为8字节时间戳加64字节签名',
    );
  }
  const timestamp = signature.signature.readBigUInt64BE(0);
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw malformed('the timestamp is out of range', '时间戳超出范围');
  }
  return Number(timestamp);
}

/**
 * Adds a witness cosignature to a checkpoint after checking the log signed it for `origin`.
 * Consistency with earlier checkpoints is the caller's duty. Throws what openCheckpoint throws.
 */
export async function cosignCheckpoint(
  signedCheckpoint: string,
  witness: NoteSigner,
  log: { readonly origin: string; readonly verifiers: readonly NoteVerifier[] },
): Promise<string> {
  openCheckpoint(signedCheckpoint, log.verifiers, { origin: log.origin });
  return addNoteSignatures(signedCheckpoint, [witness]);
}
