import { createPublicKey, randomBytes, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROOF_TEMPLATES, httpSource } from './index.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { api } from '../../../test/support/cases.js';

interface Issued {
  code: string;
  template: string;
  statement: { zh: string; en: string };
  jws: string;
}

let app: TestApp;

// The alphabet of verification codes (datahub.proofs.ts), so a guess looks like a real code.
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A pattern of the text it was masked from: each `*` stands for one hidden character. */
const maskedForm = (text: string) =>
  new RegExp(`^${text.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.')}$`, 'u');
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app.cleanup());

const issue = async (user: string, body: Record<string, unknown>) =>
  api<Issued>(app, await app.login(user), 'POST', '/api/v1/me/proofs', body);

interface ErrorBody {
  error: { code: string; message: string; requestId: string };
}

/** Checks the one error body of STYLE.md: code, a message a person reads, the request id. */
function expectErrorBody(body: unknown, code: string) {
  const { error } = body as ErrorBody;
  expect(Object.keys(body as object)).toEqual(['error']);
  expect(Object.keys(error).sort()).toEqual(['code', 'message', 'requestId']);
  expect(error.code).toBe(code);
  expect(typeof error.message === 'string' && error.message.length > 0).toBe(true);
  expect(typeof error.requestId === 'string' && error.requestId.length > 0).toBe(true);
}

/** The log lines of one event. */
const eventLines = (event: string) =>
  app.logLines.filter((l) => (JSON.parse(l) as { event?: string }).event === event);

/** Checks a code from its own client address (verify is rate limited per client). */
async function verifyFrom(
  method: 'GET' | 'POST',
  code: string,
  remoteAddress: string,
  language = 'zh-CN',
) {
  const res = await app.server.inject({
    method,
    url: method === 'GET' ? `/api/v1/proofs/verify?code=${code}` : '/api/v1/proofs/verify',
    ...(method === 'POST' ? { payload: { code } } : {}),
    headers: { 'accept-language': language },
    remoteAddress,
  });
  return { status: res.statusCode, body: res.json<ErrorBody & { code: string; status: string }>() };
}

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
      else {
        // A person's proof is masked, not merely the same text: the name hides behind a `*`.
        if (t.subject !== 'organization') expect(seen.body.statement.zh, t.code).toContain('*');
        expect(res.body.statement.zh).toMatch(maskedForm(seen.body.statement.zh));
      }
    }
  });

  it('shows a verifier of a kinship proof every name masked, the holder’s as well as the relatives’', async () => {
    const res = await issue('citizen1', { template: 'kinship' });
    const seen = await api<{ holder: string; statement: { zh: string }; jws: string }>(
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
    // The holder (张伟, citizen1) is shown by surname only, in the answer and in the statement.
    expect(seen.body.holder).toBe('张*');
    expect(seen.body.statement.zh.startsWith('张*的配偶')).toBe(true);
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

  it('answers a guessed code with the bilingual DATAHUB_PROOF_NOT_FOUND body, and logs the miss without the code', async () => {
    const guessed = `EP${[...randomBytes(12)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')}`;
    const misses = () => eventLines('proof.verify-unknown').length;
    const before = misses();
    const zh = await verifyFrom('GET', guessed, '203.0.113.21');
    const en = await verifyFrom('POST', guessed, '203.0.113.21', 'en');
    for (const res of [zh, en]) {
      expect(res.status).toBe(404);
      expectErrorBody(res.body, 'DATAHUB_PROOF_NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toContain(guessed);
    }
    expect(zh.body.error.message).toMatch(/[\u4e00-\u9fff]/u);
    expect(en.body.error.message).toMatch(/^[\x20-\x7e]*[A-Za-z][\x20-\x7e]*$/);
    // Both checks are logged as misses, and no line (theirs or the requests') holds the code.
    expect(misses()).toBe(before + 2);
    expect(app.logLines.filter((l) => l.includes(guessed))).toEqual([]);
  });

  it('logs each check of a real code as proof.verified, by GET and by POST, never with the code', async () => {
    const res = await issue('citizen1', { template: 'residence' });
    expect(res.status).toBe(201);
    const before = eventLines('proof.verified').length;
    for (const method of ['GET', 'POST'] as const) {
      const checked = await verifyFrom(method, res.body.code, '203.0.113.22');
      expect(checked.status).toBe(200);
      expect(checked.body).toMatchObject({ code: res.body.code, status: 'valid' });
    }
    const verified = eventLines('proof.verified').slice(before);
    expect(verified.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ event: 'proof.verified', template: 'residence', status: 'valid' }),
      expect.objectContaining({ event: 'proof.verified', template: 'residence', status: 'valid' }),
    ]);
    expect(app.logLines.filter((l) => l.includes(res.body.code))).toEqual([]);
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

describe('a proof whose source cannot supply the data', () => {
  // One department API: the civil affairs bureau is down (503), the provident fund centre
  // answers that it holds no record (404).
  const departments = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const { item } = JSON.parse(body) as { item: string };
      res.writeHead(item === 'marriage-register' ? 503 : 404).end();
    });
  });
  let down: TestApp;
  beforeAll(async () => {
    await new Promise<void>((resolve) => departments.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(departments.address() as AddressInfo).port}/`;
    down = await createTestApp({
      overrides: {
        datahubSources: {
          civil: httpSource({ url, source: 'civil', timeoutMs: 1000, retries: 0 }),
          hpf: httpSource({ url, source: 'hpf', timeoutMs: 1000, retries: 0 }),
        },
      },
    });
  });
  afterAll(async () => {
    await down.cleanup();
    departments.closeAllConnections();
    await new Promise((resolve) => departments.close(resolve));
  });

  it.each([
    ['marital-status', 503, 'DATAHUB_SOURCE_UNAVAILABLE', 'marriage-register'],
    ['provident-fund', 404, 'DATAHUB_NO_RECORD', 'provident-fund-account'],
  ])(
    'refuses %s with %i %s and records the attempted read in the access log',
    async (template, status, code, item) => {
      const citizen = await down.login('citizen1');
      const accesses = async () =>
        (
          await api<{
            items: {
              id: string;
              channel: string;
              actorRole: string;
              purpose: string;
              items: { item: string }[];
              ledger: { missing: boolean };
            }[];
          }>(down, citizen, 'GET', '/api/v1/me/data-access')
        ).body.items;
      const before = await accesses();
      const res = await api(down, citizen, 'POST', '/api/v1/me/proofs', { template });
      expect(res.status).toBe(status);
      expectErrorBody(res.body, code);
      expect((res.body as unknown as ErrorBody).error.message).toMatch(/[\u4e00-\u9fff]/u);
      const after = await accesses();
      expect(after.length).toBe(before.length + 1);
      const read = after.find((a) => !before.some((b) => b.id === a.id));
      expect(read).toMatchObject({
        channel: 'proof',
        actorRole: 'self',
        purpose: `proof:${template}`,
        items: [{ item }],
        // The attempted read is in the ledger too, not only in the table.
        ledger: { missing: false },
      });
      // No proof was made: the read is the only trace.
      expect(await down.db.selectFrom('datahub_proofs').select('code').execute()).toEqual([]);
    },
  );
});
