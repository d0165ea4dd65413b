// The verifier's Node backend: node:crypto for SHA-256 and ES256, zlib for status lists, and
// a status-list source that reads only our own host's lists, verifies each token once and
// keeps it for its `ttl`.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import {
  verifyStatusListToken,
  type JsonWebKeyLike,
  type StatusListData,
  type VerifyCrypto,
  type VerifyText,
  type VerifyTrust,
} from '../../../shared/contracts/sd-jwt-verify.js';
import { toRfc3339, type Clock } from '../../platform/clock/index.js';

/** A status list larger than this once inflated is refused (2^17 entries of 8 bits is 128 KiB). */
const MAX_INFLATED_BYTES = 4 * 2 ** 20;

/** A small bounded map that forgets the least recently used entry. */
function lru<V>(max: number) {
  const map = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const v = map.get(key);
      if (v !== undefined) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    set(key: string, value: V): void {
      map.delete(key);
      map.set(key, value);
      if (map.size > max) map.delete(map.keys().next().value as string);
    },
    delete: (key: string) => map.delete(key),
    clear: () => map.clear(),
    get size() {
      return map.size;
    },
  };
}

/** Options of the Node crypto backend. */
export interface NodeVerifyCryptoOptions {
  /** Imported public keys kept, by their coordinates (default 10,000). */
  keyCache?: number;
  /**
   * Issuer signatures found valid, kept by the exact key and signed bytes (0, the default,
   * keeps none). The same copy presented again then costs one ES256 verify (the KB) instead
   * of two; a cached entry is a fact (these bytes verify under this key), so it never goes stale.
   */
  issuerSignatureCache?: number;
}

/**
 * VerifyCrypto on node:crypto: SHA-256, ES256 (JOSE r||s, `dsaEncoding: 'ieee-p1363'`) with
 * imported KeyObjects cached, zlib inflate with a size limit. A malformed key verifies nothing.
 */
export function createNodeVerifyCrypto(options: NodeVerifyCryptoOptions = {}): VerifyCrypto & {
  stats(): { keys: number; issuerSignatures: number };
} {
  const keys = lru<KeyObject | null>(options.keyCache ?? 10_000);
  const sigMax = options.issuerSignatureCache ?? 0;
  const signatures = lru<true>(Math.max(1, sigMax));
  const keyOf = (jwk: JsonWebKeyLike): KeyObject | null => {
    const id = `${String(jwk.crv)}.${String(jwk.x)}.${String(jwk.y)}`;
    const cached = keys.get(id);
    if (cached !== undefined) return cached;
    let key: KeyObject | null = null;
    try {
      key = createPublicKey({
        key: { kty: 'EC', crv: String(jwk.crv), x: String(jwk.x), y: String(jwk.y) },
        format: 'jwk',
      });
    } catch {
      key = null;
    }
    keys.set(id, key);
    return key;
  };
  return {
    sha256: (data) => createHash('sha256').update(data).digest(),
    verifyEs256(jwk, data, signature, role) {
      if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') return false;
      const key = keyOf(jwk);
      if (!key) return false;
      const memo =
        sigMax > 0 && role === 'issuer'
          ? `${String(jwk.x)}.${String(jwk.y)}.${Buffer.from(data).toString('latin1')}.${Buffer.from(signature).toString('base64url')}`
          : null;
      if (memo && signatures.get(memo)) return true;
      try {
        const good = verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
        if (good && memo) signatures.set(memo, true);
        return good;
      } catch {
        return false;
      }
    },
    inflate: (zlib) => inflateSync(zlib, { maxOutputLength: MAX_INFLATED_BYTES }),
    stats: () => ({ keys: keys.size, issuerSignatures: sigMax > 0 ? signatures.size : 0 }),
  };
}

/** What the status-list source needs. */
export interface StatusListSourceDeps {
  /** The platform's public URL: only lists on its host are read. */
  publicUrl: string;
  /** The signed token at `uri` (our own lists: in process, no HTTP), or null. */
  fetchToken(uri: string): Promise<string | null>;
  trust: Pick<VerifyTrust, 'key'>;
  crypto: VerifyCrypto;
  clock: Clock;
  /** How long a fetch may take (default 3 s). */
  timeoutMs?: number;
  /** How long a token is kept when it names no `ttl` (default 300 s). */
  defaultTtlSeconds?: number;
  /**
   * Ask `fetchToken` on every verification and verify again only when the token changed: for
   * our own lists in process, where asking is a map look-up and a status change must show at
   * once (the issuing side signs a new token when a status changes).
   */
  askEachTime?: boolean;
}

/** A cache of verified status lists: the `statusList` port of VerifyTrust. */
export interface StatusListSource {
  statusList: (uri: string) => Promise<StatusListData | { error: VerifyText }>;
  /** Forgets a list (a status changed): the next verification fetches it again. */
  invalidate: (uri?: string) => void;
}

/**
 * The status lists a verifier reads: only from our own host (same scheme and host as the
 * public URL), each token verified once (verifyStatusListToken) and kept until its `ttl` or
 * `exp`, whichever is first; concurrent verifications share one fetch; a fetch that takes
 * longer than the timeout is a refusal, not a wait.
 */
export function createStatusListSource(deps: StatusListSourceDeps): StatusListSource {
  const own = new URL(deps.publicUrl);
  const timeoutMs = deps.timeoutMs ?? 3_000;
  const cache = new Map<string, { token: string; data: StatusListData; until: number }>();
  const inflight = new Map<string, Promise<StatusListData | { error: VerifyText }>>();

  /** The token at `uri`, null when there is none, 'timeout' when it took too long. */
  const fetchToken = async (uri: string): Promise<string | null | { timeout: true }> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<{ timeout: true }>((resolve) => {
      timer = setTimeout(() => resolve({ timeout: true }), timeoutMs);
    });
    try {
      return await Promise.race([deps.fetchToken(uri), timeout]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  };

  const load = async (uri: string): Promise<StatusListData | { error: VerifyText }> => {
    const token = await fetchToken(uri);
    if (token !== null && typeof token === 'object')
      return { error: { zh: '状态列表获取超时', en: 'Fetching the status list timed out' } };
    if (token === null)
      return { error: { zh: '状态列表不存在', en: 'The status list does not exist' } };
    const hit = cache.get(uri);
    if (hit && hit.token === token && hit.until > deps.clock.now().getTime()) return hit.data;
    const now = deps.clock.now();
    const verified = await verifyStatusListToken(token, uri, deps.trust, deps.crypto, now);
    if ('error' in verified) return verified;
    const ttl = verified.ttl ?? deps.defaultTtlSeconds ?? 300;
    const until = Math.min(
      now.getTime() + ttl * 1000,
      verified.exp ? verified.exp * 1000 : Infinity,
    );
    const data: StatusListData = {
      bits: verified.bits,
      list: verified.list,
      fetchedAt: toRfc3339(now),
    };
    cache.set(uri, { token, data, until });
    return data;
  };

  return {
    async statusList(uri) {
      let url: URL;
      try {
        url = new URL(uri);
      } catch {
        return { error: { zh: '状态列表地址无效', en: 'The status list URI is invalid' } };
      }
      if (url.host !== own.host || url.protocol !== own.protocol)
        return {
          error: {
            zh: '状态列表不在本平台的地址上，不予读取',
            en: "The status list is not on this platform's host; it is not read",
          },
        };
      const hit = cache.get(uri);
      if (!deps.askEachTime && hit && hit.until > deps.clock.now().getTime()) return hit.data;
      const pending = inflight.get(uri);
      if (pending) return pending;
      const p = load(uri).finally(() => inflight.delete(uri));
      inflight.set(uri, p);
      return p;
    },
    invalidate(uri) {
      if (uri) cache.delete(uri);
      else cache.clear();
    },
  };
}
