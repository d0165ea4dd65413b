import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { Me, SessionProbe } from '../../../shared/contracts/index.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app.cleanup());

function probe(headers: Record<string, string> = {}, cookies: Record<string, string> = {}) {
  return app.server.inject({ method: 'GET', url: '/api/v1/session', headers, cookies });
}

describe('the session probe (GET /api/v1/session)', () => {
  it('answers a visitor without a session with 200 and no account', async () => {
    const res = await probe();
    expect(res.statusCode).toBe(200);
    expect(res.json<SessionProbe>()).toEqual({ signedIn: false, account: null });
  });

  it('answers a signed-in person with the same account GET /me shows', async () => {
    const token = await app.login('citizen1');
    const res = await probe({}, { onetrip_session: token });
    expect(res.statusCode).toBe(200);
    const body = res.json<SessionProbe>();
    const me = await app.server.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(body.signedIn).toBe(true);
    expect(body.account).toEqual(me.json<Me>());
    expect(body.account).toMatchObject({ username: 'citizen1', kind: 'person', roles: [] });
    expect(res.body).not.toContain('330681199003071233');
  });

  it('answers a staff bearer token with the account, roles and department', async () => {
    const token = await app.login('reviewer.amr');
    const body = (await probe({ authorization: `Bearer ${token}` })).json<SessionProbe>();
    expect(body).toMatchObject({
      signedIn: true,
      account: { username: 'reviewer.amr', kind: 'staff', roles: ['reviewer'] },
    });
    expect(body.account?.department?.code).toBe('amr');
  });

  it('treats a forged, ended or expired session as nobody, still with 200', async () => {
    const forged = await probe({ authorization: 'Bearer forged-token-forged-token-forged' });
    expect(forged.statusCode).toBe(200);
    expect(forged.json<SessionProbe>().signedIn).toBe(false);

    const ended = await app.login('citizen2');
    await app.server.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { authorization: `Bearer ${ended}` },
    });
    expect((await probe({ authorization: `Bearer ${ended}` })).json<SessionProbe>()).toEqual({
      signedIn: false,
      account: null,
    });

    const token = await app.login('company1');
    app.clock.advance((app.config.sessionHours + 1) * 3600_000);
    const expired = await probe({ authorization: `Bearer ${token}` });
    expect(expired.statusCode).toBe(200);
    expect(expired.json<SessionProbe>()).toEqual({ signedIn: false, account: null });
  });

  it('keeps GET /me answering 401 without a session', async () => {
    const res = await app.server.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
  });
});
