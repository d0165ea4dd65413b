// An issuing department whose key an HSM keeps (docs/credentials.md, "Issuer keys"): the
// platform publishes the HSM's public key, signs the start-up's licence and its status list
// through the callback, verifies what it signed, and never holds the private key.
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OFFLINE_AUDIENCE,
  type CredentialView,
  type ErrorBody,
  type VerificationResult,
} from '../../../shared/contracts/index.js';
import { api, completeStartup } from '../../../test/support/cases.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { ExternalCredentialSigner, PublicJwk } from './credentials.keys.js';
import { fixtureKey, presentCopy } from './verify.fixtures.js';

const HSM_KID = 'amr:20261201:hsm-1';

/** A fake HSM: a P-256 key only its closure sees, counting what it signs. */
function fakeHsm(kid: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pub = publicKey.export({ format: 'jwk' });
  const secret = String(privateKey.export({ format: 'jwk' }).d);
  let calls = 0;
  let broken = false;
  const signer: ExternalCredentialSigner = {
    kid,
    publicJwk: { kty: 'EC', crv: 'P-256', x: String(pub.x), y: String(pub.y) },
    sign(data) {
      calls++;
      const signature = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
      if (broken) signature[10] = (signature[10] ?? 0) ^ 0xff;
      return Promise.resolve(new Uint8Array(signature));
    },
  };
  return {
    signer,
    secret,
    calls: () => calls,
    /** From now on the HSM answers signatures its public key does not verify. */
    breakDown: () => {
      broken = true;
    },
  };
}

let app: TestApp;
let company1: string;
let licence: CredentialView;
const hsm = fakeHsm(HSM_KID);
const now = () => Math.floor(app.clock.now().getTime() / 1000);

beforeAll(async () => {
  app = await createTestApp({ overrides: { credentialSigners: { amr: hsm.signer } } });
  company1 = await app.login('company1');
  await completeStartup(app, company1);
  const mine = await api<{ items: CredentialView[] }>(
    app,
    company1,
    'GET',
    '/api/v1/me/credentials',
  );
  licence = mine.body.items.find((c) => c.type === 'BusinessLicence')!;
  expect(licence).toBeTruthy();
});

afterAll(async () => {
  await app?.cleanup();
});

describe('an issuing department whose key an HSM keeps', () => {
  it('publishes the HSM’s key in the JWKS', async () => {
    const res = await api<{ keys: PublicJwk[] }>(app, null, 'GET', '/.well-known/jwks.json');
    expect(res.status).toBe(200);
    const published = res.body.keys.find((k) => k.kid === HSM_KID);
    expect(published).toMatchObject({
      ...hsm.signer.publicJwk,
      alg: 'ES256',
      use: 'sig',
    });
  });

  it('signs the start-up’s licence with the HSM, and the verifier accepts it on every check', async () => {
    const before = hsm.calls();
    const holder = fixtureKey();
    const copies = await api<{ copies: { sdJwt: string }[] }>(
      app,
      company1,
      'POST',
      `/api/v1/me/credentials/${licence.id}/copies`,
      { holderKeys: [{ kty: 'EC', crv: 'P-256', x: holder.jwk.x, y: holder.jwk.y }] },
    );
    expect(copies.status, JSON.stringify(copies.body)).toBe(201);
    const sdJwt = copies.body.copies[0]!.sdJwt;
    const header = JSON.parse(Buffer.from(sdJwt.split('.')[0]!, 'base64url').toString()) as {
      kid: string;
    };
    expect(header.kid).toBe(HSM_KID);
    expect(hsm.calls()).toBeGreaterThan(before);

    const shown = await presentCopy(sdJwt, ['companyName', 'creditCode'], holder, {
      aud: OFFLINE_AUDIENCE,
      nonce: 'hsm-nonce',
      iat: now(),
    });
    const res = await api<VerificationResult>(app, null, 'POST', '/api/v1/verifications', {
      presentation: shown,
    });
    expect(res.status).toBe(200);
    expect(res.body.valid, JSON.stringify(res.body.checks)).toBe(true);
    expect(res.body.checks.filter((c) => !c.passed)).toEqual([]);
    // The status list was signed by the HSM too, and checked.
    expect(res.body.checks.map((c) => c.check)).toEqual(
      expect.arrayContaining(['issuer', 'signature', 'status']),
    );
    expect(res.body.credential).toMatchObject({ type: 'BusinessLicence', issuer: { code: 'amr' } });
    expect(res.body.disclosed['companyName']).toBe(licence.claims['companyName']);
  });

  it('keeps only the HSM’s public key and a handle in the keys table, as the active key', async () => {
    const rows = await app.db.selectFrom('credential_issuer_keys').selectAll().execute();
    const row = rows.find((r) => r.kid === HSM_KID);
    expect(row).toMatchObject({ department: 'amr', active_for: 'amr', private_key: 'external' });
    expect(JSON.parse(row!.public_jwk)).toMatchObject(hsm.signer.publicJwk);
    for (const r of rows) expect(JSON.stringify(r)).not.toContain(hsm.secret);
  });

  it('refuses to rotate a key the HSM keeps (the CLI’s rotate-key), leaving it the only amr key', async () => {
    await expect(app.services.credentials.keys.rotate('amr')).rejects.toMatchObject({
      status: 409,
      code: 'CREDENTIAL_KEY_EXTERNAL',
    });
    const keys = await api<{ keys: PublicJwk[] }>(app, null, 'GET', '/.well-known/jwks.json');
    expect(keys.body.keys.filter((k) => k.kid.startsWith('amr:')).map((k) => k.kid)).toEqual([
      HSM_KID,
    ]);
  });

  it('answers 503 with the error body, and issues no copy, when the HSM’s signature is wrong', async () => {
    const copiesHeld = () =>
      app.db
        .selectFrom('credential_copies')
        .select('id')
        .where('credential_id', '=', licence.id)
        .execute();
    const held = (await copiesHeld()).length;
    hsm.breakDown();
    const holder = fixtureKey();
    const res = await api<ErrorBody>(
      app,
      company1,
      'POST',
      `/api/v1/me/credentials/${licence.id}/copies`,
      { holderKeys: [{ kty: 'EC', crv: 'P-256', x: holder.jwk.x, y: holder.jwk.y }] },
    );
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('CREDENTIAL_KEY_UNAVAILABLE');
    expect(await copiesHeld()).toHaveLength(held);
  });
});
