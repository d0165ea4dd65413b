import type { Kysely } from 'kysely';

/**
 * Refused data-hub queries (a field or item not declared, another department's application,
 * a subject the application is not about): who asked what, when, and the code it was refused
 * with. Nothing was read, so they are not accesses; the supervision office reads them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('datahub_refusals')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor_account', 'varchar(64)', (c) => c.notNull())
    .addColumn('actor_role', 'varchar(40)', (c) => c.notNull())
    .addColumn('department', 'varchar(40)')
    .addColumn('application_id', 'varchar(64)')
    .addColumn('subject_ref', 'varchar(100)')
    .addColumn('code', 'varchar(64)', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('datahub_refusals_at')
    .on('datahub_refusals')
    .columns(['at', 'id'])
    .execute();
}

/** Drops the table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('datahub_refusals').execute();
}
