/*
 * Building a presentation from one copy of a credential (docs/credentials.md, Presenting):
 * the issuer's JWT, only the disclosures of the claims the holder chose, and a key-binding JWT
 * signed by the copy's holder key. Plain Web Crypto, so Node's tests run the same code.
 */

/** One selectively disclosable claim of a copy: `[salt, name, value]` and its encoded form. */
export interface Disclosure {
  encoded: string;
  salt: string;
  name: string;
  value: unknown;
}

/** An SD-JWT split at its `~`: the issuer's JWT and its disclosures. */
export interface ParsedSdJwt {
  jwt: string;
  disclosures: Disclosure[];
}

/** base64url (no padding) of bytes. */
export function base64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of a base64url text; throws on characters outside the alphabet. */
export function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);
const b64json = (value: unknown): string => base64url(utf8(JSON.stringify(value)));

/**
 * Decodes one disclosure `base64url(JSON [salt, name, value])`. Returns null for an array
 * element's disclosure (`[salt, value]`), which our flat credentials do not use; throws when
 * it is not a disclosure at all.
 */
export function decodeDisclosure(encoded: string): Disclosure | null {
  const parsed: unknown = JSON.parse(new TextDecoder().decode(fromBase64url(encoded)));
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') throw new Error('not a disclosure');
  if (parsed.length === 2) return null;
  if (parsed.length !== 3 || typeof parsed[1] !== 'string') throw new Error('not a disclosure');
  return { encoded, salt: parsed[0], name: parsed[1], value: parsed[2] as unknown };
}

/** Splits an issued SD-JWT (`<jwt>~<d1>~…~`); throws when it is not one. */
export function parseSdJwt(sdJwt: string): ParsedSdJwt {
  const parts = sdJwt.split('~');
  const jwt = parts[0] ?? '';
  if (jwt.split('.').length !== 3 || parts.length < 2 || parts[parts.length - 1] !== '')
    throw new Error('not an issued SD-JWT');
  const disclosures = parts
    .slice(1, -1)
    .map(decodeDisclosure)
    .filter((d): d is Disclosure => d !== null);
  return { jwt, disclosures };
}

/** The payload of a compact JWT, decoded (not verified). */
export function jwtPayload(jwt: string): Record<string, unknown> {
  const body = jwt.split('.')[1];
  if (body === undefined) throw new Error('not a JWT');
  return JSON.parse(new TextDecoder().decode(fromBase64url(body))) as Record<string, unknown>;
}

/** A random one-time nonce, base64url of 16 random bytes. */
export function randomNonce(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** base64url SHA-256 of an ASCII text, as `sd_hash` is computed. */
export async function sha256Base64url(text: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text))));
}

/** What a presentation is made of. */
export interface PresentationInput {
  /** The copy as issued: `<jwt>~<d1>~…~`. */
  sdJwt: string;
  /** The names of the claims to disclose; a name the copy has no disclosure for is skipped. */
  claims: readonly string[];
  /** The copy's holder key (its public half is the copy's `cnf.jwk`). */
  privateKey: CryptoKey;
  /** The request's `clientId`, or OFFLINE_AUDIENCE for a QR the holder shows. */
  aud: string;
  nonce: string;
  /** Seconds since the epoch; now by default. */
  iat?: number;
}

/**
 * The presentation `<issuer-jwt>~<chosen disclosures>~<kb-jwt>`: only the disclosures of the
 * chosen claims, in the copy's order, and a KB-JWT (`typ: kb+jwt`, ES256) over `iat`, `aud`,
 * `nonce` and the `sd_hash` of what precedes it. Throws when the copy is not an SD-JWT.
 */
export async function buildPresentation(input: PresentationInput): Promise<string> {
  const { jwt, disclosures } = parseSdJwt(input.sdJwt);
  const wanted = new Set(input.claims);
  const chosen = disclosures.filter((d) => wanted.has(d.name)).map((d) => d.encoded);
  const presented = `${[jwt, ...chosen].join('~')}~`;
  const header = { alg: 'ES256', typ: 'kb+jwt' };
  const payload = {
    iat: input.iat ?? Math.floor(Date.now() / 1000),
    aud: input.aud,
    nonce: input.nonce,
    sd_hash: await sha256Base64url(presented),
  };
  const signingInput = `${b64json(header)}.${b64json(payload)}`;
  // Web Crypto's ECDSA signature is already r||s, the form JWS uses.
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    input.privateKey,
    utf8(signingInput),
  );
  return `${presented}${signingInput}.${base64url(new Uint8Array(signature))}`;
}
