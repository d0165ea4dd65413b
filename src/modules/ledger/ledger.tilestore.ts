import { HASH_SIZE, type NodeId } from './merkle.js';
import type { StoredNode } from './ledger.sequencer.js';
import { TILE_HEIGHT, TILE_WIDTH } from './tiles.js';

// How the tree is stored (issue 14): one row per C2SP tlog-tiles tile instead of one row per
// node. A stored tile (L, N) of width w holds the w hashes of tree level 8·L that the public
// tile serves, then the nodes of the seven levels above them that lie inside the tile
// (⌊w/2⌋ of level 8·L+1, ⌊w/4⌋ of 8·L+2 … ⌊w/128⌋ of 8·L+7), so that every perfect subtree is
// one slice of one row and a proof needs no hashing. A full tile is 510 hashes (16,320 bytes);
// the right-edge tile of each level is partial and rewritten as it grows.

/** Hashes stored per tile row, from the first tree level of the tile up. */
const LEVELS = TILE_HEIGHT;

/** A stored tile: tile level, index within the level, how many hashes of its base level it holds, and the bytes. */
export interface StoredTile {
  readonly level: number;
  readonly index: number;
  readonly width: number;
  readonly hashes: Buffer;
}

/** Where a node lies: its tile, its tree level within the tile (0..7) and its position in that level's run. */
export interface NodePlace {
  readonly tileLevel: number;
  readonly tileIndex: number;
  readonly k: number;
  readonly pos: number;
}

const pow2 = (k: number): number => 2 ** k;

/** The tile and slot of perfect subtree (level, index). Throws nothing. */
export function placeOf(id: NodeId): NodePlace {
  const tileLevel = Math.floor(id.level / LEVELS);
  const k = id.level - tileLevel * LEVELS;
  const perTile = TILE_WIDTH / pow2(k);
  const tileIndex = Math.floor(id.index / perTile);
  return { tileLevel, tileIndex, k, pos: id.index - tileIndex * perTile };
}

/** The key of a tile in maps. */
export const tileKey = (level: number, index: number): string => `${level}/${index}`;

/** Hashes a tile of `width` stores: ⌊w/2^k⌋ summed over its 8 levels. Throws nothing. */
export function storedHashCount(width: number): number {
  let n = 0;
  for (let k = 0; k < LEVELS; k++) n += Math.floor(width / pow2(k));
  return n;
}

/** The hash of the node at (k, pos) inside a stored tile, or undefined when the tile lacks it (or its bytes are not as long as its width says). */
export function hashInTile(tile: StoredTile, k: number, pos: number): Buffer | undefined {
  if (tile.hashes.length !== storedHashCount(tile.width) * HASH_SIZE) return undefined;
  if (pos >= Math.floor(tile.width / pow2(k))) return undefined;
  let offset = pos;
  for (let j = 0; j < k; j++) offset += Math.floor(tile.width / pow2(j));
  return tile.hashes.subarray(offset * HASH_SIZE, (offset + 1) * HASH_SIZE);
}

/** The public tile's bytes: the first `width` hashes of the base level. Undefined when the stored tile is shorter. */
export function publicTileBytes(tile: StoredTile, width: number): Buffer | undefined {
  if (width > tile.width || tile.hashes.length < width * HASH_SIZE) return undefined;
  return tile.hashes.subarray(0, width * HASH_SIZE);
}

/**
 * The tiles whose width is not 0 mod 256 for a tree of `size`: the right edge of each tile
 * level, which holds every peak of the tree (the peaks of levels 8·L..8·L+7 are the bits
 * 8·L..8·L+7 of the size, i.e. the partial tile's width). Throws nothing.
 */
export function edgeTiles(size: number): { level: number; index: number; width: number }[] {
  const out: { level: number; index: number; width: number }[] = [];
  for (let level = 0, count = size; count > 0; level++, count = Math.floor(count / TILE_WIDTH)) {
    const width = count % TILE_WIDTH;
    if (width > 0) out.push({ level, index: Math.floor(count / TILE_WIDTH), width });
  }
  return out;
}

/** For each tile level a tree of `size` has: the last tile's index and width (full tiles before it). Throws nothing. */
export function tileShape(size: number): { level: number; last: number; width: number }[] {
  const out: { level: number; last: number; width: number }[] = [];
  for (let level = 0, count = size; count > 0; level++, count = Math.floor(count / TILE_WIDTH)) {
    const last = Math.ceil(count / TILE_WIDTH) - 1;
    out.push({ level, last, width: count - last * TILE_WIDTH });
  }
  return out;
}

/**
 * Collects the nodes a batch completes into the tiles they belong to, starting from the
 * stored partial tiles they extend, and gives back each changed tile whole. Nodes must come
 * in the order extendTree completes them (each level's indexes consecutive). Throws an Error
 * when a node does not follow the tile's stored hashes (a caller's bug or a damaged tile).
 */
export function createTileBuilder(start: readonly StoredTile[] = []) {
  const runs = new Map<string, { level: number; index: number; levels: Buffer[][] }>();
  const open = (level: number, index: number) => {
    const key = tileKey(level, index);
    let run = runs.get(key);
    if (!run) {
      run = { level, index, levels: Array.from({ length: LEVELS }, () => []) };
      runs.set(key, run);
    }
    return run;
  };
  for (const tile of start) {
    const run = open(tile.level, tile.index);
    for (let k = 0; k < LEVELS; k++) {
      const n = Math.floor(tile.width / pow2(k));
      for (let pos = 0; pos < n; pos++) run.levels[k]!.push(hashInTile(tile, k, pos)!);
    }
  }
  return {
    add(node: StoredNode): void {
      const place = placeOf(node);
      const run = open(place.tileLevel, place.tileIndex);
      const list = run.levels[place.k]!;
      if (list.length !== place.pos) {
        throw new Error(
          `node ${node.level}/${node.index} does not follow tile ${place.tileLevel}/${place.tileIndex}`,
        );
      }
      list.push(node.hash);
    },
    /** Every tile touched, encoded. */
    tiles(): StoredTile[] {
      return [...runs.values()].map((run) => {
        const width = run.levels[0]!.length;
        return {
          level: run.level,
          index: run.index,
          width,
          hashes: Buffer.concat(run.levels.flat(), storedHashCount(width) * HASH_SIZE),
        };
      });
    },
  };
}

/** The stored tiles of a whole tree from all its nodes (any order of batches, as extendTree gives them). Throws like the builder. */
export function tilesOf(
  nodes: readonly StoredNode[],
  start: readonly StoredTile[] = [],
): StoredTile[] {
  const builder = createTileBuilder(start);
  for (const node of nodes) builder.add(node);
  return builder.tiles();
}
