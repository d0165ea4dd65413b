// Ed25519 on node:crypto with raw 32-byte keys, as signed notes carry them. Internal: not
// exported from index.ts.
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

// DER headers of PKCS #8 and SPKI for the Ed25519 OID 1.3.101.112 (RFC 8410), followed by
// the raw 32-byte seed or public key.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Bytes in an Ed25519 seed and in a public key. */
export const ED25519_KEY_SIZE = 32;
/** Bytes in an Ed25519 signature. */
export const ED25519_SIGNATURE_SIZE = 64;

/** The private key for a 32-byte seed (RFC 8032 §5.1.5). */
export function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  return createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

/** The raw 32-byte public key of a private key. */
export function rawPublicKey(privateKey: KeyObject): Buffer {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return spki.subarray(SPKI_PREFIX.length);
}

/** A public key object for a raw 32-byte key, or undefined if OpenSSL rejects it. */
export function publicKeyFromRaw(raw: Uint8Array): KeyObject | undefined {
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

/** The 64-byte Ed25519 signature of a message (deterministic). */
export function signEd25519(privateKey: KeyObject, message: Uint8Array): Buffer {
  return sign(null, message, privateKey);
}

/** True if `signature` is a valid Ed25519 signature of `message`; false for any malformed input. */
export function verifyEd25519(
  publicKey: KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== ED25519_SIGNATURE_SIZE) return false;
  try {
    return verify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}
