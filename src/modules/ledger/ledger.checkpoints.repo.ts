import type { Kysely, Selectable } from 'kysely';

import type { Database } from '../../schema.js';
import type {
  LedgerCheckpointsTable,
  LedgerCosignaturesTable,
  LedgerKeysTable,
  LedgerWitnessesTable,
} from './ledger.tables.js';

/** A row of `ledger_checkpoints`. */
export type CheckpointRow = Selectable<LedgerCheckpointsTable>;
/** A row of `ledger_cosignatures`. */
export type CosignatureRow = Selectable<LedgerCosignaturesTable>;
/** A row of `ledger_keys`. */
export type KeyRow = Selectable<LedgerKeysTable>;
/** A row of `ledger_witnesses`. */
export type WitnessRow = Selectable<LedgerWitnessesTable>;

/**
 * The ledger repository's queries of what signs the log: checkpoints, witnesses'
 * cosignatures, the log key and the witnesses (part of createLedgerRepo, ledger.repo.ts).
 */
export function checkpointQueries(db: Kysely<Database>) {
  return {
    async latestCheckpoint(): Promise<CheckpointRow | undefined> {
      const row = await db
        .selectFrom('ledger_checkpoints')
        .selectAll()
        .orderBy('size', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && normalizeCheckpoint(row);
    },

    async checkpointAt(size: number): Promise<CheckpointRow | undefined> {
      const row = await db
        .selectFrom('ledger_checkpoints')
        .selectAll()
        .where('size', '=', size)
        .executeTakeFirst();
      return row && normalizeCheckpoint(row);
    },

    /** Checkpoints from size `from` on, smallest first. */
    async checkpointsFrom(from: number, limit: number): Promise<CheckpointRow[]> {
      const rows = await db
        .selectFrom('ledger_checkpoints')
        .selectAll()
        .where('size', '>=', from)
        .orderBy('size')
        .limit(limit)
        .execute();
      return rows.map(normalizeCheckpoint);
    },

    /** Stores a checkpoint unless one of that size exists (the primary key decides); returns whether it did. */
    async insertCheckpoint(row: CheckpointRow): Promise<boolean> {
      const result = await db
        .insertInto('ledger_checkpoints')
        .values(row)
        .onConflict((oc) => oc.column('size').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async cosignaturesOf(size: number): Promise<CosignatureRow[]> {
      const rows = await db
        .selectFrom('ledger_cosignatures')
        .selectAll()
        .where('size', '=', size)
        .orderBy('key_name')
        .execute();
      return rows.map(normalizeCosignature);
    },

    async allCosignatures(): Promise<CosignatureRow[]> {
      const rows = await db
        .selectFrom('ledger_cosignatures')
        .selectAll()
        .orderBy('size')
        .orderBy('key_name')
        .execute();
      return rows.map(normalizeCosignature);
    },

    /** Stores a witness's cosignature of a checkpoint, replacing that witness's earlier one. */
    async upsertCosignature(row: CosignatureRow): Promise<void> {
      await db
        .insertInto('ledger_cosignatures')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['size', 'key_name']).doUpdateSet({
            key_id: row.key_id,
            signature: row.signature,
            signed_at: row.signed_at,
            created_at: row.created_at,
          }),
        )
        .execute();
    },

    /** The log key (the first one made; a deployment has one). */
    logKey(): Promise<KeyRow | undefined> {
      return db
        .selectFrom('ledger_keys')
        .selectAll()
        .orderBy('created_at')
        .orderBy('name')
        .limit(1)
        .executeTakeFirst();
    },

    /** Stores a key unless one of that name exists; racing nodes then read back the winner. */
    async insertKey(row: KeyRow): Promise<void> {
      await db
        .insertInto('ledger_keys')
        .values(row)
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    },

    witnesses(): Promise<WitnessRow[]> {
      return db.selectFrom('ledger_witnesses').selectAll().orderBy('name').execute();
    },

    async upsertWitness(row: WitnessRow): Promise<void> {
      await db
        .insertInto('ledger_witnesses')
        .values(row)
        .onConflict((oc) => oc.column('name').doUpdateSet({ verifier_key: row.verifier_key }))
        .execute();
    },
  };
}

// pg hands bigint columns back as numbers (see platform/db) and bytea as Buffer.
function normalizeCheckpoint(row: CheckpointRow): CheckpointRow {
  return { ...row, size: Number(row.size), root: Buffer.from(row.root) };
}

function normalizeCosignature(row: CosignatureRow): CosignatureRow {
  return {
    ...row,
    size: Number(row.size),
    key_id: Number(row.key_id),
    signed_at: Number(row.signed_at),
  };
}
