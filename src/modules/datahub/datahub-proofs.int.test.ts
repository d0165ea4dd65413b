import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROOF_TEMPLATES } from './index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api } from '../../../test/support/cases.js';

interface Issued {
  code: string;
  template: string;
  statement: { zh: string; en: string };
  jws: string;
}

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app.cleanup());

const issue = async (user: string, body: Record<string, unknown>) =>
  api<Issued>(app, await app.login(user), 'POST', '/api/v1/me/proofs', body);

describe('e-proofs (电子证明)', () => {
  it('has at least twelve templates', async () => {
    const res = await api<{ items: { code: string }[] }>(
      app,
      null,
      'GET',
      '/api/v1/proofs/templates',
    );
    expect(res.body.items.length).toBeGreaterThanOrEqual(12);
    expect(res.body.items.map((t) => t.code)).toEqual(PROOF_TEMPLATES.map((t) => t.code));
  });

  it('issues every template from the sources as a signed JWS a verifier can check by its code', async () => {
    const key = createPublicKey({
      key: (await api<Record<string, string>>(app, null, 'GET', '/api/v1/proofs/key')).body,
      format: 'jwk',
    });
    const who: Record<string, [string, Record<string, unknown>]> = {
      birth: ['citizen2', {}],
      'business-status': ['company1', {}],
      death: ['citizen1', { subject: '330681196305182138' }],
    };
    for (const t of PROOF_TEMPLATES) {
      const [user, extra] = who[t.code] ?? ['citizen1', {}];
      const res = await issue(user, { template: t.code, ...extra });
      expect(res.status, `${t.code}: ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.body.code).toMatch(/^EP[2-9A-Z]{12}$/);
      const [h, p, s] = res.body.jws.split('.') as [string, string, string];
      expect(verify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))).toBe(true);
      expect(res.body.jws).not.toContain('330681199003071233');
      const seen = await api<{ status: string; statement: { zh: string }; template: string }>(
        app,
        null,
        'GET',
        `/api/v1/proofs/verify?code=${res.body.code}`,
      );
      expect(seen.body).toMatchObject({
        status: 'valid',
        template: t.code,
        statement: res.body.statement,
      });
    }
  });

  it('refuses a death proof for someone who is not a parent, and an unknown code', async () => {
    const res = await issue('citizen2', { template: 'death', subject: '330681196305182138' });
    expect(res.status).toBe(422);
    expect((await api(app, null, 'GET', '/api/v1/proofs/verify?code=EPAAAAAAAAAAAA')).status).toBe(
      404,
    );
  });

  it('records the data read for a proof as an access by the person themself', async () => {
    const res = await issue('citizen1', { template: 'no-criminal-record' });
    const list = await api<{ items: { channel: string; purpose: string; actorRole: string }[] }>(
      app,
      await app.login('citizen1'),
      'GET',
      '/api/v1/me/data-access',
    );
    expect(list.body.items.find((a) => a.purpose === `proof:${res.body.code}`)).toMatchObject({
      channel: 'proof',
      actorRole: 'self',
    });
    expect(res.body.statement.zh).toContain('无犯罪记录');
  });
});
