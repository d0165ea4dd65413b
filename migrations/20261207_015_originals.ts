import type { Kysely } from 'kysely';

/**
 * 原件核验: which material's original a clerk saw at window intake, who and when — one row
 * per material, written with the application in the intake transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('application_originals')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('application_id', 'varchar(64)', (c) => c.notNull().references('applications.id'))
    .addColumn('material_id', 'varchar(100)', (c) => c.notNull())
    .addColumn('clerk_account', 'varchar(64)', (c) => c.notNull())
    .addColumn('clerk_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addUniqueConstraint('application_originals_material', ['application_id', 'material_id'])
    .execute();
}

/** Drops the table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_originals').execute();
}
