import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';

import { createTestApp, testDialect, type TestApp } from '../../../test/support/test-app.js';
import { approveTask, submitApplication } from '../../../test/support/ledger.js';
import { createSecretBox } from '../../platform/crypto/index.js';
import type { Database } from '../../schema.js';
import { accessData } from '../datahub/index.js';
import {
  canonicalJson,
  createLedgerService,
  dataHash,
  leafEntry,
  parseContent,
  ed25519Signer,
  extendTree,
  generateEd25519Key,
  leafHash,
  signCheckpoint,
  type LedgerProblemKind,
} from './index.js';
import { tilesOf } from './ledger.tilestore.js';

// Someone with write access to the database edits the ledger with SQL; `ledger verify` must
// name what changed. Each test restores the tables afterwards.

let app: TestApp;
type Snapshot = Awaited<ReturnType<typeof snapshot>>;
let clean: Snapshot;

async function snapshot() {
  return {
    entries: await app.db.selectFrom('ledger_entries').selectAll().orderBy('idx').execute(),
    tiles: await app.db.selectFrom('ledger_tiles').selectAll().execute(),
    checkpoints: await app.db.selectFrom('ledger_checkpoints').selectAll().execute(),
    keys: await app.db.selectFrom('ledger_keys').selectAll().execute(),
    head: await app.db.selectFrom('ledger_head').selectAll().execute(),
  };
}

async function restore(s: Snapshot): Promise<void> {
  await app.db.transaction().execute(async (tx) => {
    for (const t of [
      'ledger_entries',
      'ledger_tiles',
      'ledger_checkpoints',
      'ledger_keys',
      'ledger_head',
    ] as const)
      await tx.deleteFrom(t).execute();
    if (s.tiles.length > 0) await tx.insertInto('ledger_tiles').values(s.tiles).execute();
    await tx.insertInto('ledger_entries').values(s.entries).execute();
    await tx.insertInto('ledger_checkpoints').values(s.checkpoints).execute();
    await tx.insertInto('ledger_keys').values(s.keys).execute();
    await tx.insertInto('ledger_head').values(s.head).execute();
  });
}

/** Replaces every stored tile with the tiles of the tree over these leaf hashes. */
async function storeTree(tx: Kysely<Database>, leaves: Buffer[]): Promise<void> {
  const { nodes } = extendTree({ size: 0, peaks: [] }, leaves);
  await tx.deleteFrom('ledger_tiles').execute();
  const tiles = tilesOf(nodes);
  if (tiles.length > 0)
    await tx
      .insertInto('ledger_tiles')
      .values(
        tiles.map((t) => ({ level: t.level, idx: t.index, width: t.width, hashes: t.hashes })),
      )
      .execute();
}

/** The stored tile (0, 0): every test log is below 256 entries. */
async function firstTile(): Promise<{ width: number; hashes: Buffer }> {
  const row = await app.db
    .selectFrom('ledger_tiles')
    .selectAll()
    .where('level', '=', 0)
    .where('idx', '=', 0)
    .executeTakeFirstOrThrow();
  return { width: Number(row.width), hashes: Buffer.from(row.hashes) };
}

/** The row's record with its action changed, committed again under its salt: leaf and content agree. */
function recommitted(row: { content: string; salt: string }): { entry: string; content: string } {
  const record = parseContent(row.content)!;
  const edited = { ...record, action: `${record.action}!` };
  return { entry: leafEntry({ record: edited, salt: row.salt }), content: canonicalJson(edited) };
}

async function expectProblem(
  kind: LedgerProblemKind,
  where: { index?: number; level?: number; size?: number } = {},
) {
  const report = await app.services.ledger.verify({ batchSize: 7 });
  expect(report.ok).toBe(false);
  expect(report.problem).toMatchObject({ kind, ...where });
  return report.problem!;
}

beforeAll(async () => {
  app = await createTestApp();
  const citizen = await app.login('citizen1');
  for (let i = 0; i < 3; i++) {
    const submitted = await submitApplication(app, citizen);
    await approveTask(app, submitted.tasks[0]!);
    await app.services.ledger.checkpoint({ force: true });
  }
  clean = await snapshot();
  expect(clean.entries.length).toBeGreaterThan(12);
  expect(clean.checkpoints.length).toBeGreaterThanOrEqual(3);
});
afterAll(async () => app.cleanup());
afterEach(async () => {
  await restore(clean);
  const report = await app.services.ledger.verify();
  expect(report.problem).toBeNull();
});

describe('ledger verify catches tampering', () => {
  it('names an entry edited in place', async () => {
    await sql`update ledger_entries set entry = replace(entry, '"commitment":"', '"commitment":"A') where idx = 3`.execute(
      app.db,
    );
    const problem = await expectProblem('entry-changed', { index: 3 });
    expect(problem.message.en).toMatch(/^entry 3 was changed/);
  });

  it('names an entry whose leaf hash was rewritten with it (the tree still holds the old leaf)', async () => {
    const row = clean.entries[4]!;
    // A forger who re-commits the edited record, so the opening holds: the tree does not.
    const forged = recommitted(row);
    await app.db
      .updateTable('ledger_entries')
      .set({ ...forged, leaf_hash: leafHash(Buffer.from(forged.entry)) })
      .where('idx', '=', 4)
      .execute();
    const problem = await expectProblem('node-changed', { level: 0, index: 4 });
    expect(problem.message.en).toMatch(/leaf node of entry 4/);
  });

  it('names the checkpoint broken by an entry rewritten with every hash above it', async () => {
    const entries = clean.entries.map((e) => ({ ...e }));
    const forged = recommitted(entries[5]!);
    entries[5] = { ...entries[5]!, ...forged };
    const leaves = entries.map((e) => leafHash(Buffer.from(e.entry)));
    await app.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('ledger_entries')
        .set({ ...forged, leaf_hash: leaves[5]! })
        .where('idx', '=', 5)
        .execute();
      await storeTree(tx, leaves);
    });
    const firstAfter = Math.min(
      ...clean.checkpoints.map((c) => Number(c.size)).filter((s) => s > 5),
    );
    await expectProblem('checkpoint-root', { size: firstAfter });
  });

  it('names a deleted entry, in the middle or at the end', async () => {
    await app.db.deleteFrom('ledger_entries').where('idx', '=', 6).execute();
    await expectProblem('entry-missing', { index: 6 });
    await restore(clean);
    const last = clean.entries.length - 1;
    await app.db.deleteFrom('ledger_entries').where('idx', '=', last).execute();
    await expectProblem('entry-missing', { index: last });
  });

  it('names a swapped node hash, a deleted tile and a foreign node', async () => {
    // Inside tile 0/0 (width w): w leaf hashes, then level 1: nodes 1/0 and 1/1 at slots w, w+1.
    const { width, hashes } = await firstTile();
    const swapped = Buffer.from(hashes);
    hashes.copy(swapped, width * 32, (width + 1) * 32, (width + 2) * 32);
    hashes.copy(swapped, (width + 1) * 32, width * 32, (width + 1) * 32);
    await app.db
      .updateTable('ledger_tiles')
      .set({ hashes: swapped })
      .where('level', '=', 0)
      .where('idx', '=', 0)
      .execute();
    await expectProblem('node-changed', { level: 1, index: 0 });
    await restore(clean);
    await app.db.deleteFrom('ledger_tiles').where('level', '=', 0).where('idx', '=', 0).execute();
    await expectProblem('node-missing', { level: 0, index: 0 });
    await restore(clean);
    // A tile one hash wider than the tree: its hashes all agree, the extra one does not belong.
    const size = clean.entries.length;
    await app.db.transaction().execute(async (tx) => {
      await storeTree(tx, [
        ...clean.entries.map((e) => Buffer.from(e.leaf_hash)),
        Buffer.alloc(32),
      ]);
    });
    await expectProblem('node-extra', { level: 0, index: size });
    await restore(clean);
    await app.db
      .insertInto('ledger_tiles')
      .values({ level: 0, idx: 1, width: 1, hashes: Buffer.alloc(32) })
      .execute();
    await expectProblem('node-extra', { level: 0, index: 256 });
  });

  it('names a checkpoint replaced by a forged one, or one whose signature was altered', async () => {
    const target = clean.checkpoints[1]!;
    const { origin } = await app.services.ledger.verifierKey();
    const forger = ed25519Signer(generateEd25519Key(origin).signerKey);
    const forged = await signCheckpoint(
      { origin, size: Number(target.size), rootHash: Buffer.alloc(32, 9), extensions: [] },
      [forger],
    );
    await app.db
      .updateTable('ledger_checkpoints')
      .set({ note: forged, root: Buffer.alloc(32, 9) })
      .where('size', '=', target.size)
      .execute();
    const problem = await expectProblem('checkpoint-forged', { size: Number(target.size) });
    expect(problem.message.en).toMatch(/not signed by the log key/);
    await restore(clean);
    const lastLine = target.note.trimEnd().split('\n').pop()!;
    const flipped =
      lastLine.slice(0, -3) + (lastLine.slice(-3, -2) === 'A' ? 'B' : 'A') + lastLine.slice(-2);
    await app.db
      .updateTable('ledger_checkpoints')
      .set({ note: target.note.replace(lastLine, flipped) })
      .where('size', '=', target.size)
      .execute();
    await expectProblem('checkpoint-forged', { size: Number(target.size) });
  });

  it('names a checkpoint row whose root no longer matches its note, and a log cut short', async () => {
    const target = clean.checkpoints[0]!;
    await app.db
      .updateTable('ledger_checkpoints')
      .set({ root: Buffer.alloc(32, 1) })
      .where('size', '=', target.size)
      .execute();
    await expectProblem('checkpoint-mismatch', { size: Number(target.size) });
    await restore(clean);
    const size = clean.entries.length;
    await app.db
      .deleteFrom('ledger_entries')
      .where('idx', '>=', size - 2)
      .execute();
    await app.db.transaction().execute(async (tx) => {
      await storeTree(
        tx,
        clean.entries.slice(0, size - 2).map((e) => Buffer.from(e.leaf_hash)),
      );
    });
    await app.db
      .updateTable('ledger_head')
      .set({ size: size - 2 })
      .execute();
    await expectProblem('checkpoint-beyond-log', { size });
  });

  it('refuses a log key swapped for another one', async () => {
    const { origin } = await app.services.ledger.verifierKey();
    const other = generateEd25519Key(origin);
    await app.db.updateTable('ledger_keys').set({ verifier_key: other.verifierKey }).execute();
    // A fresh service, as a new process builds it, reads the key row again.
    const fresh = createLedgerService({
      db: app.db,
      dialect: app.dialect,
      clock: app.clock,
      hmacSecret: app.config.secrets.hmac,
      secretBox: createSecretBox(app.config.secrets.session, 'ledger-key'),
      origin,
      logger: { info() {}, warn() {}, error() {} },
    });
    const report = await fresh.verify();
    expect(report.problem).toMatchObject({ kind: 'key' });
    expect(report.problem?.message.en).toMatch(/does not match the stored verifier key/);
  });
});

describe('ledger verify checks every column an entry is found or shown by', () => {
  // Each column of an entry's row in turn: the opened content and salt must open the public
  // leaf, and each look-up copy must equal the committed record.
  it.each([
    ['content', sql`replace(content, '"action":"case.', '"action":"case!')`, 'entry-opening'],
    ['salt', sql`'AAAAAAAAAAAAAAAAAAAAAA'`, 'entry-opening'],
    ['purpose', sql`'YCB0000000000000000'`, 'column-mismatch'],
    ['kind', sql`'datahub'`, 'column-mismatch'],
    ['subject', sql`'00'`, 'column-mismatch'],
  ] as const)('names the entry whose %s was edited', async (column, value, kind) => {
    const idx = clean.entries.find((e) => e.kind === 'case' && e.subject !== null)!.idx;
    await sql`update ledger_entries set ${sql.ref(column)} = ${value} where idx = ${idx}`.execute(
      app.db,
    );
    const problem = await expectProblem(kind, { index: Number(idx) });
    expect(problem.row).toBe(`ledger_entries/${idx}`);
    if (kind === 'column-mismatch') expect(problem.column).toBe(column);
  });

  it('names a pending entry whose purpose or content was edited', async () => {
    const citizen = await app.login('citizen1');
    const submitted = await submitApplication(app, citizen);
    const pending = await app.db.selectFrom('ledger_pending').select('id').orderBy('id').execute();
    expect(pending.length).toBeGreaterThan(0);
    const id = pending[0]!.id;
    await sql`update ledger_pending set purpose = 'YCB0000000000000000' where id = ${id}`.execute(
      app.db,
    );
    let report = await app.services.ledger.verify();
    expect(report.problem).toMatchObject({
      kind: 'pending-opening',
      row: `ledger_pending/${id}`,
      column: 'purpose',
    });
    await sql`update ledger_pending set purpose = ${submitted.receiptNo}, content = replace(content, '"time":"', '"time":"1') where id = ${id}`.execute(
      app.db,
    );
    report = await app.services.ledger.verify();
    expect(report.problem).toMatchObject({ kind: 'pending-opening', row: `ledger_pending/${id}` });
    await app.db.deleteFrom('ledger_pending').execute();
    await app.db
      .deleteFrom('datahub_accesses')
      .where('purpose', '=', submitted.receiptNo)
      .execute();
  });

  // The citizen's access log (我的数据使用记录) shows these columns and finds its entry by them.
  it.each([
    ['items', sql`replace(items, 'psb', 'hrss')`],
    ['channel', sql`'preview'`],
    ['department', sql`'hrss'`],
    ['data_hash', sql`'AAAA'`],
    ['purpose', sql`'YCB0000000000000000'`],
    ['subject_ref', sql`'00'`],
    ['actor_account', sql`'acct-nobody'`],
    ['actor_role', sql`'supervisor'`],
    ['at', sql`'2020-01-01T00:00:00.000Z'`],
    ['application_id', sql`(select id from applications order by id desc limit 1)`],
  ] as const)('names the data access whose %s was edited', async (column, value) => {
    const rows = await app.db
      .selectFrom('datahub_accesses')
      .selectAll()
      .where('application_id', 'is not', null)
      .orderBy('id')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    // The first access row of another application than the newest, so each edit changes something.
    const newest = await app.db
      .selectFrom('applications')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const row = rows.find((r) => r.application_id !== newest.id)!;
    expect(await app.services.ledger.verify()).toMatchObject({ ok: true });
    try {
      await sql`update datahub_accesses set ${sql.ref(column)} = ${value} where id = ${row.id}`.execute(
        app.db,
      );
      const report = await app.services.ledger.verify();
      expect(report.problem).toMatchObject({
        kind: 'index-mismatch',
        row: `datahub_accesses/${row.id}`,
      });
    } finally {
      await app.db.updateTable('datahub_accesses').set(row).where('id', '=', row.id).execute();
    }
  });
});

describe('the access log shows a row without its entry as such', () => {
  it('marks an access whose data hash was edited as missing from the ledger', async () => {
    const citizen = await app.login('citizen1');
    type Row = { id: string; ledger: { missing: boolean; opening: unknown } };
    const list = async () =>
      (
        await app.server.inject({
          url: '/api/v1/me/data-access',
          headers: { authorization: `Bearer ${citizen}` },
        })
      ).json<{ items: Row[] }>().items;
    const before = await list();
    expect(before.length).toBeGreaterThan(1);
    expect(before.every((r) => !r.ledger.missing)).toBe(true);
    const target = before[0]!;
    await app.db
      .updateTable('datahub_accesses')
      .set({ data_hash: 'AAAA' })
      .where('id', '=', target.id)
      .execute();
    try {
      const after = await list();
      expect(after.find((r) => r.id === target.id)?.ledger).toMatchObject({
        missing: true,
        opening: null,
      });
      expect(after.filter((r) => r.ledger.missing)).toHaveLength(1);
    } finally {
      const row = await app.db
        .selectFrom('datahub_accesses')
        .selectAll()
        .where('id', '=', target.id)
        .executeTakeFirstOrThrow();
      await app.db
        .updateTable('datahub_accesses')
        .set({ data_hash: dataHash(accessData(row)) })
        .where('id', '=', target.id)
        .execute();
    }
  });
});

describe('onetrip ledger verify (the CLI)', () => {
  const exec = promisify(execFile);

  async function cli(): Promise<{ code: number; out: string }> {
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'test',
      ONETRIP_DATA_DIR: app.config.dataDir,
    };
    if (testDialect === 'postgres') {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
        app.db,
      );
      const url = new URL(process.env.ONETRIP_TEST_DATABASE_URL!);
      url.searchParams.set('options', `-c search_path=${rows[0]!.schema}`);
      env.DATABASE_URL = url.toString();
    }
    try {
      const { stdout, stderr } = await exec(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'ledger', 'verify'],
        { env, cwd: process.cwd() },
      );
      return { code: 0, out: stdout + stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
  }

  it('exits 0 on the clean log and 1 naming an entry edited with SQL', async () => {
    const ok = await cli();
    expect(ok.out).toMatch(/ledger verify: OK/);
    expect(ok.code).toBe(0);
    await sql`update ledger_entries set entry = replace(entry, '"commitment":"', '"commitment":"A') where idx = 2`.execute(
      app.db,
    );
    const failed = await cli();
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/entry-changed \(index 2\)/);
    expect(failed.out).toMatch(/entry 2 was changed/);
  }, 60_000);
});
