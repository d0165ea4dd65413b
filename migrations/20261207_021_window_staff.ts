import type { Kysely } from 'kysely';

/**
 * Window staff (Taizhou 四制四化): each clerk's grade (考级) and window number. The points
 * ledger and the grade rules are added to this migration by the window-staff work.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('clerk_profiles')
    .addColumn('account_id', 'varchar(64)', (c) => c.primaryKey().references('accounts.id'))
    .addColumn('grade', 'varchar(16)', (c) => c.notNull())
    .addColumn('window_no', 'varchar(16)')
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(64)')
    .execute();
}

/** Drops the tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('clerk_profiles').execute();
}
