import type { Generated } from 'kysely';

// The log's tables, as migrations/20261201_007_ledger.ts creates them. Hashes are raw bytes
// (blob / bytea); times are RFC 3339 text; sizes and indexes are integers below 2^53.

/**
 * Entries appended in the transaction of the change they record, not yet in the tree (an
 * outbox of one). The sequencer moves them, oldest first, into `ledger_entries`.
 */
export interface LedgerPendingTable {
  id: Generated<number>;
  /** The public leaf (canonical JSON of commitment, kind, time), exactly the bytes that will be hashed. */
  entry: string;
  /** The opened entry: canonical JSON of the record the leaf commits to. */
  content: string;
  /** The record's per-entry random salt. */
  salt: string;
  /** Look-up copies of the record's `purpose`, `type` and `subject`; `ledger verify` checks them. */
  purpose: string;
  kind: string;
  subject: string | null;
  created_at: string;
}

/** The log's leaves: entry `idx` of the tree, its bytes and its RFC 9162 leaf hash. */
export interface LedgerEntriesTable {
  idx: number;
  /** The public leaf's bytes (what tiles and `/entries/{i}` serve). */
  entry: string;
  leaf_hash: Buffer;
  /** The opened entry: the record's canonical JSON and its salt (never served publicly). */
  content: string;
  salt: string;
  /** Look-up copies of the record's `purpose`, `type` and `subject`; `ledger verify` checks them. */
  purpose: string;
  kind: string;
  subject: string | null;
  created_at: string;
}

/** The last signed state of a log retired by a change of leaf format (see docs/ledger.md). */
export interface LedgerRetiredTable {
  origin: string;
  verifier_key: string;
  size: number;
  /** The last checkpoint's signed note, or '' when it never signed. */
  note: string;
  retired_at: string;
}

/**
 * The tree as hash tiles (C2SP tlog-tiles, migration 023): tile (level, idx) holds `width`
 * hashes of tree level 8·level (what `tile/<level>/<idx>` serves), then the nodes of the seven
 * tree levels above them inside the tile (see ledger.tilestore.ts). A full tile has width 256;
 * the last tile of each level is partial and rewritten as the tree grows.
 */
export interface LedgerTilesTable {
  level: number;
  idx: number;
  width: number;
  hashes: Buffer;
}

/** One row (id 1): how many entries the tree holds. The sequencer locks it. */
export interface LedgerHeadTable {
  id: number;
  size: number;
  updated_at: string;
}

/** Signed checkpoints (C2SP tlog-checkpoint); the primary key on size forbids two roots for one size. */
export interface LedgerCheckpointsTable {
  size: number;
  root: Buffer;
  /** The signed note as the log signed it (without witness cosignatures). */
  note: string;
  created_at: string;
}

/** Witness cosignatures (C2SP tlog-cosignature) of a checkpoint, one per witness key name. */
export interface LedgerCosignaturesTable {
  size: number;
  key_name: string;
  key_id: number;
  /** base64(keyID || timestamp || signature), as on the note's signature line. */
  signature: string;
  /** The POSIX time the witness claims. */
  signed_at: number;
  created_at: string;
}

/** The log's signing key, shared by every node of a deployment; the signer key is sealed. */
export interface LedgerKeysTable {
  /** The key name, which is also the log's origin. */
  name: string;
  signer_key: string;
  verifier_key: string;
  created_at: string;
}

/** Witnesses whose cosignatures the log accepts: type 0x04 verifier keys. */
export interface LedgerWitnessesTable {
  name: string;
  verifier_key: string;
  created_at: string;
}

/** The ledger module's tables. */
export interface LedgerTables {
  ledger_pending: LedgerPendingTable;
  ledger_entries: LedgerEntriesTable;
  ledger_tiles: LedgerTilesTable;
  ledger_head: LedgerHeadTable;
  ledger_checkpoints: LedgerCheckpointsTable;
  ledger_cosignatures: LedgerCosignaturesTable;
  ledger_keys: LedgerKeysTable;
  ledger_witnesses: LedgerWitnessesTable;
  ledger_retired: LedgerRetiredTable;
}
