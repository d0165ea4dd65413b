import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../shared/contracts/index.js';
import { api, guideOf, satisfyMaterials } from '../../test/support/cases.js';
import { notice2027 } from '../../test/support/calendar.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';

// `onetrip calendar add-year` as a child process, on the SQLite database of a test app whose
// clock stands at 2026-12-31 10:00 in Shanghai (the sqlite project only).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-calendar-cli-'));
let app: TestApp;
let citizen: string;
beforeAll(async () => {
  app = await createTestApp({ at: '2026-12-31T02:00:00Z' });
  citizen = await app.login('citizen1');
});
afterAll(async () => {
  await app.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

function onetrip(args: string[]) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      ONETRIP_DATA_DIR: app.config.dataDir,
      ONETRIP_LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

/** Writes a year file into the scratch folder and returns its path. */
function yearFile(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('onetrip calendar add-year', () => {
  // Three CLI processes (tsx start-up and migrations each): slow on a loaded 2-core machine.
  it(
    'refuses a malformed file by field with exit 1, then loads the year and prints each recomputed deadline',
    { timeout: 120_000 },
    async () => {
      const guide = await guideOf(app, 'bundle', 'enterprise-startup');
      const submitted = await api<ApplicationView>(app, citizen, 'POST', '/api/v1/applications', {
        bundle: 'enterprise-startup',
        form: guide.form.examples[0],
        materials: await satisfyMaterials(app, citizen, guide),
        consent: { fetch: true },
      });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
      // One working day from 31 December on the provisional 2027: Monday 4 January.
      expect(submitted.body).toMatchObject({
        dueAt: '2027-01-04T17:30:00+08:00',
        dueProvisional: true,
      });

      const missing = onetrip(['calendar', 'add-year', path.join(dir, 'cn-2027-missing.json')]);
      expect(missing.code).toBe(1);
      expect(missing.err).toMatch(/^onetrip: ENOENT: no such file or directory/);

      const broken = yearFile('cn-2027-broken.json', {
        ...notice2027(),
        days: [{ date: '2027-02-30', kind: 'off', holiday: { zh: '春节', en: 'Spring Festival' } }],
      });
      const bad = onetrip(['calendar', 'add-year', broken]);
      expect(bad.code, bad.out).toBe(1);
      expect(bad.err).toContain('onetrip: The calendar year file is invalid');
      expect(bad.err).toContain('days.0.date: must be a real date YYYY-MM-DD');
      expect(bad.err).not.toMatch(/\n\s+at /);
      expect(bad.out).not.toContain('added');

      const ok = onetrip(['calendar', 'add-year', yearFile('cn-2027.json', notice2027())]);
      expect(ok.code, ok.err).toBe(0);
      expect(ok.out).toContain('calendar year 2027 added 已载入');
      const after = (
        await api<ApplicationView>(app, citizen, 'GET', `/api/v1/applications/${submitted.body.id}`)
      ).body;
      // 4–8 January are off in the notice: one working day from 31 December is now the 11th.
      expect(after.dueAt).toBe('2027-01-11T17:30:00+08:00');
      expect(ok.out).toContain(
        `  ${submitted.body.receiptNo} application ${new Date('2027-01-04T17:30:00+08:00').toISOString()} → ${new Date('2027-01-11T17:30:00+08:00').toISOString()}`,
      );
      const recomputed = Number(/deadlines recomputed 重新计算的期限: (\d+)/.exec(ok.out)?.[1]);
      expect(recomputed).toBeGreaterThanOrEqual(1);
      expect(ok.out.split('\n').filter((l) => l.startsWith('  ')).length).toBe(recomputed);
      expect(after.actions.filter((a) => a.type === 'deadline-recomputed').length).toBe(recomputed);
    },
  );
});
