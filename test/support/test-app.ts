import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp, type App, type AppOverrides } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { fixedClock } from '../../src/platform/clock/index.js';
import {
  MASKED_FIELD,
  createLogger,
  findIdNumbers,
  maskIdNumbersIn,
} from '../../src/platform/logging/index.js';
import { currentTotp } from '../../src/modules/identity/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/demo/index.js';

/** The database the current vitest project runs on (set per project in vitest.config.ts). */
export const testDialect = process.env.ONETRIP_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/** A platform on a fresh database (its own SQLite file, or its own PostgreSQL schema), with a movable clock. */
export interface TestApp extends App {
  clock: ReturnType<typeof fixedClock>;
  /** Logs in over HTTP and returns the bearer token (staff get the current TOTP code, once per account). */
  login(username: string, password?: string): Promise<string>;
  /** Every line the app has logged so far (JSON, as written). */
  logLines: readonly string[];
  cleanup(): Promise<void>;
}

/**
 * Where a test app's log lines go: each line is checked as it is written, for an identity
 * number (the scrub should have masked it) or the scrub's mark that it had to mask one (a
 * leak to fix where it is logged). ONETRIP_TEST_LOG_LEVEL also prints the lines.
 */
function scannedLog() {
  const shown = process.env.ONETRIP_TEST_LOG_LEVEL;
  const leaks: string[] = [];
  const lines: string[] = [];
  return {
    level: shown === 'debug' || shown === 'trace' ? shown : 'info',
    leaks,
    lines,
    destination: {
      write(line: string) {
        lines.push(line);
        if (shown && shown !== 'silent') process.stdout.write(line);
        if (line.includes(`"${MASKED_FIELD}"`) || findIdNumbers(line).length > 0)
          leaks.push(maskIdNumbersIn(line).text);
      },
    },
  };
}

/** Starts a platform for one test file; call `cleanup()` in afterAll. */
export async function createTestApp(
  options: { demo?: boolean; at?: string; overrides?: AppOverrides } = {},
): Promise<TestApp> {
  const clock = fixedClock(options.at ?? '2026-12-01T02:00:00Z');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-test-'));
  // Sessions outlive the clock jumps of deadline tests.
  const config = loadConfig({
    NODE_ENV: 'test',
    ONETRIP_DATA_DIR: dataDir,
    ONETRIP_LOGIN_RATE_LIMIT: '1000',
    ONETRIP_SESSION_HOURS: String(24 * 60),
  });
  // Logging is always on, into the scan: no identity number may reach a log line.
  const log = scannedLog();
  const logger = createLogger({ level: log.level, pretty: false, destination: log.destination });
  // Nor an error body (every status >= 400, whichever way the test called the API).
  const bodyLeaks: string[] = [];
  let dropSchema: (() => Promise<void>) | undefined;
  let overrides: AppOverrides = { clock, passwordLogN: 10, logger, ...options.overrides };
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
  let answers = 0;
  app.server.addHook('onSend', async (request, reply, payload) => {
    answers++;
    if (reply.statusCode >= 400 && typeof payload === 'string' && findIdNumbers(payload).length) {
      const answer = `${request.method} ${request.url} → ${reply.statusCode} ${payload}`;
      bodyLeaks.push(maskIdNumbersIn(answer).text);
    }
    return payload;
  });
  if (options.demo !== false) await app.seedDemo();
  // Staff tokens are kept: TOTP codes are single-use, and tests move the clock back and forth.
  const staffTokens = new Map<string, string>();
  return Object.assign(app, {
    clock,
    logLines: log.lines,
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
      // Every request logs at info, so answers without lines mean the scan saw nothing.
      if (answers > 0 && log.lines.length === 0)
        throw new Error('the app logged no request: is logging on?');
      const leaks = [...log.leaks.map((l) => `log: ${l.trim()}`), ...bodyLeaks];
      if (leaks.length > 0) {
        throw new Error(`identity numbers reached the log or an error body:\n${leaks.join('\n')}`);
      }
    },
  });
}
