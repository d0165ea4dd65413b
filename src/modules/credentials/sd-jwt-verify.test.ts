// verifyPresentation end to end on copies issued with @sd-jwt/sd-jwt-vc: what passes, and each
// way a presentation is refused, named by its failed check.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  OFFLINE_AUDIENCE,
  VerificationCheckNameSchema,
} from '../../../shared/contracts/credentials.js';
import {
  processDisclosures,
  sha256b64url,
  verifyPresentation,
  verifyStatusListToken,
  type VerifyOptions,
  type VerifyTrust,
} from '../../../shared/contracts/sd-jwt-verify.js';
import { fixedClock } from '../../platform/clock/index.js';
import {
  FIXTURE_URL,
  fixtureKey,
  fixtureTrust,
  issueCopy,
  listUri,
  presentCopy,
  signJwt,
  statusListToken,
  type CopySpec,
  type FixtureKey,
} from './verify.fixtures.js';
import { createNodeVerifyCrypto, createStatusListSource } from './verify.node.js';

const NOW = new Date('2026-12-01T02:00:00Z');
const T = NOW.getTime() / 1000;
const DAY = 86_400;
const CLIENT = `${FIXTURE_URL}/verifier/req-1`;
const NONCE = 'n-0123456789abcdef';
const crypto = createNodeVerifyCrypto();
const clock = fixedClock(NOW);

let gaj: FixtureKey;
let scjgj: FixtureKey;
let holder: FixtureKey;
let trust: VerifyTrust;
let tokens: Map<string, string>;
const ID_CLAIMS = {
  name: '张三',
  id_number: '330402199001011234',
  age_over_18: true,
  province: '浙江省',
};

function spec(over: Partial<CopySpec> = {}): CopySpec {
  return {
    issuerKey: gaj,
    type: 'ResidentIdCard',
    claims: ID_CLAIMS,
    holder,
    listId: 'gaj-1',
    idx: 17,
    iat: T - 10 * DAY,
    exp: T + 300 * DAY,
    ...over,
  };
}

const request = (over: Partial<VerifyOptions> = {}): VerifyOptions => ({
  now: NOW,
  audience: CLIENT,
  nonce: NONCE,
  mode: 'request',
  requiredClaims: ['name', 'age_over_18'],
  seen: () => false,
  ...over,
});

async function presentation(
  over: Partial<CopySpec> = {},
  kb: Partial<{ aud: string; nonce: string; iat: number }> = {},
  disclose = ['name', 'age_over_18'],
  signer: FixtureKey | null = holder,
) {
  const copy = await issueCopy(spec(over));
  return presentCopy(copy, disclose, signer, { aud: CLIENT, nonce: NONCE, iat: T, ...kb });
}

async function failedCheck(text: string, options = request(), t = trust) {
  const r = await verifyPresentation(text, t, crypto, options);
  expect(r.result.valid).toBe(false);
  const failed = r.result.checks.filter((c) => !c.passed);
  expect(failed).toHaveLength(1);
  expect(failed[0]!.detail?.zh.length).toBeGreaterThan(0);
  expect(failed[0]!.detail?.en.length).toBeGreaterThan(0);
  expect(r.result.checks.at(-1)!.check).toBe(r.result.failedCheck);
  expect(r.result.disclosed).toEqual({});
  expect(r.replayKey).toBeNull();
  return r.result.failedCheck;
}

beforeAll(() => {
  gaj = fixtureKey('gaj:20261201:k1');
  scjgj = fixtureKey('scjgj:20261201:k1');
  holder = fixtureKey();
  tokens = new Map([
    [
      listUri('gaj-1'),
      statusListToken({ key: gaj, uri: listUri('gaj-1'), iat: T - 60, statuses: { 5: 1, 6: 2 } }),
    ],
    [listUri('scjgj-1'), statusListToken({ key: scjgj, uri: listUri('scjgj-1'), iat: T - 60 })],
  ]);
  const source = createStatusListSource({
    publicUrl: FIXTURE_URL,
    fetchToken: async (uri) => tokens.get(uri) ?? null,
    trust: { key: (kid) => [gaj, scjgj].find((k) => k.kid === kid)?.jwk ?? null },
    crypto,
    clock,
  });
  trust = fixtureTrust([gaj, scjgj], source.statusList);
});

describe('verifyPresentation accepts', () => {
  it('a request answered with name and age_over_18: every check in order, only those two disclosed', async () => {
    const r = await verifyPresentation(await presentation(), trust, crypto, request());
    expect(r.result.valid).toBe(true);
    expect(r.result.failedCheck).toBeNull();
    expect(r.result.checks.map((c) => c.check)).toEqual(VerificationCheckNameSchema.options);
    expect(r.result.checks.every((c) => c.passed)).toBe(true);
    expect(r.result.disclosed).toEqual({ name: '张三', age_over_18: true });
    expect(r.result.credential).toMatchObject({
      type: 'ResidentIdCard',
      name: { zh: '居民身份证' },
      issuer: { code: 'gaj', name: '公安局' },
    });
    expect(r.result.statusCheckedAt).toMatch(/\+08:00$/);
    expect(r.copy).toEqual({ uri: listUri('gaj-1'), idx: 17 });
    expect(r.replayKey).toMatch(/^kb:/);
    expect(r.mode).toBe('request');
  });

  it('a holder QR (offline audience) within 60 s, without a nonce check', async () => {
    const text = await presentation(
      {},
      { aud: OFFLINE_AUDIENCE, nonce: 'wallet-own', iat: T - 50 },
    );
    const r = await verifyPresentation(
      text,
      trust,
      crypto,
      request({ mode: 'holder-qr', nonce: undefined }),
    );
    expect(r.result.valid).toBe(true);
    expect(r.result.checks.map((c) => c.check)).not.toContain('nonce');
    expect(r.mode).toBe('holder-qr');
  });

  it('a paper copy (no cnf, every claim, no KB) as mode paper, without audience, freshness or replay', async () => {
    const copy = await issueCopy(
      spec({
        holder: null,
        type: 'BusinessLicence',
        issuerKey: scjgj,
        listId: 'scjgj-1',
        claims: { name: '南湖小店', credit_code: '91330402MA2B3C4D5E' },
      }),
    );
    const r = await verifyPresentation(
      copy,
      trust,
      crypto,
      request({ mode: 'holder-qr', requiredClaims: [] }),
    );
    expect(r.result.valid).toBe(true);
    expect(r.mode).toBe('paper');
    expect(r.replayKey).toBeNull();
    expect(r.result.checks.map((c) => c.check)).toEqual([
      'format',
      'typ',
      'alg',
      'issuer',
      'signature',
      'disclosures',
      'expiry',
      'key-binding',
      'claims',
      'status',
    ]);
    expect(r.result.disclosed).toEqual({ name: '南湖小店', credit_code: '91330402MA2B3C4D5E' });
  });
});

describe('verifyPresentation refuses, naming the check', () => {
  it('a QR that is not ours: a link, random text, another vct → format', async () => {
    expect(await failedCheck('https://example.com/wallet/present?request=abc')).toBe('format');
    expect(await failedCheck('hello world')).toBe('format');
    expect(await failedCheck('')).toBe('format');
    expect(await failedCheck('a.b.c~')).toBe('format');
    const foreign = await presentation({ type: 'Passport' });
    expect(await failedCheck(foreign)).toBe('format');
  });

  it('typ jwt → typ', async () => {
    expect(await failedCheck(await presentation({ header: { typ: 'jwt' } }))).toBe('typ');
  });

  it('alg none and HS256 → alg', async () => {
    const text = await presentation();
    const [jwt, ...rest] = text.split('~');
    const [, payload] = jwt!.split('.');
    for (const alg of ['none', 'HS256']) {
      const h = Buffer.from(JSON.stringify({ alg, typ: 'dc+sd-jwt', kid: gaj.kid })).toString(
        'base64url',
      );
      const forged = [`${h}.${payload}.${alg === 'none' ? '' : 'AAAA'}`, ...rest].join('~');
      expect(await failedCheck(forged)).toBe('alg');
    }
  });

  it('an unknown issuer key, another issuer id, or a key of the wrong department for the type → issuer', async () => {
    expect(
      await failedCheck(await presentation({ issuerKey: fixtureKey('gaj:20261201:zz') })),
    ).toBe('issuer');
    expect(await failedCheck(await presentation({ iss: 'https://evil.example' }))).toBe('issuer');
    // A business-licence key signs an ID card.
    expect(await failedCheck(await presentation({ issuerKey: scjgj }))).toBe('issuer');
    // issuing_authority says another department than the key.
    expect(await failedCheck(await presentation({ issuingAuthority: 'scjgj' }))).toBe('issuer');
  });

  it('an edited payload → signature', async () => {
    const text = await presentation();
    const [jwt, ...rest] = text.split('~');
    const [h, p, s] = jwt!.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    payload['exp'] = T + 3000 * DAY;
    const edited = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect(await failedCheck([edited, ...rest].join('~'))).toBe('signature');
  });

  it('a tampered disclosure, one from another copy, or one twice → disclosures', async () => {
    const copy = await issueCopy(spec());
    const text = await presentCopy(copy, ['name'], holder, { aud: CLIENT, nonce: NONCE, iat: T });
    const parts = text.split('~');
    const edit = (d: string) =>
      Buffer.from(Buffer.from(d, 'base64url').toString().replace('张三', '李四')).toString(
        'base64url',
      );
    const options = request({ requiredClaims: [] });
    expect(
      await failedCheck([parts[0], edit(parts[1]!), ...parts.slice(2)].join('~'), options),
    ).toBe('disclosures');
    const other = (await issueCopy(spec())).split('~')[1]!;
    expect(
      await failedCheck([parts[0], parts[1], other, ...parts.slice(2)].join('~'), options),
    ).toBe('disclosures');
    expect(await failedCheck([parts[0], parts[1], ...parts.slice(1)].join('~'), options)).toBe(
      'disclosures',
    );
  });

  it('an expired copy, or one issued in the future → expiry', async () => {
    expect(await failedCheck(await presentation({ exp: T - 1 }))).toBe('expiry');
    expect(await failedCheck(await presentation({ iat: T + DAY }))).toBe('expiry');
  });

  it('no KB on a bound copy, a KB by another key, a KB of another presentation → key-binding', async () => {
    const copy = await issueCopy(spec());
    const bare = await presentCopy(copy, ['name', 'age_over_18'], null, {
      aud: CLIENT,
      nonce: NONCE,
      iat: T,
    });
    expect(await failedCheck(bare)).toBe('key-binding');
    expect(await failedCheck(await presentation({}, {}, undefined, fixtureKey()))).toBe(
      'key-binding',
    );
    // The KB-JWT of a presentation disclosing only name, put under one disclosing age too.
    const small = await presentCopy(copy, ['name'], holder, { aud: CLIENT, nonce: NONCE, iat: T });
    const big = await presentCopy(copy, ['name', 'age_over_18'], holder, {
      aud: CLIENT,
      nonce: NONCE,
      iat: T,
    });
    const moved = big.slice(0, big.lastIndexOf('~') + 1) + small.split('~').pop()!;
    expect(await failedCheck(moved)).toBe('key-binding');
    // A KB-JWT with another typ.
    const sdPart = big.slice(0, big.lastIndexOf('~') + 1);
    const kb = signJwt(
      { alg: 'ES256', typ: 'jwt' },
      { aud: CLIENT, nonce: NONCE, iat: T, sd_hash: 'x' },
      holder,
    );
    expect(await failedCheck(sdPart + kb)).toBe('key-binding');
  });

  it('a paper copy answering a request, or a paper copy with a KB → key-binding', async () => {
    const paper = await issueCopy(spec({ holder: null }));
    expect(await failedCheck(paper)).toBe('key-binding');
    const withKb =
      paper +
      signJwt(
        { alg: 'ES256', typ: 'kb+jwt' },
        { aud: OFFLINE_AUDIENCE, nonce: 'x', iat: T },
        holder,
      );
    expect(await failedCheck(withKb, request({ mode: 'holder-qr' }))).toBe('key-binding');
  });

  it('another audience → audience; a holder QR meant for a request → audience', async () => {
    expect(
      await failedCheck(await presentation({}, { aud: `${FIXTURE_URL}/verifier/other` })),
    ).toBe('audience');
    expect(await failedCheck(await presentation({}, { aud: OFFLINE_AUDIENCE }))).toBe('audience');
    expect(await failedCheck(await presentation(), request({ mode: 'holder-qr' }))).toBe(
      'audience',
    );
  });

  it('a wrong nonce → nonce', async () => {
    expect(await failedCheck(await presentation({}, { nonce: 'other' }))).toBe('nonce');
    expect(await failedCheck(await presentation(), request({ nonce: undefined }))).toBe('nonce');
  });

  it('a stale or future iat → freshness (120 s either way for a request, 60 s after for a holder QR)', async () => {
    expect(await failedCheck(await presentation({}, { iat: T - 121 }))).toBe('freshness');
    expect(await failedCheck(await presentation({}, { iat: T + 121 }))).toBe('freshness');
    const qr = (iat: number) => presentation({}, { aud: OFFLINE_AUDIENCE, iat });
    const offline = request({ mode: 'holder-qr' });
    expect(await failedCheck(await qr(T - 61), offline)).toBe('freshness');
    expect(await failedCheck(await qr(T + 6), offline)).toBe('freshness');
    expect((await verifyPresentation(await qr(T + 5), trust, crypto, offline)).result.valid).toBe(
      true,
    );
  });

  it('a presentation accepted before → replay', async () => {
    const text = await presentation();
    const first = await verifyPresentation(text, trust, crypto, request());
    const seen = new Set([first.replayKey]);
    expect(await failedCheck(text, request({ seen: (k) => seen.has(k) }))).toBe('replay');
  });

  it('a claim asked for but not disclosed, or a type the request does not take → claims', async () => {
    expect(await failedCheck(await presentation({}, {}, ['name']))).toBe('claims');
    expect(await failedCheck(await presentation(), request({ types: ['BusinessLicence'] }))).toBe(
      'claims',
    );
  });

  it('revoked and suspended copies → status', async () => {
    const revoked = await verifyPresentation(
      await presentation({ idx: 5 }),
      trust,
      crypto,
      request(),
    );
    expect(revoked.result.failedCheck).toBe('status');
    expect(revoked.result.checks.at(-1)!.detail?.en).toMatch(/revoked/);
    const suspended = await verifyPresentation(
      await presentation({ idx: 6 }),
      trust,
      crypto,
      request(),
    );
    expect(suspended.result.checks.at(-1)!.detail?.en).toMatch(/suspended/);
  });

  it('a status list on another host, a missing list, an index beyond the list → status', async () => {
    const elsewhere = await presentation({
      statusUri: 'https://evil.example/api/v1/status-lists/gaj-1',
    });
    expect(await failedCheck(elsewhere)).toBe('status');
    const http = await presentation({ statusUri: listUri('gaj-1').replace('https:', 'http:') });
    expect(await failedCheck(http)).toBe('status');
    expect(await failedCheck(await presentation({ listId: 'gaj-9' }))).toBe('status');
    expect(await failedCheck(await presentation({ idx: 2 ** 17 }))).toBe('status');
  });
});

describe('verifyStatusListToken', () => {
  const uri = () => listUri('gaj-1');
  const check = (token: string, at = NOW) => verifyStatusListToken(token, uri(), trust, crypto, at);
  const error = async (token: string, at = NOW) => {
    const r = await check(token, at);
    return 'error' in r ? r.error.en : 'accepted';
  };

  it('accepts our token: bits, inflated list, ttl, exp', async () => {
    const r = await check(tokens.get(uri())!);
    expect('error' in r).toBe(false);
    if ('error' in r) return;
    expect(r).toMatchObject({ bits: 2, ttl: 300, exp: T - 60 + DAY });
    expect(r.list.length).toBe(2 ** 15);
  });

  it('refuses a wrong sub, typ, alg, unknown kid, another department, a bad signature, expiry', async () => {
    const base = { key: gaj, uri: uri(), iat: T - 60 };
    expect(await error(statusListToken({ ...base, sub: listUri('gaj-2') }))).toMatch(/sub/);
    expect(await error(statusListToken({ ...base, header: { typ: 'jwt' } }))).toMatch(/typ/);
    expect(await error(statusListToken({ ...base, header: { alg: 'HS256' } }))).toMatch(/alg/);
    expect(await error(statusListToken({ ...base, key: fixtureKey('gaj:x:y') }))).toMatch(/trust/);
    expect(await error(statusListToken({ ...base, key: scjgj }))).toMatch(/department/);
    const good = tokens.get(uri())!;
    expect(await error(`${good.slice(0, -4)}AAAA`)).toMatch(/signature/);
    expect(await error(good, new Date((T + 2 * DAY) * 1000))).toMatch(/expired/);
    expect(await error('not a token')).toMatch(/JWT/);
  });

  it('is refused through a presentation whose list token has a wrong sub → status', async () => {
    tokens.set(listUri('gaj-3'), statusListToken({ key: gaj, uri: listUri('gaj-1'), iat: T - 60 }));
    expect(await failedCheck(await presentation({ listId: 'gaj-3' }))).toBe('status');
  });
});

describe('processDisclosures', () => {
  it('keeps a disclosure named __proto__ as an own claim, never as the prototype', async () => {
    const d = Buffer.from(JSON.stringify(['salt', '__proto__', { polluted: true }])).toString(
      'base64url',
    );
    const payload = { _sd: [await sha256b64url(d, crypto)], iss: FIXTURE_URL };
    const r = await processDisclosures(payload, [d], crypto);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.getPrototypeOf(r.value.claims)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(r.value.claims, '__proto__')?.value).toEqual({
      polluted: true,
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('verifyPresentation never throws', () => {
  it('on random text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
        const r = await verifyPresentation(text, trust, crypto, request());
        expect(r.result.valid).toBe(false);
        expect(r.result.failedCheck).toBe('format');
      }),
      { numRuns: 300 },
    );
  });

  it('on presentations with characters changed, cut or inserted', async () => {
    const text = await presentation();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: text.length - 1 }),
        fc.nat({ max: 40 }),
        fc.constantFrom('', '~', '.', 'A', '_', '-', '"', 'é', 'eyJ'),
        async (at, cut, insert) => {
          const mutated = text.slice(0, at) + insert + text.slice(at + cut);
          const r = await verifyPresentation(mutated, trust, crypto, request());
          if (mutated !== text) expect(r.result.valid).toBe(false);
          expect(
            VerificationCheckNameSchema.safeParse(r.result.failedCheck ?? 'format').success,
          ).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('when a trust port throws: the check fails instead', async () => {
    const broken: VerifyTrust = {
      ...trust,
      key: () => {
        throw new Error('down');
      },
    };
    expect(await failedCheck(await presentation(), request(), broken)).toBe('issuer');
  });
});
