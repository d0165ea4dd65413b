import type { Kysely } from 'kysely';

/**
 * 授权调取: the consent given with an application to fetch its data from the data hub — who
 * gave it (the applicant online, or a clerk's statement at the window), when, after which
 * preview, and which materials' data items. One row per application, written with the
 * application in the intake transaction (the history's `consented` action says the same).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('application_consents')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('application_id', 'varchar(64)', (c) =>
      c.notNull().unique().references('applications.id'),
    )
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('given_by', 'varchar(16)', (c) => c.notNull())
    .addColumn('given_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('previewed_at', 'varchar(40)')
    .addColumn('items', 'text', (c) => c.notNull())
    .execute();
}

/** Drops the table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_consents').execute();
}
