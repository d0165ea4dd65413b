import type { Kysely } from 'kysely';

/**
 * A department finds the credentials it issued for an application by its receipt number
 * (`GET /api/v1/credentials?receiptNo=`, docs/credentials.md): an index instead of a scan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('credentials_receipt')
    .on('credentials')
    .columns(['receipt_no', 'issuer'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('credentials_receipt').execute();
}
