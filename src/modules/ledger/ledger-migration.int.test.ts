import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import * as m016 from '../../../migrations/20261207_016_ledger_commitments.js';
import * as m023 from '../../../migrations/20261207_023_ledger_tiles.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createSecretBox } from '../../platform/crypto/index.js';
import {
  buildRecord,
  canonicalJson,
  createLedgerService,
  ed25519Signer,
  entryLeafHash,
  extendTree,
  frontierRoot,
  generateEd25519Key,
  openingProblem,
  signCheckpoint,
  inclusionProof,
  consistencyProof,
  treeRoot,
  type StoredNode,
} from './index.js';

// A log written before entries were commitments (its leaves carry subject and purpose) is
// retired by migration 016: its last checkpoint and key are kept, its entries re-committed,
// oldest first, into a new log under a new origin that verifies.

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ demo: false });
});
afterAll(async () => app.cleanup());

const ORIGIN = 'migrate.test/ledger';
const box = () => createSecretBox(app.config.secrets.session, 'ledger-key');
const ledgerOf = () =>
  createLedgerService({
    db: app.db,
    dialect: app.dialect,
    clock: app.clock,
    hmacSecret: app.config.secrets.hmac,
    secretBox: box(),
    origin: ORIGIN,
    logger: { info() {}, warn() {}, error() {} },
  });

describe('migration 016 (ledger commitments)', () => {
  it('re-commits an old log under a new origin, keeping its bytes as the content', async () => {
    const db = app.db as unknown as import('kysely').Kysely<
      Record<string, Record<string, unknown>>
    >;
    for (const t of [
      'ledger_pending',
      'ledger_entries',
      'ledger_tiles',
      'ledger_checkpoints',
      'ledger_keys',
    ])
      await db.deleteFrom(t).execute();
    // Back to the schema before 016 (node rows, not tiles), then forward through 016 and 023.
    await m023.down(app.db as never);
    await m016.down(app.db as never);

    // The old log: five entries (the leaf was the record's canonical JSON), signed at size 5,
    // and one entry still pending.
    const old = Array.from({ length: 6 }, (_, i) =>
      canonicalJson(
        buildRecord(
          {
            type: 'case',
            action: `case.step-${i}`,
            actor: 'acct-1',
            purpose: `YCB20261201000000${10 + i}`,
            subjectIdNumber: '330681199003071233',
            data: { i },
            at: new Date(Date.UTC(2026, 11, 1, 2, 0, i)),
          },
          app.config.secrets.hmac,
        ).record,
      ),
    );
    const leaves = old.slice(0, 5).map((e) => entryLeafHash(e));
    const grown = extendTree({ size: 0, peaks: [] }, leaves);
    const key = generateEd25519Key(ORIGIN);
    const note = await signCheckpoint(
      { origin: ORIGIN, size: 5, rootHash: frontierRoot(grown.frontier), extensions: [] },
      [ed25519Signer(key.signerKey)],
    );
    const at = '2026-12-01T02:00:00.000Z';
    await db
      .insertInto('ledger_entries')
      .values(
        old.slice(0, 5).map((entry, idx) => ({
          idx,
          entry,
          leaf_hash: leaves[idx],
          purpose: (JSON.parse(entry) as { purpose: string }).purpose,
          created_at: at,
        })),
      )
      .execute();
    await db
      .insertInto('ledger_nodes')
      .values(grown.nodes.map((n) => ({ level: n.level, idx: n.index, hash: n.hash })))
      .execute();
    await db.updateTable('ledger_head').set({ size: 5 }).execute();
    await db
      .insertInto('ledger_checkpoints')
      .values({ size: 5, root: frontierRoot(grown.frontier), note, created_at: at })
      .execute();
    await db
      .insertInto('ledger_keys')
      .values({
        name: ORIGIN,
        signer_key: box().seal(key.signerKey),
        verifier_key: key.verifierKey,
        created_at: at,
      })
      .execute();
    await db
      .insertInto('ledger_pending')
      .values({ entry: old[5], purpose: 'YCB2026120100000015', created_at: at })
      .execute();

    await m016.up(app.db as never);
    await m023.up(app.db as never);

    const retired = await db.selectFrom('ledger_retired').selectAll().execute();
    expect(retired).toMatchObject([{ origin: ORIGIN, verifier_key: key.verifierKey, note }]);
    expect(
      Number((await db.selectFrom('ledger_head').select('size').executeTakeFirstOrThrow()).size),
    ).toBe(0);

    const ledger = createLedgerService({
      db: app.db,
      dialect: app.dialect,
      clock: app.clock,
      hmacSecret: app.config.secrets.hmac,
      secretBox: box(),
      origin: ORIGIN,
      logger: { info() {}, warn() {}, error() {} },
    });
    const checkpoint = await ledger.checkpoint({ force: true });
    expect(checkpoint.size).toBe(6);
    expect((await ledger.verifierKey()).origin).toBe(`${ORIGIN}/v2`);
    expect(await ledger.verify()).toMatchObject({ ok: true, size: 6 });
    const rows = await app.db.selectFrom('ledger_entries').selectAll().orderBy('idx').execute();
    // Oldest first, the old bytes kept as the content, each leaf a commitment to them.
    expect(rows.map((r) => r.content)).toEqual(old);
    for (const r of rows) {
      expect(openingProblem(r.entry, r.content, r.salt)).toBeUndefined();
      // The public leaf holds only the commitment, the kind and the time: no purpose, no subject.
      // (A substring check on the random base64 commitment would fail by chance now and then.)
      const leaf = JSON.parse(r.entry) as Record<string, string>;
      expect(Object.keys(leaf).sort()).toEqual(['commitment', 'kind', 'time']);
      const opened = JSON.parse(r.content) as { subject: string; purpose: string };
      expect(r.entry).not.toContain(opened.purpose);
      expect(r.entry).not.toContain(opened.subject);
    }
  });
});

describe('migration 023 (ledger hash tiles)', () => {
  // A log of 70 000 entries crosses tile level 1 (256 entries) and level 2 (65 536 entries).
  const SIZE = 70_000;
  type Raw = import('kysely').Kysely<Record<string, Record<string, unknown>>>;

  it('moves the node rows of an old log into tiles: same proofs, tiles and checkpoints, verify holds, appends go on', async () => {
    const db = app.db as unknown as Raw;
    for (const t of [
      'ledger_pending',
      'ledger_entries',
      'ledger_tiles',
      'ledger_checkpoints',
      'ledger_cosignatures',
      'ledger_keys',
      'ledger_retired',
    ])
      await db.deleteFrom(t).execute();
    await db.updateTable('ledger_head').set({ size: 0 }).execute();
    await m023.down(app.db as never);

    // The old format, as the sequencer wrote it before 023: one row per node.
    const records = Array.from({ length: SIZE }, (_, i) =>
      buildRecord(
        {
          type: 'test',
          action: 'migrate.tiles',
          actor: 'acct-1',
          purpose: `R-${i}`,
          subjectIdNumber: null,
          data: { i },
          at: new Date(Date.UTC(2026, 11, 1, 2, 0, 0, i)),
        },
        app.config.secrets.hmac,
      ),
    );
    const leaves = records.map((r) => entryLeafHash(r.entry));
    const { nodes } = extendTree({ size: 0, peaks: [] }, leaves);
    const at = '2026-12-01T02:00:00.000Z';
    await app.db.transaction().execute(async (tx) => {
      const raw = tx as unknown as Raw;
      for (let i = 0; i < SIZE; i += 1000)
        await raw
          .insertInto('ledger_entries')
          .values(
            records.slice(i, i + 1000).map((r, j) => ({
              idx: i + j,
              entry: r.entry,
              leaf_hash: leaves[i + j],
              content: r.content,
              salt: r.salt,
              purpose: r.record.purpose,
              kind: r.record.type,
              subject: r.record.subject,
              created_at: at,
            })),
          )
          .execute();
      for (let i = 0; i < nodes.length; i += 5000)
        await raw
          .insertInto('ledger_nodes')
          .values(
            nodes.slice(i, i + 5000).map((n) => ({ level: n.level, idx: n.index, hash: n.hash })),
          )
          .execute();
      await raw.updateTable('ledger_head').set({ size: SIZE }).execute();
    });
    // Its checkpoint, signed by its key as the old service did.
    const key = generateEd25519Key(ORIGIN);
    const root = memoryRoot(nodes, SIZE);
    const note = await signCheckpoint(
      { origin: ORIGIN, size: SIZE, rootHash: root, extensions: [] },
      [ed25519Signer(key.signerKey)],
    );
    await db
      .insertInto('ledger_checkpoints')
      .values({ size: SIZE, root, note, created_at: at })
      .execute();
    await db
      .insertInto('ledger_keys')
      .values({
        name: ORIGIN,
        signer_key: box().seal(key.signerKey),
        verifier_key: key.verifierKey,
        created_at: at,
      })
      .execute();
    const probes = [0, 255, 256, 4097, 65_535, 65_536, SIZE - 1];
    const proofs = async (ledger: ReturnType<typeof ledgerOf>) => ({
      inclusion: await Promise.all(probes.map((i) => ledger.inclusionProof(i, SIZE))),
      consistency: await Promise.all(
        [1, 300, 65_536, 69_999].map((from) => ledger.consistencyProof(from, SIZE)),
      ),
    });
    // The proofs as RFC 9162 defines them, from the old log's nodes held in memory.
    const expected = {
      inclusion: probes.map((i) => inclusionProof(i, SIZE, memoryStore(nodes))),
      consistency: [1, 300, 65_536, 69_999].map((from) =>
        consistencyProof(from, SIZE, memoryStore(nodes)),
      ),
    };

    await m023.up(app.db as never);

    const tables = await sql<{ name: string }>`select 1 as name from ledger_tiles limit 1`.execute(
      app.db,
    );
    expect(tables.rows).toHaveLength(1);
    await expect(sql`select 1 from ledger_nodes`.execute(app.db)).rejects.toThrow();
    const after = ledgerOf();
    const got = await proofs(after);
    expect(got.inclusion.map((p) => p.hashes)).toEqual(expected.inclusion);
    expect(got.consistency.map((p) => p.hashes)).toEqual(expected.consistency);
    // Tiles count: level 0 ⌈70 000/256⌉ = 274, level 1 ⌈273/256⌉ = 2 (273 full hashes), level 2 one.
    const count = await db
      .selectFrom('ledger_tiles')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(274 + 2 + 1);
    // The public tiles are the level-8·L hashes, full and partial.
    const full = await after.tile('tile/0/001');
    expect(full.bytes).toEqual(Buffer.concat(leaves.slice(256, 512)));
    const partial = await after.tile(`tile/0/273.p/${SIZE - 273 * 256}`);
    expect(partial.bytes).toEqual(Buffer.concat(leaves.slice(273 * 256)));
    const top = await after.tile('tile/2/000.p/1');
    expect(top.bytes).toEqual(memoryStore(nodes).nodes([{ level: 16, index: 0 }])[0]);
    expect(await after.verify()).toMatchObject({ ok: true, size: SIZE, checkpointsChecked: 1 });

    // The log goes on growing from the migrated tiles, and its checkpoint extends the old one.
    await app.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 300; i++)
        await after.append(tx, {
          type: 'test',
          action: 'migrate.after',
          actor: 'acct-1',
          purpose: `A-${i}`,
          subjectIdNumber: null,
          data: { i },
          at: new Date(Date.UTC(2026, 11, 1, 3)),
        });
    });
    const grown = await after.checkpoint({ force: true });
    expect(grown.size).toBe(SIZE + 300);
    expect(await after.verify()).toMatchObject({ ok: true, size: SIZE + 300 });
  }, 120_000);
});

function memoryStore(nodes: readonly StoredNode[]) {
  const map = new Map(nodes.map((n) => [`${n.level}/${n.index}`, n.hash]));
  return {
    nodes: (ids: readonly { level: number; index: number }[]) =>
      ids.map((id) => map.get(`${id.level}/${id.index}`)!),
  };
}

function memoryRoot(nodes: readonly StoredNode[], size: number): Buffer {
  return treeRoot(size, memoryStore(nodes));
}
