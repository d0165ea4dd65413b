// The verifier's side over HTTP (docs/credentials.md, "Presenting", "Verifying"): requests
// answered once, holder QR codes and paper copies, refusals as 200 results naming the check,
// malformed bodies as error bodies, and the holder's history of verifications.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OFFLINE_AUDIENCE,
  type CredentialView,
  type ErrorBody,
  type HolderVerification,
  type VerificationResult,
} from '../../../shared/contracts/index.js';
import type { PresentationRequest } from '../../../shared/contracts/credentials.js';
import { api, completeStartup } from '../../../test/support/cases.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { fixtureKey, issueCopy, presentCopy, type FixtureKey } from './verify.fixtures.js';

let app: TestApp;
let citizen1: string;
let company1: string;
let verifier: string;
let idCard: CredentialView;
let licence: CredentialView;

type RequestState = PresentationRequest & { result: VerificationResult | null };
const now = () => Math.floor(app.clock.now().getTime() / 1000);

/** A fresh copy of `credential` bound to a new holder key made with node:crypto. */
async function copyOf(token: string, credential: CredentialView) {
  const holder = fixtureKey();
  const res = await api<{ copies: { sdJwt: string }[] }>(
    app,
    token,
    'POST',
    `/api/v1/me/credentials/${credential.id}/copies`,
    { holderKeys: [{ kty: 'EC', crv: 'P-256', x: holder.jwk.x, y: holder.jwk.y }] },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { sdJwt: res.body.copies[0]!.sdJwt, holder };
}

async function presentation(
  token: string,
  credential: CredentialView,
  claims: string[],
  kb: { aud: string; nonce: string; iat?: number },
  signer?: FixtureKey,
) {
  const { sdJwt, holder } = await copyOf(token, credential);
  return presentCopy(sdJwt, claims, signer ?? holder, { iat: now(), ...kb });
}

const createRequest = (types: string[], claims: string[]) =>
  api<PresentationRequest & ErrorBody>(app, verifier, 'POST', '/api/v1/verifications/requests', {
    types,
    claims,
    purpose: { zh: '住宿登记', en: 'Hotel registration' },
  });

const verify = (body: Record<string, unknown>, token: string | null = null) =>
  api<VerificationResult & ErrorBody>(app, token, 'POST', '/api/v1/verifications', body);

beforeAll(async () => {
  app = await createTestApp({ at: '2026-12-01T02:00:00Z' });
  citizen1 = await app.login('citizen1');
  company1 = await app.login('company1');
  verifier = await app.login('verifier1');
  const card = await api<CredentialView>(app, citizen1, 'POST', '/api/v1/me/credentials/registry', {
    type: 'ResidentIdCard',
  });
  expect(card.status, JSON.stringify(card.body)).toBe(201);
  idCard = card.body;
  // The start-up bundle: its BusinessLicence is issued when the application completes.
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

describe('a verifier’s request', () => {
  it('is answered by the wallet with name and age_over_18 only, once; the verifier’s page sees the result', async () => {
    const req = await createRequest(['ResidentIdCard'], ['name', 'age_over_18']);
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    const r = req.body;
    expect(r.state).toBe('pending');
    expect(r.clientId).toBe(`${app.config.publicUrl.replace(/\/$/, '')}/verifier/${r.id}`);
    expect(r.qr).toMatch(new RegExp(`/wallet/present\\?request=${r.id}$`));
    expect(r.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(r.verifier.length).toBeGreaterThan(0);

    // The wallet reads the request (no result for anyone but the verifier).
    const seenByWallet = await api<RequestState>(
      app,
      citizen1,
      'GET',
      `/api/v1/verifications/requests/${r.id}`,
    );
    expect(seenByWallet.status).toBe(200);
    expect(seenByWallet.body).toMatchObject({
      nonce: r.nonce,
      claims: ['name', 'age_over_18'],
      result: null,
    });

    const shown = await presentation(citizen1, idCard, ['name', 'age_over_18'], {
      aud: r.clientId,
      nonce: r.nonce,
    });
    const answer = await api<VerificationResult>(
      app,
      null,
      'POST',
      `/api/v1/verifications/requests/${r.id}/response`,
      {
        presentation: shown,
      },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.valid, JSON.stringify(answer.body.checks)).toBe(true);
    expect(answer.body.disclosed).toEqual({ name: '张伟', age_over_18: true });
    expect(answer.body.credential).toMatchObject({
      type: 'ResidentIdCard',
      issuer: { code: 'psb' },
    });
    expect(answer.body.id).toBeTruthy();

    const polled = await api<RequestState>(
      app,
      verifier,
      'GET',
      `/api/v1/verifications/requests/${r.id}`,
    );
    expect(polled.body.state).toBe('answered');
    expect(polled.body.result).toMatchObject({
      valid: true,
      disclosed: { name: '张伟', age_over_18: true },
    });
    const other = await api<RequestState>(
      app,
      null,
      'GET',
      `/api/v1/verifications/requests/${r.id}`,
    );
    expect(other.body.result).toBeNull();

    // Answered once: a second answer (even a valid one) is a 409 with the error body.
    const again = await api<ErrorBody>(
      app,
      null,
      'POST',
      `/api/v1/verifications/requests/${r.id}/response`,
      {
        presentation: await presentation(citizen1, idCard, ['name', 'age_over_18'], {
          aud: r.clientId,
          nonce: r.nonce,
        }),
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('VERIFICATION_REQUEST_ANSWERED');

    // What is kept: claim names, never values.
    const row = await app.db
      .selectFrom('credential_verifications')
      .selectAll()
      .where('id', '=', answer.body.id!)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.claims)).toEqual(['age_over_18', 'name']);
    expect(row.result).not.toContain('张伟');
    expect(row.credential_id).toBe(idCard.id);

    // The holder sees it in their history.
    const history = await api<{ items: HolderVerification[] }>(
      app,
      citizen1,
      'GET',
      '/api/v1/me/credentials/verifications',
    );
    expect(history.status).toBe(200);
    expect(history.body.items[0]).toMatchObject({
      id: answer.body.id,
      verifier: r.verifier,
      purpose: { zh: '住宿登记' },
      credentialId: idCard.id,
      credentialName: { zh: idCard.name.zh },
      claims: ['age_over_18', 'name'],
      valid: true,
      mode: 'request',
    });
    expect(JSON.stringify(history.body)).not.toContain('张伟');
    // Nobody else sees it.
    const theirs = await api<{ items: HolderVerification[] }>(
      app,
      company1,
      'GET',
      '/api/v1/me/credentials/verifications',
    );
    expect(theirs.body.items.map((i) => i.id)).not.toContain(answer.body.id);
  });

  it('answered through POST /api/v1/verifications with requestId too; refusals are 200 naming the check', async () => {
    const r = (await createRequest(['ResidentIdCard'], ['name', 'age_over_18'])).body;
    const wrongNonce = await presentation(citizen1, idCard, ['name', 'age_over_18'], {
      aud: r.clientId,
      nonce: 'not-the-nonce',
    });
    const res = await verify({ presentation: wrongNonce, requestId: r.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: false, failedCheck: 'nonce', disclosed: {} });
    // The request was answered (by a refusal): the verifier's page shows it, and it is closed.
    const polled = await api<RequestState>(
      app,
      verifier,
      'GET',
      `/api/v1/verifications/requests/${r.id}`,
    );
    expect(polled.body.result?.failedCheck).toBe('nonce');

    const r2 = (await createRequest(['ResidentIdCard'], ['name', 'age_over_18'])).body;
    const missing = await presentation(citizen1, idCard, ['name'], {
      aud: r2.clientId,
      nonce: r2.nonce,
    });
    expect((await verify({ presentation: missing, requestId: r2.id })).body.failedCheck).toBe(
      'claims',
    );

    const r3 = (await createRequest(['BusinessLicence'], ['companyName'])).body;
    const wrongType = await presentation(citizen1, idCard, ['name'], {
      aud: r3.clientId,
      nonce: r3.nonce,
    });
    expect((await verify({ presentation: wrongType, requestId: r3.id })).body.failedCheck).toBe(
      'claims',
    );

    const r4 = (await createRequest(['ResidentIdCard'], ['name'])).body;
    const otherAud = await presentation(citizen1, idCard, ['name'], {
      aud: r.clientId,
      nonce: r4.nonce,
    });
    expect((await verify({ presentation: otherAud, requestId: r4.id })).body.failedCheck).toBe(
      'audience',
    );
  });

  it('takes one of two answers sent at once; the other is a 409, never a 500', async () => {
    const r = (await createRequest(['ResidentIdCard'], ['name'])).body;
    const shown = await Promise.all(
      [0, 1].map(() =>
        presentation(citizen1, idCard, ['name'], { aud: r.clientId, nonce: r.nonce }),
      ),
    );
    const answers = await Promise.all(
      shown.map((p) =>
        api<VerificationResult & ErrorBody>(
          app,
          null,
          'POST',
          `/api/v1/verifications/requests/${r.id}/response`,
          {
            presentation: p,
          },
        ),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 200)!.body.valid).toBe(true);
  });

  it('expires after 5 minutes: refused with 409, shown as expired', async () => {
    const r = (await createRequest(['ResidentIdCard'], ['name'])).body;
    const shown = await presentation(citizen1, idCard, ['name'], {
      aud: r.clientId,
      nonce: r.nonce,
    });
    app.clock.advance(301_000);
    const res = await api<ErrorBody>(
      app,
      null,
      'POST',
      `/api/v1/verifications/requests/${r.id}/response`,
      { presentation: shown },
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('VERIFICATION_REQUEST_EXPIRED');
    const polled = await api<RequestState>(
      app,
      verifier,
      'GET',
      `/api/v1/verifications/requests/${r.id}`,
    );
    expect(polled.body.state).toBe('expired');
  });

  it('is made by verifiers only, for known types; unknown ids are 404, bad bodies an error body', async () => {
    const byCitizen = await api<ErrorBody>(
      app,
      citizen1,
      'POST',
      '/api/v1/verifications/requests',
      {
        types: ['ResidentIdCard'],
        claims: ['name'],
        purpose: { zh: '住宿登记', en: 'Hotel' },
      },
    );
    expect(byCitizen.status).toBe(403);
    const anonymous = await api<ErrorBody>(app, null, 'POST', '/api/v1/verifications/requests', {
      types: ['ResidentIdCard'],
      claims: ['name'],
      purpose: { zh: '住宿登记', en: 'Hotel' },
    });
    expect(anonymous.status).toBe(401);
    const unknown = await createRequest(['Passport'], ['name']);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('VERIFICATION_TYPE_UNKNOWN');
    const none = await api<ErrorBody>(app, null, 'GET', '/api/v1/verifications/requests/nope');
    expect(none.status).toBe(404);
    const noAnswer = await api<ErrorBody>(
      app,
      null,
      'POST',
      '/api/v1/verifications/requests/nope/response',
      { presentation: 'x~' },
    );
    expect(noAnswer.status).toBe(404);
    for (const body of [
      {},
      { presentation: '' },
      { presentation: 'a'.repeat(20_000) },
      { presentation: 42 },
    ]) {
      const res = await verify(body);
      expect([400, 422], JSON.stringify(body).slice(0, 40)).toContain(res.status);
      expect(res.body.error.code).toBeTruthy();
    }
  });
});

describe('a holder’s QR code and a paper copy', () => {
  it('accepts a holder QR once (a replay is refused), names the signed-in verifier, 匿名 otherwise', async () => {
    const shown = await presentation(citizen1, idCard, ['age_over_18'], {
      aud: OFFLINE_AUDIENCE,
      nonce: 'wallet-nonce',
    });
    const first = await verify({ presentation: shown });
    app.clock.advance(1000);
    expect(first.status).toBe(200);
    expect(first.body.valid, JSON.stringify(first.body.checks)).toBe(true);
    expect(first.body.disclosed).toEqual({ age_over_18: true });
    const replay = await verify({ presentation: shown }, verifier);
    expect(replay.body).toMatchObject({ valid: false, failedCheck: 'replay' });
    const history = await api<{ items: HolderVerification[] }>(
      app,
      citizen1,
      'GET',
      '/api/v1/me/credentials/verifications',
    );
    const [latest, before] = history.body.items;
    expect(latest).toMatchObject({
      id: replay.body.id,
      valid: false,
      mode: 'holder-qr',
      claims: ['age_over_18'],
    });
    expect(latest!.verifier).not.toBe('匿名');
    expect(before).toMatchObject({
      id: first.body.id,
      verifier: '匿名',
      valid: true,
      purpose: null,
    });
  });

  it('refuses a stale holder QR, a request’s presentation shown as QR, and text that is not ours', async () => {
    const stale = await presentation(citizen1, idCard, ['name'], {
      aud: OFFLINE_AUDIENCE,
      nonce: 'n',
      iat: now() - 61,
    });
    expect((await verify({ presentation: stale })).body.failedCheck).toBe('freshness');
    const addressed = await presentation(citizen1, idCard, ['name'], {
      aud: 'https://elsewhere.example/verifier/1',
      nonce: 'n',
    });
    expect((await verify({ presentation: addressed })).body.failedCheck).toBe('audience');
    const stolen = await presentation(
      citizen1,
      idCard,
      ['name'],
      { aud: OFFLINE_AUDIENCE, nonce: 'n' },
      fixtureKey(),
    );
    expect((await verify({ presentation: stolen })).body.failedCheck).toBe('key-binding');
    for (const text of ['https://example.com/pay?id=1', 'hello', '~~~', 'eyJ.eyJ.x~']) {
      const res = await verify({ presentation: text });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ valid: false, failedCheck: 'format' });
    }
  });

  it('verifies the start-up’s BusinessLicence end to end: wallet copy, paper copy, then suspended and revoked', async () => {
    const shown = await presentation(company1, licence, ['companyName', 'creditCode'], {
      aud: OFFLINE_AUDIENCE,
      nonce: 'n1',
    });
    const ok = await verify({ presentation: shown }, verifier);
    expect(ok.body.valid, JSON.stringify(ok.body.checks)).toBe(true);
    expect(ok.body.credential).toMatchObject({ type: 'BusinessLicence', issuer: { code: 'amr' } });
    expect(Object.keys(ok.body.disclosed).sort()).toEqual(['companyName', 'creditCode']);
    expect(ok.body.disclosed['companyName']).toBe(licence.claims['companyName']);

    const account = (await app.services.identity.authenticate(company1))!.accountId;
    const paper = await app.services.credentials.paperCopy(licence.id, account);
    app.clock.advance(1000);
    const printed = await verify({ presentation: paper.sdJwt });
    expect(printed.body.valid, JSON.stringify(printed.body.checks)).toBe(true);
    const history = await api<{ items: HolderVerification[] }>(
      app,
      company1,
      'GET',
      '/api/v1/me/credentials/verifications',
    );
    expect(history.body.items[0]).toMatchObject({
      id: printed.body.id,
      mode: 'paper',
      credentialId: licence.id,
    });

    // The issuing department suspends it: the very next verification says so.
    const reviewer = await app.login('reviewer.amr');
    const change = (status: string) =>
      api(app, reviewer, 'POST', `/api/v1/credentials/${licence.id}/status`, {
        status,
        reason: '经营异常，暂停使用',
      });
    expect((await change('suspended')).status).toBe(200);
    const suspended = await verify({ presentation: paper.sdJwt });
    expect(suspended.body.failedCheck).toBe('status');
    expect(suspended.body.checks.at(-1)!.detail?.en).toMatch(/suspended/);
    expect((await change('valid')).status).toBe(200);
    expect((await verify({ presentation: paper.sdJwt })).body.valid).toBe(true);
    expect((await change('revoked')).status).toBe(200);
    const revoked = await verify({ presentation: paper.sdJwt });
    expect(revoked.body.checks.at(-1)!.detail?.en).toMatch(/revoked/);
  });
});

describe('a presentation that is not what it claims, through POST /api/v1/verifications', () => {
  const issuer = () => app.config.publicUrl.replace(/\/$/, '');

  /** Posts `text` and expects a 200 refusal naming `check`, disclosing nothing. */
  async function refused(text: string, check: string) {
    const res = await verify({ presentation: text });
    expect(res.status, text.slice(0, 60)).toBe(200);
    expect(res.body, check).toMatchObject({ valid: false, failedCheck: check, disclosed: {} });
    expect(res.body.checks.at(-1)).toMatchObject({ check, passed: false });
    expect(res.body.checks.filter((c) => !c.passed)).toHaveLength(1);
  }

  /** Our police key id (the JWKS), which the ID cards are signed with. */
  async function psbKid(): Promise<string> {
    const res = await api<{ keys: { kid: string }[] }>(app, null, 'GET', '/.well-known/jwks.json');
    const kid = res.body.keys.find((k) => k.kid.startsWith('psb:'))?.kid;
    expect(kid).toBeTruthy();
    return kid!;
  }

  /** A well-formed ID card copy of our issuer id, signed by a key we never made. */
  async function forged(issuerKey: FixtureKey, header: Record<string, unknown> = {}) {
    const holder = fixtureKey();
    const copy = await issueCopy({
      issuerKey,
      type: 'ResidentIdCard',
      claims: { name: '张伟', age_over_18: true },
      holder,
      listId: 'psb-1',
      idx: 0,
      iat: now() - 60,
      exp: now() + 86_400,
      iss: issuer(),
      header,
    });
    return presentCopy(copy, ['name'], holder, { aud: OFFLINE_AUDIENCE, nonce: 'n', iat: now() });
  }

  it('refuses a tampered disclosure → disclosures', async () => {
    const shown = await presentation(citizen1, idCard, ['name'], {
      aud: OFFLINE_AUDIENCE,
      nonce: 'tampered',
    });
    const parts = shown.split('~');
    const disclosure = Buffer.from(parts[1]!, 'base64url').toString();
    expect(disclosure).toContain('张伟');
    parts[1] = Buffer.from(disclosure.replace('张伟', '李四')).toString('base64url');
    await refused(parts.join('~'), 'disclosures');
  });

  it('refuses a copy once it has expired → expiry', async () => {
    const { sdJwt, holder } = await copyOf(citizen1, idCard);
    const exp = JSON.parse(Buffer.from(sdJwt.split('.')[1]!, 'base64url').toString()) as {
      exp: number;
    };
    const at = app.clock.now();
    try {
      app.clock.set(new Date((exp.exp + 60) * 1000));
      const shown = await presentCopy(sdJwt, ['name'], holder, {
        aud: OFFLINE_AUDIENCE,
        nonce: 'expired',
        iat: now(),
      });
      await refused(shown, 'expiry');
    } finally {
      app.clock.set(at);
    }
  });

  it('refuses our issuer id signed by a key not ours → issuer; by another key under our kid → signature', async () => {
    await refused(await forged(fixtureKey('psb:20261201:forged')), 'issuer');
    await refused(await forged(fixtureKey(await psbKid())), 'signature');
  });

  it('refuses a header with typ jwt → typ, and alg none → alg', async () => {
    await refused(await forged(fixtureKey(await psbKid()), { typ: 'jwt' }), 'typ');
    const shown = await presentation(citizen1, idCard, ['name'], {
      aud: OFFLINE_AUDIENCE,
      nonce: 'alg-none',
    });
    const [jwt, ...rest] = shown.split('~');
    const [header, payload] = jwt!.split('.') as [string, string];
    const none = {
      ...(JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>),
      alg: 'none',
    };
    const unsigned = `${Buffer.from(JSON.stringify(none)).toString('base64url')}.${payload}.`;
    await refused([unsigned, ...rest].join('~'), 'alg');
  });

  it('refuses a QR payload that is not ours (random text) → format', async () => {
    for (const text of [
      randomBytes(48).toString('base64url'),
      randomBytes(32).toString('hex') + '~' + randomBytes(8).toString('hex') + '~',
      'WIFI:S:hotel;T:WPA;P:12345678;;',
    ])
      await refused(text, 'format');
  });
});
