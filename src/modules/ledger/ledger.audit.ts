import type { Bilingual } from '../../platform/errors/index.js';
import { openCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint.js';
import { emptyTreeRoot, verifyConsistency } from './merkle.js';
import { ed25519Verifier, parseNote } from './note.js';

// `onetrip ledger audit`: another log (this database or a platform over HTTP) checked against
// a checkpoint its auditor saw before — the log key's signature and RFC 9162 consistency.

const b64 = (b: Buffer): string => b.toString('base64');

/** Where an audit or a witness reads a log: this database, or a platform over HTTP. */
export interface LogReader {
  /** The log's verifier key. */
  verifierKey(): Promise<string>;
  /** The latest signed checkpoint note. */
  checkpoint(): Promise<string>;
  /** The consistency proof between two tree sizes. */
  consistency(from: number, to: number): Promise<Buffer[]>;
}

/** What `ledger audit` found. */
export interface AuditReport {
  ok: boolean;
  origin: string;
  from: { size: number; root: string };
  to: { size: number; root: string } | null;
  problem: Bilingual | null;
}

/**
 * Proves that the log as `reader` serves it now extends an earlier signed checkpoint:
 * both are signed by the log key (`verifierKey`, default the one the reader serves), the log
 * has not shrunk, one size has one root, and the consistency proof holds. Throws
 * LedgerFormatError when the earlier checkpoint is malformed; reader errors propagate.
 */
export async function auditLog(
  reader: LogReader,
  earlierNote: string,
  options: { verifierKey?: string } = {},
): Promise<AuditReport> {
  const origin = parseCheckpoint(parseNote(earlierNote).text).origin;
  const vkey = options.verifierKey ?? (await reader.verifierKey());
  const verifier = ed25519Verifier(vkey.trim());
  const fail = (from: Checkpoint, to: Checkpoint | null, zh: string, en: string): AuditReport => ({
    ok: false,
    origin,
    from: { size: from.size, root: b64(from.rootHash) },
    to: to && { size: to.size, root: b64(to.rootHash) },
    problem: { zh, en },
  });
  const unsigned = parseCheckpoint(parseNote(earlierNote).text);
  let old: Checkpoint;
  try {
    old = openCheckpoint(earlierNote, [verifier], { origin }).checkpoint;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return fail(
      unsigned,
      null,
      `早先的检查点不是该账本密钥签署的：${why}`,
      `the earlier checkpoint is not signed by the log key: ${why}`,
    );
  }
  let now: Checkpoint;
  try {
    now = openCheckpoint(await reader.checkpoint(), [verifier], { origin }).checkpoint;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return fail(
      old,
      null,
      `当前检查点无效：${why}`,
      `the current checkpoint does not verify: ${why}`,
    );
  }
  if (now.size < old.size) {
    return fail(
      old,
      now,
      `账本从 ${old.size} 缩小到 ${now.size}（被回滚）`,
      `the log shrank from ${old.size} to ${now.size} (rolled back)`,
    );
  }
  if (now.size === old.size || old.size === 0) {
    const same =
      now.size === old.size
        ? now.rootHash.equals(old.rootHash)
        : old.rootHash.equals(emptyTreeRoot());
    if (!same)
      return fail(
        old,
        now,
        `同一大小 ${old.size} 出现两个根哈希（分叉）`,
        `two roots for size ${old.size} (a split view)`,
      );
  } else {
    try {
      verifyConsistency(
        old.size,
        now.size,
        old.rootHash,
        now.rootHash,
        await reader.consistency(old.size, now.size),
      );
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return fail(old, now, `一致性证明不成立：${why}`, `the consistency proof fails: ${why}`);
    }
  }
  return {
    ok: true,
    origin,
    from: { size: old.size, root: b64(old.rootHash) },
    to: { size: now.size, root: b64(now.rootHash) },
    problem: null,
  };
}
