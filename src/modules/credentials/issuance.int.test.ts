import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest, ES256, generateSalt } from '@sd-jwt/crypto-nodejs';
import { decodeSdJwt } from '@sd-jwt/decode';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import {
  OFFLINE_AUDIENCE,
  type ApplicationView,
  type CredentialView,
  type DataAccess,
  type ErrorBody,
  type VerificationResult,
} from '../../../shared/contracts/index.js';
import { vctOf } from '../../../shared/contracts/credentials.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import {
  api,
  guideOf,
  satisfyMaterials,
  uploadFor,
  approveAll,
} from '../../../test/support/cases.js';
import { decodeStatus } from './credentials.status-lists.js';
import type { PublicJwk } from './credentials.keys.js';
import { fixtureKey, presentCopy } from './verify.fixtures.js';

let app: TestApp;
let company1: string;
let citizen1: string;
let citizen2: string;
let licence: CredentialView;
let form: Record<string, unknown>;

type Jwk = Awaited<ReturnType<typeof ES256.generateKeyPair>>;
const holderKey = (k: Jwk) => ({
  kty: 'EC' as const,
  crv: 'P-256' as const,
  x: String(k.publicKey.x),
  y: String(k.publicKey.y),
});

const complete = (start: ApplicationView) => approveAll(app, start);

const now = () => Math.floor(app.clock.now().getTime() / 1000);

const jwks = async () =>
  (await api<{ keys: PublicJwk[] }>(app, null, 'GET', '/.well-known/jwks.json')).body.keys;

async function statusToken(uri: string): Promise<string> {
  const url = new URL(uri);
  const res = await app.server.inject({ method: 'GET', url: url.pathname });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('application/statuslist+jwt');
  return res.body;
}

/** A verifier built on the library, with the issuer key from our JWKS and statuses from us. */
async function verifierFor(): Promise<SDJwtVcInstance> {
  const keys = await jwks();
  const byKid = async (data: string, sig: string) => {
    const { kid } = decodeProtectedHeader(`${data}.${sig}`);
    const key = keys.find((k) => k.kid === kid);
    if (!key) return false;
    return (await ES256.getVerifier(key))(data, sig);
  };
  return new SDJwtVcInstance({
    hasher: digest,
    verifier: byKid,
    statusVerifier: byKid,
    statusListFetcher: statusToken,
    kbVerifier: async (data, sig, payload) => {
      const jwk = (payload.cnf as { jwk: object }).jwk;
      return (await ES256.getVerifier(jwk))(data, sig);
    },
  });
}

async function present(sdJwt: string, holder: Jwk, nonce: string): Promise<string> {
  const wallet = new SDJwtVcInstance({
    hasher: digest,
    saltGenerator: generateSalt,
    kbSigner: await ES256.getSigner(holder.privateKey),
    kbSignAlg: 'ES256',
  });
  return wallet.present(
    sdJwt,
    { companyName: true, creditCode: true },
    {
      kb: { payload: { iat: now(), aud: 'test-verifier', nonce } },
    },
  );
}

beforeAll(async () => {
  app = await createTestApp({ at: '2026-12-01T02:00:00Z' });
  company1 = await app.login('company1');
  citizen1 = await app.login('citizen1');
  citizen2 = await app.login('citizen2');
  const startup = await guideOf(app, 'bundle', 'enterprise-startup');
  const submitted = await api<ApplicationView>(app, company1, 'POST', '/api/v1/applications', {
    bundle: 'enterprise-startup',
    form: (form = startup.form.examples[0] as Record<string, unknown>),
    materials: await satisfyMaterials(app, company1, startup),
    consent: { fetch: true },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  app.clock.advance(60_000);
  await complete(submitted.body);
});

afterAll(async () => {
  await app?.cleanup();
});

describe('credentials of a completed application', () => {
  it('gives the applying account a BusinessLicence with its four claims, once', async () => {
    const res = await api<{ items: CredentialView[] }>(
      app,
      company1,
      'GET',
      '/api/v1/me/credentials',
    );
    expect(res.status).toBe(200);
    const licences = res.body.items.filter((c) => c.type === 'BusinessLicence');
    expect(licences).toHaveLength(1);
    licence = licences[0]!;
    expect(licence.issuer.code).toBe('amr');
    expect(licence.status).toBe('valid');
    expect(licence.paper).toBe(true);
    expect(licence.receiptNo).toBeTruthy();
    expect(licence.vct).toBe('urn:cn:onetrip:BusinessLicence:1');
    for (const claim of ['creditCode', 'companyName', 'legalRepresentativeName', 'establishedOn'])
      expect(licence.claims[claim], claim).toBeTruthy();
    expect(licence.claims.establishedOn).toBe('2026-12-01');
    // The credit code the registration gave (Nanhu), the name and representative of the form.
    expect(String(licence.claims.creditCode)).toMatch(/^91330402[0-9A-Z]{10}$/);
    expect(licence.claims.companyName).toBe(form.companyName);
    expect(licence.claims.legalRepresentativeName).toBe(form.legalRepresentativeName);
    // Every output the bundle's matters declare is one credential of its vct, nothing else.
    const catalog = app.services.catalog;
    const outputs = catalog
      .getBundle('enterprise-startup')
      .steps.flatMap((s) => catalog.getMatter(s.matter).outputs.map((o) => o.type));
    expect(outputs.length).toBeGreaterThan(1);
    const ofApplication = res.body.items.filter((c) => c.applicationId === licence.applicationId);
    for (const type of outputs)
      expect(
        ofApplication.filter((c) => c.vct === vctOf(type)),
        type,
      ).toHaveLength(1);
    expect(ofApplication.map((c) => c.type).sort()).toEqual([...new Set(outputs)].sort());
    // Nobody else holds it.
    const other = await api<{ items: CredentialView[] }>(
      app,
      citizen1,
      'GET',
      '/api/v1/me/credentials',
    );
    expect(other.body.items.some((c) => c.id === licence.id)).toBe(false);
  });

  it('records one ledger entry credential.issued per credential, revealing nothing', async () => {
    const credentials = await app.db.selectFrom('credentials').select(['id', 'type']).execute();
    const pending = await app.db
      .selectFrom('ledger_pending')
      .select(['entry', 'content', 'purpose'])
      .where('kind', '=', 'credential')
      .execute();
    const sequenced = await app.db
      .selectFrom('ledger_entries')
      .select(['entry', 'content', 'purpose'])
      .where('kind', '=', 'credential')
      .execute();
    const entries = [...pending, ...sequenced];
    expect(entries.filter((e) => e.content.includes('credential.issued'))).toHaveLength(
      credentials.length,
    );
    expect(entries.some((e) => e.purpose === 'credential:BusinessLicence')).toBe(true);
    for (const e of entries) {
      expect(e.entry).not.toContain(String(licence.claims.companyName));
      expect(e.content).not.toContain(String(licence.claims.creditCode));
    }
  });

  it('issues copies that verify with the library: typ, kid, distinct slots and salts, KB with nonce', async () => {
    const holders = [await ES256.generateKeyPair(), await ES256.generateKeyPair()];
    const res = await api<{ copies: { sdJwt: string; expiresAt: string }[] }>(
      app,
      company1,
      'POST',
      `/api/v1/me/credentials/${licence.id}/copies`,
      { holderKeys: holders.map(holderKey) },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.copies).toHaveLength(2);
    const decoded = await Promise.all(res.body.copies.map((c) => decodeSdJwt(c.sdJwt, digest)));
    const keys = await jwks();
    for (const d of decoded) {
      expect(d.jwt.header.typ).toBe('dc+sd-jwt');
      expect(d.jwt.header.alg).toBe('ES256');
      expect(keys.map((k) => k.kid)).toContain(d.jwt.header.kid);
      expect(String(d.jwt.header.kid)).toMatch(/^amr:\d{8}:/);
      const p = d.jwt.payload;
      expect(p.iss).toBe(app.config.publicUrl.replace(/\/$/, ''));
      expect(p.issuing_country).toBe('CN');
      expect(p.issuing_authority).toBe('amr');
      expect(Number(p.iat) % 86_400).toBe(0);
      expect(Number(p.exp)).toBe(Number(p.iat) + 90 * 86_400);
      // Every claim is a disclosure, none in the clear.
      expect(p.creditCode).toBeUndefined();
      expect(d.disclosures.map((x) => x.key).sort()).toEqual(
        ['companyName', 'creditCode', 'establishedOn', 'legalRepresentativeName'].sort(),
      );
    }
    const slots = decoded.map(
      (d) => (d.jwt.payload as { status: { status_list: { idx: number; uri: string } } }).status,
    );
    expect(slots[0]!.status_list.idx).not.toBe(slots[1]!.status_list.idx);
    const salts = decoded.flatMap((d) => d.disclosures.map((x) => x.salt));
    expect(new Set(salts).size).toBe(salts.length);

    const verifier = await verifierFor();
    for (const [i, copy] of res.body.copies.entries()) {
      const shown = await present(copy.sdJwt, holders[i]!, `nonce-${i}`);
      const result = await verifier.verify(shown, {
        keyBindingNonce: `nonce-${i}`,
        currentDate: now(),
      });
      expect(result.kb?.payload.nonce).toBe(`nonce-${i}`);
      expect(result.payload.companyName).toBe(licence.claims.companyName);
      // The other copy's holder key does not bind this copy.
      const stolen = await present(copy.sdJwt, holders[1 - i]!, 'n');
      await expect(
        verifier.verify(stolen, { keyBindingNonce: 'n', currentDate: now() }),
      ).rejects.toThrow();
    }

    // The status list: signed, typed, its own URI as sub, and slot 0 (valid).
    const uri = slots[0]!.status_list.uri;
    const token = await statusToken(uri);
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'statuslist+jwt' });
    const payload = decodeJwt(token) as {
      sub: string;
      iat: number;
      exp: number;
      ttl: number;
      status_list: { bits: 2; lst: string };
    };
    expect(payload.sub).toBe(uri);
    expect(payload.exp - payload.iat).toBe(86_400);
    expect(payload.ttl).toBe(300);
    expect(payload.status_list.bits).toBe(2);
    expect(decodeStatus(payload.status_list.lst, 2, slots[0]!.status_list.idx)).toBe(0);
  });

  it('lets only the issuing department suspend, reinstate and revoke, and the list says so', async () => {
    const [holder] = [await ES256.generateKeyPair()];
    const copy = await api<{ copies: { sdJwt: string }[] }>(
      app,
      company1,
      'POST',
      `/api/v1/me/credentials/${licence.id}/copies`,
      { holderKeys: [holderKey(holder)] },
    );
    const d = await decodeSdJwt(copy.body.copies[0]!.sdJwt, digest);
    const { idx, uri } = (
      d.jwt.payload as { status: { status_list: { idx: number; uri: string } } }
    ).status.status_list;
    const slot = async () => {
      const p = decodeJwt(await statusToken(uri)) as { status_list: { lst: string } };
      return decodeStatus(p.status_list.lst, 2, idx);
    };
    const change = (token: string, status: string) =>
      api<CredentialView & ErrorBody>(
        app,
        token,
        'POST',
        `/api/v1/credentials/${licence.id}/status`,
        {
          status,
          reason: '经营异常，暂停使用',
        },
      );

    // Not staff, staff of another department, a clerk: refused with the error body.
    for (const who of ['company1', 'citizen1', 'reviewer.psb', 'clerk1']) {
      const res = await change(await app.login(who), 'revoked');
      expect(res.status, who).toBe(403);
      expect(res.body.error.code).toBeTruthy();
    }
    const reviewer = await app.login('reviewer.amr');
    const suspended = await change(reviewer, 'suspended');
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    expect(await slot()).toBe(2);
    const mine = await api<CredentialView>(
      app,
      company1,
      'GET',
      `/api/v1/me/credentials/${licence.id}`,
    );
    expect(mine.body.statusReason).toBe('经营异常，暂停使用');
    // A suspended credential gets no new copies.
    const none = await api<ErrorBody>(
      app,
      company1,
      'POST',
      `/api/v1/me/credentials/${licence.id}/copies`,
      {
        holderKeys: [holderKey(holder)],
      },
    );
    expect(none.status).toBe(409);

    const verifier = await verifierFor();
    const shown = await present(copy.body.copies[0]!.sdJwt, holder, 'n1');
    await expect(
      verifier.verify(shown, { keyBindingNonce: 'n1', currentDate: now() }),
    ).rejects.toThrow(/Status is not valid/);

    expect((await change(reviewer, 'valid')).body.status).toBe('valid');
    expect(await slot()).toBe(0);
    expect((await change(await app.login('lead.amr'), 'revoked')).body.status).toBe('revoked');
    expect(await slot()).toBe(1);
    // Revocation is final.
    expect((await change(reviewer, 'valid')).status).toBe(409);
  });

  it('keeps a rotated key in the JWKS, and signs with the new one', async () => {
    const before = (await jwks()).filter((k) => k.kid.startsWith('amr:')).map((k) => k.kid);
    expect(before).toHaveLength(1);
    const rotated = await app.services.credentials.keys.rotate('amr');
    expect(rotated.retired).toBe(before[0]);
    const after = (await jwks()).map((k) => k.kid);
    expect(after).toContain(before[0]);
    expect(after).toContain(rotated.kid);
    // What is signed from now on is signed by the new key.
    expect((await app.services.credentials.keys.signer('amr')).kid).toBe(rotated.kid);
    const meta = await api<{ issuer: string; jwks_uri: string }>(
      app,
      null,
      'GET',
      '/.well-known/jwt-vc-issuer',
    );
    expect(meta.body.jwks_uri).toBe(`${meta.body.issuer}/.well-known/jwks.json`);
  });

  it('still verifies a copy signed before its department’s key was rotated', async () => {
    const wallet = await api<{ items: CredentialView[] }>(
      app,
      company1,
      'GET',
      '/api/v1/me/credentials',
    );
    // The seal filing record of the start-up (the licence is revoked by now).
    const record = wallet.body.items.find((c) => c.type === 'SealFilingRecord')!;
    expect(record.status).toBe('valid');
    const holder = fixtureKey();
    const copy = await api<{ copies: { sdJwt: string }[] }>(
      app,
      company1,
      'POST',
      `/api/v1/me/credentials/${record.id}/copies`,
      { holderKeys: [{ kty: 'EC', crv: 'P-256', x: holder.jwk.x, y: holder.jwk.y }] },
    );
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    const sdJwt = copy.body.copies[0]!.sdJwt;
    const signedBy = decodeProtectedHeader(sdJwt.split('~')[0]!).kid;

    const rotated = await app.services.credentials.keys.rotate(record.issuer.code);
    expect(rotated.retired).toBe(signedBy);
    app.clock.advance(1000);
    const claims = Object.keys(record.claims);
    expect(claims.length).toBeGreaterThan(0);
    const shown = await presentCopy(sdJwt, claims, holder, {
      aud: OFFLINE_AUDIENCE,
      nonce: 'after-rotation',
      iat: now(),
    });
    const res = await api<VerificationResult>(app, null, 'POST', '/api/v1/verifications', {
      presentation: shown,
    });
    expect(res.status).toBe(200);
    expect(res.body.valid, JSON.stringify(res.body.checks)).toBe(true);
    expect(res.body.checks.filter((c) => !c.passed)).toEqual([]);
    expect(res.body.credential).toMatchObject({ type: 'SealFilingRecord' });
    expect(res.body.disclosed).toEqual(record.claims);
  });
});

describe('issuer keys and window intake', () => {
  it('makes one key for a department however many ask for it at once', async () => {
    const signers = await Promise.all(
      Array.from({ length: 5 }, () => app.services.credentials.keys.signer('edu')),
    );
    expect(new Set(signers.map((s) => s.kid)).size).toBe(1);
    expect((await jwks()).filter((k) => k.kid.startsWith('edu:'))).toHaveLength(1);
  });

  it('issues the result of a window intake to the applicant’s own account, never to the clerk', async () => {
    const clerk1 = await app.login('clerk1');
    const guide = await guideOf(app, 'matter', 'judicial-legal-aid');
    const material = guide.materials.find((m) => m.id === 'case-materials')!;
    const materials = [
      { material: 'case-materials', fileId: await uploadFor(app, clerk1, material) },
      { material: 'financial-hardship-declaration', commitment: {} },
    ];
    const taken = await api<ApplicationView>(app, clerk1, 'POST', '/api/v1/applications', {
      matter: 'judicial-legal-aid',
      form: guide.form.examples[0],
      materials,
      applicant: { idNumber: '330681199003071233' },
      channel: 'window',
      originals: ['case-materials'],
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    await complete(taken.body);
    const clerkAccount = (await app.services.identity.authenticate(clerk1))!.accountId;
    const held = await app.db
      .selectFrom('credentials')
      .select(['holder_account', 'application_id'])
      .where('application_id', '=', taken.body.id)
      .execute();
    expect(held.length).toBeGreaterThan(0);
    expect(held.map((h) => h.holder_account)).not.toContain(clerkAccount);
    // 张伟 (citizen1) finds it in his own wallet.
    const wallet = await api<CredentialView[] | { items: CredentialView[] }>(
      app,
      citizen1,
      'GET',
      '/api/v1/me/credentials',
    );
    const items = Array.isArray(wallet.body) ? wallet.body : wallet.body.items;
    expect(items.map((c) => c.applicationId)).toContain(taken.body.id);
  });
});

describe('registry credentials', () => {
  let idCard: CredentialView;

  it('adds 张伟’s ID card with age_over_18 and province, masked, as a recorded read of his data', async () => {
    const res = await api<CredentialView>(
      app,
      citizen1,
      'POST',
      '/api/v1/me/credentials/registry',
      {
        type: 'ResidentIdCard',
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    idCard = res.body;
    expect(idCard.claims.idNumber).toBe('330681********1233');
    expect(idCard.claims.age_over_18).toBe(true);
    expect(idCard.claims.province).toBe('浙江省');
    expect(idCard.claims.name).toBe('张伟');
    expect(idCard.paper).toBe(false);
    expect(JSON.stringify(idCard)).not.toContain('330681199003071233');
    const again = await api<CredentialView>(
      app,
      citizen1,
      'POST',
      '/api/v1/me/credentials/registry',
      {
        type: 'ResidentIdCard',
      },
    );
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(idCard.id);
    const log = await api<{ items: DataAccess[] }>(app, citizen1, 'GET', '/api/v1/me/data-access');
    const read = log.body.items.find((a) => a.purpose === 'credential:ResidentIdCard');
    expect(read, JSON.stringify(log.body.items.map((a) => a.purpose))).toBeTruthy();
    expect(read!.items[0]).toMatchObject({ source: 'psb', item: 'population-basic' });
  });

  it('puts every claim and the derived ones in a copy, disclosable one by one', async () => {
    const res = await api<{ copies: { sdJwt: string }[] }>(
      app,
      citizen1,
      'POST',
      `/api/v1/me/credentials/${idCard.id}/copies`,
      { holderKeys: [holderKey(await ES256.generateKeyPair())] },
    );
    expect(res.status).toBe(201);
    const d = await decodeSdJwt(res.body.copies[0]!.sdJwt, digest);
    const claims: Record<string, unknown> = Object.fromEntries(
      d.disclosures.map((x): [string, unknown] => [String(x.key), x.value]),
    );
    expect(claims).toMatchObject({
      age_over_18: true,
      province: '浙江省',
      birthDate: '1990-03-07',
    });
    expect((d.jwt.payload as { cnf?: unknown }).cnf).toBeTruthy();
  });

  it('adds the household register and the driving licence; 404 without a record', async () => {
    const household = await api<CredentialView>(
      app,
      citizen1,
      'POST',
      '/api/v1/me/credentials/registry',
      {
        type: 'HouseholdRegister',
      },
    );
    expect(household.status).toBe(201);
    expect(household.body.claims.householdNumber).toBe('330681012345');
    const licence = await api<CredentialView>(
      app,
      citizen1,
      'POST',
      '/api/v1/me/credentials/registry',
      {
        type: 'DrivingLicence',
      },
    );
    expect(licence.status, JSON.stringify(licence.body)).toBe(201);
    expect(licence.body.claims.vehicleClass).toBe('C1');
    expect(licence.body.claims.licenceNumber).toBe('330681********1233');
    expect(licence.body.expiresAt).toBeTruthy();
    // 李娜, registered in Nanhu and living in Zhuji, holds a residence permit; 张伟 none.
    const permit = await api<CredentialView>(
      app,
      citizen2,
      'POST',
      '/api/v1/me/credentials/registry',
      { type: 'ResidencePermit' },
    );
    expect(permit.status, JSON.stringify(permit.body)).toBe(201);
    expect(permit.body.claims).toMatchObject({
      permitNumber: '330681202500321',
      idNumber: '330402********002X',
      province: '浙江省',
      age_over_18: true,
    });
    const noPermit = await api<ErrorBody>(
      app,
      citizen1,
      'POST',
      '/api/v1/me/credentials/registry',
      {
        type: 'ResidencePermit',
      },
    );
    expect(noPermit.status).toBe(404);
    // 李娜 has no vehicle, so no driving licence.
    const none = await api<ErrorBody>(app, citizen2, 'POST', '/api/v1/me/credentials/registry', {
      type: 'DrivingLicence',
    });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('CREDENTIAL_NO_RECORD');
    const zh = await app.server.inject({
      method: 'POST',
      url: '/api/v1/me/credentials/registry',
      payload: { type: 'DrivingLicence' },
      headers: { authorization: `Bearer ${citizen2}`, 'accept-language': 'zh-CN' },
    });
    expect(zh.json<ErrorBody>().error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('hides a credential from every other account (404) and refuses bad input with the error body', async () => {
    for (const token of [citizen2, company1]) {
      const get = await api<ErrorBody>(app, token, 'GET', `/api/v1/me/credentials/${idCard.id}`);
      expect(get.status).toBe(404);
      const copy = await api<ErrorBody>(
        app,
        token,
        'POST',
        `/api/v1/me/credentials/${idCard.id}/copies`,
        {
          holderKeys: [holderKey(await ES256.generateKeyPair())],
        },
      );
      expect(copy.status).toBe(404);
      expect(copy.body.error.code).toBe('CREDENTIAL_NOT_FOUND');
    }
    const good = holderKey(await ES256.generateKeyPair());
    const bad: [string, unknown][] = [
      ['wrong key shape', { holderKeys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] }],
      ['11 keys', { holderKeys: Array.from({ length: 11 }, () => good) }],
      ['no keys', { holderKeys: [] }],
      ['not a point', { holderKeys: [{ ...good, x: good.y, y: good.x }] }],
      ['not an object', 'holderKeys'],
    ];
    for (const [why, body] of bad) {
      const res = await api<ErrorBody>(
        app,
        citizen1,
        'POST',
        `/api/v1/me/credentials/${idCard.id}/copies`,
        body,
      );
      expect(res.status, why).toBeGreaterThanOrEqual(400);
      expect(res.status, why).toBeLessThan(500);
      expect(res.body.error.code, why).toBeTruthy();
    }
    const unknown = await api<ErrorBody>(app, citizen1, 'POST', '/api/v1/me/credentials/registry', {
      type: 'Passport',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBeTruthy();
    const anonymous = await api<ErrorBody>(app, null, 'GET', '/api/v1/me/credentials');
    expect(anonymous.status).toBe(401);
    const revoke = await api<ErrorBody>(
      app,
      citizen1,
      'POST',
      `/api/v1/credentials/${idCard.id}/status`,
      {
        status: 'revoked',
        reason: '自己撤销',
      },
    );
    expect(revoke.status).toBe(403);
    const noList = await api<ErrorBody>(app, null, 'GET', '/api/v1/status-lists/psb-999');
    expect(noList.status).toBe(404);
    expect(noList.body.error.code).toBe('CREDENTIAL_STATUS_LIST_NOT_FOUND');
  });

  it('makes a paper copy of a licence (no cnf) but not of an identity certificate', async () => {
    const paper = await app.services.credentials
      .paperCopy(licence.id, 'nobody')
      .catch((e: Error) => e);
    expect(paper).toBeInstanceOf(Error);
    await expect(app.services.credentials.paperCopy(idCard.id, idCard.id)).rejects.toThrow();
    const list = await api<{ items: CredentialView[] }>(
      app,
      company1,
      'GET',
      '/api/v1/me/credentials',
    );
    const valid = list.body.items.find((c) => c.paper && c.status === 'valid');
    expect(valid).toBeTruthy();
    const account = (await app.services.identity.authenticate(company1))!.accountId;
    const copy = await app.services.credentials.paperCopy(valid!.id, account);
    const d = await decodeSdJwt(copy.sdJwt, digest);
    expect((d.jwt.payload as { cnf?: unknown }).cnf).toBeUndefined();
    expect(copy.sdJwt.endsWith('~')).toBe(true);
    const citizen = (await app.services.identity.authenticate(citizen1))!.accountId;
    await expect(app.services.credentials.paperCopy(idCard.id, citizen)).rejects.toMatchObject({
      code: 'CREDENTIAL_NO_PAPER',
    });
  });
});
