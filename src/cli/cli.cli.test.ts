import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The CLI runs as a child process against its own SQLite data folder (the sqlite project only).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function onetrip(args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      ONETRIP_DATA_DIR: path.join(dir, 'data'),
      ONETRIP_LOG_LEVEL: 'silent',
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe('onetrip CLI', () => {
  it(
    'validates the shipped catalog and names file, line and rule of a broken one',
    { timeout: 60_000 },
    () => {
      const ok = onetrip(['catalog', 'validate']);
      expect(ok.code).toBe(0);
      expect(ok.out).toMatch(/catalog OK: \d+ departments, \d+ matters, \d+ bundles/);
      // Materials of sources the data hub does not connect are listed, with who asks them.
      expect(ok.out).toContain('do not count in 无证明');
      expect(ok.out).toMatch(
        /video-interview-record \(.+\) datab\/video-session-record not connected; asked in .*notary-kinship/,
      );
      const broken = path.join(dir, 'broken');
      fs.mkdirSync(broken);
      fs.writeFileSync(
        path.join(broken, 'departments.yaml'),
        'departments:\n  - code: amr\n    name: { zh: 市场监管, en: AMR\n',
      );
      const bad = onetrip(['catalog', 'validate', '--dir', broken]);
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/departments\.yaml:\d+:\d+/);
    },
  );

  it(
    'seeds the demo, creates a user with a TOTP secret, and refuses demo data in production',
    { timeout: 90_000 },
    () => {
      const seeded = onetrip(['seed', '--demo']);
      expect(seeded.code, seeded.err).toBe(0);
      expect(seeded.out).toContain('reviewer.amr');
      expect(seeded.out).toContain('lead.amr');
      expect(seeded.out).toContain('clerk2');
      const user = onetrip([
        'users',
        'create',
        '--username',
        'clerk3',
        '--password',
        'a-long-password',
        '--name',
        '王敏',
        '--role',
        'clerk',
      ]);
      expect(user.code, user.err).toBe(0);
      expect(user.out).toMatch(/TOTP secret 动态码密钥: [A-Z2-7]{32}/);
      expect(user.out).toContain('otpauth://totp/');
      const taken = onetrip([
        'users',
        'create',
        '--username',
        'clerk3',
        '--password',
        'a-long-password',
        '--name',
        '王敏',
        '--role',
        'clerk',
      ]);
      expect(taken.code).toBe(1);
      expect(taken.err).toContain('clerk3');
      const prod = onetrip(['seed', '--demo'], {
        NODE_ENV: 'production',
        ONETRIP_SESSION_SECRET: 'x'.repeat(40),
        ONETRIP_HMAC_SECRET: 'y'.repeat(40),
      });
      expect(prod.code).toBe(1);
      expect(prod.err).toContain('production');
    },
  );

  it('prints every configuration problem at once and exits', { timeout: 60_000 }, () => {
    const res = onetrip(['migrate'], { NODE_ENV: 'production', PORT: 'eighty' });
    expect(res.code).toBe(1);
    expect(res.err).toContain('PORT');
    const prod = onetrip(['migrate'], { NODE_ENV: 'production' });
    expect(prod.err).toContain('ONETRIP_SESSION_SECRET');
    expect(prod.err).toContain('ONETRIP_HMAC_SECRET');
  });

  it(
    'shows an application by receipt number, and says so when there is none',
    { timeout: 60_000 },
    () => {
      const none = onetrip(['applications', 'show', 'YCB2026120100000000']);
      expect(none.code).toBe(1);
      expect(none.err).toMatch(/No such application|办件不存在/);
    },
  );
});
