import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../schema.js';
import type { NotificationsTable } from './notifications.tables.js';

export type NotificationRow = Selectable<NotificationsTable>;

/** The only code of the notifications module that builds SQL. */
export function createNotificationsRepo(db: Kysely<Database>) {
  return {
    /** Inserts in the given transaction (the case event's). */
    async insert(tx: Kysely<Database>, row: NotificationRow): Promise<void> {
      await tx.insertInto('notifications').values(row).execute();
    },
    /** The staff accounts of a department, read in the given transaction. */
    async staffOf(tx: Kysely<Database>, departmentCode: string): Promise<string[]> {
      const rows = await tx
        .selectFrom('accounts')
        .select('id')
        .where('department_code', '=', departmentCode)
        .where('kind', '=', 'staff')
        .execute();
      return rows.map((r) => r.id);
    },
    /** The enabled staff accounts with a role (of one department), read in the given transaction. */
    async staffWithRole(
      tx: Kysely<Database>,
      role: 'lead' | 'supervisor',
      departmentCode?: string,
    ): Promise<string[]> {
      let q = tx
        .selectFrom('accounts')
        .select('id')
        .where('kind', '=', 'staff')
        .where('disabled', '=', 0)
        // Roles are a JSON array of plain words: the quoted role matches one element exactly.
        .where('roles', 'like', `%"${role}"%`);
      if (departmentCode !== undefined) q = q.where('department_code', '=', departmentCode);
      return (await q.execute()).map((r) => r.id);
    },
    /**
     * The applicant's own accounts (the person's, or the company's), read in the given
     * transaction: an application taken at a window reaches its applicant too.
     */
    async applicantAccounts(tx: Kysely<Database>, applicationId: string): Promise<string[]> {
      const app = await tx
        .selectFrom('applications')
        .select(['applicant_kind', 'applicant_person_id', 'applicant_org_id'])
        .where('id', '=', applicationId)
        .executeTakeFirst();
      const person = app?.applicant_kind === 'person' ? app.applicant_person_id : null;
      const org = app?.applicant_kind === 'company' ? app.applicant_org_id : null;
      if (!person && !org) return [];
      const rows = await tx
        .selectFrom('accounts')
        .select('id')
        .where('disabled', '=', 0)
        .where((eb) =>
          person
            ? eb.and([eb('kind', '=', 'person'), eb('person_id', '=', person)])
            : eb.and([eb('kind', '=', 'company'), eb('organization_id', '=', org)]),
        )
        .execute();
      return rows.map((r) => r.id);
    },
    list(accountId: string, limit: number): Promise<NotificationRow[]> {
      return db
        .selectFrom('notifications')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },
    async unread(accountId: string): Promise<number> {
      const row = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async markRead(accountId: string, id: string, at: string): Promise<boolean> {
      const res = await db
        .updateTable('notifications')
        .set({ read_at: at })
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },
    async markAllRead(accountId: string, at: string): Promise<void> {
      await db
        .updateTable('notifications')
        .set({ read_at: at })
        .where('account_id', '=', accountId)
        .where('read_at', 'is', null)
        .execute();
    },
  };
}

export type NotificationsRepo = ReturnType<typeof createNotificationsRepo>;
