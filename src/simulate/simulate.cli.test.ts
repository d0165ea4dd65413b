import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `onetrip simulate` as a child process against its own SQLite data folder.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-simulate-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function onetrip(args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      ONETRIP_DATA_DIR: dir,
      ONETRIP_LOG_LEVEL: 'silent',
      ...env,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe('onetrip simulate', () => {
  it('simulates the days with a progress bar and prints the counts and the start-up figures', () => {
    const res = onetrip([
      'simulate',
      ...['--days', '3', '--people', '80', '--start', '2026-11-02', '--per-day', '15'],
    ]);
    expect(res.code, res.err).toBe(0);
    expect(res.err).toMatch(/day 3\/3, \d+ applications, [\d.]+\/s/);
    expect(res.out).toMatch(/simulated 2026-11-02 … 2026-11-04: 3 days, 3 working days; 80 people/);
    expect(res.out).toMatch(
      /applications 办件: \d+ .* online \d+, window \d+, overseas \d+, department \d+/,
    );
    expect(res.out).toMatch(/ratings 好差评: \d+/);
    expect(res.out).toMatch(/^start-up bundle: \d+ working days?, 7 materials/m);
    expect(res.out).toMatch(/^baseline one by one: \d+ working days, 23 materials/m);
  }, 150_000);

  it('is refused in production and with bad options', () => {
    const prod = onetrip(['simulate', '--days', '2'], {
      NODE_ENV: 'production',
      ONETRIP_SESSION_SECRET: 's'.repeat(40),
      ONETRIP_HMAC_SECRET: 'h'.repeat(40),
    });
    expect(prod.code).toBe(1);
    expect(prod.err).toMatch(/refused in production|生产环境/);
    const bad = onetrip(['simulate', '--days', '0']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--days must be a positive integer/);
    const date = onetrip(['simulate', '--start', '2026-13-45']);
    expect(date.code).toBe(2);
  }, 60_000);
});
