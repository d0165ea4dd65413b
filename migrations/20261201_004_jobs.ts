import type { Kysely } from 'kysely';

/** Periodic jobs' schedule, shared by every node. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('next_run_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('last_run_at', 'varchar(40)')
    .addColumn('last_error', 'text')
    .addColumn('locked_by', 'varchar(100)')
    .execute();
}

/** Drops the schedule. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('scheduled_jobs').execute();
}
