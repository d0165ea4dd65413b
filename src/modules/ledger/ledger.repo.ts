import { CompiledQuery, type Insertable, type Kysely, type Selectable } from 'kysely';

import type { Dialect } from '../../platform/db/index.js';
import type { Database } from '../../schema.js';
import type { NodeId } from './merkle.js';
import { hashInTile, placeOf, tileKey, type StoredTile } from './ledger.tilestore.js';
import { checkpointQueries } from './ledger.checkpoints.repo.js';
import type { LedgerEntriesTable, LedgerPendingTable } from './ledger.tables.js';

export type {
  CheckpointRow,
  CosignatureRow,
  KeyRow,
  WitnessRow,
} from './ledger.checkpoints.repo.js';

/** A row of `ledger_pending`. */
export type PendingRow = Selectable<LedgerPendingTable>;
/** What the sequencer takes of a pending entry: its id and leaf bytes (PostgreSQL: the whole row). */
export type TakenPending = Pick<PendingRow, 'id' | 'entry'>;
/** A row of `ledger_entries`. */
export type EntryRow = Selectable<LedgerEntriesTable>;

// Rows per multi-row INSERT: under SQLite's 32766 and PostgreSQL's 65535 parameters.
const ENTRY_CHUNK = 3000;
const ENTRY_COLUMNS = [
  'idx',
  'entry',
  'leaf_hash',
  'content',
  'salt',
  'purpose',
  'kind',
  'subject',
  'created_at',
];
const PENDING_COLUMNS = ['entry', 'content', 'salt', 'purpose', 'kind', 'subject', 'created_at'];
const TILE_CHUNK = 500;
const TILE_COLUMNS = ['level', 'idx', 'width', 'hashes'];
// Tile IDs per lookup query, so a proof (≤ 2·53 nodes, fewer tiles) is one round trip.
const LOOKUP_CHUNK = 300;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// Multi-row INSERTs of the sequencer as plain parameterised SQL, cached per row count: Kysely
// builds an operation node per value, which costs more than SQLite's own insert here.
function insertStatements(dialect: Dialect) {
  const cache = new Map<string, string>();
  return (table: string, columns: readonly string[], rows: number): string => {
    const key = `${table}:${rows}`;
    let text = cache.get(key);
    if (!text) {
      let n = 0;
      const row = () =>
        `(${columns.map(() => (dialect === 'postgres' ? `$${++n}` : '?')).join(', ')})`;
      text = `insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: rows }, row).join(', ')}`;
      cache.set(key, text);
    }
    return text;
  };
}

/** The only code of the ledger module that builds SQL. Every read takes an optional transaction. */
export function createLedgerRepo(db: Kysely<Database>, dialect: Dialect) {
  const statement = insertStatements(dialect);
  async function headSize(tx: Kysely<Database> = db): Promise<number> {
    const row = await tx
      .selectFrom('ledger_head')
      .select('size')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return Number(row.size);
  }

  /** The stored tiles with the given (level, index), keyed by tileKey; absent ones are missing. */
  async function tiles(
    ids: readonly { level: number; index: number }[],
    tx: Kysely<Database> = db,
  ): Promise<Map<string, StoredTile>> {
    const found = new Map<string, StoredTile>();
    const unique = [...new Map(ids.map((t) => [tileKey(t.level, t.index), t])).values()];
    for (const chunk of chunks(unique, LOOKUP_CHUNK)) {
      const rows = await tx
        .selectFrom('ledger_tiles')
        .select(['level', 'idx', 'width', 'hashes'])
        .where((eb) =>
          eb.or(chunk.map((t) => eb.and([eb('level', '=', t.level), eb('idx', '=', t.index)]))),
        )
        .execute();
      for (const r of rows) {
        const tile = normalizeTile(r);
        found.set(tileKey(tile.level, tile.index), tile);
      }
    }
    return found;
  }

  return {
    ...checkpointQueries(db),

    /** Runs `fn` in one transaction. */
    transaction<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
      return db.transaction().execute(fn);
    },

    /** Writes a pending entry in the caller's transaction. */
    async insertPending(tx: Kysely<Database>, row: Insertable<LedgerPendingTable>): Promise<void> {
      const text = statement('ledger_pending', PENDING_COLUMNS, 1);
      await tx.executeQuery(
        CompiledQuery.raw(text, [
          row.entry,
          row.content,
          row.salt,
          row.purpose,
          row.kind,
          row.subject ?? null,
          row.created_at,
        ]),
      );
    },

    /**
     * Locks the head row for the rest of the transaction and returns the tree size: FOR
     * UPDATE on PostgreSQL, so one node sequences at a time; on SQLite a no-op write takes
     * the database's write lock first, so the reads that follow see the latest commit.
     */
    async lockHead(trx: Kysely<Database>): Promise<number> {
      if (dialect === 'postgres') {
        const row = await trx
          .selectFrom('ledger_head')
          .select('size')
          .where('id', '=', 1)
          .forUpdate()
          .executeTakeFirstOrThrow();
        return Number(row.size);
      }
      await trx
        .updateTable('ledger_head')
        .set((eb) => ({ size: eb.ref('size') }))
        .where('id', '=', 1)
        .execute();
      return headSize(trx);
    },

    /** The tree size as last committed. */
    headSize,

    async setHead(trx: Kysely<Database>, size: number, at: string): Promise<void> {
      await trx
        .updateTable('ledger_head')
        .set({ size, updated_at: at })
        .where('id', '=', 1)
        .execute();
    },

    /**
     * Takes up to `limit` pending entries, oldest first, for the sequencer. PostgreSQL: removes
     * and returns them in one statement (DELETE … RETURNING, by exact ids: an entry committed
     * meanwhile stays pending). SQLite: lockHead took the write lock, so no writer can add an
     * id below the last one read; it reads only id and leaf bytes, and storeEntries moves the
     * rows inside SQLite.
     */
    async takePending(trx: Kysely<Database>, limit: number): Promise<TakenPending[]> {
      if (dialect === 'sqlite') {
        const rows = await trx
          .selectFrom('ledger_pending')
          .select(['id', 'entry'])
          .orderBy('id')
          .limit(limit)
          .execute();
        return rows.map((r) => ({ id: Number(r.id), entry: r.entry }));
      }
      const rows = await trx
        .deleteFrom('ledger_pending')
        .where('id', 'in', (eb) =>
          eb.selectFrom('ledger_pending').select('id').orderBy('id').limit(limit),
        )
        .returningAll()
        .execute();
      return rows.map((r) => ({ ...r, id: Number(r.id) })).sort((a, b) => a.id - b.id);
    },

    /**
     * Makes the taken pending entries the entries [size, size + n) with these leaf hashes. On
     * SQLite one INSERT … SELECT copies the rows from the outbox (their bytes never pass
     * through JavaScript) and one range DELETE empties it; on PostgreSQL multi-row INSERTs.
     */
    async storeEntries(
      trx: Kysely<Database>,
      size: number,
      taken: readonly TakenPending[],
      leaves: readonly Buffer[],
    ): Promise<void> {
      if (taken.length === 0) return;
      if (dialect === 'sqlite') {
        const last = taken[taken.length - 1]!.id;
        await trx.executeQuery(
          CompiledQuery.raw(
            `insert into ledger_entries (${ENTRY_COLUMNS.join(', ')}) select ? + n, entry, substr(?, n * 32 + 1, 32), content, salt, purpose, kind, subject, created_at from (select *, row_number() over (order by id) - 1 as n from ledger_pending where id <= ?) order by n`,
            [size, Buffer.concat(leaves), last],
          ),
        );
        await trx.deleteFrom('ledger_pending').where('id', '<=', last).execute();
        return;
      }
      const rows = (taken as PendingRow[]).map((p, i): EntryRow => ({
        idx: size + i,
        entry: p.entry,
        leaf_hash: leaves[i]!,
        content: p.content,
        salt: p.salt,
        purpose: p.purpose,
        kind: p.kind,
        subject: p.subject,
        created_at: p.created_at,
      }));
      for (const chunk of chunks(rows, ENTRY_CHUNK)) {
        const params = chunk.flatMap((r) => [
          r.idx,
          r.entry,
          r.leaf_hash,
          r.content,
          r.salt,
          r.purpose,
          r.kind,
          r.subject,
          r.created_at,
        ]);
        await trx.executeQuery(
          CompiledQuery.raw(statement('ledger_entries', ENTRY_COLUMNS, chunk.length), params),
        );
      }
    },

    async countPending(tx: Kysely<Database> = db): Promise<number> {
      const row = await tx
        .selectFrom('ledger_pending')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * Writes whole tiles, replacing a stored partial tile of the same (level, idx). One
     * statement per chunk; a batch of N entries writes about N/256 rows.
     */
    async upsertTiles(trx: Kysely<Database>, tiles: readonly StoredTile[]): Promise<void> {
      for (const chunk of chunks(tiles, TILE_CHUNK)) {
        const params = chunk.flatMap((t) => [t.level, t.index, t.width, t.hashes]);
        await trx.executeQuery(
          CompiledQuery.raw(
            `${statement('ledger_tiles', TILE_COLUMNS, chunk.length)} on conflict (level, idx) do update set width = excluded.width, hashes = excluded.hashes`,
            params,
          ),
        );
      }
    },

    tiles,

    /** The hashes of the given nodes in the same order, undefined where no tile holds one. */
    async nodes(
      ids: readonly NodeId[],
      tx: Kysely<Database> = db,
    ): Promise<(Buffer | undefined)[]> {
      const places = ids.map(placeOf);
      const found = await tiles(
        places.map((p) => ({ level: p.tileLevel, index: p.tileIndex })),
        tx,
      );
      return places.map((p) => {
        const tile = found.get(tileKey(p.tileLevel, p.tileIndex));
        const hash = tile && hashInTile(tile, p.k, p.pos);
        return hash && Buffer.from(hash);
      });
    },

    /** Stored tiles in the given index ranges per tile level (inclusive), ordered by level and index. */
    async tileRanges(
      ranges: readonly { level: number; from: number; to: number }[],
    ): Promise<StoredTile[]> {
      if (ranges.length === 0) return [];
      const rows = await db
        .selectFrom('ledger_tiles')
        .select(['level', 'idx', 'width', 'hashes'])
        .where((eb) =>
          eb.or(
            ranges.map((r) =>
              eb.and([eb('level', '=', r.level), eb('idx', '>=', r.from), eb('idx', '<=', r.to)]),
            ),
          ),
        )
        .orderBy('level')
        .orderBy('idx')
        .execute();
      return rows.map(normalizeTile);
    },

    /**
     * The first stored tile a tree of the given shape must not have: beyond the last tile of
     * its level, wider than the last one should be, wider than 256, or above the top level.
     */
    async tileBeyond(
      shape: readonly { level: number; last: number; width: number }[],
    ): Promise<StoredTile | undefined> {
      const row = await db
        .selectFrom('ledger_tiles')
        .select(['level', 'idx', 'width', 'hashes'])
        .where((eb) =>
          eb.or([
            eb('level', '>=', shape.length),
            eb('width', '>', 256),
            ...shape.map((s) =>
              eb.and([
                eb('level', '=', s.level),
                eb.or([
                  eb('idx', '>', s.last),
                  eb.and([eb('idx', '=', s.last), eb('width', '>', s.width)]),
                ]),
              ]),
            ),
          ]),
        )
        .orderBy('level')
        .orderBy('idx')
        .limit(1)
        .executeTakeFirst();
      return row && normalizeTile(row);
    },

    async entry(idx: number): Promise<EntryRow | undefined> {
      const row = await db
        .selectFrom('ledger_entries')
        .selectAll()
        .where('idx', '=', idx)
        .executeTakeFirst();
      return row && normalizeEntry(row);
    },

    /** Up to `limit` entries from index `from` on, in index order (gaps show deleted rows). */
    async entriesFrom(from: number, limit: number): Promise<EntryRow[]> {
      const rows = await db
        .selectFrom('ledger_entries')
        .selectAll()
        .where('idx', '>=', from)
        .orderBy('idx')
        .limit(limit)
        .execute();
      return rows.map(normalizeEntry);
    },

    /** Like entriesFrom, with only what re-hashing needs (index, bytes, stored leaf hash). */
    async leavesFrom(from: number, limit: number): Promise<Omit<EntryRow, 'created_at'>[]> {
      const rows = await db
        .selectFrom('ledger_entries')
        .select(['idx', 'entry', 'leaf_hash', 'content', 'salt', 'purpose', 'kind', 'subject'])
        .where('idx', '>=', from)
        .orderBy('idx')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...r, idx: Number(r.idx), leaf_hash: Buffer.from(r.leaf_hash) }));
    },

    /** The entries [from, to) that exist, in index order. */
    async entryRange(from: number, to: number): Promise<EntryRow[]> {
      const rows = await db
        .selectFrom('ledger_entries')
        .selectAll()
        .where('idx', '>=', from)
        .where('idx', '<', to)
        .orderBy('idx')
        .execute();
      return rows.map(normalizeEntry);
    },

    async entriesFor(
      purpose: string,
      limit: number,
    ): Promise<{ sequenced: EntryRow[]; pending: PendingRow[] }> {
      const sequenced = await db
        .selectFrom('ledger_entries')
        .selectAll()
        .where('purpose', '=', purpose)
        .orderBy('idx')
        .limit(limit)
        .execute();
      const pending = await db
        .selectFrom('ledger_pending')
        .selectAll()
        .where('purpose', '=', purpose)
        .orderBy('id')
        .limit(limit)
        .execute();
      return {
        sequenced: sequenced.map(normalizeEntry),
        pending: pending.map((p) => ({ ...p, id: Number(p.id) })),
      };
    },

    /** The origins of logs retired by a change of leaf format. */
    async retiredOrigins(): Promise<string[]> {
      const rows = await db.selectFrom('ledger_retired').select('origin').execute();
      return rows.map((r) => r.origin);
    },

    /** Up to `limit` pending entries from id `after` on, in id order (what verify checks of the outbox). */
    async pendingFrom(after: number, limit: number): Promise<PendingRow[]> {
      const rows = await db
        .selectFrom('ledger_pending')
        .selectAll()
        .where('id', '>', after)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...r, id: Number(r.id) }));
    },
  };
}

// pg hands bigint columns back as numbers (see platform/db) and bytea as Buffer; SQLite's
// integers are numbers and blobs Buffers. These keep the types honest either way.
function normalizeEntry(row: EntryRow): EntryRow {
  return { ...row, idx: Number(row.idx), leaf_hash: Buffer.from(row.leaf_hash) };
}

function normalizeTile(row: {
  level: number;
  idx: number;
  width: number;
  hashes: Buffer;
}): StoredTile {
  return {
    level: Number(row.level),
    index: Number(row.idx),
    width: Number(row.width),
    hashes: Buffer.from(row.hashes),
  };
}

/** The ledger repository. */
export type LedgerRepo = ReturnType<typeof createLedgerRepo>;
