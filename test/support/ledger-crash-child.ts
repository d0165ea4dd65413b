// Run by ledger-crash.int.test.ts as `node --import tsx`: appends entries in transactions of
// 1..40, sequences in batches and signs checkpoints, forever, until the test SIGKILLs it.
// After each committed append transaction it prints `accepted <round> <n>`: the entries
// [0, n) of this round were committed and must never be lost.
import { systemClock } from '../../src/platform/clock/index.js';
import { createSecretBox } from '../../src/platform/crypto/index.js';
import { openDatabase, type DatabaseTarget } from '../../src/platform/db/index.js';
import { createLedgerService, type LedgerServiceDeps } from '../../src/modules/ledger/index.js';
import type { Database } from '../../src/schema.js';

const target = JSON.parse(process.env.LEDGER_CRASH_TARGET ?? '') as DatabaseTarget;
const round = process.env.LEDGER_CRASH_ROUND ?? '0';
// The test migrated the database before starting us.
const handle = openDatabase<Database>(target);
const silent = { info() {}, warn() {}, error() {} } as unknown as LedgerServiceDeps['logger'];
const ledger = createLedgerService({
  db: handle.db,
  dialect: handle.dialect,
  clock: systemClock,
  hmacSecret: 'crash-test-hmac-secret-crash-test-hmac',
  secretBox: createSecretBox('crash-test-session-secret-crash-test', 'ledger-key'),
  origin: 'crash.test/ledger',
  logger: silent,
  checkpointIntervalMs: 0,
  sequenceBatch: 300,
});

let n = 0;
for (let step = 0; ; step++) {
  const count = 1 + ((step * 7) % 40);
  await handle.db.transaction().execute(async (tx) => {
    for (let i = 0; i < count; i++) {
      await ledger.append(tx, {
        type: 'test',
        action: 'crash.append',
        actor: 'child',
        purpose: `R${round}-${n + i}`,
        subjectIdNumber: null,
        data: { round, n: n + i },
        at: new Date(),
      });
    }
  });
  n += count;
  process.stdout.write(`accepted ${round} ${n}\n`);
  if (step % 3 === 0) await ledger.checkpoint({ force: true });
  else await ledger.sequence(300);
}
