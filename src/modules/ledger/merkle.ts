import { createHash } from 'node:crypto';

import { isSafeUint } from './ledger.encoding.js';
import { LedgerArgumentError, LedgerNodeMissingError, LedgerProofError } from './ledger.errors.js';

// RFC 9162 §2.1 (the same hashing as RFC 6962) with SHA-256. Sizes and indices are JS numbers
// below 2^53; bit operations avoid the 32-bit `>>`/`^` operators for that reason.

/** Bytes in every hash of the tree. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** SHA-256(0x00 || entry): the hash of one log entry. Throws nothing. */
export function leafHash(entry: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
}

/** SHA-256(0x01 || left || right); throws LedgerArgumentError unless both are 32 bytes. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    throw new LedgerArgumentError({
      zh: `子树哈希必须为 ${HASH_SIZE} 字节`,
      en: `subtree hashes must be ${HASH_SIZE} bytes`,
    });
  }
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** SHA-256 of the empty string: the root hash of the empty tree. Throws nothing. */
export function emptyTreeRoot(): Buffer {
  return createHash('sha256').digest();
}

/** A perfect subtree: the node at `level` covering leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/**
 * Where proof, root and tile code reads stored hashes of perfect subtrees. A store answers every
 * request from hashes it keeps at their level (as a tiled log does), so one batched read of
 * O(log n) rows serves a proof. Must throw (e.g. LedgerNodeMissingError) for a node it lacks.
 */
export interface NodeSource {
  /** The hashes of the given perfect subtrees, in the same order. */
  nodes(ids: readonly NodeId[]): readonly Uint8Array[];
}

/**
 * The subtrees a proof (or root) is made of. The hashes read for `ids` become the proof once
 * `ids[begin, end)` are folded right to left into one hash: the node of the right edge whose
 * subtree is not yet complete, which no store keeps.
 */
export interface ProofPlan {
  readonly ids: readonly NodeId[];
  readonly begin: number;
  readonly end: number;
}

const pow2 = (k: number): number => 2 ** k;
const shr = (x: number, k: number): number => Math.floor(x / pow2(k));
const bit = (x: number, i: number): number => shr(x, i) % 2;

function bitLength(x: number): number {
  return x < 2 ** 32 ? 32 - Math.clz32(x) : 32 + bitLength(shr(x, 32));
}

function trailingZeros(x: number): number {
  let n = 0;
  while (x > 0 && x % 2 === 0) {
    x /= 2;
    n++;
  }
  return n;
}

function popCount(x: number): number {
  let n = 0;
  for (; x > 0; x = shr(x, 1)) n += x % 2;
  return n;
}

function xor(a: number, b: number): number {
  const hi = (shr(a, 32) ^ shr(b, 32)) >>> 0;
  const lo = ((a % 2 ** 32) ^ (b % 2 ** 32)) >>> 0;
  return hi * 2 ** 32 + lo;
}

function requireUint(name: string, value: number): void {
  if (!isSafeUint(value)) {
    throw new LedgerArgumentError(
      {
        zh: `${name} 必须是小于 2^53 的非负整数`,
        en: `${name} must be a non-negative integer below 2^53`,
      },
      { [name]: value },
    );
  }
}

/**
 * The perfect subtrees that exactly cover leaves [begin, end), left to right (a "compact
 * range"); throws LedgerArgumentError unless 0 <= begin <= end < 2^53.
 */
export function perfectSubtrees(begin: number, end: number): NodeId[] {
  requireUint('begin', begin);
  requireUint('end', end);
  if (begin > end) {
    throw new LedgerArgumentError({ zh: '区间起点大于终点', en: 'range begin is after its end' });
  }
  const ids: NodeId[] = [];
  while (begin < end) {
    const byLength = bitLength(end - begin) - 1;
    const level = begin === 0 ? byLength : Math.min(trailingZeros(begin), byLength);
    ids.push({ level, index: shr(begin, level) });
    begin += pow2(level);
  }
  return ids;
}

// The node IDs proving that the perfect node (level, index) is in the tree of `size`, seed
// first: siblings up to the fork where its path leaves the right edge, then the perfect
// subtrees of the incomplete sibling of the fork, then those left of the fork, right to left.
function pathPlan(index: number, level: number, size: number): ProofPlan {
  const inner = bitLength(xor(index, shr(size, level))) - 1;
  const forkLevel = level + inner;
  const forkBegin = shr(index, inner) * pow2(forkLevel);
  const forkEnd = forkBegin + pow2(forkLevel);

  const ids: NodeId[] = [{ level, index }];
  for (let l = level, i = index; l < forkLevel; l++, i = shr(i, 1)) {
    ids.push({ level: l, index: i % 2 === 0 ? i + 1 : i - 1 });
  }
  const begin = ids.length;
  ids.push(...perfectSubtrees(forkEnd, size));
  const end = ids.length;
  ids.push(...perfectSubtrees(0, forkBegin).reverse());
  return { ids, begin, end };
}

function skipSeed(plan: ProofPlan): ProofPlan {
  return { ids: plan.ids.slice(1), begin: plan.begin - 1, end: plan.end - 1 };
}

/**
 * The subtrees whose hashes make the inclusion proof of leaf `index` in the tree of `size`
 * (RFC 9162 §2.1.3.1); throws LedgerArgumentError unless index < size.
 */
export function inclusionPlan(index: number, size: number): ProofPlan {
  requireUint('index', index);
  requireUint('size', size);
  if (index >= size) {
    throw new LedgerArgumentError(
      { zh: '叶子序号超出树的大小', en: `leaf index ${index} is not below tree size ${size}` },
      { index, size },
    );
  }
  return skipSeed(pathPlan(index, 0, size));
}

/**
 * The subtrees whose hashes make the consistency proof from size1 to size2 (RFC 9162
 * §2.1.4.1); throws LedgerArgumentError unless 0 < size1 <= size2.
 */
export function consistencyPlan(size1: number, size2: number): ProofPlan {
  requireUint('size1', size1);
  requireUint('size2', size2);
  if (size1 === 0 || size1 > size2) {
    throw new LedgerArgumentError(
      {
        zh: '一致性证明要求 0 < size1 ≤ size2',
        en: `a consistency proof needs 0 < size1 <= size2, got ${size1} and ${size2}`,
      },
      { size1, size2 },
    );
  }
  if (size1 === size2) return { ids: [], begin: 0, end: 0 };
  // The largest perfect subtree ending at size1; the verifier knows it already when it is
  // the whole old tree (size1 a power of two), so it is left out then.
  const level = trailingZeros(size1);
  const index = shr(size1 - 1, level);
  const plan = pathPlan(index, level, size2);
  return index === 0 ? skipSeed(plan) : plan;
}

/** The subtrees whose hashes fold into the root of the tree of `size`; throws LedgerArgumentError. */
export function rootPlan(size: number): ProofPlan {
  const ids = perfectSubtrees(0, size);
  return { ids, begin: 0, end: ids.length };
}

/**
 * Turns the hashes read for `plan.ids` into proof hashes by folding the incomplete right-edge
 * subtree; throws LedgerArgumentError if the count or a hash length is wrong.
 */
export function resolveProof(plan: ProofPlan, hashes: readonly Uint8Array[]): Buffer[] {
  if (hashes.length !== plan.ids.length) {
    throw new LedgerArgumentError(
      {
        zh: '节点哈希数量与计划不符',
        en: `got ${hashes.length} node hashes for ${plan.ids.length} nodes`,
      },
      { got: hashes.length, want: plan.ids.length },
    );
  }
  const proof = hashes.map((h): Buffer => {
    if (h.length !== HASH_SIZE) {
      throw new LedgerArgumentError({
        zh: `节点哈希必须为 ${HASH_SIZE} 字节`,
        en: `node hashes must be ${HASH_SIZE} bytes`,
      });
    }
    return Buffer.from(h);
  });
  if (plan.end - plan.begin <= 1) return proof;
  let folded = proof[plan.end - 1]!;
  for (let i = plan.end - 2; i >= plan.begin; i--) folded = nodeHash(proof[i]!, folded);
  return [...proof.slice(0, plan.begin), folded, ...proof.slice(plan.end)];
}

function readPlan(plan: ProofPlan, source: NodeSource): Buffer[] {
  return resolveProof(plan, plan.ids.length === 0 ? [] : source.nodes(plan.ids));
}

/** The inclusion proof of leaf `index` in the tree of `size`; throws LedgerArgumentError or the source's error. */
export function inclusionProof(index: number, size: number, source: NodeSource): Buffer[] {
  return readPlan(inclusionPlan(index, size), source);
}

/** The consistency proof from size1 to size2; throws LedgerArgumentError or the source's error. */
export function consistencyProof(size1: number, size2: number, source: NodeSource): Buffer[] {
  return readPlan(consistencyPlan(size1, size2), source);
}

/** The root hash of the tree of `size` read from the source; throws LedgerArgumentError or the source's error. */
export function treeRoot(size: number, source: NodeSource): Buffer {
  if (size === 0) return emptyTreeRoot();
  const [root] = readPlan(rootPlan(size), source);
  return root!;
}

/** MTH(D) over a list of leaf hashes, in O(n) hashes and O(log n) memory; throws LedgerArgumentError for a non-32-byte hash. */
export function merkleRoot(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return emptyTreeRoot();
  // stack[k] holds a perfect subtree; sizes strictly decrease, as the bits of the count do.
  const stack: { level: number; hash: Buffer }[] = [];
  for (const leaf of leafHashes) {
    if (leaf.length !== HASH_SIZE) {
      throw new LedgerArgumentError({
        zh: `叶子哈希必须为 ${HASH_SIZE} 字节`,
        en: `leaf hashes must be ${HASH_SIZE} bytes`,
      });
    }
    let node: { level: number; hash: Buffer } = { level: 0, hash: Buffer.from(leaf) };
    while (stack.length > 0 && stack[stack.length - 1]!.level === node.level) {
      const left = stack.pop()!;
      node = { level: node.level + 1, hash: nodeHash(left.hash, node.hash) };
    }
    stack.push(node);
  }
  let root = stack.pop()!.hash;
  while (stack.length > 0) root = nodeHash(stack.pop()!.hash, root);
  return root;
}

function proofError(en: string, zh: string, details?: Record<string, unknown>): LedgerProofError {
  return new LedgerProofError({ zh: `证明无效：${zh}`, en: `invalid proof: ${en}` }, details);
}

function requireHashes(what: string, hashes: readonly Uint8Array[]): void {
  if (hashes.some((h) => h.length !== HASH_SIZE)) {
    throw proofError(
      `${what} must be ${HASH_SIZE}-byte hashes`,
      `${what} 必须是 ${HASH_SIZE} 字节的哈希`,
    );
  }
}

function requireProofUint(name: string, value: number): void {
  if (!isSafeUint(value)) {
    throw proofError(
      `${name} is not a non-negative integer below 2^53`,
      `${name} 不是合法的非负整数`,
    );
  }
}

/**
 * The root implied by an inclusion proof of `leaf` at `index` in the tree of `size`
 * (RFC 9162 §2.1.3.2); throws LedgerProofError if the proof has the wrong shape.
 */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer {
  requireProofUint('index', index);
  requireProofUint('size', size);
  if (index >= size) {
    throw proofError(`leaf index ${index} is not below tree size ${size}`, '叶子序号超出树的大小', {
      index,
      size,
    });
  }
  requireHashes('the leaf hash', [leaf]);
  requireHashes('proof nodes', proof);
  const inner = bitLength(xor(index, size - 1));
  const border = popCount(shr(index, inner));
  if (proof.length !== inner + border) {
    throw proofError(
      `tree size ${size} needs ${inner + border} proof nodes for leaf ${index}, got ${proof.length}`,
      `需要 ${inner + border} 个证明节点，实际 ${proof.length} 个`,
      { want: inner + border, got: proof.length },
    );
  }
  let hash: Buffer = Buffer.from(leaf);
  proof.forEach((p, i) => {
    hash = i < inner && bit(index, i) === 0 ? nodeHash(hash, p) : nodeHash(p, hash);
  });
  return hash;
}

/** Checks that `leaf` is leaf `index` of the tree of `size` with root `root`; throws LedgerProofError if not. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  const computed = rootFromInclusionProof(index, size, leaf, proof);
  if (!computed.equals(root)) {
    throw proofError(
      'the computed root does not match the expected root',
      '计算出的根哈希与期望不符',
      {
        computed: computed.toString('base64'),
      },
    );
  }
}

/**
 * Checks that the tree of size2 with root2 extends the tree of size1 with root1 (RFC 9162
 * §2.1.4.2); throws LedgerProofError if not, including for size1 = 0, which proves nothing.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): void {
  requireProofUint('size1', size1);
  requireProofUint('size2', size2);
  if (size2 < size1) {
    throw proofError(`size2 ${size2} is smaller than size1 ${size1}`, '新树小于旧树');
  }
  if (size1 === 0) {
    throw proofError(
      'a consistency proof from the empty tree proves nothing',
      '从空树出发的一致性证明没有意义',
    );
  }
  if (size1 === size2) {
    if (proof.length > 0) {
      throw proofError('equal sizes need an empty proof', '大小相同时证明必须为空');
    }
    if (!Buffer.from(root1).equals(root2)) {
      throw proofError('equal sizes but different roots', '大小相同但根哈希不同');
    }
    return;
  }
  if (proof.length === 0) throw proofError('the proof is empty', '证明为空');
  requireHashes('proof nodes', proof);
  requireHashes('roots', [root1, root2]);

  const shift = trailingZeros(size1);
  const inner = bitLength(xor(size1 - 1, size2 - 1)) - shift;
  const mask = shr(size1 - 1, shift);
  const border = popCount(shr(size1 - 1, inner + shift));
  // When size1 is a power of two the old root is itself the seed and is not sent.
  const seedSent = size1 !== pow2(shift);
  const want = (seedSent ? 1 : 0) + inner + border;
  if (proof.length !== want) {
    throw proofError(
      `sizes ${size1} → ${size2} need ${want} proof nodes, got ${proof.length}`,
      `需要 ${want} 个证明节点，实际 ${proof.length} 个`,
      { want, got: proof.length },
    );
  }
  const seed: Buffer = Buffer.from(seedSent ? proof[0]! : root1);
  const path = seedSent ? proof.slice(1) : proof;

  let hash1 = seed;
  let hash2 = seed;
  path.forEach((p, i) => {
    if (i >= inner || bit(mask, i) === 1) {
      hash1 = nodeHash(p, hash1);
      hash2 = nodeHash(p, hash2);
    } else {
      hash2 = nodeHash(hash2, p);
    }
  });
  if (!hash1.equals(root1)) {
    throw proofError('the proof does not lead to the old root', '证明推不出旧的根哈希');
  }
  if (!hash2.equals(root2)) {
    throw proofError('the proof does not lead to the new root', '证明推不出新的根哈希');
  }
}

/** An in-memory tree that keeps every perfect subtree hash at its level; the reference NodeSource. */
export interface MemoryNodeStore extends NodeSource {
  /** How many leaves have been appended. */
  readonly size: number;
  /** Appends a leaf hash and returns its index; throws LedgerArgumentError unless 32 bytes. */
  append(leafHash: Uint8Array): number;
  /** Appends an entry (hashing it as a leaf) and returns its index. */
  appendEntry(entry: Uint8Array): number;
}

/** A new empty MemoryNodeStore; its `nodes` throws LedgerNodeMissingError for subtrees not yet complete. */
export function createMemoryNodeStore(): MemoryNodeStore {
  const levels: Buffer[][] = [[]];
  const store: MemoryNodeStore = {
    get size() {
      return levels[0]!.length;
    },
    append(leaf) {
      if (leaf.length !== HASH_SIZE) {
        throw new LedgerArgumentError({
          zh: `叶子哈希必须为 ${HASH_SIZE} 字节`,
          en: `leaf hashes must be ${HASH_SIZE} bytes`,
        });
      }
      const index = levels[0]!.length;
      let hash: Buffer = Buffer.from(leaf);
      levels[0]!.push(hash);
      // Each completed right child completes its parent: an append stores O(1) amortised nodes.
      for (let level = 0, i = index; i % 2 === 1; level++, i = shr(i, 1)) {
        hash = nodeHash(levels[level]![i - 1]!, hash);
        (levels[level + 1] ??= []).push(hash);
      }
      return index;
    },
    appendEntry(entry) {
      return store.append(leafHash(entry));
    },
    nodes(ids) {
      return ids.map(({ level, index }) => {
        const hash = levels[level]?.[index];
        if (!hash) {
          throw new LedgerNodeMissingError(
            {
              zh: '所需的子树哈希尚不存在',
              en: `no complete subtree at level ${level} index ${index}`,
            },
            { level, index },
          );
        }
        return hash;
      });
    },
  };
  return store;
}
