import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp, type App, type AppOverrides } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { fixedClock } from '../../src/platform/clock/index.js';
import { currentTotp } from '../../src/modules/identity/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/demo/index.js';

/** The database the current vitest project runs on (set per project in vitest.config.ts). */
export const testDialect = process.env.ONETRIP_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/** A platform on a fresh database (its own SQLite file, or its own PostgreSQL schema), with a movable clock. */
export interface TestApp extends App {
  clock: ReturnType<typeof fixedClock>;
  /** Logs in over HTTP and returns the bearer token (staff get the current TOTP code, once per account). */
  login(username: string, password?: string): Promise<string>;
  cleanup(): Promise<void>;
}

/** Starts a platform for one test file; call `cleanup()` in afterAll. */
export async function createTestApp(
  options: { demo?: boolean; at?: string; overrides?: AppOverrides } = {},
): Promise<TestApp> {
  const clock = fixedClock(options.at ?? '2026-12-01T02:00:00Z');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-test-'));
  // Sessions outlive the clock jumps of deadline tests; ONETRIP_TEST_LOG_LEVEL shows the server log.
  const config = loadConfig({
    NODE_ENV: 'test',
    ONETRIP_DATA_DIR: dataDir,
    ONETRIP_LOGIN_RATE_LIMIT: '1000',
    ONETRIP_SESSION_HOURS: String(24 * 60),
    ONETRIP_LOG_LEVEL: process.env.ONETRIP_TEST_LOG_LEVEL,
  });
  let dropSchema: (() => Promise<void>) | undefined;
  let overrides: AppOverrides = { clock, passwordLogN: 10, ...options.overrides };
  if (testDialect === 'postgres') {
    const url = process.env.ONETRIP_TEST_DATABASE_URL;
    if (!url) throw new Error('ONETRIP_TEST_DATABASE_URL is required for the postgres project');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
    overrides = { ...overrides, database: { kind: 'postgres', url, schema, maxConnections: 5 } };
  }
  const app = await createApp(config, overrides);
  if (options.demo !== false) await app.seedDemo();
  // Staff tokens are kept: TOTP codes are single-use, and tests move the clock back and forth.
  const staffTokens = new Map<string, string>();
  return Object.assign(app, {
    clock,
    async login(username: string, password = DEMO_PASSWORD) {
      const isStaff = !/^(citizen|company)\d/.test(username);
      const kept = isStaff ? staffTokens.get(username) : undefined;
      if (kept) return kept;
      // Each staff login uses a fresh TOTP step: codes are single-use (RFC 6238 §5.2).
      if (isStaff) clock.advance(30_000);
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: {
          username,
          password,
          ...(isStaff ? { totp: currentTotp(DEMO_TOTP_SECRET, clock.now()) } : {}),
        },
      });
      if (res.statusCode !== 200)
        throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const token = res.json<{ token: string }>().token;
      if (isStaff) staffTokens.set(username, token);
      return token;
    },
    async cleanup() {
      await app.close();
      await dropSchema?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
