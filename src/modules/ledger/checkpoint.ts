import {
  CANONICAL_DECIMAL,
  decodeBase64Strict,
  hasControlCharacter,
  isSafeUint,
  isWellFormedUnicode,
} from './ledger.encoding.js';
import { LedgerFormatError, LedgerSignatureError } from './ledger.errors.js';
import { HASH_SIZE } from './merkle.js';
import { openNote, signNote, type NoteSigner, type NoteVerifier, type OpenedNote } from './note.js';

// C2SP tlog-checkpoint v1.0.0 (https://c2sp.org/tlog-checkpoint): the note text of a signed
// tree head.

/** A log's tree head: origin, tree size, RFC 6962 root hash and optional extension lines. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Buffer;
  /** Opaque lines after the root hash, without their newlines; NOT RECOMMENDED by the spec. */
  readonly extensions: readonly string[];
}

/**
 * `lenient` follows transparency-dev/formats instead of C2SP: any root hash length, empty
 * extension lines and leading zeros in the size. Only for reading foreign or legacy bodies.
 */
export interface CheckpointOptions {
  readonly lenient?: boolean;
}

function malformed(en: string, zh: string): LedgerFormatError {
  return new LedgerFormatError('LEDGER_MALFORMED_CHECKPOINT', {
    zh: `检查点格式错误：${zh}`,
    en: `malformed checkpoint: ${en}`,
  });
}

function checkLine(line: string, en: string, zh: string): void {
  if (!isWellFormedUnicode(line) || hasControlCharacter(line, false)) {
    throw malformed(`the ${en} has a newline or control character`, `${zh}含换行或控制字符`);
  }
}

/** The checkpoint body, each line ending in a newline; throws LedgerFormatError if a field is invalid. */
export function formatCheckpoint(checkpoint: Checkpoint, options: CheckpointOptions = {}): string {
  const { origin, size, rootHash, extensions } = checkpoint;
  if (origin === '') throw malformed('the origin is empty', '来源标识为空');
  checkLine(origin, 'origin', '来源标识');
  if (!isSafeUint(size)) {
    throw malformed('the size is not a non-negative integer below 2^53', '树大小无效');
  }
  if (!options.lenient && rootHash.length !== HASH_SIZE) {
    throw malformed(`the root hash must be ${HASH_SIZE} bytes`, `根哈希必须为 ${HASH_SIZE} 字节`);
  }
  for (const line of extensions) {
    if (!options.lenient && line === '') {
      throw malformed('an extension line is empty', '扩展行为空');
    }
    checkLine(line, 'extension line', '扩展行');
  }
  const body = [origin, String(size), rootHash.toString('base64'), ...extensions];
  return body.map((line) => `${line}\n`).join('');
}

/**
 * Parses a checkpoint body strictly (non-empty origin, decimal size without leading zeros,
 * 32-byte base64 root, non-empty extension lines); throws LedgerFormatError.
 */
export function parseCheckpoint(text: string, options: CheckpointOptions = {}): Checkpoint {
  if (!text.endsWith('\n')) {
    throw malformed('the last line must end with a newline', '最后一行必须以换行结尾');
  }
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) {
    throw malformed(
      'expected origin, size and root hash lines',
      '应有来源标识、树大小和根哈希三行',
    );
  }
  const [origin = '', sizeText = '', rootText = '', ...extensions] = lines;
  if (origin === '') throw malformed('the origin is empty', '来源标识为空');
  checkLine(origin, 'origin', '来源标识');

  const decimal = options.lenient ? /^[0-9]+$/ : CANONICAL_DECIMAL;
  if (!decimal.test(sizeText)) {
    throw malformed(
      'the size is not a decimal number without leading zeros',
      '树大小不是规范的十进制数',
    );
  }
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) {
    throw malformed(
      'the size is too large (at most 2^53 − 1 here)',
      '树大小过大（此实现至多 2^53−1）',
    );
  }

  const rootHash = decodeBase64Strict(rootText);
  if (!rootHash) throw malformed('the root hash is not base64', '根哈希不是合法的 base64');
  if (!options.lenient && rootHash.length !== HASH_SIZE) {
    throw malformed(`the root hash must be ${HASH_SIZE} bytes`, `根哈希必须为 ${HASH_SIZE} 字节`);
  }

  for (const line of extensions) {
    if (!options.lenient && line === '') {
      throw malformed('an extension line is empty', '扩展行为空');
    }
    checkLine(line, 'extension line', '扩展行');
  }
  return { origin, size, rootHash, extensions };
}

/** The signed checkpoint note; throws LedgerFormatError for an invalid checkpoint, or the signer's error. */
export async function signCheckpoint(
  checkpoint: Checkpoint,
  signers: readonly NoteSigner[],
): Promise<string> {
  return signNote(formatCheckpoint(checkpoint), signers);
}

/**
 * Verifies a signed checkpoint from the log with `origin` and parses it strictly; throws
 * what openNote throws, LedgerFormatError for a bad body, LedgerSignatureError
 * LEDGER_ORIGIN_MISMATCH for another log's checkpoint.
 */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  expected: { readonly origin: string },
): { checkpoint: Checkpoint; note: OpenedNote } {
  const opened = openNote(note, verifiers);
  const checkpoint = parseCheckpoint(opened.text);
  if (checkpoint.origin !== expected.origin) {
    throw new LedgerSignatureError(
      'LEDGER_ORIGIN_MISMATCH',
      {
        zh: `检查点来自“${checkpoint.origin}”，不是期望的“${expected.origin}”`,
        en: `checkpoint origin "${checkpoint.origin}" is not the expected "${expected.origin}"`,
      },
      { origin: checkpoint.origin, expected: expected.origin },
    );
  }
  return { checkpoint, note: opened };
}
