import type { Kysely } from 'kysely';

import type { Clock } from '../../platform/clock/index.js';
import type { SecretBox } from '../../platform/crypto/index.js';
import type { Dialect } from '../../platform/db/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import { ValidationError } from '../../platform/errors/index.js';
import type { Logger } from '../../platform/logging/index.js';
import type { Database } from '../../schema.js';
import { signCheckpoint } from './checkpoint.js';
import { LedgerErrors, LedgerIntegrityError, asRequestError } from './ledger.app-errors.js';
import { createCosignatureIntake } from './ledger.cosignatures.js';
import { createLogKeys } from './ledger.keys.js';
import { canonicalJson } from './canonical-json.js';
import {
  buildRecord,
  openingProblem,
  parseContent,
  parseRecord,
  type LedgerAppendInput,
  type LedgerRecord,
  type OpenedEntry,
} from './ledger.record.js';
import { createLedgerRepo, type CheckpointRow, type EntryRow } from './ledger.repo.js';
import { entryLeafHash, extendTree, frontierIds, frontierOf } from './ledger.sequencer.js';
import type { LogReader } from './ledger.audit.js';
import {
  createTileBuilder,
  edgeTiles,
  hashInTile,
  placeOf,
  publicTileBytes,
  tileKey,
} from './ledger.tilestore.js';
import { verifyLedger, type LedgerIndexCheck, type LedgerVerifyReport } from './ledger.verify.js';
import {
  consistencyPlan,
  emptyTreeRoot,
  inclusionPlan,
  resolveProof,
  rootPlan,
  verifyConsistency,
  type ProofPlan,
} from './merkle.js';
import {
  encodeEntryBundle,
  parseTilePath,
  TILE_HEIGHT,
  TILE_WIDTH,
  type TilePath,
} from './tiles.js';

/** What the ledger service is built from. */
export interface LedgerServiceDeps {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  /** Seeds the log key when it is first made (tests pass predictable ids); default: the OS CSPRNG. */
  ids?: IdGenerator;
  /** The key of subject references (HMAC-SHA256 of identity numbers). */
  hmacSecret: string;
  /** Seals the log's signer key at rest. */
  secretBox: SecretBox;
  /** The log's origin (and key name) when the first key is made; later the stored key decides. */
  origin: string;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** The least time between two checkpoints that are not forced (default 1 s). */
  checkpointIntervalMs?: number;
  /** Pending entries moved into the tree per transaction (default 5000). */
  sequenceBatch?: number;
}

/** An entry of the log as anyone may read it: the public leaf. */
export interface LedgerEntryView {
  index: number;
  entry: string;
  leafHash: Buffer;
  /** The leaf parsed: commitment, kind, time. */
  record: Record<string, unknown>;
  createdAt: string;
}

/** An entry with its opening, for those who may see what it records. */
export interface OpenedEntryView extends LedgerEntryView {
  opened: OpenedEntry;
}

/** A pending entry with its opening. */
export interface OpenedPendingView {
  entry: string;
  opened: OpenedEntry;
  createdAt: string;
}

const EMPTY_RECORD: LedgerRecord = {
  type: '',
  time: '',
  actor: '',
  actorRole: null,
  subject: null,
  action: '',
  purpose: '',
  dataHash: '',
};

/** A signed checkpoint with the witness cosignatures stored for it. */
export interface CheckpointView {
  size: number;
  root: Buffer;
  /** The signed note: the log's signature, then each witness's cosignature line. */
  note: string;
  createdAt: string;
  witnesses: string[];
}

const MAX_SEQUENCE_ROUNDS = 100;

function requireIndex(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ValidationError(
      'LEDGER_INVALID_ARGUMENT',
      { zh: `${name} 必须是非负整数`, en: `${name} must be a non-negative integer` },
      [{ path: name, code: 'invalid', message: 'a non-negative integer below 2^53' }],
    );
  }
}

/**
 * The tamper-evident log: appends in the caller's transaction, sequencing into the stored
 * Merkle tree, signed checkpoints (never two roots for one size), proofs, tiles, witness
 * cosignatures and a full re-verification. Throws AppErrors for bad requests and
 * LedgerIntegrityError when the stored log contradicts itself.
 */
export function createLedgerService(deps: LedgerServiceDeps) {
  const repo = createLedgerRepo(deps.db, deps.dialect);
  const { clock } = deps;
  const intervalMs = deps.checkpointIntervalMs ?? 1000;
  const batch = deps.sequenceBatch ?? 5000;
  const { key } = createLogKeys({ repo, ...deps });
  const witnesses = createCosignatureIntake({ repo, clock, key, logger: deps.logger });
  const indexes: LedgerIndexCheck[] = [];

  // A plan's hashes in one read; a missing row is the store's fault, not the caller's.
  async function readPlan(plan: ProofPlan): Promise<Buffer[]> {
    if (plan.ids.length === 0) return [];
    const hashes = await repo.nodes(plan.ids);
    const missing = plan.ids.find((_, i) => !hashes[i]);
    if (missing) {
      throw new LedgerIntegrityError(
        {
          zh: `缺少子树哈希 ${missing.level}/${missing.index}`,
          en: `node ${missing.level}/${missing.index} is missing`,
        },
        { ...missing },
      );
    }
    return resolveProof(plan, hashes as Buffer[]);
  }

  async function rootAt(size: number): Promise<Buffer> {
    if (size === 0) return emptyTreeRoot();
    const [root] = await readPlan(rootPlan(size));
    return root!;
  }

  /** Moves up to `maxBatch` pending entries into the tree in one transaction. */
  async function sequence(maxBatch = batch): Promise<{ size: number; added: number }> {
    return repo.transaction(async (trx) => {
      const size = await repo.lockHead(trx);
      const pending = await repo.takePending(trx, maxBatch);
      if (pending.length === 0) return { size, added: 0 };
      // The right-edge tiles hold every peak of the tree; the batch extends them.
      const edgeIds = edgeTiles(size);
      const edge = await repo.tiles(edgeIds, trx);
      const wrong = edgeIds.find((t) => edge.get(tileKey(t.level, t.index))?.width !== t.width);
      if (wrong) {
        throw new LedgerIntegrityError({
          zh: `右边界瓦片 ${wrong.level}/${wrong.index} 与树的大小不符，拒绝追加`,
          en: `the edge tile ${wrong.level}/${wrong.index} of the tree of size ${size} is missing or of another width; refusing to append`,
        });
      }
      const peaks = frontierIds(size).map((id) => {
        const p = placeOf(id);
        const tile = edge.get(tileKey(p.tileLevel, p.tileIndex));
        return tile && hashInTile(tile, p.k, p.pos);
      });
      if (peaks.some((h) => !h)) {
        throw new LedgerIntegrityError({
          zh: '树的右边界哈希缺失，拒绝追加',
          en: `the stored tree of size ${size} lacks a frontier node; refusing to append`,
        });
      }
      const leaves = pending.map((p) => entryLeafHash(p.entry));
      const { nodes } = extendTree(frontierOf(size, peaks as Buffer[]), leaves);
      const tiles = createTileBuilder([...edge.values()]);
      for (const node of nodes) tiles.add(node);
      await repo.storeEntries(trx, size, pending, leaves);
      await repo.upsertTiles(trx, tiles.tiles());
      await repo.setHead(trx, size + pending.length, clock.now().toISOString());
      return { size: size + pending.length, added: pending.length };
    });
  }

  async function sequenceAll(): Promise<number> {
    let result = { size: 0, added: batch };
    for (let round = 0; round < MAX_SEQUENCE_ROUNDS && result.added === batch; round++)
      result = await sequence(batch);
    return result.size;
  }

  async function view(row: CheckpointRow): Promise<CheckpointView> {
    const cosignatures = await repo.cosignaturesOf(row.size);
    const lines = cosignatures.map((c) => `\u2014 ${c.key_name} ${c.signature}\n`).join('');
    return {
      size: row.size,
      root: row.root,
      note: row.note + lines,
      createdAt: row.created_at,
      witnesses: cosignatures.map((c) => c.key_name),
    };
  }

  /**
   * Sequences what is pending, then signs a checkpoint of the current size if the tree grew
   * and the last one is older than the interval (or `force`). Before signing it proves,
   * from its own nodes, that the new tree extends the last checkpoint.
   */
  async function checkpoint(options: { force?: boolean } = {}): Promise<CheckpointView> {
    await sequenceAll();
    const k = await key();
    const size = await repo.headSize();
    const last = await repo.latestCheckpoint();
    if (last) {
      if (last.size > size) {
        throw new LedgerIntegrityError(
          {
            zh: `账本比已签署的检查点（${last.size}）小`,
            en: `the log (${size}) is smaller than its checkpoint (${last.size})`,
          },
          { size, checkpoint: last.size },
        );
      }
      const young = clock.now().getTime() - Date.parse(last.created_at) < intervalMs;
      if (last.size === size || (young && !options.force)) return view(last);
    }
    const root = await rootAt(size);
    if (last && last.size > 0) {
      const proof = await readPlan(consistencyPlan(last.size, size));
      try {
        verifyConsistency(last.size, size, last.root, root, proof);
      } catch (error) {
        deps.logger.error(
          { err: error, size, last: last.size },
          'ledger tree is inconsistent with its last checkpoint',
        );
        throw new LedgerIntegrityError(
          {
            zh: '账本树与上一个检查点不一致，拒绝签署',
            en: 'the tree does not extend the last checkpoint; refusing to sign',
          },
          { size, checkpoint: last.size },
        );
      }
    }
    const note = await signCheckpoint({ origin: k.origin, size, rootHash: root, extensions: [] }, [
      k.signer,
    ]);
    await repo.insertCheckpoint({ size, root, note, created_at: clock.now().toISOString() });
    const stored = await repo.checkpointAt(size);
    if (!stored?.root.equals(root)) {
      throw new LedgerIntegrityError({
        zh: `大小为 ${size} 的检查点根哈希冲突`,
        en: `a checkpoint of size ${size} with another root exists`,
      });
    }
    return view(stored);
  }

  function present(row: EntryRow): LedgerEntryView {
    return {
      index: row.idx,
      entry: row.entry,
      leafHash: row.leaf_hash,
      record: parseRecord(row.entry) ?? {},
      createdAt: row.created_at,
    };
  }

  // The opened entry as stored; a content that is not a record is the store's fault and shows
  // as an empty record, which then fails every check against the leaf.
  function opened(row: { content: string; salt: string }): OpenedEntry {
    return { record: parseContent(row.content) ?? EMPTY_RECORD, salt: row.salt };
  }

  async function requireSize(field: string, value: number): Promise<number> {
    requireIndex(field, value);
    const size = await repo.headSize();
    if (value > size) throw LedgerErrors.beyondLog(field, value, size);
    return size;
  }

  /** The latest checkpoint with its cosignatures; signs the first one if there is none. */
  async function latestCheckpoint(): Promise<CheckpointView> {
    const row = await repo.latestCheckpoint();
    return row ? view(row) : checkpoint({ force: true });
  }

  /** The RFC 9162 consistency proof from `from` to `to`; 422 unless 0 < from ≤ to ≤ size. */
  async function consistencyProof(
    from: number,
    to: number,
  ): Promise<{ from: number; to: number; hashes: Buffer[] }> {
    requireIndex('from', from);
    await requireSize('to', to);
    let plan: ProofPlan;
    try {
      plan = consistencyPlan(from, to);
    } catch (error) {
      throw asRequestError(error, 'from');
    }
    return { from, to, hashes: await readPlan(plan) };
  }

  async function tile(path: string): Promise<{ bytes: Buffer; full: boolean }> {
    let parsed: TilePath;
    try {
      parsed = parseTilePath(path);
    } catch {
      throw LedgerErrors.tileNotFound(path);
    }
    const size = await repo.headSize();
    if (parsed.kind === 'entries') {
      const first = parsed.index * TILE_WIDTH;
      if (first + parsed.width > size) throw LedgerErrors.tileNotFound(path);
      const rows = await repo.entryRange(first, first + parsed.width);
      if (rows.length !== parsed.width) {
        throw new LedgerIntegrityError({
          zh: `条目包 ${path} 缺少条目`,
          en: `entries are missing under ${path}`,
        });
      }
      return {
        bytes: encodeEntryBundle(rows.map((r) => Buffer.from(r.entry, 'utf8'))),
        full: parsed.width === TILE_WIDTH,
      };
    }
    const { level, index, width } = parsed.tile;
    if ((index * TILE_WIDTH + width) * 2 ** (level * TILE_HEIGHT) > size)
      throw LedgerErrors.tileNotFound(path);
    const [stored] = await repo.tileRanges([{ level, from: index, to: index }]);
    const bytes = stored && publicTileBytes(stored, width);
    if (!bytes) {
      throw new LedgerIntegrityError({
        zh: `瓦片 ${path} 缺少哈希`,
        en: `node hashes are missing under ${path}`,
      });
    }
    return { bytes: Buffer.from(bytes), full: width === TILE_WIDTH };
  }

  return {
    /**
     * Appends an entry in the caller's transaction (so it commits or rolls back with the
     * change it records); it joins the tree when next sequenced. Throws LedgerArgumentError
     * for a missing field, LedgerFormatError for data JSON cannot carry.
     */
    async append(tx: Kysely<Database>, input: LedgerAppendInput): Promise<void> {
      const { record, entry, content, salt } = buildRecord(input, deps.hmacSecret);
      await repo.insertPending(tx, {
        entry,
        content,
        salt,
        purpose: record.purpose,
        kind: record.type,
        subject: record.subject,
        created_at: input.at.toISOString(),
      });
    },

    sequence,
    checkpoint,

    latestCheckpoint,

    /** The log's verifier key (`name+id+key`) and origin. */
    async verifierKey(): Promise<{ origin: string; verifierKey: string }> {
      const k = await key();
      return { origin: k.origin, verifierKey: k.signer.verifierKey };
    },

    /** The sequenced size and the number of entries still pending. */
    async status(): Promise<{ size: number; pending: number }> {
      return { size: await repo.headSize(), pending: await repo.countPending() };
    },

    /** One entry; throws 404 LEDGER_ENTRY_NOT_FOUND beyond the tree, 422 for a bad index. */
    async entry(index: number): Promise<LedgerEntryView> {
      requireIndex('index', index);
      const row = await repo.entry(index);
      if (!row) throw LedgerErrors.entryNotFound(index);
      return present(row);
    },

    /** The RFC 9162 inclusion proof of entry `index` in the tree of `treeSize`; 422 when out of range. */
    async inclusionProof(
      index: number,
      treeSize: number,
    ): Promise<{ index: number; treeSize: number; hashes: Buffer[] }> {
      requireIndex('index', index);
      await requireSize('treeSize', treeSize);
      let plan: ProofPlan;
      try {
        plan = inclusionPlan(index, treeSize);
      } catch (error) {
        throw asRequestError(error, 'index');
      }
      return { index, treeSize, hashes: await readPlan(plan) };
    },

    consistencyProof,

    /**
     * The opened entries recorded for a purpose (receipt number): sequenced ones with their
     * index, then pending ones. Only for callers that checked the reader may see them.
     */
    async entriesFor(
      purpose: string,
      limit = 500,
    ): Promise<{ entries: OpenedEntryView[]; pending: OpenedPendingView[] }> {
      const { sequenced, pending } = await repo.entriesFor(purpose, limit);
      return {
        entries: sequenced.map((row) => ({ ...present(row), opened: opened(row) })),
        pending: pending.map((p) => ({
          entry: p.entry,
          opened: opened(p),
          createdAt: p.created_at,
        })),
      };
    },

    /**
     * Checks an opening someone holds against the public leaf of entry `index`: returns the
     * leaf hash when the record and salt open its commitment; 422 LEDGER_OPENING_MISMATCH for
     * a forged or edited one (logged), 404 beyond the tree.
     */
    async checkOpening(index: number, opening: OpenedEntry): Promise<{ leafHash: Buffer }> {
      requireIndex('index', index);
      const row = await repo.entry(index);
      if (!row) throw LedgerErrors.entryNotFound(index);
      const why = openingProblem(row.entry, canonicalJson(opening.record), opening.salt);
      if (why) {
        deps.logger.warn(
          { event: 'ledger.opening-mismatch', index },
          'a ledger opening did not hold',
        );
        throw LedgerErrors.openingMismatch(index, why);
      }
      return { leafHash: row.leaf_hash };
    },

    /** One entry with its opening (for the supervision office); 404 beyond the tree. */
    async openedEntry(index: number): Promise<OpenedEntryView> {
      requireIndex('index', index);
      const row = await repo.entry(index);
      if (!row) throw LedgerErrors.entryNotFound(index);
      return { ...present(row), opened: opened(row) };
    },

    addCosignature: witnesses.addCosignature,
    addWitness: witnesses.addWitness,

    /** The C2SP tlog-tiles tile or entry bundle at `path` (`tile/…`); 404 for a malformed path or one beyond the tree. */
    tile,

    /**
     * Re-derives the whole tree from the stored entries and checks it against the stored
     * nodes, every checkpoint and its signature, and the cosignatures; reports the first
     * difference. `verifierKey` pins the log key instead of trusting the stored one.
     */
    async verify(
      options: {
        verifierKey?: string;
        batchSize?: number;
        onProgress?: (done: number, size: number) => void;
      } = {},
    ): Promise<LedgerVerifyReport> {
      // A log that never signed has no key yet; verify must not make one.
      const row = await repo.logKey();
      let keyProblem: string | undefined;
      if (row) {
        try {
          const k = await key();
          if (options.verifierKey && options.verifierKey.trim() !== k.signer.verifierKey)
            keyProblem = 'the stored log key is not the pinned key';
        } catch (error) {
          keyProblem = error instanceof Error ? error.message : String(error);
        }
      }
      const witnesses = (await repo.witnesses()).map((w) => ({
        name: w.name,
        verifierKey: w.verifier_key,
      }));
      return verifyLedger(repo, {
        origin: row?.name ?? deps.origin,
        verifierKey: options.verifierKey?.trim() ?? row?.verifier_key,
        keyProblem,
        witnesses,
        batchSize: options.batchSize,
        onProgress: options.onProgress,
        indexes,
      });
    },

    /** Adds a table that finds or shows entries (e.g. data-hub accesses) to what `verify` checks. */
    registerIndex(check: LedgerIndexCheck): void {
      indexes.push(check);
    },

    /** This log as an audit reader (what `ledger audit` without `--url` reads). */
    reader(): LogReader {
      return {
        verifierKey: async () => (await key()).signer.verifierKey,
        checkpoint: async () => (await latestCheckpoint()).note,
        consistency: async (from, to) => (await consistencyProof(from, to)).hashes,
      };
    },
  };
}

/** The ledger service. */
export type LedgerService = ReturnType<typeof createLedgerService>;
