import type { Kysely } from 'kysely';
import type { Database } from '../../schema.js';
import type {
  CredentialVerificationsTable,
  PresentationRequestsTable,
} from './credentials.tables.js';

/** A presentation request row. */
export type RequestRow = PresentationRequestsTable;
/** A recorded verification row. */
export type VerificationRow = CredentialVerificationsTable;

/**
 * The verifier's tables: presentation requests (answered once), recorded verifications and
 * the key-binding hashes of accepted presentations. Times are ISO 8601 UTC text, so they
 * compare as strings. The only file of the verifier that builds SQL.
 */
export function createVerificationsRepo(db: Kysely<Database>) {
  return {
    /** Runs `fn` in one transaction. */
    transaction<T>(fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
      return db.transaction().execute(fn);
    },

    async insertRequest(row: RequestRow): Promise<void> {
      await db.insertInto('presentation_requests').values(row).execute();
    },

    findRequest(id: string): Promise<RequestRow | undefined> {
      return db
        .selectFrom('presentation_requests')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /**
     * Marks a pending, unexpired request answered by `verificationId`; false when another
     * answer came first or it expired (the row is left as it was).
     */
    async answerRequest(
      tx: Kysely<Database>,
      id: string,
      verificationId: string,
      at: string,
    ): Promise<boolean> {
      const r = await tx
        .updateTable('presentation_requests')
        .set({ state: 'answered', verification_id: verificationId, answered_at: at })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async insertVerification(tx: Kysely<Database>, row: VerificationRow): Promise<void> {
      await tx.insertInto('credential_verifications').values(row).execute();
    },

    findVerification(id: string): Promise<VerificationRow | undefined> {
      return db
        .selectFrom('credential_verifications')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** The verifications of copies of `holderAccount`'s credentials, newest first, with the request's purpose. */
    holderVerifications(holderAccount: string, limit = 200) {
      return db
        .selectFrom('credential_verifications as v')
        .innerJoin('credentials as c', 'c.id', 'v.credential_id')
        .leftJoin('presentation_requests as r', 'r.id', 'v.request_id')
        .select([
          'v.id',
          'v.at',
          'v.verifier_name',
          'v.mode',
          'v.credential_id',
          'v.valid',
          'v.claims',
          'c.type',
          'r.purpose',
        ])
        .where('c.holder_account', '=', holderAccount)
        .orderBy('v.at', 'desc')
        .orderBy('v.id', 'desc')
        .limit(limit)
        .execute();
    },

    /** Whether a replay key was accepted and still matters at `now`. */
    async seen(key: string, now: string): Promise<boolean> {
      const row = await db
        .selectFrom('credential_presentations_seen')
        .select('key')
        .where('key', '=', key)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Records an accepted presentation's key; false when it was recorded before (a replay). */
    async markSeen(
      tx: Kysely<Database>,
      key: string,
      seenAt: string,
      expiresAt: string,
    ): Promise<boolean> {
      // A key whose time is over may be taken again (it cannot pass freshness anyway).
      await tx
        .deleteFrom('credential_presentations_seen')
        .where('key', '=', key)
        .where('expires_at', '<=', seenAt)
        .execute();
      const r = await tx
        .insertInto('credential_presentations_seen')
        .values({ key, seen_at: seenAt, expires_at: expiresAt })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** Forgets keys whose presentations could not pass any more; answers how many. */
    async purgeSeen(now: string): Promise<number> {
      const r = await db
        .deleteFrom('credential_presentations_seen')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

/** The verifier's repository. */
export type VerificationsRepo = ReturnType<typeof createVerificationsRepo>;
