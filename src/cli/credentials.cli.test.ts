import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The CLI runs as a child process against its own SQLite data folder (the sqlite project only).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-cli-credentials-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function onetrip(args: string[]) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      ONETRIP_DATA_DIR: path.join(dir, 'data'),
      ONETRIP_LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe('onetrip credentials', () => {
  it('rotates a department’s key and keeps the retired one listed', { timeout: 120_000 }, () => {
    const first = onetrip(['credentials', 'rotate-key', 'psb']);
    expect(first.code, first.err).toBe(0);
    const kid1 = /新签发密钥: (\S+)/.exec(first.out)?.[1];
    expect(kid1).toMatch(/^psb:\d{8}:/);
    const second = onetrip(['credentials', 'rotate-key', 'psb']);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toContain(`: ${kid1}`);
    const kid2 = /新签发密钥: (\S+)/.exec(second.out)?.[1];
    const keys = onetrip(['credentials', 'keys']);
    expect(keys.out).toContain(`${kid1}  retired`);
    expect(keys.out).toContain(`${kid2}  active`);
    const unknown = onetrip(['credentials', 'rotate-key', 'nowhere']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no department nowhere');
  });
});
