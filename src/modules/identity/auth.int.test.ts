import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { currentTotp } from './totp.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../demo/index.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app.cleanup());

function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return app.server.inject({
    method: 'POST',
    url,
    payload: payload as Record<string, unknown>,
    headers,
  });
}

describe('login', () => {
  it('signs in a resident with password only and shows the masked identity number', async () => {
    const res = await post('/api/v1/auth/login', { username: 'citizen1', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ token: string; account: { kind: string; maskedIdNumber: string } }>();
    expect(body.account.kind).toBe('person');
    expect(body.account.maskedIdNumber).toBe('330681********1233');
    expect(res.body).not.toContain('330681199003071233');
    const cookie = res.cookies.find((c) => c.name === 'onetrip_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const me = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me',
      cookies: { onetrip_session: cookie?.value ?? '' },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json<{ username: string }>().username).toBe('citizen1');
  });

  it('signs in a company representative and names the company', async () => {
    const token = await app.login('company1');
    const me = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json<{ organization: { creditCode: string } }>().organization.creditCode).toBe(
      '91330402MA2CXK7T89',
    );
  });

  it('asks staff for the TOTP code, accepts the current one once and refuses its replay', async () => {
    const first = await post('/api/v1/auth/login', { username: 'clerk1', password: DEMO_PASSWORD });
    expect(first.statusCode).toBe(401);
    expect(first.json<{ error: { code: string } }>().error.code).toBe('AUTH_TOTP_REQUIRED');
    app.clock.advance(60_000);
    const code = currentTotp(DEMO_TOTP_SECRET, app.clock.now());
    const ok = await post('/api/v1/auth/login', {
      username: 'clerk1',
      password: DEMO_PASSWORD,
      totp: code,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ account: { roles: string[] } }>().account.roles).toEqual(['clerk']);
    const replay = await post('/api/v1/auth/login', {
      username: 'clerk1',
      password: DEMO_PASSWORD,
      totp: code,
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json<{ error: { code: string } }>().error.code).toBe('AUTH_TOTP_INVALID');
  });

  it('logs in every demo account of API.md, staff with TOTP, including one reviewer per catalog department', async () => {
    const departments = await app.server.inject({
      method: 'GET',
      url: '/api/v1/catalog/departments',
    });
    const codes = departments.json<{ items: { code: string }[] }>().items.map((d) => d.code);
    expect(codes.length).toBeGreaterThanOrEqual(15);
    const staff = [
      'clerk1',
      'supervisor1',
      'admin',
      'judge1',
      'mediator1',
      'verifier1',
      ...codes.map((c) => `reviewer.${c}`),
    ];
    for (const username of [...staff, 'citizen2']) {
      const token = await app.login(username);
      const me = await app.server.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(me.json<{ username: string }>().username).toBe(username);
    }
    const reviewer = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${await app.login('reviewer.amr')}` },
    });
    expect(reviewer.json<{ roles: string[]; department: { code: string } }>()).toMatchObject({
      roles: ['reviewer'],
      department: { code: 'amr' },
    });
  });

  it('gives a clear message for a wrong password, in Chinese by default and in English on request', async () => {
    const zh = await post('/api/v1/auth/login', {
      username: 'citizen2',
      password: 'wrong-password',
    });
    expect(zh.statusCode).toBe(401);
    expect(
      zh.json<{ error: { code: string; message: string; requestId: string } }>().error,
    ).toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
      message: '用户名或密码错误',
    });
    const en = await post(
      '/api/v1/auth/login',
      { username: 'nobody', password: 'x' },
      { 'accept-language': 'en-GB,en;q=0.9' },
    );
    expect(en.json<{ error: { message: string } }>().error.message).toBe(
      'Wrong username or password',
    );
  });

  it('locks an account after five failures, even against the right password, and unlocks after 15 minutes', async () => {
    for (let i = 0; i < 5; i++)
      await post('/api/v1/auth/login', { username: 'citizen2', password: `bad-${i}` });
    const locked = await post('/api/v1/auth/login', {
      username: 'citizen2',
      password: DEMO_PASSWORD,
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json<{ error: { code: string } }>().error.code).toBe('AUTH_ACCOUNT_LOCKED');
    app.clock.advance(16 * 60_000);
    const ok = await post('/api/v1/auth/login', { username: 'citizen2', password: DEMO_PASSWORD });
    expect(ok.statusCode).toBe(200);
    const history = await app.services.identity.loginHistory('citizen2');
    const outcomes = history.map((h) => h.outcome);
    expect(outcomes).toContain('locked');
    expect(outcomes.filter((o) => o === 'bad-password').length).toBeGreaterThanOrEqual(5);
    expect(outcomes[0]).toBe('success');
  });

  it('ends the session on logout, so the token no longer works', async () => {
    const token = await app.login('citizen1');
    const auth = { authorization: `Bearer ${token}` };
    expect(
      (await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: auth })).statusCode,
    ).toBe(200);
    expect(
      (await app.server.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: auth }))
        .statusCode,
    ).toBe(204);
    const after = await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: auth });
    expect(after.statusCode).toBe(401);
    expect(after.json<{ error: { code: string } }>().error.code).toBe('AUTH_REQUIRED');
  });

  it('refuses a forged or expired token with 401', async () => {
    const forged = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Bearer forged-token-forged-token-forged' },
    });
    expect(forged.statusCode).toBe(401);
    const token = await app.login('citizen1');
    app.clock.advance((app.config.sessionHours + 1) * 3600_000);
    const expired = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(expired.statusCode).toBe(401);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 and the error body, never a stack trace', async () => {
    const res = await app.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "citizen1", ',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; requestId: string } }>();
    expect(body.error.code).toBe('MALFORMED_JSON');
    expect(body.error.requestId).toBe(res.headers['x-request-id']);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers unknown and missing fields with 422 keyed by field path', async () => {
    const res = await post('/api/v1/auth/login', {
      username: 'citizen1',
      password: 'x',
      admin: true,
      totp: '12',
    });
    expect(res.statusCode).toBe(422);
    const issues = res.json<{ error: { details: { issues: { path: string }[] } } }>().error.details
      .issues;
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['totp']));
    expect(JSON.stringify(issues)).toContain('admin');
  });

  it('answers an oversize body with 413', async () => {
    const res = await post('/api/v1/auth/login', {
      username: 'x'.repeat(2 * 1024 * 1024),
      password: 'x',
    });
    expect(res.statusCode).toBe(413);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown API path with 404 and the error body', async () => {
    const res = await app.server.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
  });
});

describe('platform endpoints', () => {
  it('reports health with the database up', async () => {
    const res = await app.server.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('serves Prometheus metrics that count requests', async () => {
    await app.server.inject({ method: 'GET', url: '/healthz' });
    const res = await app.server.inject({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(
      /onetrip_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/,
    );
  });

  it('serves the OpenAPI document with the login path and security headers', async () => {
    const res = await app.server.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/healthz']),
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
