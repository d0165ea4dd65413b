import type { Kysely } from 'kysely';
import type { Database } from '../../schema.js';
import type { HandOverState } from '../../../shared/contracts/index.js';
import type { ActionRow, ApplicationRow } from './cases.repo.js';

/** Which completed applications a hand-over search asks for: by receipt, or by applicant. */
export interface HandOverFilter {
  receiptNo?: string;
  /** Applications whose applicant (or a company's legal representative) is one of these persons. */
  personIds?: string[];
  orgIds?: string[];
  state: HandOverState;
  offset: number;
  limit: number;
}

/** The SQL of the hand-over window (统一出件): completed applications of every channel. */
export function createHandOverRepo(db: Kysely<Database>) {
  return {
    /** One page of completed applications matching the filter, newest completed first, and how many match. */
    async searchCompleted(f: HandOverFilter): Promise<{ rows: ApplicationRow[]; total: number }> {
      const personIds = f.personIds ?? [];
      const orgIds = f.orgIds ?? [];
      if (f.receiptNo === undefined && personIds.length === 0 && orgIds.length === 0)
        return { rows: [], total: 0 };
      let q = db
        .selectFrom('applications')
        .where('applications.status', '=', 'completed')
        .where((eb) =>
          eb.or([
            ...(f.receiptNo !== undefined ? [eb('applications.receipt_no', '=', f.receiptNo)] : []),
            ...(personIds.length > 0
              ? [eb('applications.applicant_person_id', 'in', personIds)]
              : []),
            ...(orgIds.length > 0 ? [eb('applications.applicant_org_id', 'in', orgIds)] : []),
          ]),
        );
      if (f.state !== 'all') {
        q = q.where((eb) => {
          const handed = eb.exists(
            eb
              .selectFrom('case_actions')
              .select('case_actions.id')
              .whereRef('case_actions.application_id', '=', 'applications.id')
              .where('case_actions.type', '=', 'handed-over'),
          );
          return f.state === 'handed-over' ? handed : eb.not(handed);
        });
      }
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
        q
          .selectAll('applications')
          .orderBy('applications.completed_at', 'desc')
          .orderBy('applications.id', 'desc')
          .limit(f.limit)
          .offset(f.offset)
          .execute(),
      ]);
      return { rows, total: Number(count.n) };
    },

    /** The `handed-over` actions of some applications. */
    handOversOf(applicationIds: string[]): Promise<ActionRow[]> {
      if (applicationIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('case_actions')
        .selectAll()
        .where('application_id', 'in', applicationIds)
        .where('type', '=', 'handed-over')
        .orderBy('seq')
        .execute();
    },
  };
}

export type HandOverRepo = ReturnType<typeof createHandOverRepo>;
