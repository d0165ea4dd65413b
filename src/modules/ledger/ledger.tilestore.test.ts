import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { extendTree, type StoredNode, type TreeFrontier } from './ledger.sequencer.js';
import {
  createTileBuilder,
  edgeTiles,
  hashInTile,
  placeOf,
  publicTileBytes,
  storedHashCount,
  tileKey,
  tilesOf,
  type StoredTile,
} from './ledger.tilestore.js';
import { newTiles, tileBytes } from './tiles.js';

const leaf = (i: number) => createHash('sha256').update(`leaf ${i}`).digest();

function grow(
  size: number,
  batch: number,
): { nodes: StoredNode[]; tiles: Map<string, StoredTile> } {
  let frontier: TreeFrontier = { size: 0, peaks: [] };
  const nodes: StoredNode[] = [];
  const tiles = new Map<string, StoredTile>();
  for (let from = 0; from < size; from += batch) {
    const grown = extendTree(
      frontier,
      Array.from({ length: Math.min(batch, size - from) }, (_, i) => leaf(from + i)),
    );
    // As the sequencer does it: start from the stored right-edge tiles, write what changed.
    const edge = edgeTiles(frontier.size).map((t) => tiles.get(tileKey(t.level, t.index))!);
    const builder = createTileBuilder(edge);
    for (const n of grown.nodes) builder.add(n);
    for (const t of builder.tiles()) tiles.set(tileKey(t.level, t.index), t);
    nodes.push(...grown.nodes);
    frontier = grown.frontier;
  }
  return { nodes, tiles };
}

describe('hash tiles as stored', () => {
  it.each([
    [1, 1],
    [257, 10],
    [65_537, 5000],
    [70_001, 777],
  ])('hold every node of a tree of %i grown in batches of %i, one slice each', (size, batch) => {
    const { nodes, tiles } = grow(size, batch);
    const wrong = nodes.filter((n) => {
      const p = placeOf(n);
      const tile = tiles.get(tileKey(p.tileLevel, p.tileIndex));
      return !(tile && hashInTile(tile, p.k, p.pos)?.equals(n.hash));
    });
    expect(wrong.map((n) => `${n.level}/${n.index}`)).toEqual([]);
    // Exactly the tiles the log publishes, with the public bytes tiles.ts would serve.
    const published = newTiles(0, size);
    expect(tiles.size).toBe(published.length);
    const byId = new Map(nodes.map((n) => [`${n.level}/${n.index}`, n.hash]));
    const source = {
      nodes: (ids: readonly StoredNode[] | readonly { level: number; index: number }[]) =>
        ids.map((id) => byId.get(`${id.level}/${id.index}`)!),
    };
    for (const t of published) {
      const stored = tiles.get(tileKey(t.level, t.index))!;
      expect(stored.width).toBe(t.width);
      expect(stored.hashes.length).toBe(storedHashCount(t.width) * 32);
      expect(
        publicTileBytes(stored, t.width)?.equals(tileBytes(t, source)),
        `${t.level}/${t.index}`,
      ).toBe(true);
    }
  });

  it('keeps a full tile at 510 hashes and refuses a node that skips a slot', () => {
    expect(storedHashCount(256)).toBe(510);
    const builder = createTileBuilder();
    builder.add({ level: 0, index: 0, hash: leaf(0) });
    expect(() => builder.add({ level: 0, index: 2, hash: leaf(2) })).toThrow(/does not follow/);
  });

  it('finds no hash in a tile whose bytes disagree with its width', () => {
    const [tile] = tilesOf(extendTree({ size: 0, peaks: [] }, [leaf(0), leaf(1), leaf(2)]).nodes);
    expect(hashInTile(tile!, 1, 0)).toBeDefined();
    expect(hashInTile({ ...tile!, width: 4 }, 0, 0)).toBeUndefined();
    expect(hashInTile(tile!, 1, 1)).toBeUndefined();
    expect(publicTileBytes(tile!, 4)).toBeUndefined();
  });
});
