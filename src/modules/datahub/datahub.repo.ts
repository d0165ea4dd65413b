import type { Compilable, CompiledQuery, Insertable, Kysely, Selectable } from 'kysely';
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

/** What the purpose check of a query reads about the application it names, in one statement. */
export interface PurposeRow {
  id: string;
  receipt_no: string;
  form: string;
  /** The applicant person's identity number, or null. */
  person_key: string | null;
  /** The applicant organisation's credit code, or null. */
  org_key: string | null;
  /** Whether the application has a step (task) of the department asking. */
  has_task: boolean;
}

/**
 * A query built once and compiled once (the data hub's hot path): `build` gets a placeholder
 * for each argument, and each call swaps the arguments in for them. Kysely would otherwise
 * build and compile the same SQL again on every query. Throws nothing.
 */
function compileOnce<A extends unknown[], R>(
  build: (...args: string[]) => Compilable<R>,
  arity: A['length'],
): (...args: A) => CompiledQuery<R> {
  const marks = Array.from({ length: arity }, (_, i) => `\u0000arg${i}\u0000`);
  const compiled = build(...marks).compile();
  const slots = compiled.parameters.map((p) => (typeof p === 'string' ? marks.indexOf(p) : -1));
  return (...args) => ({
    ...compiled,
    parameters: compiled.parameters.map((p, i) => (slots[i]! >= 0 ? args[slots[i]!] : p)),
  });
}

const ACCESS_COLUMNS = [
  'id',
  'subject_ref',
  'channel',
  'actor_account',
  'actor_role',
  'department',
  'items',
  'application_id',
  'purpose',
  'data_hash',
  'at',
] as const satisfies readonly (keyof AccessRow)[];

/** The only code of the datahub module that builds SQL. */
export function createDatahubRepo(db: Kysely<Database>) {
  const recordQuery = compileOnce<[string, string, string], { data: string }>(
    (source, item, subject) =>
      db
        .selectFrom('datahub_records')
        .select('data')
        .where('source', '=', source)
        .where('item', '=', item)
        .where('subject_key', '=', subject),
    3,
  );
  // A read-only view across the case engine's and the registry's tables: the application,
  // its applicant's keys and whether the department has a step, in one statement.
  const purposeQuery = compileOnce<
    [string, string],
    Omit<PurposeRow, 'has_task'> & { has_task: unknown }
  >(
    (applicationId, department) =>
      db
        .selectFrom('applications as a')
        .leftJoin('persons as p', 'p.id', 'a.applicant_person_id')
        .leftJoin('organizations as o', 'o.id', 'a.applicant_org_id')
        .select((eb) => [
          'a.id',
          'a.receipt_no',
          'a.form',
          'p.id_number as person_key',
          'o.credit_code as org_key',
          eb
            .exists(
              eb
                .selectFrom('tasks as t')
                .select('t.id')
                .whereRef('t.application_id', '=', 'a.id')
                .where('t.department_code', '=', department),
            )
            .as('has_task'),
        ])
        .where('a.id', '=', applicationId),
    2,
  );
  const definitionQuery = compileOnce<[string], { definition: string }>(
    (applicationId) =>
      db.selectFrom('applications').select('definition').where('id', '=', applicationId),
    1,
  );
  const insertAccessQuery = compileOnce<unknown[], never>(
    (...values) =>
      db
        .insertInto('datahub_accesses')
        .values(Object.fromEntries(ACCESS_COLUMNS.map((c, i) => [c, values[i]])) as AccessRow),
    ACCESS_COLUMNS.length,
  );
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
      const row = (await db.executeQuery(recordQuery(source, item, subjectKey))).rows[0];
      return row ? (JSON.parse(row.data) as Record<string, unknown>) : undefined;
    },
    /** What the purpose check needs of application `applicationId` for `department`, or undefined. */
    async purpose(applicationId: string, department: string): Promise<PurposeRow | undefined> {
      const row = (await db.executeQuery(purposeQuery(applicationId, department))).rows[0];
      // SQLite answers EXISTS with 0 or 1, PostgreSQL with a boolean.
      return row ? { ...row, has_task: Boolean(row.has_task) } : undefined;
    },
    /** The definition frozen into an application at submission (JSON text), or undefined. */
    async definition(applicationId: string): Promise<string | undefined> {
      return (await db.executeQuery(definitionQuery(applicationId))).rows[0]?.definition;
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
    /** Inserts access rows in one statement (one row: the statement compiled once). */
    async insertAccesses(tx: Kysely<Database>, rows: AccessRow[]): Promise<void> {
      if (rows.length === 1)
        await tx.executeQuery(insertAccessQuery(...ACCESS_COLUMNS.map((c) => rows[0]![c])));
      else if (rows.length > 1) await tx.insertInto('datahub_accesses').values(rows).execute();
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
