import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../schema.js';
import type { DraftsTable } from './cases.tables.js';

export type DraftRow = Selectable<DraftsTable>;

/** The drafts' SQL (the only place that builds it). */
export function createDraftsRepo(db: Kysely<Database>) {
  return {
    /** Inserts or replaces one draft. */
    async upsert(row: DraftRow): Promise<void> {
      await db
        .insertInto('drafts')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['account_id', 'key']).doUpdateSet({
            subject_kind: row.subject_kind,
            subject_code: row.subject_code,
            form: row.form,
            materials: row.materials,
            step: row.step,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },
    find(accountId: string, key: string): Promise<DraftRow | undefined> {
      return db
        .selectFrom('drafts')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('key', '=', key)
        .executeTakeFirst();
    },
    list(accountId: string): Promise<DraftRow[]> {
      return db
        .selectFrom('drafts')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('updated_at', 'desc')
        .limit(100)
        .execute();
    },
    async remove(accountId: string, key: string): Promise<boolean> {
      const res = await db
        .deleteFrom('drafts')
        .where('account_id', '=', accountId)
        .where('key', '=', key)
        .executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },
  };
}

export type DraftsRepo = ReturnType<typeof createDraftsRepo>;
