import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../schema.js';
import type {
  AccountsTable,
  LoginOutcome,
  OrganizationsTable,
  PersonsTable,
} from './identity.tables.js';

export type AccountRow = Selectable<AccountsTable>;
export type PersonRow = Selectable<PersonsTable>;
export type OrganizationRow = Selectable<OrganizationsTable>;

/** The only code of the identity module that builds SQL. */
export function createIdentityRepo(db: Kysely<Database>) {
  return {
    ...identityQueries(db),
    /** Runs `fn` in one transaction with queries bound to it. */
    transaction<T>(fn: (repo: IdentityQueries) => Promise<T>): Promise<T> {
      return db.transaction().execute((trx) => fn(identityQueries(trx)));
    },
  };
}

function identityQueries(db: Kysely<Database>) {
  return {
    /** The Kysely handle of this scope, so another module (the ledger) can write in the same transaction. */
    handle: db,

    findAccountByUsername(username: string): Promise<AccountRow | undefined> {
      return db
        .selectFrom('accounts')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
    },

    findAccountById(id: string): Promise<AccountRow | undefined> {
      return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Enabled staff accounts with a role (and department), by account name. */
    async staffWithRole(role: string, departmentCode: string | undefined): Promise<string[]> {
      let q = db
        .selectFrom('accounts')
        .select('id')
        .where('kind', '=', 'staff')
        .where('disabled', '=', 0)
        // Roles are a JSON array of plain words: the quoted role matches one element exactly.
        .where('roles', 'like', `%"${role.replace(/[^a-z-]/g, '')}"%`)
        .orderBy('username');
      if (departmentCode !== undefined) q = q.where('department_code', '=', departmentCode);
      return (await q.execute()).map((r) => r.id);
    },

    async displayNames(ids: string[]): Promise<{ id: string; display_name: string }[]> {
      if (ids.length === 0) return [];
      return db
        .selectFrom('accounts')
        .select(['id', 'display_name'])
        .where('id', 'in', ids)
        .execute();
    },

    async insertAccount(row: Insertable<AccountsTable>): Promise<void> {
      await db.insertInto('accounts').values(row).execute();
    },

    async updateAccount(id: string, patch: Updateable<AccountsTable>): Promise<void> {
      await db.updateTable('accounts').set(patch).where('id', '=', id).execute();
    },

    /** Sets the last accepted TOTP step only if it is newer, so two racing logins with one code cannot both win. */
    async advanceTotpStep(id: string, step: number): Promise<boolean> {
      const result = await db
        .updateTable('accounts')
        .set({ totp_last_step: step })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async countAccounts(): Promise<number> {
      const row = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * The applicant's own account (kind person or company) of a person or an organisation,
     * the first made when there are several; undefined when they have none.
     */
    async ownAccountOf(of: {
      personId?: string;
      organizationId?: string;
    }): Promise<string | undefined> {
      if (!of.personId && !of.organizationId) return undefined;
      let q = db.selectFrom('accounts').select('id').where('kind', 'in', ['person', 'company']);
      q = of.organizationId
        ? q.where('organization_id', '=', of.organizationId)
        : q.where('person_id', '=', of.personId!);
      const row = await q.orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
      return row?.id;
    },

    findPersonByIdNumber(idNumber: string): Promise<PersonRow | undefined> {
      return db
        .selectFrom('persons')
        .selectAll()
        .where('id_number', '=', idNumber)
        .executeTakeFirst();
    },

    findPersonById(id: string): Promise<PersonRow | undefined> {
      return db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Persons whose name starts with `prefix` (LIKE wildcards already removed), by name. */
    findPersonsByNamePrefix(prefix: string, limit: number): Promise<PersonRow[]> {
      return db
        .selectFrom('persons')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['name']), 'like', `${prefix.toLowerCase()}%`))
        .orderBy('name')
        .orderBy('id')
        .limit(limit)
        .execute();
    },

    async insertPerson(row: Insertable<PersonsTable>): Promise<void> {
      await db.insertInto('persons').values(row).execute();
    },

    findOrganizationByCreditCode(code: string): Promise<OrganizationRow | undefined> {
      return db
        .selectFrom('organizations')
        .selectAll()
        .where('credit_code', '=', code)
        .executeTakeFirst();
    },

    findOrganizationById(id: string): Promise<OrganizationRow | undefined> {
      return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Organisations whose name contains `text` (LIKE wildcards already removed), by name. */
    findOrganizationsByName(text: string, limit: number): Promise<OrganizationRow[]> {
      return db
        .selectFrom('organizations')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['name']), 'like', `%${text.toLowerCase()}%`))
        .orderBy('name')
        .orderBy('id')
        .limit(limit)
        .execute();
    },

    async insertOrganization(row: Insertable<OrganizationsTable>): Promise<void> {
      await db.insertInto('organizations').values(row).execute();
    },

    async insertSession(row: {
      id: string;
      account_id: string;
      token_hash: string;
      created_at: string;
      expires_at: string;
    }): Promise<void> {
      await db
        .insertInto('sessions')
        .values({ ...row, revoked_at: null })
        .execute();
    },

    /** The live session with this token hash, joined with its account. */
    findLiveSession(tokenHash: string, now: string) {
      return db
        .selectFrom('sessions')
        .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
        .select([
          'sessions.id as session_id',
          'sessions.expires_at',
          'accounts.id as account_id',
          'accounts.username',
          'accounts.kind',
          'accounts.roles',
          'accounts.department_code',
          'accounts.person_id',
          'accounts.organization_id',
          'accounts.disabled',
        ])
        .where('sessions.token_hash', '=', tokenHash)
        .where('sessions.revoked_at', 'is', null)
        .where('sessions.expires_at', '>', now)
        .executeTakeFirst();
    },

    async insertApiKey(row: {
      id: string;
      account_id: string;
      name: string;
      key_hash: string;
      created_at: string;
    }): Promise<void> {
      await db
        .insertInto('api_keys')
        .values({ ...row, revoked_at: null })
        .execute();
    },

    /** The account behind a live API key. */
    findApiKeyAccount(keyHash: string) {
      return db
        .selectFrom('api_keys')
        .innerJoin('accounts', 'accounts.id', 'api_keys.account_id')
        .select([
          'api_keys.id as key_id',
          'accounts.id as account_id',
          'accounts.username',
          'accounts.roles',
          'accounts.department_code',
          'accounts.disabled',
        ])
        .where('api_keys.key_hash', '=', keyHash)
        .where('api_keys.revoked_at', 'is', null)
        .executeTakeFirst();
    },

    async revokeSession(id: string, at: string): Promise<void> {
      await db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', id).execute();
    },

    async recordLogin(row: {
      id: string;
      account_id: string | null;
      username: string;
      outcome: LoginOutcome;
      ip: string | null;
      at: string;
    }): Promise<void> {
      await db.insertInto('login_events').values(row).execute();
    },

    listLoginEvents(filter: { accountId?: string; username?: string; limit: number }) {
      let q = db
        .selectFrom('login_events')
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit);
      if (filter.accountId) q = q.where('account_id', '=', filter.accountId);
      if (filter.username) q = q.where('username', '=', filter.username);
      return q.execute();
    },
  };
}

type IdentityQueries = ReturnType<typeof identityQueries>;
export type IdentityRepo = ReturnType<typeof createIdentityRepo>;
