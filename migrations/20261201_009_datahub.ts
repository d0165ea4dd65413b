import type { Kysely } from 'kysely';

/** The data hub: source records (built-in adapter), accesses of personal data, contests and corrections, e-proofs. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('datahub_records')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('source', 'varchar(40)', (c) => c.notNull())
    .addColumn('item', 'varchar(64)', (c) => c.notNull())
    .addColumn('subject_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('datahub_records_key_idx')
    .on('datahub_records')
    .columns(['source', 'item', 'subject_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('datahub_accesses')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('subject_ref', 'varchar(64)', (c) => c.notNull())
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addColumn('actor_account', 'varchar(100)', (c) => c.notNull())
    .addColumn('actor_role', 'varchar(40)', (c) => c.notNull())
    .addColumn('department', 'varchar(200)')
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('application_id', 'varchar(64)')
    .addColumn('purpose', 'varchar(64)', (c) => c.notNull())
    .addColumn('data_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('datahub_accesses_subject_idx')
    .on('datahub_accesses')
    .columns(['subject_ref', 'at'])
    .execute();

  await db.schema
    .createTable('datahub_requests')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('department', 'varchar(40)', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('subject_ref', 'varchar(64)', (c) => c.notNull())
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('access_id', 'varchar(64)')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('datahub_requests_department_idx')
    .on('datahub_requests')
    .columns(['department', 'created_at'])
    .execute();

  await db.schema
    .createTable('datahub_proofs')
    .addColumn('code', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('template', 'varchar(40)', (c) => c.notNull())
    .addColumn('subject_ref', 'varchar(64)', (c) => c.notNull())
    .addColumn('account_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('jws', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
    .execute();
}

/** Drops the data hub's tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('datahub_proofs').execute();
  await db.schema.dropTable('datahub_requests').execute();
  await db.schema.dropTable('datahub_accesses').execute();
  await db.schema.dropTable('datahub_records').execute();
}
