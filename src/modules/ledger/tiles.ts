import { isSafeUint } from './ledger.encoding.js';
import { LedgerArgumentError, LedgerFormatError } from './ledger.errors.js';
import { HASH_SIZE, type NodeId, type NodeSource } from './merkle.js';

// C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the tree published as static files. A tile at
// level L holds up to 256 consecutive hashes of tree level 8·L; entries are published as
// bundles of uint16-length-prefixed entries. (Go's sumdb puts a height in the path; not here.)

/** Tree levels per tile level. */
export const TILE_HEIGHT = 8;
/** Hashes in a full tile, and entries in a full bundle. */
export const TILE_WIDTH = 256;
/** The largest tile level the path format allows. */
export const MAX_TILE_LEVEL = 63;

/** A hash tile: level L, index N within the level, width 1..256 (256 = full, no `.p/`). */
export interface TileId {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** What a tile path names. */
export type TilePath =
  | { readonly kind: 'hashes'; readonly tile: TileId }
  | { readonly kind: 'entries'; readonly index: number; readonly width: number };

function badArgument(
  en: string,
  zh: string,
  details?: Record<string, unknown>,
): LedgerArgumentError {
  return new LedgerArgumentError({ zh, en }, details);
}

function requireWidth(width: number): void {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) {
    throw badArgument(
      `a tile width is 1..${TILE_WIDTH}`,
      `瓦片宽度必须在 1 到 ${TILE_WIDTH} 之间`,
      { width },
    );
  }
}

/** N as zero-padded 3-digit path elements, all but the last prefixed with x (1234067 → x001/x234/067); throws LedgerArgumentError. */
export function encodeTileIndex(index: number): string {
  if (!isSafeUint(index)) {
    throw badArgument('a tile index is a non-negative integer', '瓦片序号必须是非负整数');
  }
  let digits = String(index);
  digits = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups = digits.match(/\d{3}/g) ?? [];
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

function suffix(width: number): string {
  requireWidth(width);
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/** The path `tile/<L>/<N>[.p/<W>]` of a hash tile; throws LedgerArgumentError for an impossible tile. */
export function tilePath(tile: TileId): string {
  if (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > MAX_TILE_LEVEL) {
    throw badArgument(
      `a tile level is 0..${MAX_TILE_LEVEL}`,
      `瓦片层级必须在 0 到 ${MAX_TILE_LEVEL} 之间`,
    );
  }
  return `tile/${tile.level}/${encodeTileIndex(tile.index)}${suffix(tile.width)}`;
}

/** The path `tile/entries/<N>[.p/<W>]` of an entry bundle; throws LedgerArgumentError. */
export function entryBundlePath(index: number, width: number = TILE_WIDTH): string {
  return `tile/entries/${encodeTileIndex(index)}${suffix(width)}`;
}

const PATH =
  /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

/** Parses a tile or entry bundle path in its one canonical spelling; throws LedgerFormatError (LEDGER_MALFORMED_TILE). */
export function parseTilePath(path: string): TilePath {
  const match = PATH.exec(path);
  const [, levelText = '', indexText = '', widthText] = match ?? [];
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  const level = levelText === 'entries' ? -1 : Number(levelText);
  const index = Number(indexText.replaceAll('x', '').replaceAll('/', ''));
  if (
    !match ||
    level > MAX_TILE_LEVEL ||
    (widthText !== undefined && width >= TILE_WIDTH) ||
    !isSafeUint(index) ||
    (indexText.startsWith('x000/') && indexText.length > 3)
  ) {
    throw new LedgerFormatError(
      'LEDGER_MALFORMED_TILE',
      { zh: `不是规范的瓦片路径：${path}`, en: `not a canonical tile path: ${path}` },
      { path },
    );
  }
  return levelText === 'entries'
    ? { kind: 'entries', index, width }
    : { kind: 'hashes', tile: { level, index, width } };
}

/**
 * The hash tiles a log publishes when its tree grows from oldSize to newSize: every full tile
 * completed in between and the partial tiles of newSize (oldSize 0 gives all tiles). Throws
 * LedgerArgumentError unless 0 <= oldSize <= newSize.
 */
export function newTiles(oldSize: number, newSize: number): TileId[] {
  if (!isSafeUint(oldSize) || !isSafeUint(newSize) || oldSize > newSize) {
    throw badArgument(
      'tree sizes must satisfy 0 <= oldSize <= newSize',
      '树大小必须满足 0 ≤ 旧 ≤ 新',
      {
        oldSize,
        newSize,
      },
    );
  }
  const tiles: TileId[] = [];
  for (let level = 0; ; level++) {
    const perHash = TILE_WIDTH ** level;
    const oldHashes = Math.floor(oldSize / perHash);
    const newHashes = Math.floor(newSize / perHash);
    if (newHashes === 0 || oldHashes === newHashes) break;
    const full = Math.floor(newHashes / TILE_WIDTH);
    for (let index = Math.floor(oldHashes / TILE_WIDTH); index < full; index++) {
      tiles.push({ level, index, width: TILE_WIDTH });
    }
    const partial = newHashes % TILE_WIDTH;
    if (partial > 0) tiles.push({ level, index: full, width: partial });
  }
  return tiles;
}

/** The perfect subtrees whose hashes a tile holds, in order; throws LedgerArgumentError if beyond 2^53 leaves. */
export function tileNodeIds(tile: TileId): NodeId[] {
  requireWidth(tile.width);
  const level = tile.level * TILE_HEIGHT;
  const first = tile.index * TILE_WIDTH;
  if (!isSafeUint(first) || !isSafeUint((first + tile.width) * 2 ** level)) {
    throw badArgument('the tile lies beyond 2^53 leaves', '瓦片超出 2^53 个叶子的范围', {
      ...tile,
    });
  }
  return Array.from({ length: tile.width }, (_, i) => ({ level, index: first + i }));
}

/** The tile's bytes: its hashes concatenated, read from the node source; throws LedgerArgumentError or the source's error. */
export function tileBytes(tile: TileId, source: NodeSource): Buffer {
  const hashes = source.nodes(tileNodeIds(tile));
  if (hashes.length !== tile.width || hashes.some((h) => h.length !== HASH_SIZE)) {
    throw badArgument('the node source returned wrong hashes', '节点来源返回的哈希不正确');
  }
  return Buffer.concat(hashes);
}

/** Splits tile bytes into its hashes, checking the width if given; throws LedgerFormatError (LEDGER_MALFORMED_TILE). */
export function tileHashes(bytes: Uint8Array, width?: number): Buffer[] {
  const count = bytes.length / HASH_SIZE;
  if (
    !Number.isInteger(count) ||
    count < 1 ||
    count > TILE_WIDTH ||
    (width !== undefined && count !== width)
  ) {
    throw new LedgerFormatError('LEDGER_MALFORMED_TILE', {
      zh: '瓦片长度必须是 1 到 256 个 32 字节哈希',
      en: `a tile is 1..${TILE_WIDTH} hashes of ${HASH_SIZE} bytes${width === undefined ? '' : `, here ${width}`}; got ${bytes.length} bytes`,
    });
  }
  return Array.from({ length: count }, (_, i) =>
    Buffer.from(bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)),
  );
}

/** An entry bundle: each entry as a big-endian uint16 length and its bytes; throws LedgerArgumentError for >256 entries or one >65535 bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Buffer {
  if (entries.length < 1 || entries.length > TILE_WIDTH) {
    throw badArgument(
      `a bundle holds 1..${TILE_WIDTH} entries`,
      `每个条目包须含 1 到 ${TILE_WIDTH} 个条目`,
    );
  }
  return Buffer.concat(
    entries.flatMap((entry) => {
      if (entry.length > 0xffff) {
        throw badArgument('an entry is at most 65535 bytes', '单个条目不得超过 65535 字节', {
          length: entry.length,
        });
      }
      const length = Buffer.alloc(2);
      length.writeUInt16BE(entry.length);
      return [length, entry];
    }),
  );
}

/** The entries of a bundle; throws LedgerFormatError (LEDGER_MALFORMED_TILE) if truncated, empty or over 256 entries. */
export function decodeEntryBundle(bytes: Uint8Array): Buffer[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: Buffer[] = [];
  for (let at = 0; at < buffer.length;) {
    const length = at + 2 <= buffer.length ? buffer.readUInt16BE(at) : -1;
    if (length < 0 || at + 2 + length > buffer.length || entries.length === TILE_WIDTH) {
      throw new LedgerFormatError('LEDGER_MALFORMED_TILE', {
        zh: '条目包被截断或条目过多',
        en: 'the entry bundle is truncated or holds more than 256 entries',
      });
    }
    entries.push(Buffer.from(buffer.subarray(at + 2, at + 2 + length)));
    at += 2 + length;
  }
  if (entries.length === 0) {
    throw new LedgerFormatError('LEDGER_MALFORMED_TILE', {
      zh: '条目包为空',
      en: 'the entry bundle is empty',
    });
  }
  return entries;
}
