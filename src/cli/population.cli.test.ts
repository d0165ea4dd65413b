import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

// `onetrip seed population` as a child process against its own SQLite data folder.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-population-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function onetrip(args: string[], data: string) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      ONETRIP_DATA_DIR: path.join(dir, data),
      ONETRIP_LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

const snapshot = (data: string) => {
  const db = new BetterSqlite3(path.join(dir, data, 'onetrip.sqlite'), { readonly: true });
  try {
    return db
      .prepare('select source, item, subject_key, data from datahub_records order by id')
      .all();
  } finally {
    db.close();
  }
};

describe('onetrip seed population', () => {
  // Two CLI processes (tsx start-up and migrations each): slow on a loaded 2-core machine.
  it(
    'makes the same population from the same seed, with a progress bar on stderr',
    { timeout: 120_000 },
    () => {
      const a = onetrip(['seed', 'population', '--people', '300', '--seed', '5'], 'a');
      expect(a.code, a.err).toBe(0);
      expect(a.out).toMatch(/^300 people in \d+ households/);
      expect(a.err).toContain('100% 300/300 people');
      expect(onetrip(['seed', 'population', '--people', '300', '--seed', '5'], 'b').code).toBe(0);
      expect(snapshot('a')).toEqual(snapshot('b'));
    },
  );

  it('still wants --demo for the demo seed, and refuses a bad count', { timeout: 120_000 }, () => {
    expect(onetrip(['seed'], 'c').err).toContain("required option '--demo'");
    expect(onetrip(['seed', 'population', '--people', 'many'], 'c').code).toBe(2);
  });
});
