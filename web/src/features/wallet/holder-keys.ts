/*
 * Holder keys: one ECDSA P-256 key pair per copy of a credential. The private key is made
 * non-extractable, so no script can read it out of the browser; it can only sign.
 */

/** A holder's public key as the copies request sends it (CopiesRequestSchema). */
export interface HolderJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** A fresh P-256 key pair whose private key cannot be exported. */
export async function generateHolderKey(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
}

/** The public JWK of a holder key (public keys stay exportable); throws when it is not P-256. */
export async function publicJwk(key: CryptoKey): Promise<HolderJwk> {
  const jwk = await crypto.subtle.exportKey('jwk', key);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y)
    throw new Error('not a P-256 public key');
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}
