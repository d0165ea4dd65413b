import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import {
  entryLeafHash,
  extendTree,
  frontierIds,
  frontierOf,
  frontierRoot,
  nodeCount,
  type TreeFrontier,
} from './ledger.sequencer.js';
import { createMemoryNodeStore, leafHash, treeRoot } from './merkle.js';

const leaf = (i: number) => leafHash(Buffer.from(`entry ${i}`));

// A deterministic stream of batch sizes, so a failure names a reproducible split.
function batchSizes(seed: number): () => number {
  let state = seed;
  return () => {
    state = createHash('sha256').update(String(state)).digest().readUInt32BE(0);
    return state % 37;
  };
}

describe('extendTree', () => {
  it('stores exactly the nodes and root of the reference tree for every size up to 600, whatever the batches', () => {
    for (const seed of [1, 2, 3]) {
      const store = createMemoryNodeStore();
      const next = batchSizes(seed);
      let frontier: TreeFrontier = { size: 0, peaks: [] };
      const written = new Map<string, Buffer>();
      while (frontier.size < 600) {
        const count = Math.min(next(), 600 - frontier.size);
        const leaves = Array.from({ length: count }, (_, i) => leaf(frontier.size + i));
        for (const l of leaves) store.append(l);
        const grown = extendTree(frontier, leaves);
        for (const n of grown.nodes) {
          const key = `${n.level}/${n.index}`;
          expect(written.has(key), `node ${key} written twice`).toBe(false);
          written.set(key, n.hash);
          expect(n.hash.equals(Buffer.from(store.nodes([n])[0]!)), `node ${key}`).toBe(true);
        }
        frontier = grown.frontier;
        expect(frontier.size).toBe(store.size);
        expect(frontierRoot(frontier).equals(treeRoot(store.size, store))).toBe(true);
        expect(written.size).toBe(nodeCount(frontier.size));
      }
    }
  });

  it('continues from a frontier read back from stored hashes, as the sequencer does', () => {
    const store = createMemoryNodeStore();
    for (let i = 0; i < 77; i++) store.append(leaf(i));
    const ids = frontierIds(77);
    expect(ids.map((n) => `${n.level}/${n.index}`)).toEqual(['6/0', '3/8', '2/18', '0/76']);
    const frontier = frontierOf(77, store.nodes(ids));
    const grown = extendTree(frontier, [leaf(77), leaf(78), leaf(79)]);
    for (let i = 77; i < 80; i++) store.append(leaf(i));
    expect(frontierRoot(grown.frontier).equals(treeRoot(80, store))).toBe(true);
    // 77 is a right child (completes 1/38); 79 completes 1/39, 2/19, 3/9 and 4/4 (leaves 64..79).
    const completed = grown.nodes.map((n) => `${n.level}/${n.index}`);
    expect(completed).toEqual(['0/77', '1/38', '0/78', '0/79', '1/39', '2/19', '3/9', '4/4']);
  });

  it('gives the empty-tree root for size 0 and refuses a frontier with the wrong hashes', () => {
    expect(frontierRoot({ size: 0, peaks: [] }).equals(createHash('sha256').digest())).toBe(true);
    expect(() => frontierOf(3, [leaf(0)])).toThrow(/frontier/);
    expect(() => extendTree({ size: 0, peaks: [] }, [Buffer.alloc(31)])).toThrow(/32 bytes/);
  });
});

describe('entryLeafHash', () => {
  it('equals leafHash of the UTF-8 bytes, for short, multi-byte and long entries', () => {
    for (const entry of ['', '{"a":1}', '办件 YCB2026 一次办 😀', 'x'.repeat(5000), '{"a":1}']) {
      expect(entryLeafHash(entry).equals(leafHash(Buffer.from(entry, 'utf8')))).toBe(true);
    }
  });
});
