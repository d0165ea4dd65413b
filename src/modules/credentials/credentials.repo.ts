import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../../schema.js';
import type {
  CredentialCopiesTable,
  CredentialIssuerKeysTable,
  CredentialStatusListsTable,
  CredentialsTable,
} from './credentials.tables.js';

export type IssuerKeyRow = Selectable<CredentialIssuerKeysTable>;
export type CredentialRow = Selectable<CredentialsTable>;
export type StatusListRow = Selectable<CredentialStatusListsTable>;
export type CopyRow = Selectable<CredentialCopiesTable>;

/** The only code of the credentials module (issuing side) that builds SQL. */
export function createCredentialsRepo(db: Kysely<Database>) {
  return {
    ...credentialsQueries(db),
    /** Runs `fn` in one transaction; the handle it gets lets the ledger write in it too. */
    transaction<T>(fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
      return db.transaction().execute(fn);
    },
  };
}

/** The queries, on the database or inside a transaction (`credentialsQueries(tx)`). */
export function credentialsQueries(db: Kysely<Database>) {
  return {
    /** The active key of a department, or undefined. */
    activeKey(department: string): Promise<IssuerKeyRow | undefined> {
      return db
        .selectFrom('credential_issuer_keys')
        .selectAll()
        .where('active_for', '=', department)
        .executeTakeFirst();
    },

    key(kid: string): Promise<IssuerKeyRow | undefined> {
      return db
        .selectFrom('credential_issuer_keys')
        .selectAll()
        .where('kid', '=', kid)
        .executeTakeFirst();
    },

    /** Every key, active and retired, oldest first. */
    keys(): Promise<IssuerKeyRow[]> {
      return db
        .selectFrom('credential_issuer_keys')
        .selectAll()
        .orderBy('created_at')
        .orderBy('kid')
        .execute();
    },

    /** Inserts a department's active key unless it has one already (a racing node's). */
    async insertKeyIfNone(row: Insertable<CredentialIssuerKeysTable>): Promise<boolean> {
      const r = await db
        .insertInto('credential_issuer_keys')
        .values(row)
        .onConflict((oc) => oc.column('active_for').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
    },

    /** Inserts a key unless its kid, or its department's active slot, is taken (a racing node's). */
    async insertKeyIfNew(row: Insertable<CredentialIssuerKeysTable>): Promise<boolean> {
      const r = await db
        .insertInto('credential_issuer_keys')
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
    },

    /** Makes a known key its department's active one again (an external key given back). */
    async activateKey(kid: string, department: string): Promise<void> {
      await db
        .updateTable('credential_issuer_keys')
        .set({ active_for: department, retired_at: null })
        .where('kid', '=', kid)
        .execute();
    },

    /** Retires a key: it signs nothing more, and stays published. */
    async retireKey(kid: string, at: string): Promise<void> {
      await db
        .updateTable('credential_issuer_keys')
        .set({ active_for: null, retired_at: at })
        .where('kid', '=', kid)
        .execute();
    },

    async insertCredential(row: CredentialRow): Promise<boolean> {
      const r = await db
        .insertInto('credentials')
        .values(row)
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
    },

    credential(id: string): Promise<CredentialRow | undefined> {
      return db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst();
    },

    credentialByDedupe(key: string): Promise<CredentialRow | undefined> {
      return db
        .selectFrom('credentials')
        .selectAll()
        .where('dedupe_key', '=', key)
        .executeTakeFirst();
    },

    /** A holder's credentials, newest first. */
    credentialsOf(account: string): Promise<CredentialRow[]> {
      return db
        .selectFrom('credentials')
        .selectAll()
        .where('holder_account', '=', account)
        .orderBy('issued_at', 'desc')
        .orderBy('id')
        .execute();
    },

    /** The credentials a department issued for the application of a receipt, newest first. */
    credentialsOfReceipt(issuer: string, receiptNo: string): Promise<CredentialRow[]> {
      return db
        .selectFrom('credentials')
        .selectAll()
        .where('issuer', '=', issuer)
        .where('receipt_no', '=', receiptNo)
        .orderBy('issued_at', 'desc')
        .orderBy('id')
        .execute();
    },

    async setStatus(
      id: string,
      patch: { status: string; status_reason: string; updated_at: string },
    ): Promise<void> {
      await db.updateTable('credentials').set(patch).where('id', '=', id).execute();
    },

    /** The list of a department new slots are drawn from: its newest with room, or undefined. */
    openList(issuer: string, limit: number): Promise<StatusListRow | undefined> {
      return db
        .selectFrom('credential_status_lists')
        .selectAll()
        .where('issuer', '=', issuer)
        .where('used', '<', limit)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async countLists(issuer: string): Promise<number> {
      const r = await db
        .selectFrom('credential_status_lists')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('issuer', '=', issuer)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async insertListIfNew(row: StatusListRow): Promise<void> {
      await db
        .insertInto('credential_status_lists')
        .values(row)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },

    list(id: string): Promise<StatusListRow | undefined> {
      return db
        .selectFrom('credential_status_lists')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async countUsed(listId: string, at: string): Promise<void> {
      await db
        .updateTable('credential_status_lists')
        .set((eb) => ({ used: eb('used', '+', 1), updated_at: at }))
        .where('id', '=', listId)
        .execute();
    },

    /** Inserts a copy unless its slot is taken; true when inserted. */
    async insertCopyIfFree(row: CopyRow): Promise<boolean> {
      const r = await db
        .insertInto('credential_copies')
        .values(row)
        .onConflict((oc) => oc.columns(['list_id', 'idx']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
    },

    /** Every used slot of a list with its credential's status. */
    slots(listId: string): Promise<{ idx: number; status: string }[]> {
      return db
        .selectFrom('credential_copies')
        .innerJoin('credentials', 'credentials.id', 'credential_copies.credential_id')
        .select(['credential_copies.idx', 'credentials.status'])
        .where('credential_copies.list_id', '=', listId)
        .execute();
    },

    /** The copy in a slot with its credential's holder and type, or undefined. */
    copyAt(listId: string, idx: number) {
      return db
        .selectFrom('credential_copies')
        .innerJoin('credentials', 'credentials.id', 'credential_copies.credential_id')
        .select([
          'credential_copies.credential_id',
          'credential_copies.form',
          'credentials.holder_account',
          'credentials.type',
        ])
        .where('credential_copies.list_id', '=', listId)
        .where('credential_copies.idx', '=', idx)
        .executeTakeFirst();
    },

    /** The lists holding copies of a credential. */
    async listsOf(credentialId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('credential_copies')
        .select('list_id')
        .distinct()
        .where('credential_id', '=', credentialId)
        .execute();
      return rows.map((r) => r.list_id);
    },
  };
}

export type CredentialsQueries = ReturnType<typeof credentialsQueries>;
export type CredentialsRepo = ReturnType<typeof createCredentialsRepo>;
