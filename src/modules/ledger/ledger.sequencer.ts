import { hash } from 'node:crypto';

import { LedgerArgumentError } from './ledger.errors.js';
import { emptyTreeRoot, HASH_SIZE, nodeHash, perfectSubtrees, type NodeId } from './merkle.js';

// Growing a stored tree by a batch of leaves. The state between batches is the tree's
// "peaks": the perfect subtrees that exactly cover [0, size), largest first (one per set bit
// of size). Appending a leaf pushes it as a level-0 peak and merges equal-level peaks, and
// every merge completes one stored node, so a batch reads only O(log n) rows.

/** A perfect subtree with its hash, as stored in `ledger_nodes`. */
export interface StoredNode extends NodeId {
  readonly hash: Buffer;
}

/** A tree's peaks, for the size they cover. */
export interface TreeFrontier {
  readonly size: number;
  /** perfectSubtrees(0, size) with hashes, left to right. */
  readonly peaks: readonly StoredNode[];
}

/** The node IDs whose hashes make the frontier of a tree of `size`; throws LedgerArgumentError. */
export function frontierIds(size: number): NodeId[] {
  return perfectSubtrees(0, size);
}

/**
 * The frontier from the peak hashes read for frontierIds(size); throws LedgerArgumentError
 * when the count or a hash length is wrong.
 */
export function frontierOf(size: number, hashes: readonly Uint8Array[]): TreeFrontier {
  const ids = frontierIds(size);
  if (hashes.length !== ids.length || hashes.some((h) => h.length !== HASH_SIZE)) {
    throw new LedgerArgumentError(
      { zh: '树的右边界哈希不完整', en: `the frontier of size ${size} needs ${ids.length} hashes` },
      { size, got: hashes.length },
    );
  }
  return { size, peaks: ids.map((id, i) => ({ ...id, hash: Buffer.from(hashes[i]!) })) };
}

/** The root hash of the tree a frontier covers (the empty-tree hash for size 0). Throws nothing. */
export function frontierRoot(frontier: TreeFrontier): Buffer {
  const { peaks } = frontier;
  if (peaks.length === 0) return emptyTreeRoot();
  let root = peaks[peaks.length - 1]!.hash;
  for (let i = peaks.length - 2; i >= 0; i--) root = nodeHash(peaks[i]!.hash, root);
  return root;
}

// nodeHash for two 32-byte hashes, through one reused buffer and one-shot hashing: the same
// bytes, without allocating a hash object per node (about 1.5 times as fast on Node 20).
const scratch = Buffer.alloc(1 + 2 * HASH_SIZE);
scratch[0] = 0x01;
function fastNodeHash(left: Buffer, right: Buffer): Buffer {
  left.copy(scratch, 1);
  right.copy(scratch, 1 + HASH_SIZE);
  return hash('sha256', scratch, 'buffer');
}

const leafScratch = { buffer: Buffer.alloc(4096) };

/**
 * SHA-256(0x00 || UTF-8 bytes of `entry`), as leafHash of the encoded entry, without
 * allocating the bytes. Throws nothing.
 */
export function entryLeafHash(entry: string): Buffer {
  const length = Buffer.byteLength(entry, 'utf8');
  if (length + 1 > leafScratch.buffer.length) leafScratch.buffer = Buffer.alloc(2 * (length + 1));
  const buffer = leafScratch.buffer;
  buffer[0] = 0x00;
  buffer.write(entry, 1, 'utf8');
  return hash('sha256', buffer.subarray(0, 1 + length), 'buffer');
}

/**
 * Appends leaf hashes to a tree: returns every node completed on the way (each leaf at level
 * 0, then each parent it completes, in the order they complete) and the new frontier.
 * Throws LedgerArgumentError for a hash that is not 32 bytes.
 */
export function extendTree(
  frontier: TreeFrontier,
  leafHashes: readonly Uint8Array[],
): { nodes: StoredNode[]; frontier: TreeFrontier } {
  const peaks = [...frontier.peaks];
  const nodes: StoredNode[] = [];
  let size = frontier.size;
  for (const leaf of leafHashes) {
    if (leaf.length !== HASH_SIZE) {
      throw new LedgerArgumentError({
        zh: `叶子哈希必须为 ${HASH_SIZE} 字节`,
        en: `leaf hashes must be ${HASH_SIZE} bytes`,
      });
    }
    let node: StoredNode = {
      level: 0,
      index: size,
      hash: Buffer.isBuffer(leaf) ? leaf : Buffer.from(leaf),
    };
    nodes.push(node);
    // The index is odd exactly when the node is a right child: it completes its parent.
    while (node.index % 2 === 1) {
      const left = peaks.pop()!;
      node = {
        level: node.level + 1,
        index: (node.index - 1) / 2,
        hash: fastNodeHash(left.hash, node.hash),
      };
      nodes.push(node);
    }
    peaks.push(node);
    size++;
  }
  return { nodes, frontier: { size, peaks } };
}

/**
 * How many perfect subtrees a tree of `size` has in all (what `ledger_nodes` must hold):
 * floor(size / 2^level) summed over the levels. Throws nothing.
 */
export function nodeCount(size: number): number {
  let total = 0;
  for (let n = size; n > 0; n = Math.floor(n / 2)) total += n;
  return total;
}
