import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../../schema.js';
import type {
  DatahubAccessesTable,
  DatahubProofsTable,
  DatahubRecordsTable,
  DatahubRefusalsTable,
  DatahubRequestsTable,
} from './datahub.tables.js';

/** A stored access to someone's data. */
export type AccessRow = Selectable<DatahubAccessesTable>;
/** A stored contest or correction request. */
export type RequestRow = Selectable<DatahubRequestsTable>;
/** A source record as inserted (built-in adapter). */
export type RecordRow = Insertable<DatahubRecordsTable>;
/** A stored e-proof. */
export type ProofRow = Selectable<DatahubProofsTable>;
/** A refused query. */
export type RefusalRow = Selectable<DatahubRefusalsTable>;

/** The only code of the datahub module that builds SQL. */
export function createDatahubRepo(db: Kysely<Database>) {
  return {
    /** Runs `fn` in one transaction (ledger appends join it through the handle). */
    transaction<T>(fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
      return db.transaction().execute(fn);
    },
    /** The stored record of a subject for one item, parsed. */
    async record(
      source: string,
      item: string,
      subjectKey: string,
    ): Promise<Record<string, unknown> | undefined> {
      const row = await db
        .selectFrom('datahub_records')
        .select('data')
        .where('source', '=', source)
        .where('item', '=', item)
        .where('subject_key', '=', subjectKey)
        .executeTakeFirst();
      return row ? (JSON.parse(row.data) as Record<string, unknown>) : undefined;
    },
    /** Inserts or replaces records (one multi-row statement per chunk; chunks keep SQLite under its variable limit). */
    async upsertRecords(rows: RecordRow[], chunk = 500): Promise<void> {
      // One statement may not touch a row twice (PostgreSQL): the last record of a key wins.
      const unique = [
        ...new Map(
          rows.map((r) => [`${r.source}\u0000${r.item}\u0000${r.subject_key}`, r]),
        ).values(),
      ];
      for (let i = 0; i < unique.length; i += chunk) {
        await db
          .insertInto('datahub_records')
          .values(unique.slice(i, i + chunk))
          .onConflict((oc) =>
            oc.columns(['source', 'item', 'subject_key']).doUpdateSet((eb) => ({
              data: eb.ref('excluded.data'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
    },
    async insertAccess(tx: Kysely<Database>, row: AccessRow): Promise<void> {
      await tx.insertInto('datahub_accesses').values(row).execute();
    },
    /** The accesses of one subject reference, newest first. */
    accessesOf(subjectRefs: string[], limit: number): Promise<AccessRow[]> {
      if (subjectRefs.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('datahub_accesses')
        .selectAll()
        .where('subject_ref', 'in', subjectRefs)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },
    access(id: string): Promise<AccessRow | undefined> {
      return db.selectFrom('datahub_accesses').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async insertRefusal(row: RefusalRow): Promise<void> {
      await db.insertInto('datahub_refusals').values(row).execute();
    },
    /** Refused queries, newest first. */
    refusals(limit: number): Promise<RefusalRow[]> {
      return db
        .selectFrom('datahub_refusals')
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },
    async insertRequest(tx: Kysely<Database>, row: RequestRow): Promise<void> {
      await tx.insertInto('datahub_requests').values(row).execute();
    },
    /** A department's open and closed requests, newest first. */
    requestsOf(department: string, limit: number): Promise<RequestRow[]> {
      return db
        .selectFrom('datahub_requests')
        .selectAll()
        .where('department', '=', department)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },
    async insertProof(tx: Kysely<Database>, row: ProofRow): Promise<void> {
      await tx.insertInto('datahub_proofs').values(row).execute();
    },
    proof(code: string): Promise<ProofRow | undefined> {
      return db
        .selectFrom('datahub_proofs')
        .selectAll()
        .where('code', '=', code)
        .executeTakeFirst();
    },
    /** The requests one account made, newest first. */
    requestsBy(accountId: string, limit: number): Promise<RequestRow[]> {
      return db
        .selectFrom('datahub_requests')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },
  };
}

/** The datahub repository. */
export type DatahubRepo = ReturnType<typeof createDatahubRepo>;
