import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorBodySchema,
  type ApplicationView,
  type CredentialView,
  type DepartmentCredential,
  type ErrorBody,
} from '../../../shared/contracts/index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import {
  api,
  approveAll,
  completeStartup,
  NEWBORN_PARENTS,
  submitNewborn,
} from '../../../test/support/cases.js';
import { findIdNumbers } from '../../platform/logging/index.js';
import { buildIdNumber } from '../identity/index.js';

let app: TestApp;
let company1: string;
let startup: ApplicationView;
let newborn: ApplicationView;

/** The newborn's identity number (synthetic, valid check character). */
const CHILD_ID_NUMBER = buildIdNumber({
  division: '330681',
  birthDate: '2026-11-30',
  sequence: 13,
});

type Listed = { items: DepartmentCredential[] } & ErrorBody;

const list = (token: string, receiptNo: string) =>
  api<Listed>(app, token, 'GET', `/api/v1/credentials?receiptNo=${encodeURIComponent(receiptNo)}`);

const change = (token: string, id: string, status: string, reason: string) =>
  api<DepartmentCredential & ErrorBody>(app, token, 'POST', `/api/v1/credentials/${id}/status`, {
    status,
    reason,
  });

/** The holder's own view of a credential (what the wallet shows). */
const held = async (id: string) =>
  (await api<CredentialView>(app, company1, 'GET', `/api/v1/me/credentials/${id}`)).body;

/** The one error body of STYLE.md, with a code. */
function expectErrorBody(body: unknown, code?: string): void {
  expect(ErrorBodySchema.safeParse(body).success, JSON.stringify(body)).toBe(true);
  if (code) expect((body as ErrorBody).error.code).toBe(code);
}

beforeAll(async () => {
  app = await createTestApp({ at: '2026-12-01T02:00:00Z' });
  company1 = await app.login('company1');
  startup = await completeStartup(app, company1);
  // 出生一件事 by citizen1, every step approved; 公安 gives the child's identity number in the
  // household register (the number the list must never show in full).
  newborn = await approveAll(app, await submitNewborn(app, await app.login('citizen1')), {
    psb: { idNumber: CHILD_ID_NUMBER, name: '张小宇' },
  });
});

afterAll(async () => {
  await app?.cleanup();
});

describe('a department finds the credentials it issued by receipt number', () => {
  it('lists the business licence for a reviewer of amr, with dates, status and holder only', async () => {
    const res = await list(await app.login('reviewer.amr'), startup.receiptNo);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    // Only what amr issued: the other departments' outputs of the bundle are not listed.
    expect(res.body.items.every((c) => c.vct.startsWith('urn:cn:onetrip:'))).toBe(true);
    const types = res.body.items.map((c) => c.type);
    expect(types).toContain('BusinessLicence');
    expect(types).not.toContain('SealFilingRecord');
    const licence = res.body.items.find((c) => c.type === 'BusinessLicence')!;
    expect(licence.name).toEqual({ zh: '营业执照', en: 'Business licence' });
    expect(licence.vct).toBe('urn:cn:onetrip:BusinessLicence:1');
    expect(licence.status).toBe('valid');
    expect(licence.statusReason).toBeNull();
    expect(licence.receiptNo).toBe(startup.receiptNo);
    expect(licence.issuedAt).toMatch(/^2026-12-01T/);
    const mine = await held(licence.id);
    expect(licence.holder).toEqual({
      name: mine.claims.companyName,
      number: mine.claims.creditCode,
    });
    // No claims beyond whom it is about.
    expect(Object.keys(licence).sort()).toEqual(
      [
        'expiresAt',
        'holder',
        'id',
        'issuedAt',
        'name',
        'receiptNo',
        'status',
        'statusReason',
        'type',
        'vct',
      ].sort(),
    );
    expect(JSON.stringify(res.body)).not.toContain(String(mine.claims.legalRepresentativeName));
  });

  it('masks every identity number: the household register of a newborn shows 330681********…', async () => {
    const res = await list(await app.login('reviewer.psb'), newborn.receiptNo);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const register = res.body.items.find((c) => c.type === 'HouseholdRegister');
    expect(register, JSON.stringify(res.body)).toBeDefined();
    expect(register!.holder).toEqual({
      name: '张小宇',
      number: `330681********${CHILD_ID_NUMBER.slice(-4)}`,
    });
    const text = JSON.stringify(res.body);
    expect(findIdNumbers(text)).toEqual([]);
    expect(text).not.toContain(NEWBORN_PARENTS.father);
    expect(text).not.toContain(NEWBORN_PARENTS.mother);
    expect(text).not.toContain(CHILD_ID_NUMBER);
    expect(text).not.toContain(CHILD_ID_NUMBER.slice(6, 14));
  });

  it('answers an empty list for an unknown receipt, and for one the department issued nothing for', async () => {
    const reviewer = await app.login('reviewer.amr');
    const unknown = await list(reviewer, 'NO-SUCH-RECEIPT-1');
    expect(unknown.status).toBe(200);
    expect(unknown.body.items).toEqual([]);
    const notOurs = await list(reviewer, newborn.receiptNo);
    expect(notOurs.status).toBe(200);
    expect(notOurs.body.items).toEqual([]);
  });

  it('refuses a missing or too long receipt number with 422 in the one error body', async () => {
    const reviewer = await app.login('reviewer.amr');
    for (const url of [
      '/api/v1/credentials',
      '/api/v1/credentials?receiptNo=',
      `/api/v1/credentials?receiptNo=${'9'.repeat(41)}`,
    ]) {
      const res = await api<ErrorBody>(app, reviewer, 'GET', url);
      expect(res.status, url).toBe(422);
      expectErrorBody(res.body);
    }
  });

  it('refuses citizens, companies, clerks and visitors with the one error body', async () => {
    for (const who of ['citizen1', 'company1', 'clerk1']) {
      const res = await list(await app.login(who), startup.receiptNo);
      expect(res.status, who).toBe(403);
      expectErrorBody(res.body, 'CREDENTIAL_NOT_DEPARTMENT_STAFF');
      expect(res.body.items, who).toBeUndefined();
    }
    const anonymous = await api<ErrorBody>(
      app,
      null,
      'GET',
      `/api/v1/credentials?receiptNo=${startup.receiptNo}`,
    );
    expect(anonymous.status).toBe(401);
    expectErrorBody(anonymous.body);
  });

  it('lets amr suspend with a reason, reinstate, then revoke for good; others get 403', async () => {
    const reviewer = await app.login('reviewer.amr');
    const found = await list(reviewer, startup.receiptNo);
    const licence = found.body.items.find((c) => c.type === 'BusinessLicence')!;

    // Another department's reviewer cannot see it in its list, nor change it.
    const psb = await app.login('reviewer.psb');
    const psbList = await list(psb, startup.receiptNo);
    expect(psbList.status).toBe(200);
    expect(psbList.body.items.some((c) => c.id === licence.id)).toBe(false);
    for (const who of ['reviewer.psb', 'citizen1', 'company1']) {
      const refused = await change(await app.login(who), licence.id, 'suspended', '越权尝试');
      expect(refused.status, who).toBe(403);
      expectErrorBody(refused.body, 'CREDENTIAL_NOT_ISSUER');
    }
    expect((await held(licence.id)).status).toBe('valid');

    // A reason is required.
    const noReason = await change(reviewer, licence.id, 'suspended', '');
    expect(noReason.status).toBe(422);
    expectErrorBody(noReason.body);

    const suspended = await change(reviewer, licence.id, 'suspended', '经营异常，暂停使用');
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);
    const afterSuspend = (await list(reviewer, startup.receiptNo)).body.items.find(
      (c) => c.id === licence.id,
    );
    expect(afterSuspend).toMatchObject({ status: 'suspended', statusReason: '经营异常，暂停使用' });
    expect(await held(licence.id)).toMatchObject({
      status: 'suspended',
      statusReason: '经营异常，暂停使用',
    });

    const reinstated = await change(reviewer, licence.id, 'valid', '异常已整改');
    expect(reinstated.status).toBe(200);
    expect((await list(reviewer, startup.receiptNo)).body.items).toContainEqual(
      expect.objectContaining({ id: licence.id, status: 'valid', statusReason: '异常已整改' }),
    );

    const revoked = await change(reviewer, licence.id, 'revoked', '依法吊销营业执照');
    expect(revoked.status).toBe(200);
    expect(await held(licence.id)).toMatchObject({
      status: 'revoked',
      statusReason: '依法吊销营业执照',
    });
    // Revocation is final, for the reviewer and the lead alike.
    for (const who of ['reviewer.amr', 'lead.amr']) {
      const again = await change(await app.login(who), licence.id, 'valid', '申请恢复');
      expect(again.status, who).toBe(409);
      expectErrorBody(again.body, 'CREDENTIAL_REVOKED');
    }
    expect((await list(await app.login('lead.amr'), startup.receiptNo)).body.items).toContainEqual(
      expect.objectContaining({ id: licence.id, status: 'revoked' }),
    );
  });
});
