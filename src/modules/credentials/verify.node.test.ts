// The verifier's Node backend: its ES256 and key cache, the issuer-signature cache, and the
// status-list source (own host only, ttl, a changed token, a slow source).
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock/index.js';
import { FIXTURE_URL, fixtureKey, listUri, statusListToken } from './verify.fixtures.js';
import { createNodeVerifyCrypto, createStatusListSource } from './verify.node.js';

const NOW = new Date('2026-12-01T02:00:00Z');
const T = NOW.getTime() / 1000;
const bytes = (s: string) => new TextEncoder().encode(s);

describe('createNodeVerifyCrypto', () => {
  it('verifies ES256 (r||s), refuses another key, a bad key and a bad signature', () => {
    const crypto = createNodeVerifyCrypto();
    const k = fixtureKey('a');
    const sig = Buffer.from(k.sign('hello'), 'base64url');
    expect(crypto.verifyEs256(k.jwk, bytes('hello'), sig)).toBe(true);
    expect(crypto.verifyEs256(fixtureKey('b').jwk, bytes('hello'), sig)).toBe(false);
    expect(crypto.verifyEs256({ ...k.jwk, x: 'AAAA' }, bytes('hello'), sig)).toBe(false);
    expect(crypto.verifyEs256(k.jwk, bytes('hello'), sig.subarray(1))).toBe(false);
    expect(crypto.verifyEs256({ ...k.jwk, crv: 'P-384' }, bytes('hello'), sig)).toBe(false);
  });

  it('caches only issuer signatures that verified, for exactly those bytes', () => {
    const crypto = createNodeVerifyCrypto({ issuerSignatureCache: 10 });
    const k = fixtureKey('a');
    const sig = Buffer.from(k.sign('payload'), 'base64url');
    expect(crypto.verifyEs256(k.jwk, bytes('payload'), sig, 'issuer')).toBe(true);
    expect(crypto.verifyEs256(k.jwk, bytes('payload'), sig, 'issuer')).toBe(true);
    expect(crypto.stats().issuerSignatures).toBe(1);
    expect(crypto.verifyEs256(k.jwk, bytes('payloaD'), sig, 'issuer')).toBe(false);
    expect(crypto.verifyEs256(fixtureKey('b').jwk, bytes('payload'), sig, 'issuer')).toBe(false);
    expect(crypto.verifyEs256(k.jwk, bytes('payload'), sig, 'holder')).toBe(true);
    expect(crypto.stats().issuerSignatures).toBe(1);
  });

  it('throws on bytes that are not zlib (the verifier turns that into a refusal)', () => {
    const crypto = createNodeVerifyCrypto();
    expect(() => crypto.inflate(bytes('not zlib'))).toThrow();
  });
});

describe('createStatusListSource', () => {
  const key = fixtureKey('gaj:20261201:k');
  const uri = listUri('gaj-1');
  const trust = { key: (kid: string) => (kid === key.kid ? key.jwk : null) };

  it('reads our host only, keeps a token for its ttl, and asks again after it', async () => {
    const clock = fixedClock(NOW);
    let asked = 0;
    const source = createStatusListSource({
      publicUrl: FIXTURE_URL,
      fetchToken: async () => {
        asked++;
        return statusListToken({ key, uri, iat: T, ttl: 300, statuses: { 3: 1 } });
      },
      trust,
      crypto: createNodeVerifyCrypto(),
      clock,
    });
    const first = await source.statusList(uri);
    expect('error' in first).toBe(false);
    await source.statusList(uri);
    expect(asked).toBe(1);
    clock.advance(301_000);
    await source.statusList(uri);
    expect(asked).toBe(2);
    source.invalidate(uri);
    await source.statusList(uri);
    expect(asked).toBe(3);
    for (const other of [
      'https://evil.example/api/v1/status-lists/gaj-1',
      uri.replace('https:', 'http:'),
      'not a uri',
    ]) {
      const r = await source.statusList(other);
      expect('error' in r && r.error.en).toBeTruthy();
    }
    expect(asked).toBe(3);
  });

  it('asking each time, verifies again only when the token changed (a status change shows at once)', async () => {
    let token = statusListToken({ key, uri, iat: T, statuses: {} });
    const source = createStatusListSource({
      publicUrl: FIXTURE_URL,
      fetchToken: async () => token,
      trust,
      crypto: createNodeVerifyCrypto(),
      clock: fixedClock(NOW),
      askEachTime: true,
    });
    const a = await source.statusList(uri);
    const b = await source.statusList(uri);
    expect(a).toBe(b);
    token = statusListToken({ key, uri, iat: T + 1, statuses: { 7: 2 } });
    const c = await source.statusList(uri);
    expect('list' in c && (c.list[1]! >> 6) & 3).toBe(2);
  });

  it('refuses a source slower than the timeout, and a missing list', async () => {
    const slow = createStatusListSource({
      publicUrl: FIXTURE_URL,
      fetchToken: () => new Promise<string | null>(() => undefined),
      trust,
      crypto: createNodeVerifyCrypto(),
      clock: fixedClock(NOW),
      timeoutMs: 20,
    });
    const r = await slow.statusList(uri);
    expect('error' in r && r.error.en).toMatch(/timed out/);
    const none = createStatusListSource({
      publicUrl: FIXTURE_URL,
      fetchToken: async () => null,
      trust,
      crypto: createNodeVerifyCrypto(),
      clock: fixedClock(NOW),
    });
    const n = await none.statusList(uri);
    expect('error' in n && n.error.en).toMatch(/does not exist/);
  });
});
