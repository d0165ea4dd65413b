import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type {
  ApplicationView,
  CredentialView,
  ErrorBody,
  HolderVerification,
  VerificationResult,
} from '../../../shared/contracts/index.js';
import { CREDENTIAL_TYP } from '../../../shared/contracts/credentials.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api, guideOf, satisfyMaterials, approveAll } from '../../../test/support/cases.js';

// The paper form through HTTP: the holder prints a BusinessLicence, a scanner reads its QR
// code, and the verifier accepts what it read as a paper copy.

let app: TestApp;
let company1: string;
let licence: CredentialView;

const complete = (start: ApplicationView) => approveAll(app, start);

async function paper(token: string | null, id: string) {
  const res = await app.server.inject({
    url: `/api/v1/me/credentials/${encodeURIComponent(id)}/paper.pdf`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, body: res.body };
}

/** What a scanner reads from page 1 (poppler at 200 dpi, zbar). */
function scan(pdf: Buffer): string {
  const png = spawnSync('pdftoppm', ['-png', '-r', '200', '-f', '1', '-l', '1', '-'], {
    input: pdf,
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(png.status, png.stderr.toString()).toBe(0);
  const zbar = spawnSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', '-'], {
    input: png.stdout,
    maxBuffer: 16 * 1024 * 1024,
  });
  expect(zbar.status, zbar.stderr.toString()).toBe(0);
  return zbar.stdout.toString('utf8').replace(/\n$/, '');
}

function textOf(pdf: Buffer): string {
  const out = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf });
  expect(out.status, out.stderr.toString()).toBe(0);
  return out.stdout.toString().replace(/\s+/g, '');
}

beforeAll(async () => {
  app = await createTestApp({ at: '2026-12-01T02:00:00Z' });
  company1 = await app.login('company1');
  const startup = await guideOf(app, 'bundle', 'enterprise-startup');
  const submitted = await api<ApplicationView>(app, company1, 'POST', '/api/v1/applications', {
    bundle: 'enterprise-startup',
    form: startup.form.examples[0],
    materials: await satisfyMaterials(app, company1, startup),
    consent: { fetch: true },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  app.clock.advance(60_000);
  await complete(submitted.body);
  const mine = await api<{ items: CredentialView[] }>(
    app,
    company1,
    'GET',
    '/api/v1/me/credentials',
  );
  const found = mine.body.items.find((c) => c.type === 'BusinessLicence');
  expect(found?.paper).toBe(true);
  licence = found!;
});

afterAll(async () => {
  await app?.cleanup();
});

describe('GET /api/v1/me/credentials/{id}/paper.pdf', () => {
  let printed: Awaited<ReturnType<typeof paper>>;
  let scanned: string;
  beforeAll(async () => {
    app.clock.advance(60_000);
    printed = await paper(company1, licence.id);
    expect(printed.status, printed.body.slice(0, 500)).toBe(200);
    scanned = scan(printed.bytes);
  }, 60_000);

  it('is the holder’s PDF, inline, not cached, with the type, the labels and the claims', () => {
    expect(printed.headers['content-type']).toBe('application/pdf');
    expect(printed.headers['content-disposition']).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent('营业执照-电子证照纸质件.pdf')}`,
    );
    expect(printed.headers['cache-control']).toBe('private, no-store');
    expect(printed.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = textOf(printed.bytes);
    expect(text).toContain('营业执照电子证照纸质件');
    for (const label of ['发证机关', '统一社会信用代码', '名称', '法定代表人', '成立日期'])
      expect(text).toContain(label);
    expect(text).toContain(String(licence.claims.creditCode));
    expect(text).toContain(String(licence.claims.companyName).replace(/\s+/g, ''));
    expect(text).toContain('打印时状态');
    expect(text).toContain('/verify或用核验终端扫码');
  });

  it('carries a paper copy: dc+sd-jwt, no holder key, every claim disclosed, signed by a JWKS key', async () => {
    const [jwt, ...rest] = scanned.split('~');
    expect(scanned.endsWith('~')).toBe(true);
    const header = decodeProtectedHeader(jwt!);
    expect(header.typ).toBe(CREDENTIAL_TYP);
    expect(header.alg).toBe('ES256');
    const payload = decodeJwt(jwt!);
    expect(payload.cnf).toBeUndefined();
    expect(payload.vct).toBe('urn:cn:onetrip:BusinessLicence:1');
    const disclosed = rest
      .filter(Boolean)
      .map((d) => (JSON.parse(Buffer.from(d, 'base64url').toString()) as unknown[])[1]);
    for (const claim of ['creditCode', 'companyName', 'legalRepresentativeName', 'establishedOn'])
      expect(disclosed).toContain(claim);
    const jwks = await api<{ keys: (JWK & { kid: string })[] }>(
      app,
      null,
      'GET',
      '/.well-known/jwks.json',
    );
    const key = jwks.body.keys.find((k) => k.kid === header.kid);
    expect(key, `kid ${String(header.kid)} in the JWKS`).toBeTruthy();
    await expect(compactVerify(jwt!, await importJWK(key!, 'ES256'))).resolves.toBeTruthy();
  });

  it('is accepted by POST /api/v1/verifications as a paper copy, and the holder sees it', async () => {
    const res = await api<VerificationResult>(app, null, 'POST', '/api/v1/verifications', {
      presentation: scanned,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.valid, JSON.stringify(res.body.checks)).toBe(true);
    expect(res.body.failedCheck).toBeNull();
    expect(res.body.credential?.type).toBe('BusinessLicence');
    expect(res.body.disclosed.creditCode).toBe(licence.claims.creditCode);
    const history = await api<{ items: HolderVerification[] }>(
      app,
      company1,
      'GET',
      '/api/v1/me/credentials/verifications',
    );
    expect(history.status).toBe(200);
    const seen = history.body.items.find((v) => v.credentialId === licence.id);
    expect(seen?.mode).toBe('paper');
    expect(seen?.valid).toBe(true);
  });

  it('prints a fresh copy each time (its own status slot and salts)', async () => {
    const again = await paper(company1, licence.id);
    expect(again.status).toBe(200);
    expect(scan(again.bytes)).not.toBe(scanned);
  }, 60_000);

  it('is 401 signed out and 404 for another account’s credential or an unknown id', async () => {
    expect((await paper(null, licence.id)).status).toBe(401);
    const citizen = await app.login('citizen2');
    for (const id of [licence.id, 'no-such-credential']) {
      const res = await paper(citizen, id);
      expect(res.status, id).toBe(404);
      expect((JSON.parse(res.body) as ErrorBody).error.code).toBe('CREDENTIAL_NOT_FOUND');
    }
  });

  it('has no paper form of an identity certificate: a clear 409, not a 500', async () => {
    const citizen = await app.login('citizen1');
    const added = await api<CredentialView>(
      app,
      citizen,
      'POST',
      '/api/v1/me/credentials/registry',
      { type: 'ResidentIdCard' },
    );
    expect(added.status, JSON.stringify(added.body)).toBeLessThan(300);
    expect(added.body.paper).toBe(false);
    const res = await paper(citizen, added.body.id);
    expect(res.status).toBe(409);
    const body = JSON.parse(res.body) as ErrorBody;
    expect(body.error.code).toBe('CREDENTIAL_NO_PAPER');
    expect(body.error.message).toContain('纸质');
  });

  it('leaves the identity number out of a proof’s QR code: printed masked, verified without it', async () => {
    // 张伟's e-proof of no criminal record, as the police's decision would issue it.
    const citizen = await app.login('citizen1');
    const account = (await app.services.identity.authenticate(citizen))!.accountId;
    const proof = await app.db.transaction().execute((tx) =>
      app.services.credentials.credentials.issue(tx, {
        dedupeKey: `test:${account}:NoCriminalRecordProof`,
        holderAccount: account,
        type: 'NoCriminalRecordProof',
        issuer: 'psb',
        source: 'application',
        applicationId: null,
        receiptNo: null,
        claims: { proofNumber: 'WF2026-0001', idNumber: '330681199003071233' },
        expiresAt: null,
        subjectKey: '330681199003071233',
        actor: 'department:psb',
        actorRole: 'issuer',
      }),
    );
    const res = await paper(citizen, proof.id);
    expect(res.status, res.body.slice(0, 300)).toBe(200);
    expect(textOf(res.bytes)).toContain('330681********1233');
    const qr = scan(res.bytes);
    expect(qr).not.toContain('330681199003071233');
    const names = qr
      .split('~')
      .slice(1)
      .filter(Boolean)
      .map((d) => (JSON.parse(Buffer.from(d, 'base64url').toString()) as unknown[])[1]);
    expect(names).toContain('proofNumber');
    expect(names).not.toContain('idNumber');
    const check = await api<VerificationResult>(app, null, 'POST', '/api/v1/verifications', {
      presentation: qr,
    });
    expect(check.body.valid, JSON.stringify(check.body.checks)).toBe(true);
    expect(check.body.disclosed.proofNumber).toBe('WF2026-0001');
    expect(check.body.disclosed).not.toHaveProperty('idNumber');
  });

  it('prints no revoked credential', async () => {
    const reviewer = await app.login('reviewer.amr');
    const revoked = await api(app, reviewer, 'POST', `/api/v1/credentials/${licence.id}/status`, {
      status: 'revoked',
      reason: '企业已注销',
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    const res = await paper(company1, licence.id);
    expect(res.status).toBe(409);
    expect((JSON.parse(res.body) as ErrorBody).error.code).toBe('CREDENTIAL_NOT_VALID');
    // The copy printed before is refused by its status now.
    const check = await api<VerificationResult>(app, null, 'POST', '/api/v1/verifications', {
      presentation: scanned,
    });
    expect(check.body.valid).toBe(false);
    expect(check.body.failedCheck).toBe('status');
  });
});
