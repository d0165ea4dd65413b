// The verifier page's offline path on WebCrypto: credentials made here with WebCrypto keys,
// verified by the shared verifier through createWebVerifyCrypto and createBrowserTrust.
import { describe, expect, it } from 'vitest';
import { OFFLINE_AUDIENCE, vctOf } from '@contracts/credentials';
import { base64urlEncode, sha256b64url, type JwkLike } from '@contracts/sd-jwt-verify';
import { CREDENTIAL_TYPES, parseCredentialTypes } from './credential-types';
import { issuerKidOf, statusListUriOf, verifyInBrowser, type ReplayRecord } from './offline-verify';
import {
  createBrowserTrust,
  createWebVerifyCrypto,
  inflateZlib,
  isOwnStatusListUri,
  type TrustSnapshot,
} from './webcrypto-backend';

const ORIGIN = 'https://onetrip.example';
const NOW = new Date('2026-12-01T02:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);
const DAY = 86_400;
const subtle = globalThis.crypto.subtle;
const webCrypto = createWebVerifyCrypto();
const enc = new TextEncoder();
const b64json = (v: unknown) => base64urlEncode(enc.encode(JSON.stringify(v)));
const listUri = (id: string, origin = ORIGIN) => `${origin}/api/v1/status-lists/${id}`;

interface TestKey {
  kid: string;
  jwk: JwkLike;
  sign(data: string): Promise<string>;
}

async function testKey(kid: string): Promise<TestKey> {
  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const { x, y } = await subtle.exportKey('jwk', pair.publicKey);
  return {
    kid,
    jwk: { kty: 'EC', crv: 'P-256', x, y, kid, alg: 'ES256', use: 'sig' },
    sign: async (data) =>
      base64urlEncode(
        new Uint8Array(
          await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, enc.encode(data)),
        ),
      ),
  };
}

async function signJwt(header: object, payload: object, key: TestKey): Promise<string> {
  const input = `${b64json(header)}.${b64json(payload)}`;
  return `${input}.${await key.sign(input)}`;
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([new Uint8Array(bytes)])
    .stream()
    .pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A 2-bit status list token of `uri` where the entries named have the given status. */
async function statusToken(key: TestKey, uri: string, statuses: Record<number, number> = {}) {
  const bytes = new Uint8Array(1024);
  for (const [i, v] of Object.entries(statuses)) {
    const idx = Number(i);
    bytes[Math.floor(idx / 4)]! |= v << ((idx * 2) % 8);
  }
  return signJwt(
    { alg: 'ES256', typ: 'statuslist+jwt', kid: key.kid },
    {
      sub: uri,
      iat: T - 600,
      exp: T + DAY,
      ttl: 300,
      status_list: { bits: 2, lst: base64urlEncode(await deflate(bytes)) },
    },
    key,
  );
}

/** A copy of a credential (`<jwt>~<disclosure>~…~`) and its disclosures by claim. */
async function issue(opts: {
  issuer: TestKey;
  holder: TestKey | null;
  type: string;
  claims: Record<string, unknown>;
  uri: string;
  idx: number;
}): Promise<{ jwt: string; disclosures: Record<string, string> }> {
  const disclosures: Record<string, string> = {};
  const digests: string[] = [];
  for (const [name, value] of Object.entries(opts.claims)) {
    const d = b64json([`salt-${name}`, name, value]);
    disclosures[name] = d;
    digests.push(await sha256b64url(d, webCrypto));
  }
  const department = opts.issuer.kid.split(':')[0]!;
  const payload = {
    iss: ORIGIN,
    iat: T - 10 * DAY,
    exp: T + 300 * DAY,
    vct: vctOf(opts.type),
    ...(opts.holder
      ? { cnf: { jwk: { kty: 'EC', crv: 'P-256', x: opts.holder.jwk.x, y: opts.holder.jwk.y } } }
      : {}),
    status: { status_list: { idx: opts.idx, uri: opts.uri } },
    issuing_authority: department,
    issuing_country: 'CN',
    _sd: digests.sort(),
    _sd_alg: 'sha-256',
  };
  const jwt = await signJwt(
    { alg: 'ES256', typ: 'dc+sd-jwt', kid: opts.issuer.kid },
    payload,
    opts.issuer,
  );
  return { jwt, disclosures };
}

/** Presents `disclose` of a copy, with a KB-JWT of `holder` for any verifier at `iat`. */
async function present(
  copy: { jwt: string; disclosures: Record<string, string> },
  disclose: string[],
  holder: TestKey | null,
  iat = T - 5,
): Promise<string> {
  const base = `${[copy.jwt, ...disclose.map((c) => copy.disclosures[c]!)].join('~')}~`;
  if (!holder) return base;
  const sd_hash = await sha256b64url(base, webCrypto);
  const kb = await signJwt(
    { alg: 'ES256', typ: 'kb+jwt' },
    { aud: OFFLINE_AUDIENCE, nonce: 'n-1', iat, sd_hash },
    holder,
  );
  return `${base}${kb}`;
}

function memoryReplay(): ReplayRecord {
  const seen = new Map<string, string>();
  return {
    seen: async (key) => seen.has(key),
    remember: async (key, until) => void seen.set(key, until),
  };
}

const ID_CLAIMS = { name: '张三', idNumber: '330402199001011234', age_over_18: true };

async function setup(statuses: Record<number, number> = {}) {
  const psb = await testKey('psb:20261201:k1');
  const amr = await testKey('amr:20261201:k1');
  const holder = await testKey('holder');
  const uri = listUri('psb-1');
  const fetchedAt = new Date(T * 1000 - 7 * 60_000).toISOString();
  const snapshot: TrustSnapshot = {
    issuer: ORIGIN,
    keys: [psb.jwk, amr.jwk],
    keysFetchedAt: fetchedAt,
    departments: { psb: '公安局', amr: '市场监督管理局' },
    statusLists: { [uri]: { uri, token: await statusToken(psb, uri, statuses), fetchedAt } },
  };
  const trust = createBrowserTrust(snapshot, {
    origin: ORIGIN,
    crypto: webCrypto,
    now: () => NOW,
    types: CREDENTIAL_TYPES,
  });
  const copy = await issue({
    issuer: psb,
    holder,
    type: 'ResidentIdCard',
    claims: ID_CLAIMS,
    uri,
    idx: 17,
  });
  return { psb, amr, holder, uri, fetchedAt, snapshot, trust, copy };
}

describe('createWebVerifyCrypto', () => {
  it('hashes, verifies ES256 r||s signatures and refuses tampered data or a bad key', async () => {
    expect(base64urlEncode(await webCrypto.sha256(enc.encode('abc')))).toBe(
      'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0',
    );
    const key = await testKey('k');
    const sig = (await key.sign('hello')).replace(/=+$/, '');
    const bytes = Uint8Array.from(atob(sig.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    );
    expect(bytes.length).toBe(64);
    expect(await webCrypto.verifyEs256(key.jwk, enc.encode('hello'), bytes)).toBe(true);
    expect(await webCrypto.verifyEs256(key.jwk, enc.encode('hellO'), bytes)).toBe(false);
    expect(await webCrypto.verifyEs256({ ...key.jwk, x: 'AAAA' }, enc.encode('hello'), bytes)).toBe(
      false,
    );
  });

  it('inflates zlib and refuses what is not zlib', async () => {
    const data = enc.encode('status list '.repeat(100));
    expect(await inflateZlib(await deflate(data))).toEqual(data);
    await expect(inflateZlib(enc.encode('not zlib'))).rejects.toThrow();
  });
});

describe('verifyInBrowser', () => {
  it('accepts a fresh holder QR, discloses only what was presented, dates the status data', async () => {
    const { holder, trust, copy, fetchedAt } = await setup();
    const presentation = await present(copy, ['name', 'age_over_18'], holder);
    const result = await verifyInBrowser(presentation, {
      trust,
      crypto: webCrypto,
      replay: memoryReplay(),
      now: NOW,
    });
    expect(result.failedCheck).toBeNull();
    expect(result.valid).toBe(true);
    expect(result.disclosed).toEqual({ name: '张三', age_over_18: true });
    expect(result.credential?.name.zh).toBe('居民身份证');
    expect(result.credential?.issuer).toEqual({ code: 'psb', name: '公安局' });
    expect(result.statusCheckedAt).toBe(fetchedAt);
    expect(result.id).toBeNull();
  });

  it('refuses the same presentation a second time (replay)', async () => {
    const { holder, trust, copy } = await setup();
    const presentation = await present(copy, ['name'], holder);
    const replay = memoryReplay();
    const deps = { trust, crypto: webCrypto, replay, now: NOW };
    expect((await verifyInBrowser(presentation, deps)).valid).toBe(true);
    const again = await verifyInBrowser(presentation, deps);
    expect(again.valid).toBe(false);
    expect(again.failedCheck).toBe('replay');
    expect(again.disclosed).toEqual({});
  });

  it('refuses a revoked credential by the kept status list', async () => {
    const { holder, trust, copy } = await setup({ 17: 1 });
    const result = await verifyInBrowser(await present(copy, ['name'], holder), {
      trust,
      crypto: webCrypto,
      replay: memoryReplay(),
      now: NOW,
    });
    expect(result.failedCheck).toBe('status');
    expect(result.checks.at(-1)?.detail?.zh).toContain('撤销');
  });

  it('refuses a stale holder QR and one signed by another department than the type’s', async () => {
    const { holder, amr, trust, copy, uri } = await setup();
    const stale = await present(copy, ['name'], holder, T - 120);
    const deps = { trust, crypto: webCrypto, replay: memoryReplay(), now: NOW };
    expect((await verifyInBrowser(stale, deps)).failedCheck).toBe('freshness');
    const forged = await issue({
      issuer: amr,
      holder,
      type: 'ResidentIdCard',
      claims: ID_CLAIMS,
      uri,
      idx: 3,
    });
    expect((await verifyInBrowser(await present(forged, ['name'], holder), deps)).failedCheck).toBe(
      'issuer',
    );
  });

  it('says so when the device has no status data for the list, and never reads another host', async () => {
    const { psb, holder, snapshot, copy } = await setup();
    const deps = {
      trust: createBrowserTrust(
        { ...snapshot, statusLists: {} },
        { origin: ORIGIN, crypto: webCrypto, now: () => NOW, types: CREDENTIAL_TYPES },
      ),
      crypto: webCrypto,
      replay: memoryReplay(),
      now: NOW,
    };
    const missing = await verifyInBrowser(await present(copy, ['name'], holder), deps);
    expect(missing.failedCheck).toBe('status');
    expect(missing.checks.at(-1)?.detail?.zh).toContain('本设备没有此证照的状态数据');
    const elsewhere = await issue({
      issuer: psb,
      holder,
      type: 'ResidentIdCard',
      claims: ID_CLAIMS,
      uri: listUri('psb-1', 'https://evil.example'),
      idx: 1,
    });
    const foreign = await verifyInBrowser(await present(elsewhere, ['name'], holder), deps);
    expect(foreign.failedCheck).toBe('status');
    expect(foreign.checks.at(-1)?.detail?.zh).toContain('不在本平台的地址上');
  });

  it('accepts a paper copy (no holder key) and refuses text that is no credential', async () => {
    const { psb, trust, uri } = await setup();
    const paper = await issue({
      issuer: psb,
      holder: null,
      type: 'ResidentIdCard',
      claims: ID_CLAIMS,
      uri,
      idx: 5,
    });
    const deps = { trust, crypto: webCrypto, replay: memoryReplay(), now: NOW };
    const result = await verifyInBrowser(await present(paper, ['name', 'idNumber'], null), deps);
    expect(result.valid).toBe(true);
    expect(Object.keys(result.disclosed)).toEqual(['name', 'idNumber']);
    const link = await verifyInBrowser('https://example.com/wallet', deps);
    expect(link.failedCheck).toBe('format');
    expect(statusListUriOf(await present(paper, ['name'], null))).toBe(uri);
    expect(statusListUriOf('not a credential')).toBeNull();
    expect(issuerKidOf(await present(paper, ['name'], null))).toBe(psb.kid);
    expect(issuerKidOf('not a credential')).toBeNull();
  });
});

describe('isOwnStatusListUri', () => {
  it('allows only status lists of our origin or the issuer’s', () => {
    expect(isOwnStatusListUri(listUri('psb-1'), ORIGIN, null)).toBe(true);
    expect(
      isOwnStatusListUri(
        listUri('psb-1', 'https://issuer.example'),
        ORIGIN,
        'https://issuer.example',
      ),
    ).toBe(true);
    expect(isOwnStatusListUri(listUri('psb-1', 'https://evil.example'), ORIGIN, null)).toBe(false);
    expect(isOwnStatusListUri(`${ORIGIN}/api/v1/me/credentials`, ORIGIN, null)).toBe(false);
    expect(isOwnStatusListUri('not a url', ORIGIN, null)).toBe(false);
  });
});

describe('credential types', () => {
  it('reads the catalog: issuers, claims and the derived claims of identity credentials', () => {
    const id = CREDENTIAL_TYPES.get('ResidentIdCard');
    expect(id?.issuer).toBe('psb');
    expect(id?.claims).toEqual(
      expect.arrayContaining(['name', 'idNumber', 'age_over_18', 'province']),
    );
    expect(CREDENTIAL_TYPES.get('BusinessLicence')?.claims).toEqual(
      expect.arrayContaining(['companyName', 'creditCode', 'legalRepresentativeName']),
    );
    expect(CREDENTIAL_TYPES.get('BusinessLicence')?.claims).not.toContain('age_over_18');
    expect(
      parseCredentialTypes(
        'credentialTypes:\n  - { type: X, name: { zh: 甲, en: A }, claims: [a] }\n  - { type: 3 }\n',
      ),
    ).toEqual([{ type: 'X', name: { zh: '甲', en: 'A' }, issuer: null, claims: ['a'] }]);
  });
});
