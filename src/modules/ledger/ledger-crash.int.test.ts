import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { migrations } from '../../../migrations/index.js';
import { systemClock } from '../../platform/clock/index.js';
import { createSecretBox } from '../../platform/crypto/index.js';
import { migrateToLatest, openDatabase, type DatabaseTarget } from '../../platform/db/index.js';
import type { Database } from '../../schema.js';
import { testDialect } from '../../../test/support/test-app.js';
import { createLedgerService } from './index.js';

// The child (test/support/ledger-crash-child.ts) appends, sequences and signs in a loop; we
// SIGKILL it at different moments, four times over the same database, then reopen it.

let target: DatabaseTarget;
let dispose: () => Promise<void>;

beforeAll(async () => {
  if (testDialect === 'postgres') {
    const url = process.env.ONETRIP_TEST_DATABASE_URL!;
    const schema = `crash_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    target = { kind: 'postgres', url, schema, maxConnections: 2 };
    dispose = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-crash-'));
    target = { kind: 'sqlite', file: path.join(dir, 'ledger.sqlite') };
    dispose = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(async () => dispose());

/** Runs the child until `killAfterMs` past its first committed append, SIGKILLs it, returns how far it confirmed. */
function runAndKill(
  round: number,
  killAfterMs: number,
): Promise<{ accepted: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/ledger-crash-child.ts'],
      {
        env: {
          ...process.env,
          LEDGER_CRASH_TARGET: JSON.stringify(target),
          LEDGER_CRASH_ROUND: String(round),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let accepted = 0;
    let timer: NodeJS.Timeout | undefined;
    let buffered = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^accepted (\d+) (\d+)$/.exec(line);
        if (match && Number(match[1]) === round) accepted = Number(match[2]);
      }
      timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`child exited with ${code}: ${errors}`));
      else resolve({ accepted, signal });
    });
  });
}

describe('a crash between appending and signing', () => {
  it('loses no accepted entry, leaves a log that verifies, and never signs two roots for one size', async () => {
    const handle = openDatabase<Database>(target);
    try {
      await migrateToLatest(
        handle.db,
        migrations,
        target.kind === 'postgres' ? target.schema : undefined,
      );
      const ledger = createLedgerService({
        db: handle.db,
        dialect: handle.dialect,
        clock: systemClock,
        hmacSecret: 'crash-test-hmac-secret-crash-test-hmac',
        secretBox: createSecretBox('crash-test-session-secret-crash-test', 'ledger-key'),
        origin: 'crash.test/ledger',
        logger: { info() {}, warn() {}, error() {} },
      });

      const accepted: number[] = [];
      let unfinished = 0;
      for (const [round, delay] of [150, 420, 60, 700].entries()) {
        const result = await runAndKill(round, delay);
        expect(result.accepted).toBeGreaterThan(0);
        accepted.push(result.accepted);
        // What the kill interrupted: entries not yet in the tree, or in it but not yet signed.
        const report = await ledger.verify();
        expect(report.problem, `after kill ${round}`).toBeNull();
        if ((await ledger.status()).pending > 0 || report.unsigned > 0) unfinished++;
      }
      expect(unfinished).toBeGreaterThan(0);

      const sequenced = await handle.db.selectFrom('ledger_entries').select('purpose').execute();
      const pending = await handle.db.selectFrom('ledger_pending').select('purpose').execute();
      const purposes = [...sequenced, ...pending].map((r) => r.purpose);
      expect(new Set(purposes).size, 'no entry twice').toBe(purposes.length);
      const present = new Set(purposes);
      accepted.forEach((count, round) => {
        for (let i = 0; i < count; i++)
          expect(present.has(`R${round}-${i}`), `R${round}-${i}`).toBe(true);
      });

      const sizes = await handle.db
        .selectFrom('ledger_checkpoints')
        .select(['size', (eb) => eb.fn.countAll().as('n')])
        .groupBy('size')
        .having(sql`count(*)`, '>', 1)
        .execute();
      expect(sizes).toEqual([]);

      // Recovery: whatever was pending joins the tree and is signed, consistently.
      const cp = await ledger.checkpoint({ force: true });
      expect(cp.size).toBe(purposes.length);
      expect((await ledger.status()).pending).toBe(0);
      const after = await ledger.verify();
      expect(after.problem).toBeNull();
      expect(after.size).toBe(purposes.length);
      expect(after.unsigned).toBe(0);
    } finally {
      await handle.destroy();
    }
  }, 120_000);
});
