import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

// RFC 8037: an Ed25519 private key is the 32-byte seed in this fixed PKCS #8 wrapping.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** An Ed25519 signer of compact JWS (RFC 7515, alg EdDSA) and its public JWK. */
export interface JwsSigner {
  kid: string;
  publicJwk: { kty: string; crv: string; x: string; kid: string; alg: 'EdDSA'; use: 'sig' };
  sign(payload: Record<string, unknown>): string;
  /** The payload of a JWS this key signed, or null for a bad signature or shape. Throws nothing. */
  verify(jws: string): Record<string, unknown> | null;
}

/** An Ed25519 JWS signer whose key is derived from `secret` (stable across restarts). Throws nothing. */
export function ed25519JwsSigner(secret: string, label = 'onetrip-eproof'): JwsSigner {
  const seed = createHmac('sha256', secret).update(label).digest();
  const privateKey: KeyObject = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  const kid = createHmac('sha256', 'kid').update(jwk.x).digest('base64url').slice(0, 16);
  return {
    kid,
    publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid, alg: 'EdDSA', use: 'sig' },
    sign(payload) {
      const input = `${b64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid }))}.${b64url(JSON.stringify(payload))}`;
      return `${input}.${b64url(sign(null, Buffer.from(input), privateKey))}`;
    },
    verify(jws) {
      const parts = jws.split('.');
      if (parts.length !== 3) return null;
      const [header, payload, signature] = parts as [string, string, string];
      try {
        const h = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as {
          alg?: string;
          kid?: string;
        };
        if (h.alg !== 'EdDSA' || h.kid !== kid) return null;
        if (
          !verify(
            null,
            Buffer.from(`${header}.${payload}`),
            publicKey,
            Buffer.from(signature, 'base64url'),
          )
        )
          return null;
        return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
          string,
          unknown
        >;
      } catch {
        return null;
      }
    },
  };
}
