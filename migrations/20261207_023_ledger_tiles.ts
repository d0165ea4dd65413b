import type { Kysely } from 'kysely';

/** Ledger hash tiles (issue 14): owned by the ledger work; filled in there. */
export async function up(_db: Kysely<unknown>): Promise<void> {}

/** Nothing to undo yet. */
export async function down(_db: Kysely<unknown>): Promise<void> {}
