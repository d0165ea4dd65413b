import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Dialect } from '../../platform/db/index.js';
import type { Database } from '../../schema.js';
import type { MaterialState } from './materials.js';
import type {
  ApplicationConsentsTable,
  ApplicationOriginalsTable,
  ApplicationsTable,
  CaseActionsTable,
  EvaluationsTable,
  FollowUpsTable,
  TaskStatus,
  TasksTable,
} from './cases.tables.js';

export type ApplicationRow = Selectable<ApplicationsTable>;
export type TaskRow = Selectable<TasksTable>;
export type ActionRow = Selectable<CaseActionsTable>;
export type FollowUpRow = Selectable<FollowUpsTable>;
export type EvaluationRow = Selectable<EvaluationsTable>;
export type OriginalRow = Selectable<ApplicationOriginalsTable>;
export type ConsentRow = Selectable<ApplicationConsentsTable>;

/** Who may see which applications, as a query filter. */
export type ApplicationScope =
  | { kind: 'all' }
  | { kind: 'applicant'; accountId: string; personId?: string; orgId?: string }
  | { kind: 'submitter'; accountId: string }
  | { kind: 'department'; departmentCode: string };

/** The only code of the cases module that builds SQL. */
export function createCasesRepo(db: Kysely<Database>, dialect: Dialect) {
  return {
    ...casesQueries(db, dialect),
    /** Runs `fn` in one transaction; `tx.handle` lets other modules (the ledger) write in it too. */
    transaction<T>(fn: (tx: CasesQueries) => Promise<T>): Promise<T> {
      return db.transaction().execute((trx) => fn(casesQueries(trx, dialect, new Map())));
    },
  };
}

/** One application holding a file, as the file rule sees it. */
export interface FileHolderRow {
  applicationId: string;
  receiptNo: string;
  materialId: string;
  materialName: { zh: string; en: string } | null;
  applicantPersonId: string | null;
  applicantOrgId: string | null;
  submittedBy: string;
  channel: ApplicationsTable['channel'];
  departments: string[];
}

/** Keeps `application_files` in step with the files named in an application's materials. */
async function syncHeldFiles(
  db: Kysely<Database>,
  applicationId: string,
  materials: unknown,
): Promise<void> {
  if (typeof materials !== 'string') return;
  const states = JSON.parse(materials) as { material: string; fileId?: string | null }[];
  const rows = new Map<string, { application_id: string; material_id: string; file_id: string }>();
  for (const s of states)
    if (s.fileId)
      rows.set(`${s.material}\n${s.fileId}`, {
        application_id: applicationId,
        material_id: s.material,
        file_id: s.fileId,
      });
  await db.deleteFrom('application_files').where('application_id', '=', applicationId).execute();
  if (rows.size > 0)
    await db
      .insertInto('application_files')
      .values([...rows.values()])
      .execute();
}

/**
 * `histories`: in a transaction, the (seq, type) lists already read or written, so the several
 * actions one request records read the history once (only this repo writes `case_actions`,
 * and a transaction is all-or-nothing, so the list stays exact while the transaction lives).
 */
function casesQueries(
  db: Kysely<Database>,
  dialect: Dialect,
  histories?: Map<string, { seq: number; type: string }[]>,
) {
  return {
    /** The Kysely handle of this (transaction) scope, for other modules' writes in the same transaction. */
    handle: db,

    /** Locks an application row until the transaction ends (PostgreSQL; SQLite transactions are serial). */
    async lockApplication(id: string): Promise<void> {
      if (dialect === 'postgres') {
        await db.selectFrom('applications').select('id').where('id', '=', id).forUpdate().execute();
      }
    },

    async insertApplication(row: Insertable<ApplicationsTable>): Promise<void> {
      await db.insertInto('applications').values(row).execute();
      await syncHeldFiles(db, row.id, row.materials);
    },

    async updateApplication(id: string, patch: Updateable<ApplicationsTable>): Promise<void> {
      await db.updateTable('applications').set(patch).where('id', '=', id).execute();
      if (patch.materials !== undefined) await syncHeldFiles(db, id, patch.materials);
    },

    /**
     * The applications that hold a file, with what the file rule needs: the applicant, who
     * submitted it through which channel, and the departments with a task on it.
     */
    async holdersOfFile(fileId: string): Promise<FileHolderRow[]> {
      const rows = await db
        .selectFrom('application_files as af')
        .innerJoin('applications as a', 'a.id', 'af.application_id')
        .select([
          'a.id',
          'a.receipt_no',
          'a.applicant_person_id',
          'a.applicant_org_id',
          'a.submitted_by',
          'a.channel',
          'a.materials',
          'af.material_id',
        ])
        .where('af.file_id', '=', fileId)
        .execute();
      if (rows.length === 0) return [];
      const tasks = await db
        .selectFrom('tasks')
        .select(['application_id', 'department_code'])
        .where(
          'application_id',
          'in',
          rows.map((r) => r.id),
        )
        .where('status', '!=', 'cancelled')
        .execute();
      return rows.map((r) => ({
        applicationId: r.id,
        receiptNo: r.receipt_no,
        materialId: r.material_id,
        materialName:
          (JSON.parse(r.materials) as MaterialState[]).find((m) => m.material === r.material_id)
            ?.name ?? null,
        applicantPersonId: r.applicant_person_id,
        applicantOrgId: r.applicant_org_id,
        submittedBy: r.submitted_by,
        channel: r.channel,
        departments: [
          ...new Set(tasks.filter((t) => t.application_id === r.id).map((t) => t.department_code)),
        ],
      }));
    },

    findApplication(id: string): Promise<ApplicationRow | undefined> {
      return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
    },

    findByReceipt(receiptNo: string): Promise<ApplicationRow | undefined> {
      return db
        .selectFrom('applications')
        .selectAll()
        .where('receipt_no', '=', receiptNo)
        .executeTakeFirst();
    },

    findByIdempotencyKey(scope: string, key: string): Promise<ApplicationRow | undefined> {
      return db
        .selectFrom('applications')
        .selectAll()
        .where('idempotency_scope', '=', scope)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
    },

    listApplications(scope: ApplicationScope, limit: number): Promise<ApplicationRow[]> {
      let q = db.selectFrom('applications').selectAll().orderBy('created_at', 'desc').limit(limit);
      if (scope.kind === 'applicant') {
        q = q.where((eb) =>
          eb.or([
            eb('submitted_by', '=', scope.accountId),
            ...(scope.personId ? [eb('applicant_person_id', '=', scope.personId)] : []),
            ...(scope.orgId ? [eb('applicant_org_id', '=', scope.orgId)] : []),
          ]),
        );
      } else if (scope.kind === 'submitter') {
        q = q.where('submitted_by', '=', scope.accountId);
      } else if (scope.kind === 'department') {
        q = q.where(
          'id',
          'in',
          db
            .selectFrom('tasks')
            .select('application_id')
            .where('department_code', '=', scope.departmentCode),
        );
      }
      return q.execute();
    },

    async insertTask(row: TaskRow): Promise<void> {
      await db.insertInto('tasks').values(row).execute();
    },

    /** Updates a task only if it is in one of `from`; returns whether it was. */
    async transitionTask(
      id: string,
      from: TaskStatus[],
      patch: Updateable<TasksTable>,
    ): Promise<boolean> {
      const result = await db
        .updateTable('tasks')
        .set(patch)
        .where('id', '=', id)
        .where('status', 'in', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async updateTask(id: string, patch: Updateable<TasksTable>): Promise<void> {
      await db.updateTable('tasks').set(patch).where('id', '=', id).execute();
    },

    findTask(id: string): Promise<TaskRow | undefined> {
      return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
    },

    tasksOf(applicationId: string): Promise<TaskRow[]> {
      return db
        .selectFrom('tasks')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('step_id')
        .execute();
    },

    /** A queue of tasks with their application's receipt number and title, soonest due first. */
    listTasks(filter: { departmentCode?: string; statuses?: TaskStatus[]; limit: number }) {
      let q = db
        .selectFrom('tasks')
        .innerJoin('applications', 'applications.id', 'tasks.application_id')
        .selectAll('tasks')
        .select([
          'applications.receipt_no',
          'applications.title',
          'applications.channel',
          'applications.definition',
          'applications.context',
        ])
        .orderBy('tasks.due_at', 'asc')
        .orderBy('tasks.id', 'asc')
        .limit(filter.limit);
      if (filter.departmentCode) q = q.where('tasks.department_code', '=', filter.departmentCode);
      if (filter.statuses && filter.statuses.length > 0)
        q = q.where('tasks.status', 'in', filter.statuses);
      return q.execute();
    },

    /** Tasks whose clock is running (open or claimed) with a due time: the deadline watch's work. */
    runningTasks(): Promise<TaskRow[]> {
      return db
        .selectFrom('tasks')
        .selectAll()
        .where('status', 'in', ['open', 'claimed'])
        .where('due_at', 'is not', null)
        .execute();
    },

    /** Applications whose clock is running, for their own warning level. */
    runningApplications(): Promise<ApplicationRow[]> {
      return db
        .selectFrom('applications')
        .selectAll()
        .where('status', '=', 'accepted')
        .where('due_at', 'is not', null)
        .execute();
    },

    /** Every deadline still running or waiting to run on: applications, tasks and follow-ups. */
    async openDeadlines() {
      const [applications, tasks, followUps] = await Promise.all([
        db
          .selectFrom('applications')
          .selectAll()
          .where('status', 'in', ['accepted', 'paused'])
          .where('due_at', 'is not', null)
          .execute(),
        db
          .selectFrom('tasks')
          .selectAll()
          .where('status', 'in', ['open', 'claimed', 'supplement', 'paused'])
          .where('due_at', 'is not', null)
          .execute(),
        db.selectFrom('follow_ups').selectAll().where('status', 'in', ['open', 'raised']).execute(),
      ]);
      return { applications, tasks, followUps };
    },

    /** The sequence numbers and types of an application's history, in order. */
    async actionTypesOf(applicationId: string): Promise<{ seq: number; type: string }[]> {
      const known = histories?.get(applicationId);
      if (known) return [...known];
      const rows = await db
        .selectFrom('case_actions')
        .select(['seq', 'type'])
        .where('application_id', '=', applicationId)
        .orderBy('seq')
        .execute();
      histories?.set(applicationId, rows);
      return [...rows];
    },

    async insertAction(row: ActionRow): Promise<void> {
      await db.insertInto('case_actions').values(row).execute();
      histories?.get(row.application_id)?.push({ seq: row.seq, type: row.type });
    },

    actionsOf(applicationId: string): Promise<ActionRow[]> {
      return db
        .selectFrom('case_actions')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('seq')
        .execute();
    },

    async insertFollowUp(row: FollowUpRow): Promise<void> {
      await db.insertInto('follow_ups').values(row).execute();
    },

    async updateFollowUp(id: string, patch: Updateable<FollowUpsTable>): Promise<void> {
      await db.updateTable('follow_ups').set(patch).where('id', '=', id).execute();
    },

    /** Marks an open follow-up raised (overdue); false when another pass already did. */
    async raiseFollowUp(id: string): Promise<boolean> {
      const res = await db
        .updateTable('follow_ups')
        .set({ status: 'raised' })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    followUpsOf(applicationId: string): Promise<FollowUpRow[]> {
      return db
        .selectFrom('follow_ups')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('created_at')
        .execute();
    },

    /** Open follow-ups that fell due at or before `now`. */
    dueFollowUps(now: string): Promise<FollowUpRow[]> {
      return db
        .selectFrom('follow_ups')
        .selectAll()
        .where('status', '=', 'open')
        .where('due_at', '<=', now)
        .execute();
    },

    findFollowUp(id: string): Promise<FollowUpRow | undefined> {
      return db.selectFrom('follow_ups').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /**
     * Follow-ups with their application's receipt number and title, the soonest due first:
     * of one department or owner (or both: either matches), in some states.
     */
    listFollowUps(filter: {
      departmentCode?: string;
      ownerAccount?: string;
      statuses: FollowUpRow['status'][];
      limit: number;
    }): Promise<(FollowUpRow & { receipt_no: string; title: string })[]> {
      let q = db
        .selectFrom('follow_ups')
        .innerJoin('applications', 'applications.id', 'follow_ups.application_id')
        .selectAll('follow_ups')
        .select(['applications.receipt_no', 'applications.title'])
        .where('follow_ups.status', 'in', filter.statuses)
        .orderBy('follow_ups.due_at')
        .orderBy('follow_ups.id')
        .limit(filter.limit);
      const { departmentCode, ownerAccount } = filter;
      if (departmentCode !== undefined || ownerAccount !== undefined) {
        q = q.where((eb) =>
          eb.or([
            ...(departmentCode !== undefined
              ? [eb('follow_ups.department_code', '=', departmentCode)]
              : []),
            ...(ownerAccount !== undefined
              ? [eb('follow_ups.owner_account', '=', ownerAccount)]
              : []),
          ]),
        );
      }
      return q.execute();
    },

    /** 原件核验: records the originals a clerk saw at intake, one row per material. */
    async insertOriginals(rows: OriginalRow[]): Promise<void> {
      if (rows.length > 0) await db.insertInto('application_originals').values(rows).execute();
    },

    /** 授权调取: records the consent given with an application. */
    async insertConsent(row: ConsentRow): Promise<void> {
      await db.insertInto('application_consents').values(row).execute();
    },

    async insertEvaluation(row: EvaluationRow): Promise<void> {
      await db.insertInto('evaluations').values(row).execute();
    },

    evaluationsOf(applicationId: string): Promise<EvaluationRow[]> {
      return db
        .selectFrom('evaluations')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('at')
        .execute();
    },
  };
}

export type CasesQueries = ReturnType<typeof casesQueries>;
export type CasesRepo = ReturnType<typeof createCasesRepo>;
