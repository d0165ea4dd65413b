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

/** A pattern of the text it was masked from: each `*` stands for one hidden character. */
const maskedForm = (text: string) =>
  new RegExp(`^${text.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.')}$`, 'u');
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
      // A verifier sees what the template discloses to one: the holder's statement with the
      // person's name masked (张*), or less.
      expect(seen.body).toMatchObject({ status: 'valid', template: t.code });
      if (t.verifierStatement) expect(seen.body.statement).not.toEqual(res.body.statement);
      else expect(res.body.statement.zh).toMatch(maskedForm(seen.body.statement.zh));
    }
  });

  it('shows a verifier of a kinship proof the relatives’ names masked, the holder in full', async () => {
    const res = await issue('citizen1', { template: 'kinship' });
    const seen = await api<{ statement: { zh: string }; jws: string }>(
      app,
      null,
      'POST',
      '/api/v1/proofs/verify',
      { code: res.body.code },
    );
    expect(seen.status).toBe(200);
    const names = (await app.db.selectFrom('persons').select('name').execute()).map((p) => p.name);
    const inHolders = names.filter((n) => n.length > 1 && res.body.statement.zh.includes(n));
    expect(inHolders.length).toBeGreaterThan(0);
    // Neither the statement nor the signed proof the verifier receives names anyone in full.
    const payload = Buffer.from(seen.body.jws.split('.')[1]!, 'base64url').toString('utf8');
    for (const n of inHolders) {
      expect(seen.body.statement.zh).not.toContain(n);
      expect(payload).not.toContain(n);
    }
    expect(seen.body.statement.zh).toMatch(/\*/);
  });

  it('slows guessing: a client that tries too many codes is refused with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/proofs/verify',
        payload: { code: `EPGUESS${String(i).padStart(7, '2')}` },
        remoteAddress: '203.0.113.9',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses[0]).toBe(404);
    expect(statuses.at(-1)).toBe(429);
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
    const read = list.body.items.find(
      (a) => a.purpose === 'proof:no-criminal-record' && a.channel === 'proof',
    );
    expect(read).toMatchObject({
      channel: 'proof',
      actorRole: 'self',
    });
    expect(res.body.statement.zh).toContain('无犯罪记录');
  });

  it('keeps the code out of the ledger and the access log, and records who checked a proof', async () => {
    const res = await issue('citizen1', { template: 'household' });
    const citizen = await app.login('citizen1');
    await app.services.ledger.checkpoint({ force: true });
    const contents = await app.db
      .selectFrom('ledger_entries')
      .select(['entry', 'content'])
      .execute();
    const pending = await app.db
      .selectFrom('ledger_pending')
      .select(['entry', 'content'])
      .execute();
    const accesses = await app.db.selectFrom('datahub_accesses').selectAll().execute();
    const stored = JSON.stringify([contents, pending, accesses]);
    expect(stored).not.toContain(res.body.code);

    const before = await api<{ items: { channel: string; purpose: string }[] }>(
      app,
      citizen,
      'GET',
      '/api/v1/me/data-access',
    );
    const checked = await api(app, null, 'GET', `/api/v1/proofs/verify?code=${res.body.code}`);
    expect(checked.status).toBe(200);
    const after = await api<{
      items: { channel: string; actorRole: string; purpose: string; items: { item: string }[] }[];
    }>(app, citizen, 'GET', '/api/v1/me/data-access');
    expect(after.body.items.length).toBe(before.body.items.length + 1);
    const checks = after.body.items.filter(
      (a) => a.channel === 'proof-check' && a.purpose === 'proof:household',
    );
    const earlier = before.body.items.filter(
      (a) => a.channel === 'proof-check' && a.purpose === 'proof:household',
    );
    expect(checks.length).toBe(earlier.length + 1);
    expect(checks[0]).toMatchObject({
      channel: 'proof-check',
      actorRole: 'verifier',
      purpose: 'proof:household',
      items: [{ item: 'household' }],
    });
    expect(JSON.stringify(after.body)).not.toContain(res.body.code);
  });

  it('records the reads made for a proof that is then refused', async () => {
    const citizen2 = await app.login('citizen2');
    const list = async () =>
      (
        await api<{ items: { channel: string; purpose: string; items: { item: string }[] }[] }>(
          app,
          citizen2,
          'GET',
          '/api/v1/me/data-access',
        )
      ).body.items;
    const before = (await list()).length;
    const res = await issue('citizen2', { template: 'death', subject: '330681196305182138' });
    expect(res.status).toBe(422);
    const after = await list();
    expect(after.length).toBe(before + 1);
    expect(after.find((a) => a.purpose === 'proof:death')).toMatchObject({
      channel: 'proof',
      purpose: 'proof:death',
      items: [{ item: 'kinship' }],
    });
  });
});
