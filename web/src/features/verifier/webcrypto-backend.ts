// The shared verifier's ports in the browser: WebCrypto for SHA-256 and ES256,
// DecompressionStream for status lists, and a trust list built from the data the page keeps
// (offline-cache.ts). No React, no IndexedDB: the same code runs under Node's WebCrypto in tests.
import {
  verifyStatusListToken,
  type JsonWebKeyLike,
  type JwkLike,
  type StatusListData,
  type VerifyCrypto,
  type VerifyText,
  type VerifyTrust,
} from '@contracts/sd-jwt-verify';
import type { CredentialTypeInfo } from './credential-types';

/** A status list is refused when it inflates past this (2^17 entries of 8 bits is 128 KiB). */
const MAX_INFLATED_BYTES = 4 * 2 ** 20;

/** A copy of `bytes` on its own ArrayBuffer, as WebCrypto's BufferSource wants it. */
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

/** zlib (RFC 1950) inflate with DecompressionStream('deflate'); throws when it is not zlib or too big. */
export async function inflateZlib(zlib: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([own(zlib)]).stream().pipeThrough(new DecompressionStream('deflate'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_INFLATED_BYTES) {
      await reader.cancel();
      throw new Error('The status list is too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * VerifyCrypto on WebCrypto: SHA-256 by subtle.digest, ES256 by ECDSA P-256 / SHA-256 (WebCrypto
 * takes the JWS r||s signature as it is), imported keys cached by their coordinates. A key that
 * does not import verifies nothing (false, never a throw).
 */
export function createWebVerifyCrypto(
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): VerifyCrypto {
  const keys = new Map<string, Promise<CryptoKey | null>>();
  const keyOf = (jwk: JsonWebKeyLike): Promise<CryptoKey | null> => {
    const id = `${String(jwk.x)}.${String(jwk.y)}`;
    let key = keys.get(id);
    if (!key) {
      key = subtle
        .importKey(
          'jwk',
          { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y), ext: true },
          { name: 'ECDSA', namedCurve: 'P-256' },
          false,
          ['verify'],
        )
        .catch(() => null);
      if (keys.size > 1000) keys.clear();
      keys.set(id, key);
    }
    return key;
  };
  return {
    sha256: async (data) => new Uint8Array(await subtle.digest('SHA-256', own(data))),
    async verifyEs256(jwk, data, signature) {
      if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || signature.length !== 64) return false;
      const key = await keyOf(jwk);
      if (!key) return false;
      try {
        return await subtle.verify(
          { name: 'ECDSA', hash: 'SHA-256' },
          key,
          own(signature),
          own(data),
        );
      } catch {
        return false;
      }
    },
    inflate: inflateZlib,
  };
}

/** A status list token as the page keeps it: the token as fetched and when. */
export interface CachedStatusList {
  uri: string;
  token: string;
  fetchedAt: string;
}

/** What the page keeps to verify without the network. */
export interface TrustSnapshot {
  /** The issuer identifier of /.well-known/jwt-vc-issuer, or null when never fetched. */
  issuer: string | null;
  /** The keys of /.well-known/jwks.json. */
  keys: JwkLike[];
  /** When the keys were fetched, or null when never. */
  keysFetchedAt: string | null;
  /** Department names by code (the catalog's), in the reader's language. */
  departments: Record<string, string>;
  /** Status list tokens by URI. */
  statusLists: Record<string, CachedStatusList>;
}

/** An empty snapshot: nothing fetched yet. */
export const EMPTY_SNAPSHOT: TrustSnapshot = {
  issuer: null,
  keys: [],
  keysFetchedAt: null,
  departments: {},
  statusLists: {},
};

/** Whether `uri` is a status list the page may read: on our own origin or the issuer's. */
export function isOwnStatusListUri(uri: string, origin: string, issuer: string | null): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  const allowed = new Set([new URL(origin).origin]);
  if (issuer) {
    try {
      allowed.add(new URL(issuer).origin);
    } catch {
      // An issuer that is not a URL adds no origin.
    }
  }
  return allowed.has(url.origin) && url.pathname.startsWith('/api/v1/status-lists/');
}

/** The path on our own origin to fetch a status list of `uri` from (same-origin only). */
export function statusListPath(uri: string): string {
  const url = new URL(uri);
  return `${url.pathname}${url.search}`;
}

/** What the browser trust list is built from besides the snapshot. */
export interface BrowserTrustOptions {
  /** The page's origin (location.origin): the issuer when the snapshot names none. */
  origin: string;
  crypto: VerifyCrypto;
  now: () => Date;
  types: ReadonlyMap<string, CredentialTypeInfo>;
}

/**
 * VerifyTrust from what the page keeps: our issuer, the cached JWKS, the catalog's types and
 * departments, and status lists only from our own origin, each token verified again (signature,
 * department, `sub`, `exp`) when used; `fetchedAt` is when the page fetched it.
 */
export function createBrowserTrust(
  snapshot: TrustSnapshot,
  options: BrowserTrustOptions,
): VerifyTrust {
  const issuer = snapshot.issuer ?? options.origin;
  const key = (kid: string): JwkLike | null => snapshot.keys.find((k) => k.kid === kid) ?? null;
  return {
    issuer,
    key,
    typeInfo: (type) => {
      const info = options.types.get(type);
      return info ? { name: info.name, issuer: info.issuer } : null;
    },
    departmentName: (code) => snapshot.departments[code] ?? code,
    async statusList(uri): Promise<StatusListData | { error: VerifyText }> {
      if (!isOwnStatusListUri(uri, options.origin, snapshot.issuer))
        return {
          error: {
            zh: '状态列表不在本平台的地址上，不予读取',
            en: "The status list is not on this platform's host; it is not read",
          },
        };
      const cached = snapshot.statusLists[uri];
      if (!cached)
        return {
          error: {
            zh: '本设备没有此证照的状态数据，请联网后再核验',
            en: 'This device has no status data for this credential; verify it online',
          },
        };
      const verified = await verifyStatusListToken(
        cached.token,
        uri,
        { key },
        options.crypto,
        options.now(),
      );
      if ('error' in verified) return verified;
      return { bits: verified.bits, list: verified.list, fetchedAt: cached.fetchedAt };
    },
  };
}
