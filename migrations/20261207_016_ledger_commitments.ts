import { createHash, randomBytes } from 'node:crypto';

import type { Generated, Kysely } from 'kysely';

interface Db {
  ledger_pending: {
    id: Generated<number>;
    entry: string;
    content: string;
    salt: string;
    purpose: string;
    kind: string;
    subject: string | null;
    created_at: string;
  };
  ledger_entries: { idx: number; entry: string; purpose: string; created_at: string };
  ledger_nodes: { level: number };
  ledger_head: { id: number; size: number; updated_at: string };
  ledger_checkpoints: { size: number; note: string };
  ledger_cosignatures: { size: number };
  ledger_keys: { name: string; verifier_key: string };
  ledger_retired: {
    origin: string;
    verifier_key: string;
    size: number;
    note: string;
    retired_at: string;
  };
}

type Flat = Record<string, string | null>;

// RFC 8785 for a flat object of strings and nulls: keys sorted by UTF-16 code units, values as
// ECMAScript's JSON.stringify writes them (which is what RFC 8785 prescribes for strings).
const canonical = (o: Flat): string =>
  `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(o[k])}`)
    .join(',')}}`;

/** The new form of an old entry: the old bytes become the content, committed to under a fresh salt. */
function recommit(old: string): {
  entry: string;
  content: string;
  salt: string;
  kind: string;
  subject: string | null;
} {
  const record = JSON.parse(old) as Flat;
  const salt = randomBytes(16).toString('base64url');
  const commitment = createHash('sha256')
    .update(canonical({ ...record, salt }), 'utf8')
    .digest('base64');
  const kind = String(record.type);
  const entry = canonical({ commitment, kind, time: String(record.time) });
  return { entry, content: old, salt, kind, subject: record.subject ?? null };
}

/**
 * Public ledger entries become salted commitments (issue #11). Every entry gains its opened
 * content (the record), a per-entry salt and look-up copies of kind and subject. An existing
 * log cannot change its leaves, so it is retired: its last signed checkpoint and key are kept
 * in `ledger_retired`, and its entries, oldest first, are re-committed as the pending entries
 * of a new log (new origin and key, see docs/ledger.md), the old bytes kept as their content.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['ledger_pending', 'ledger_entries']) {
    await db.schema
      .alterTable(table)
      .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('salt', 'varchar(64)', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('kind', 'varchar(40)', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.alterTable(table).addColumn('subject', 'varchar(64)').execute();
  }
  await db.schema
    .createIndex('ledger_entries_subject_idx')
    .on('ledger_entries')
    .columns(['subject', 'idx'])
    .execute();
  await db.schema
    .createTable('ledger_retired')
    .addColumn('origin', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('verifier_key', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'varchar(40)', (c) => c.notNull())
    .execute();

  const typed = db as unknown as Kysely<Db>;
  const now = new Date().toISOString();
  const oldPending = await typed.selectFrom('ledger_pending').selectAll().orderBy('id').execute();
  const head = await typed.selectFrom('ledger_head').select('size').executeTakeFirst();
  const size = Number(head?.size ?? 0);
  if (size === 0 && oldPending.length === 0) return;

  await typed.deleteFrom('ledger_pending').execute();
  const page = 2000;
  for (let from = 0; from < size; from += page) {
    const rows = await typed
      .selectFrom('ledger_entries')
      .select(['entry', 'purpose', 'created_at'])
      .where('idx', '>=', from)
      .where('idx', '<', from + page)
      .orderBy('idx')
      .execute();
    if (rows.length === 0) continue;
    await typed
      .insertInto('ledger_pending')
      .values(
        rows.map((r) => ({ ...recommit(r.entry), purpose: r.purpose, created_at: r.created_at })),
      )
      .execute();
  }
  for (const p of oldPending) {
    await typed
      .insertInto('ledger_pending')
      .values({ ...recommit(p.entry), purpose: p.purpose, created_at: p.created_at })
      .execute();
  }
  if (size > 0) {
    const key = await typed.selectFrom('ledger_keys').selectAll().executeTakeFirst();
    const last = await typed
      .selectFrom('ledger_checkpoints')
      .selectAll()
      .orderBy('size', 'desc')
      .executeTakeFirst();
    if (key) {
      await typed
        .insertInto('ledger_retired')
        .values({
          origin: key.name,
          verifier_key: key.verifier_key,
          size: last?.size ?? 0,
          note: last?.note ?? '',
          retired_at: now,
        })
        .execute();
    }
    await typed.deleteFrom('ledger_cosignatures').execute();
    await typed.deleteFrom('ledger_checkpoints').execute();
    await typed.deleteFrom('ledger_nodes').execute();
    await typed.deleteFrom('ledger_entries').execute();
    await typed.deleteFrom('ledger_keys').execute();
    await typed.updateTable('ledger_head').set({ size: 0, updated_at: now }).execute();
  }
}

/** Drops the retired-log table, the index and the new columns (the re-committed entries stay in the new form). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ledger_retired').execute();
  await db.schema.dropIndex('ledger_entries_subject_idx').execute();
  for (const table of ['ledger_pending', 'ledger_entries']) {
    for (const column of ['subject', 'kind', 'salt', 'content']) {
      await db.schema.alterTable(table).dropColumn(column).execute();
    }
  }
}
