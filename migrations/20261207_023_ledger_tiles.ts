import { sql, SqliteIntrospector, type Kysely } from 'kysely';

// Self-contained on purpose (a migration must not change when the module does): the layout is
// the one src/modules/ledger/ledger.tilestore.ts reads.
const WIDTH = 256;
const HEIGHT = 8;
const HASH = 32;
const TILES_PER_PAGE = 256;

interface Db {
  ledger_nodes: { level: number; idx: number; hash: Buffer };
  ledger_tiles: { level: number; idx: number; width: number; hashes: Buffer };
  ledger_head: { id: number; size: number };
}

/** ⌊w/2^k⌋ summed over the 8 tree levels of a tile. */
function hashCount(width: number): number {
  let n = 0;
  for (let k = 0; k < HEIGHT; k++) n += Math.floor(width / 2 ** k);
  return n;
}

/**
 * The ledger's tree as hash tiles (issue 14): one row per C2SP tlog-tiles tile instead of one
 * row per node, so a batch of N entries writes about N/256 tree rows. Tile (level, idx) of
 * width w holds the w hashes of tree level 8·level, then ⌊w/2⌋ … ⌊w/128⌋ hashes of the seven
 * levels above them inside the tile; `hashes` is their concatenation, level by level.
 *
 * Existing node rows are moved into tiles, tile level by tile level, a page of tiles at a time,
 * and `ledger_nodes` is DROPPED afterwards (every node is in a tile; keeping a second copy
 * that nothing reads would only be something to tamper with unnoticed). The tiles hold exactly
 * the nodes a tree of the head's size has: a node row that was missing becomes 32 zero bytes
 * in its slot (so `ledger verify` names that node as changed), and node rows beyond the head's
 * size are not moved. Run `onetrip ledger verify` after upgrading a log that did not verify.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.introspection instanceof SqliteIntrospector;
  await db.schema
    .createTable('ledger_tiles')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', sqlite ? 'integer' : 'bigint', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('hashes', sqlite ? sql`blob` : sql`bytea`, (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_tiles_pk', ['level', 'idx'])
    .execute();
  // Random hashes do not compress: PostgreSQL stores them out of line without trying.
  if (!sqlite)
    await sql`alter table ledger_tiles alter column hashes set storage external`.execute(db);

  const typed = db as unknown as Kysely<Db>;
  const head = await typed.selectFrom('ledger_head').select('size').executeTakeFirst();
  const size = Number(head?.size ?? 0);
  for (let level = 0, count = size; count > 0; level++, count = Math.floor(count / WIDTH)) {
    const tiles = Math.ceil(count / WIDTH);
    for (let first = 0; first < tiles; first += TILES_PER_PAGE) {
      const last = Math.min(tiles, first + TILES_PER_PAGE);
      const rows: Db['ledger_tiles'][] = [];
      const byTile: Map<number, Buffer>[][] = [];
      for (let k = 0; k < HEIGHT; k++) {
        const per = WIDTH / 2 ** k;
        const nodes = await typed
          .selectFrom('ledger_nodes')
          .select(['idx', 'hash'])
          .where('level', '=', level * HEIGHT + k)
          .where('idx', '>=', first * per)
          .where('idx', '<', last * per)
          .execute();
        for (const n of nodes) {
          const idx = Number(n.idx);
          const tile = Math.floor(idx / per);
          ((byTile[tile - first] ??= [])[k] ??= new Map()).set(
            idx - tile * per,
            Buffer.from(n.hash),
          );
        }
      }
      for (let tile = first; tile < last; tile++) {
        const width = Math.min(WIDTH, count - tile * WIDTH);
        const hashes = Buffer.alloc(hashCount(width) * HASH);
        let offset = 0;
        for (let k = 0; k < HEIGHT; k++) {
          const found = byTile[tile - first]?.[k];
          for (let pos = 0; pos < Math.floor(width / 2 ** k); pos++, offset++)
            found?.get(pos)?.copy(hashes, offset * HASH);
        }
        rows.push({ level, idx: tile, width, hashes });
      }
      for (let i = 0; i < rows.length; i += 100)
        await typed
          .insertInto('ledger_tiles')
          .values(rows.slice(i, i + 100))
          .execute();
    }
  }
  await db.schema.dropTable('ledger_nodes').execute();
}

/** Puts every hash of the tiles back as a node row (ledger_nodes as migration 007 made it) and drops the tiles. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.introspection instanceof SqliteIntrospector;
  let nodes = db.schema
    .createTable('ledger_nodes')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', sqlite ? 'integer' : 'bigint', (c) => c.notNull())
    .addColumn('hash', sqlite ? sql`blob` : sql`bytea`, (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_nodes_pk', ['level', 'idx']);
  if (sqlite) nodes = nodes.modifyEnd(sql`without rowid`);
  await nodes.execute();
  const typed = db as unknown as Kysely<Db>;
  for (let after = { level: -1, idx: -1 }; ;) {
    const tiles = await typed
      .selectFrom('ledger_tiles')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('level', '>', after.level),
          eb.and([eb('level', '=', after.level), eb('idx', '>', after.idx)]),
        ]),
      )
      .orderBy('level')
      .orderBy('idx')
      .limit(TILES_PER_PAGE)
      .execute();
    if (tiles.length === 0) break;
    const rows: Db['ledger_nodes'][] = [];
    for (const t of tiles) {
      const width = Number(t.width);
      let offset = 0;
      for (let k = 0; k < HEIGHT; k++) {
        const per = WIDTH / 2 ** k;
        for (let pos = 0; pos < Math.floor(width / 2 ** k); pos++, offset++) {
          rows.push({
            level: Number(t.level) * HEIGHT + k,
            idx: Number(t.idx) * per + pos,
            hash: Buffer.from(t.hashes).subarray(offset * HASH, (offset + 1) * HASH),
          });
        }
      }
    }
    for (let i = 0; i < rows.length; i += 2000)
      await typed
        .insertInto('ledger_nodes')
        .values(rows.slice(i, i + 2000))
        .execute();
    const last = tiles[tiles.length - 1]!;
    after = { level: Number(last.level), idx: Number(last.idx) };
  }
  await db.schema.dropTable('ledger_tiles').execute();
}
