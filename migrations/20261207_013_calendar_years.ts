import type { Kysely } from 'kysely';

/**
 * The official holiday arrangements added by administrators, one row per year, so that every
 * node reads the same calendar (they were files in one node's data folder before).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('added_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('added_by', 'varchar(200)', (c) => c.notNull())
    .execute();
}

/** Drops the table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_years').execute();
}
