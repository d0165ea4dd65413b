import type { Kysely } from 'kysely';

import type { Database } from '../../schema.js';
import type { AccessRow } from './datahub.repo.js';

/** An access row with the receipt number of the application it names (null when none or missing). */
export type IndexedAccessRow = AccessRow & { receipt_no: string | null };

/** The SQL of the access log's check against the ledger (`ledger verify`). */
export function createAccessIndexRepo(db: Kysely<Database>) {
  return {
    /** Up to `limit` access rows after id `after`, in id order, each with its application's receipt number. */
    async accessesAfter(after: string, limit: number): Promise<IndexedAccessRow[]> {
      return db
        .selectFrom('datahub_accesses')
        .leftJoin('applications', 'applications.id', 'datahub_accesses.application_id')
        .selectAll('datahub_accesses')
        .select('applications.receipt_no')
        .where('datahub_accesses.id', '>', after)
        .orderBy('datahub_accesses.id')
        .limit(limit)
        .execute();
    },
  };
}
