import { sql, SqliteIntrospector, type Kysely } from 'kysely';

/**
 * The tamper-evident ledger: pending entries (the outbox), sequenced entries, every perfect
 * subtree hash, the head, signed checkpoints, witness cosignatures, the log key and witnesses.
 *
 * The only dialect differences are physical: an auto-increment key for the outbox, raw
 * bytes for hashes (blob / bytea), and on SQLite `idx` as the rowid and the node table
 * WITHOUT ROWID, which halves its size at ten million entries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.introspection instanceof SqliteIntrospector;
  const bytes = sqlite ? sql`blob` : sql`bytea`;
  const index = sqlite ? 'integer' : 'bigint';

  let pending = db.schema.createTable('ledger_pending');
  pending = sqlite
    ? pending.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : pending.addColumn('id', 'bigserial', (c) => c.primaryKey());
  await pending
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('purpose', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_pending_purpose_idx')
    .on('ledger_pending')
    .column('purpose')
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('idx', index, (c) => c.primaryKey())
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('leaf_hash', bytes, (c) => c.notNull())
    .addColumn('purpose', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_entries_purpose_idx')
    .on('ledger_entries')
    .columns(['purpose', 'idx'])
    .execute();

  let nodes = db.schema
    .createTable('ledger_nodes')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', index, (c) => c.notNull())
    .addColumn('hash', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_nodes_pk', ['level', 'idx']);
  if (sqlite) nodes = nodes.modifyEnd(sql`without rowid`);
  await nodes.execute();

  await db.schema
    .createTable('ledger_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('size', index, (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await (db as Kysely<{ ledger_head: { id: number; size: number; updated_at: string } }>)
    .insertInto('ledger_head')
    .values({ id: 1, size: 0, updated_at: new Date(0).toISOString() })
    .execute();

  await db.schema
    .createTable('ledger_checkpoints')
    .addColumn('size', index, (c) => c.primaryKey())
    .addColumn('root', bytes, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ledger_cosignatures')
    .addColumn('size', index, (c) => c.notNull())
    .addColumn('key_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('key_id', 'bigint', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_cosignatures_pk', ['size', 'key_name'])
    .execute();

  await db.schema
    .createTable('ledger_keys')
    .addColumn('name', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('signer_key', 'text', (c) => c.notNull())
    .addColumn('verifier_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ledger_witnesses')
    .addColumn('name', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('verifier_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
}

/** Drops the ledger tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'ledger_witnesses',
    'ledger_keys',
    'ledger_cosignatures',
    'ledger_checkpoints',
    'ledger_head',
    'ledger_nodes',
    'ledger_entries',
    'ledger_pending',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
