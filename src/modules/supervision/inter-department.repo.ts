import type { Kysely } from 'kysely';
import type { Database } from '../../schema.js';

/** One request: a step (task) of an application whose applicant is a department. */
export interface InterDepartmentRequestRow {
  task_id: string;
  application_id: string;
  requester: string;
  provider: string;
  matter_code: string;
  status: string;
  opened_at: string;
  due_at: string | null;
  decided_at: string | null;
}

/** An open escalation follow-up of a department's application, with what finds its first-inquiry department. */
export interface InterDepartmentEscalationRow {
  id: string;
  application_id: string;
  receipt_no: string;
  title: string;
  requester: string;
  definition: string;
  late_department: string | null;
  owner_account: string | null;
  status: 'open' | 'raised' | 'done';
  due_at: string;
}

/**
 * The only SQL of inter-department matters: read-only queries of the case engine's
 * applications, tasks and follow-ups (departments' own applications only).
 */
export function createInterDepartmentRepo(db: Kysely<Database>) {
  return {
    /**
     * Requests that touch [start, end): opened before `end` and not decided before `start`.
     * `department`: only those it requests or provides.
     */
    async requests(
      start: string,
      end: string,
      department?: string,
    ): Promise<InterDepartmentRequestRow[]> {
      let q = db
        .selectFrom('tasks')
        .innerJoin('applications', 'applications.id', 'tasks.application_id')
        .select([
          'tasks.id as task_id',
          'tasks.application_id',
          'tasks.department_code as provider',
          'tasks.matter_code',
          'tasks.status',
          'tasks.opened_at',
          'tasks.due_at',
          'tasks.decided_at',
        ])
        .select('applications.applicant_department as requester')
        .where('applications.applicant_kind', '=', 'department')
        .where('applications.applicant_department', 'is not', null)
        .where('tasks.opened_at', 'is not', null)
        .where('tasks.opened_at', '<', end)
        .where((eb) =>
          eb.or([eb('tasks.decided_at', 'is', null), eb('tasks.decided_at', '>=', start)]),
        );
      if (department !== undefined) {
        q = q.where((eb) =>
          eb.or([
            eb('applications.applicant_department', '=', department),
            eb('tasks.department_code', '=', department),
          ]),
        );
      }
      const rows = await q.orderBy('tasks.opened_at').orderBy('tasks.id').execute();
      return rows.flatMap((r) =>
        r.opened_at && r.requester
          ? [{ ...r, opened_at: r.opened_at, requester: r.requester }]
          : [],
      );
    },

    /** Open (or raised) escalation follow-ups of departments' applications, soonest due first. */
    async openEscalations(): Promise<InterDepartmentEscalationRow[]> {
      const rows = await db
        .selectFrom('follow_ups')
        .innerJoin('applications', 'applications.id', 'follow_ups.application_id')
        .select([
          'follow_ups.id',
          'follow_ups.application_id',
          'follow_ups.department_code as late_department',
          'follow_ups.owner_account',
          'follow_ups.status',
          'follow_ups.due_at',
          'applications.receipt_no',
          'applications.title',
          'applications.applicant_department as requester',
          'applications.definition',
        ])
        .where('applications.applicant_kind', '=', 'department')
        .where('follow_ups.kind', '=', 'escalation')
        .where('follow_ups.status', 'in', ['open', 'raised'])
        .orderBy('follow_ups.due_at')
        .orderBy('follow_ups.id')
        .limit(500)
        .execute();
      return rows.flatMap((r) => (r.requester ? [{ ...r, requester: r.requester }] : []));
    },

    /** When the first request of a department was opened (RFC 3339), if any. */
    async firstOpened(): Promise<string | null> {
      const row = await db
        .selectFrom('tasks')
        .innerJoin('applications', 'applications.id', 'tasks.application_id')
        .select((eb) => eb.fn.min('tasks.opened_at').as('first'))
        .where('applications.applicant_kind', '=', 'department')
        .executeTakeFirst();
      return row?.first ?? null;
    },
  };
}

export type InterDepartmentRepo = ReturnType<typeof createInterDepartmentRepo>;
