import type { Kysely } from 'kysely';

/** Attachments' metadata (their bytes are in the blob store, by SHA-256). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('original_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('owner_account_id', 'varchar(64)', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
}

/** Drops the files table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('files').execute();
}
