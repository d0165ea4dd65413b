import type { Bilingual } from '../../platform/errors/index.js';
import { openCheckpoint, type Checkpoint } from './checkpoint.js';
import { cosignatureVerifier } from './cosignature.js';
import type { CheckpointRow, LedgerRepo } from './ledger.repo.js';
import {
  entryLeafHash,
  extendTree,
  frontierRoot,
  type StoredNode,
  type TreeFrontier,
} from './ledger.sequencer.js';
import { openingProblem, parseContent, type LedgerRecord } from './ledger.record.js';
import { hashInTile, placeOf, tileKey, tileShape } from './ledger.tilestore.js';
import { TILE_HEIGHT, TILE_WIDTH } from './tiles.js';
import { ed25519Verifier, openNote, parseNote, type NoteVerifier } from './note.js';

// `onetrip ledger verify` (`ledger audit` is in ledger.audit.ts). Verify trusts nothing
// stored but the log key: it re-hashes every entry and opens its commitment, rebuilds every
// node (and compares it with its slot in the stored hash tiles), and checks every checkpoint's root and signature, in one pass in index order, then
// the pending entries and the tables that index the log; it names the first thing that differs.

/** What kind of difference verify found. */
export type LedgerProblemKind =
  | 'key'
  | 'entry-missing'
  | 'entry-changed'
  | 'entry-extra'
  | 'node-missing'
  | 'node-changed'
  | 'node-extra'
  | 'checkpoint-forged'
  | 'checkpoint-mismatch'
  | 'checkpoint-root'
  | 'checkpoint-beyond-log'
  | 'cosignature-invalid'
  | 'entry-opening'
  | 'column-mismatch'
  | 'pending-opening'
  | 'index-mismatch';

/** The first difference between the stored log and what its entries and key imply. */
export interface LedgerProblem {
  kind: LedgerProblemKind;
  /** The entry index, or the node's index within its level. */
  index?: number;
  level?: number;
  /** The checkpoint's tree size. */
  size?: number;
  /** The row that differs, as `table/id` (a pending entry, a data-hub access …). */
  row?: string;
  /** The column whose value the committed record contradicts. */
  column?: string;
  message: Bilingual;
}

/**
 * Another table that finds or shows ledger entries (e.g. the data hub's access rows, which the
 * citizen's access log shows): verify asks it to check each of its rows against the opened,
 * already verified records of the purposes it names, and to report the first row that differs.
 */
export interface LedgerIndexCheck {
  name: string;
  check(opened: (purpose: string) => Promise<LedgerRecord[]>): Promise<LedgerProblem | undefined>;
}

/** What `ledger verify` found. */
export interface LedgerVerifyReport {
  ok: boolean;
  size: number;
  entriesChecked: number;
  nodesChecked: number;
  checkpointsChecked: number;
  cosignaturesChecked: number;
  latestCheckpoint: { size: number; root: string } | null;
  /** Entries sequenced after the latest checkpoint, not yet signed. */
  unsigned: number;
  millis: number;
  problem: LedgerProblem | null;
}

/** What verify trusts: the log key (and origin) and the registered witnesses. */
export interface VerifyTrust {
  origin: string;
  verifierKey: string | undefined;
  /** Set when the stored key itself is suspect (it does not unseal or match); verify stops there. */
  keyProblem?: string;
  witnesses: readonly { name: string; verifierKey: string }[];
  batchSize?: number;
  onProgress?: (done: number, size: number) => void;
  /** Tables outside the log that index it, checked once the log itself holds. */
  indexes?: readonly LedgerIndexCheck[];
}

// The look-up columns kept beside each entry, and the record member each copies.
const LOOKUP_COLUMNS = [
  ['purpose', 'purpose'],
  ['kind', 'type'],
  ['subject', 'subject'],
] as const;

/** Why a stored entry's opening or look-up columns contradict its leaf, or undefined. Throws nothing. */
function openingOf(row: {
  entry: string;
  content: string;
  salt: string;
  purpose: string;
  kind: string;
  subject: string | null;
}): { why: string; column?: string } | undefined {
  const why = openingProblem(row.entry, row.content, row.salt);
  if (why) return { why };
  const record = parseContent(row.content)!;
  for (const [column, member] of LOOKUP_COLUMNS) {
    if ((row[column] ?? null) !== record[member])
      return { why: `the column ${column} differs from the committed record`, column };
  }
  return undefined;
}

const b64 = (b: Buffer): string => b.toString('base64');

function checkpointCursor(repo: LedgerRepo) {
  const page = 1000;
  let buffer: CheckpointRow[] = [];
  let pos = 0;
  let from = 0;
  let exhausted = false;
  return {
    async peek(): Promise<CheckpointRow | undefined> {
      if (pos < buffer.length) return buffer[pos];
      if (exhausted) return undefined;
      buffer = await repo.checkpointsFrom(from, page);
      pos = 0;
      exhausted = buffer.length < page;
      if (buffer.length > 0) from = buffer[buffer.length - 1]!.size + 1;
      return buffer[0];
    },
    skip(): void {
      pos++;
    },
  };
}

function checkCheckpoint(
  cp: CheckpointRow,
  root: Buffer,
  verifier: NoteVerifier,
  origin: string,
): LedgerProblem | undefined {
  let signed: Checkpoint;
  try {
    signed = openCheckpoint(cp.note, [verifier], { origin }).checkpoint;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      kind: 'checkpoint-forged',
      size: cp.size,
      message: {
        zh: `大小为 ${cp.size} 的检查点签名无效：${why}`,
        en: `the checkpoint of size ${cp.size} is not signed by the log key: ${why}`,
      },
    };
  }
  if (signed.size !== cp.size || !signed.rootHash.equals(cp.root)) {
    return {
      kind: 'checkpoint-mismatch',
      size: cp.size,
      message: {
        zh: `检查点行 ${cp.size} 的列与其签名文书不符`,
        en: `the checkpoint row of size ${cp.size} differs from the note it stores`,
      },
    };
  }
  if (!signed.rootHash.equals(root)) {
    return {
      kind: 'checkpoint-root',
      size: cp.size,
      message: {
        zh: `前 ${cp.size} 个条目的根哈希 ${b64(root)} 与检查点签署的 ${b64(signed.rootHash)} 不符`,
        en: `the root of the first ${cp.size} entries is ${b64(root)}, the checkpoint signs ${b64(signed.rootHash)}`,
      },
    };
  }
  return undefined;
}

async function compareNodes(
  repo: LedgerRepo,
  computed: readonly StoredNode[],
): Promise<LedgerProblem | undefined> {
  // The tiles a batch's nodes lie in are consecutive per tile level: read each range once.
  const places = computed.map(placeOf);
  const spans = new Map<number, { from: number; to: number }>();
  for (const p of places) {
    const span = spans.get(p.tileLevel);
    if (!span) spans.set(p.tileLevel, { from: p.tileIndex, to: p.tileIndex });
    else {
      span.from = Math.min(span.from, p.tileIndex);
      span.to = Math.max(span.to, p.tileIndex);
    }
  }
  const stored = new Map(
    (await repo.tileRanges([...spans].map(([level, span]) => ({ level, ...span })))).map((t) => [
      tileKey(t.level, t.index),
      t,
    ]),
  );
  const mismatches: { node: StoredNode; hash: Buffer | undefined }[] = [];
  computed.forEach((n, i) => {
    const p = places[i]!;
    const tile = stored.get(tileKey(p.tileLevel, p.tileIndex));
    const hash = tile && hashInTile(tile, p.k, p.pos);
    if (!hash || !hash.equals(n.hash)) mismatches.push({ node: n, hash });
  });
  if (mismatches.length === 0) return undefined;
  // Name the one that completes first in log order, as a reader walking the log meets it.
  const order = new Map(computed.map((n, i) => [n, i]));
  const first = mismatches.sort((a, b) => order.get(a.node)! - order.get(b.node)!)[0]!;
  const { node: n, hash } = first;
  const where = n.level === 0 ? `the leaf node of entry ${n.index}` : `node ${n.level}/${n.index}`;
  const whereZh = n.level === 0 ? `第 ${n.index} 条的叶子节点` : `节点 ${n.level}/${n.index}`;
  if (!hash) {
    return {
      kind: 'node-missing',
      level: n.level,
      index: n.index,
      message: { zh: `缺少${whereZh}`, en: `${where} is missing` },
    };
  }
  return {
    kind: 'node-changed',
    level: n.level,
    index: n.index,
    message: {
      zh: `${whereZh}的存储哈希 ${b64(hash)} 与由条目重算的 ${b64(n.hash)} 不符`,
      en: `${where} is stored as ${b64(hash)} but the entries give ${b64(n.hash)}`,
    },
  };
}

/**
 * Re-derives the tree from the stored entries in batches and checks index continuity, every
 * leaf hash, every stored node, every checkpoint (root and signature), that nothing lies
 * beyond the head, and the witnesses' cosignatures. Returns the first problem; throws only
 * when the database does.
 */
export async function verifyLedger(
  repo: LedgerRepo,
  trust: VerifyTrust,
): Promise<LedgerVerifyReport> {
  const started = performance.now();
  const batchSize = trust.batchSize ?? 10_000;
  const size = await repo.headSize();
  const stats = {
    entriesChecked: 0,
    nodesChecked: 0,
    checkpointsChecked: 0,
    cosignaturesChecked: 0,
  };
  let latest: CheckpointRow | undefined;
  const finish = (problem: LedgerProblem | null): LedgerVerifyReport => ({
    ok: problem === null,
    size,
    ...stats,
    latestCheckpoint: latest ? { size: latest.size, root: b64(latest.root) } : null,
    unsigned: size - (latest?.size ?? 0),
    millis: Math.round(performance.now() - started),
    problem,
  });

  const keyProblem = (why: string): LedgerProblem => ({
    kind: 'key',
    message: { zh: `账本密钥不可信：${why}`, en: `the log key cannot be trusted: ${why}` },
  });
  if (trust.keyProblem) return finish(keyProblem(trust.keyProblem));
  let verifier: NoteVerifier | undefined;
  try {
    verifier = trust.verifierKey ? ed25519Verifier(trust.verifierKey) : undefined;
  } catch (error) {
    return finish(keyProblem(error instanceof Error ? error.message : String(error)));
  }
  const check = (cp: CheckpointRow, root: Buffer): LedgerProblem | undefined =>
    verifier
      ? checkCheckpoint(cp, root, verifier, trust.origin)
      : keyProblem(`no log key is stored, yet a checkpoint of size ${cp.size} exists`);

  const checkpoints = checkpointCursor(repo);
  let frontier: TreeFrontier = { size: 0, peaks: [] };
  for (;;) {
    for (
      let cp = await checkpoints.peek();
      cp && cp.size === frontier.size;
      cp = await checkpoints.peek()
    ) {
      const problem = check(cp, frontierRoot(frontier));
      if (problem) return finish(problem);
      stats.checkpointsChecked++;
      latest = cp;
      checkpoints.skip();
    }
    const next = frontier.size;
    if (next >= size) break;
    const rows = await repo.leavesFrom(next, Math.min(batchSize, size - next));
    const leaves: Buffer[] = [];
    for (const row of rows) {
      const expected = next + leaves.length;
      if (row.idx >= size) break;
      if (row.idx !== expected) break;
      const leaf = entryLeafHash(row.entry);
      if (!leaf.equals(row.leaf_hash)) {
        return finish({
          kind: 'entry-changed',
          index: row.idx,
          message: {
            zh: `第 ${row.idx} 条被改动：其内容的哈希 ${b64(leaf)} 与存储的叶子哈希 ${b64(row.leaf_hash)} 不符`,
            en: `entry ${row.idx} was changed: its bytes hash to ${b64(leaf)}, its stored leaf hash is ${b64(row.leaf_hash)}`,
          },
        });
      }
      const opening = openingOf(row);
      if (opening) {
        return finish({
          kind: opening.column ? 'column-mismatch' : 'entry-opening',
          index: row.idx,
          row: `ledger_entries/${row.idx}`,
          column: opening.column,
          message: {
            zh: `第 ${row.idx} 条${opening.column ? `的 ${opening.column} 列与其承诺的记录不符` : '的内容或盐值打不开其承诺'}`,
            en: `entry ${row.idx}: ${opening.why}`,
          },
        });
      }
      leaves.push(leaf);
    }
    if (leaves.length === 0) {
      return finish({
        kind: 'entry-missing',
        index: next,
        message: { zh: `缺少第 ${next} 条（被删除）`, en: `entry ${next} is missing (deleted)` },
      });
    }

    // Grow the tree up to each checkpoint inside the batch, to check its root at its size.
    const computed: StoredNode[] = [];
    const due: { cp: CheckpointRow; root: Buffer }[] = [];
    for (let offset = 0; offset < leaves.length;) {
      const cp = await checkpoints.peek();
      const room = leaves.length - offset;
      const end =
        cp && cp.size - frontier.size <= room ? offset + (cp.size - frontier.size) : leaves.length;
      const grown = extendTree(frontier, leaves.slice(offset, end));
      for (const n of grown.nodes) computed.push(n);
      frontier = grown.frontier;
      offset = end;
      if (cp && cp.size === frontier.size) {
        due.push({ cp, root: frontierRoot(frontier) });
        checkpoints.skip();
      }
    }
    const nodeProblem = await compareNodes(repo, computed);
    if (nodeProblem) return finish(nodeProblem);
    stats.nodesChecked += computed.length;
    stats.entriesChecked += leaves.length;
    for (const { cp, root } of due) {
      const problem = check(cp, root);
      if (problem) return finish(problem);
      stats.checkpointsChecked++;
      latest = cp;
    }
    trust.onProgress?.(frontier.size, size);
  }

  const beyond = await checkpoints.peek();
  if (beyond) {
    return finish({
      kind: 'checkpoint-beyond-log',
      size: beyond.size,
      message: {
        zh: `检查点 ${beyond.size} 超出账本大小 ${size}：有条目被删除`,
        en: `a checkpoint of size ${beyond.size} exists but the log holds ${size} entries: entries were removed`,
      },
    });
  }
  const [extra] = await repo.entriesFrom(size, 1);
  if (extra) {
    return finish({
      kind: 'entry-extra',
      index: extra.idx,
      message: {
        zh: `第 ${extra.idx} 条超出账本大小 ${size}`,
        en: `entry ${extra.idx} lies beyond the log's size ${size}`,
      },
    });
  }
  const extraNode = await nodeBeyond(repo, size);
  if (extraNode) return finish(extraNode);
  const cosignProblem = await checkCosignatures(repo, trust, stats);
  if (cosignProblem) return finish(cosignProblem);
  const pendingProblem = await checkPending(repo, batchSize);
  if (pendingProblem) return finish(pendingProblem);
  for (const index of trust.indexes ?? []) {
    const problem = await index.check(async (purpose) => {
      const found = await repo.entriesFor(purpose, 100_000);
      return [...found.sequenced, ...found.pending].flatMap((r) => {
        const record = parseContent(r.content);
        return record ? [record] : [];
      });
    });
    if (problem) return finish(problem);
  }
  return finish(null);
}

// Pending entries are not in the tree yet, but the application pages already show them.
async function checkPending(repo: LedgerRepo, batch: number): Promise<LedgerProblem | undefined> {
  for (let after = 0; ;) {
    const rows = await repo.pendingFrom(after, batch);
    for (const row of rows) {
      const opening = openingOf(row);
      if (opening) {
        return {
          kind: 'pending-opening',
          row: `ledger_pending/${row.id}`,
          column: opening.column,
          message: {
            zh: `待入账条目 ${row.id}${opening.column ? `的 ${opening.column} 列与其承诺的记录不符` : '的内容或盐值打不开其承诺'}`,
            en: `pending entry ${row.id}: ${opening.why}`,
          },
        };
      }
    }
    if (rows.length < batch) return undefined;
    after = rows[rows.length - 1]!.id;
  }
}

async function nodeBeyond(repo: LedgerRepo, size: number): Promise<LedgerProblem | undefined> {
  const shape = tileShape(size);
  const tile = await repo.tileBeyond(shape);
  if (!tile) return undefined;
  // The first hash of the tile's base level that a tree of this size does not have.
  const expected = shape[tile.level];
  const within = expected && tile.index === expected.last ? expected.width : 0;
  const level = tile.level * TILE_HEIGHT;
  const index = tile.index * TILE_WIDTH + within;
  return {
    kind: 'node-extra',
    level,
    index,
    message: {
      zh: `节点 ${level}/${index}（瓦片 ${tile.level}/${tile.index}）不属于大小为 ${size} 的树`,
      en: `node ${level}/${index} (tile ${tile.level}/${tile.index}) does not belong to a tree of size ${size}`,
    },
  };
}

async function checkCosignatures(
  repo: LedgerRepo,
  trust: VerifyTrust,
  stats: { cosignaturesChecked: number },
): Promise<LedgerProblem | undefined> {
  const keys = new Map(trust.witnesses.map((w) => [w.name, w.verifierKey]));
  for (const c of await repo.allCosignatures()) {
    const vkey = keys.get(c.key_name);
    if (!vkey) continue;
    const cp = await repo.checkpointAt(c.size);
    let valid = false;
    try {
      if (cp)
        openNote(`${parseNote(cp.note).text}\n\u2014 ${c.key_name} ${c.signature}\n`, [
          cosignatureVerifier(vkey),
        ]);
      valid = !!cp;
    } catch {
      valid = false;
    }
    if (!valid) {
      return {
        kind: 'cosignature-invalid',
        size: c.size,
        message: {
          zh: `见证方 ${c.key_name} 对检查点 ${c.size} 的联署签名无效`,
          en: `the cosignature of witness ${c.key_name} on checkpoint ${c.size} does not verify`,
        },
      };
    }
    stats.cosignaturesChecked++;
  }
  return undefined;
}
