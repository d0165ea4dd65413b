import type { Kysely } from 'kysely';

/** The in-app inbox and saved application drafts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull().references('accounts.id'))
    .addColumn('type', 'varchar(40)', (c) => c.notNull())
    .addColumn('title_zh', 'varchar(200)', (c) => c.notNull())
    .addColumn('title_en', 'varchar(200)', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('application_id', 'varchar(64)')
    .addColumn('receipt_no', 'varchar(32)')
    .addColumn('read_at', 'varchar(40)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notifications_account_idx')
    .on('notifications')
    .columns(['account_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('drafts')
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull().references('accounts.id'))
    .addColumn('key', 'varchar(64)', (c) => c.notNull())
    .addColumn('subject_kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('subject_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('drafts_pk', ['account_id', 'key'])
    .execute();
}

/** Drops the inbox and drafts. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('drafts').execute();
  await db.schema.dropTable('notifications').execute();
}
