import type { Kysely } from 'kysely';

/**
 * E-credentials (docs/credentials.md): issuer keys per department, credentials and their
 * copies (each copy its own random status-list index), 2-bit status lists, the verifiers'
 * presentation requests, recorded verifications and the presentations already accepted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credential_issuer_keys')
    .addColumn('kid', 'varchar(80)', (c) => c.primaryKey())
    .addColumn('department', 'varchar(40)', (c) => c.notNull())
    .addColumn('alg', 'varchar(16)', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('retired_at', 'varchar(40)')
    // The department while the key is its active one, null once retired: at most one active
    // key per department, so nodes racing to make the first key insert-or-ignore.
    .addColumn('active_for', 'varchar(40)', (c) => c.unique())
    .execute();
  await db.schema
    .createTable('credentials')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('holder_account', 'varchar(64)', (c) => c.notNull())
    .addColumn('type', 'varchar(80)', (c) => c.notNull())
    .addColumn('issuer', 'varchar(40)', (c) => c.notNull())
    .addColumn('source', 'varchar(20)', (c) => c.notNull())
    .addColumn('application_id', 'varchar(64)')
    .addColumn('receipt_no', 'varchar(40)')
    .addColumn('claims', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('issued_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(40)')
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('credentials_holder')
    .on('credentials')
    .columns(['holder_account', 'issued_at'])
    .execute();
  await db.schema
    .createTable('credential_status_lists')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('issuer', 'varchar(40)', (c) => c.notNull())
    .addColumn('bits', 'integer', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('credential_copies')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('credential_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('list_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('form', 'varchar(20)', (c) => c.notNull())
    .addColumn('issued_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
    .addUniqueConstraint('credential_copies_slot', ['list_id', 'idx'])
    .execute();
  await db.schema
    .createIndex('credential_copies_credential')
    .on('credential_copies')
    .columns(['credential_id'])
    .execute();
  await db.schema
    .createTable('presentation_requests')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('verifier_account', 'varchar(64)', (c) => c.notNull())
    .addColumn('verifier_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('client_id', 'varchar(300)', (c) => c.notNull())
    .addColumn('nonce', 'varchar(100)', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('types', 'text', (c) => c.notNull())
    .addColumn('claims', 'text', (c) => c.notNull())
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('verification_id', 'varchar(64)')
    .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('answered_at', 'varchar(40)')
    .execute();
  await db.schema
    .createTable('credential_verifications')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('verifier_account', 'varchar(64)')
    .addColumn('verifier_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('request_id', 'varchar(64)')
    .addColumn('mode', 'varchar(20)', (c) => c.notNull())
    .addColumn('credential_id', 'varchar(64)')
    .addColumn('valid', 'integer', (c) => c.notNull())
    .addColumn('failed_check', 'varchar(40)')
    .addColumn('claims', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('credential_verifications_credential')
    .on('credential_verifications')
    .columns(['credential_id', 'at'])
    .execute();
  await db.schema
    .createTable('credential_presentations_seen')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('seen_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
    .execute();
}

/** Drops the tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'credential_presentations_seen',
    'credential_verifications',
    'presentation_requests',
    'credential_copies',
    'credential_status_lists',
    'credentials',
    'credential_issuer_keys',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
