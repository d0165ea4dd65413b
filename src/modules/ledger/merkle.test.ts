import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { LedgerArgumentError, LedgerNodeMissingError, LedgerProofError } from './ledger.errors.js';
import {
  consistencyPlan,
  consistencyProof,
  createMemoryNodeStore,
  emptyTreeRoot,
  inclusionPlan,
  inclusionProof,
  leafHash,
  merkleRoot,
  nodeHash,
  perfectSubtrees,
  rootFromInclusionProof,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
  type NodeId,
  type NodeSource,
} from './merkle.js';

const VECTORS = fileURLToPath(
  new URL('../../../test/vectors/transparency-dev-merkle/', import.meta.url),
);

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? jsonFiles(join(dir, e.name))
        : e.name.endsWith('.json')
          ? [join(dir, e.name)]
          : [],
    )
    .sort();
}

const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
const hex = (s: string): Buffer => Buffer.from(s, 'hex');

interface ReferenceTree {
  leaf_inputs_hex: string[];
  root_hashes_hex: string[];
  node_hashes_hex_by_level: Record<string, string[]>;
}
const reference = JSON.parse(
  readFileSync(join(VECTORS, 'rfc6962-reference-tree.json'), 'utf8'),
) as ReferenceTree;

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  /** Go writes an empty proof as null. */
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
const load = <T>(sub: string): [string, T][] =>
  jsonFiles(join(VECTORS, sub)).map((f) => [
    relative(VECTORS, f),
    JSON.parse(readFileSync(f, 'utf8')) as T,
  ]);
const inclusionVectors = load<InclusionVector>('inclusion');
const consistencyVectors = load<ConsistencyVector>('consistency');

function referenceStore() {
  const store = createMemoryNodeStore();
  for (const input of reference.leaf_inputs_hex) store.appendEntry(hex(input));
  return store;
}

// RFC 9162 §2.1.1–2.1.4 taken literally (recursive, rehashing everything) to cross-check the
// plan-based generator on every (m, n).
function largestPowerBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return emptyTreeRoot();
  if (d.length === 1) return d[0]!;
  const k = largestPowerBelow(d.length);
  return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
}
function rfcPath(m: number, d: Buffer[]): Buffer[] {
  if (d.length === 1) return [];
  const k = largestPowerBelow(d.length);
  return m < k
    ? [...rfcPath(m, d.slice(0, k)), mth(d.slice(k))]
    : [...rfcPath(m - k, d.slice(k)), mth(d.slice(0, k))];
}
function rfcSubproof(m: number, d: Buffer[], complete: boolean): Buffer[] {
  if (m === d.length) return complete ? [] : [mth(d)];
  const k = largestPowerBelow(d.length);
  return m <= k
    ? [...rfcSubproof(m, d.slice(0, k), complete), mth(d.slice(k))]
    : [...rfcSubproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
}

describe('RFC 6962 reference tree (transparency-dev/merkle testonly)', () => {
  const leaves = reference.leaf_inputs_hex.map((h) => leafHash(hex(h)));

  it('hashes every leaf input to the published level-0 hash', () => {
    expect(leaves.map((l) => l.toString('hex'))).toEqual(
      reference.node_hashes_hex_by_level.level0_leaf_hashes,
    );
  });

  it.each(reference.root_hashes_hex.map((root, n) => [n, root] as const))(
    'MTH of the first %i leaves is the published root',
    (n, root) => {
      expect(merkleRoot(leaves.slice(0, n)).toString('hex')).toBe(root);
      expect(treeRoot(n, referenceStore()).toString('hex')).toBe(root);
    },
  );

  it('stores every published interior node at its level', () => {
    const store = referenceStore();
    for (const level of [1, 2, 3]) {
      const want = reference.node_hashes_hex_by_level[`level${level}`]!;
      const ids = want.map((_, index) => ({ level, index }));
      expect(store.nodes(ids).map((h) => Buffer.from(h).toString('hex'))).toEqual(want);
    }
  });
});

describe('inclusion proof vectors (transparency-dev/merkle testdata/inclusion)', () => {
  it('has all 98 files', () => expect(inclusionVectors).toHaveLength(98));

  it.each(inclusionVectors)('%s', (_file, v) => {
    const check = () =>
      verifyInclusion(
        v.leafIdx,
        v.treeSize,
        b64(v.leafHash),
        (v.proof ?? []).map(b64),
        b64(v.root),
      );
    if (v.wantErr) expect(check).toThrow(LedgerProofError);
    else expect(check).not.toThrow();
  });

  it('regenerates every happy-path proof over the reference tree byte for byte', () => {
    const store = referenceStore();
    const happy = inclusionVectors.filter(
      ([, v]) => !v.wantErr && b64(v.root).equals(treeRoot(v.treeSize, store)),
    );
    expect(happy).toHaveLength(5);
    for (const [, v] of happy) {
      const proof = inclusionProof(v.leafIdx, v.treeSize, store);
      expect(proof.map((p) => p.toString('base64'))).toEqual(v.proof ?? []);
    }
  });
});

describe('consistency proof vectors (transparency-dev/merkle testdata/consistency)', () => {
  it('has all 98 files', () => expect(consistencyVectors).toHaveLength(98));

  it.each(consistencyVectors)('%s', (_file, v) => {
    const check = () =>
      verifyConsistency(v.size1, v.size2, b64(v.root1), b64(v.root2), (v.proof ?? []).map(b64));
    if (v.wantErr) expect(check).toThrow(LedgerProofError);
    else expect(check).not.toThrow();
  });

  it('regenerates every happy-path proof over the reference tree byte for byte', () => {
    const store = referenceStore();
    const happy = consistencyVectors.filter(
      ([, v]) =>
        !v.wantErr &&
        v.size1 > 0 &&
        v.size1 < v.size2 &&
        b64(v.root1).equals(treeRoot(v.size1, store)) &&
        b64(v.root2).equals(treeRoot(v.size2, store)),
    );
    expect(happy).toHaveLength(4);
    for (const [, v] of happy) {
      const proof = consistencyProof(v.size1, v.size2, store);
      expect(proof.map((p) => p.toString('base64'))).toEqual(v.proof ?? []);
    }
  });
});

describe('proof generation from stored subtree hashes', () => {
  const N = 70;
  const leaves = Array.from({ length: N }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
  const store = createMemoryNodeStore();
  leaves.forEach((l) => store.append(l));

  it('matches RFC 9162 PATH(m, D[n]) and verifies, for every m < n <= 70', () => {
    for (let n = 1; n <= N; n++) {
      const d = leaves.slice(0, n);
      const root = mth(d);
      expect(treeRoot(n, store)).toEqual(root);
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(m, n, store);
        expect(proof).toEqual(rfcPath(m, d));
        verifyInclusion(m, n, leaves[m]!, proof, root);
      }
    }
  });

  it('matches RFC 9162 PROOF(m, D[n]) and verifies, for every 0 < m <= n <= 70', () => {
    for (let n = 1; n <= N; n++) {
      const root2 = mth(leaves.slice(0, n));
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(m, n, store);
        expect(proof).toEqual(rfcSubproof(m, leaves.slice(0, n), true));
        verifyConsistency(m, n, mth(leaves.slice(0, m)), root2, proof);
      }
    }
  });

  it('rejects every single-bit change of an inclusion proof, and a neighbour leaf index', () => {
    const root = treeRoot(N, store);
    const proof = inclusionProof(37, N, store);
    proof.forEach((_, i) => {
      const tampered = proof.map((p) => Buffer.from(p));
      tampered[i]![7]! ^= 0x10;
      expect(() => verifyInclusion(37, N, leaves[37]!, tampered, root)).toThrow(LedgerProofError);
    });
    expect(() => verifyInclusion(36, N, leaves[37]!, proof, root)).toThrow(LedgerProofError);
    expect(() => verifyInclusion(37, N, leaves[36]!, proof, root)).toThrow(LedgerProofError);
    expect(() => verifyInclusion(37, N, leaves[37]!, proof, treeRoot(N - 1, store))).toThrow(
      /does not match the expected root/,
    );
  });

  it('rejects a consistency proof checked against a forked history', () => {
    const proof = consistencyProof(13, N, store);
    const forked = merkleRoot([...leaves.slice(0, 12), leafHash(Buffer.from('rewritten'))]);
    expect(() => verifyConsistency(13, N, forked, treeRoot(N, store), proof)).toThrow(/old root/);
    expect(() => verifyConsistency(13, N, treeRoot(13, store), forked, proof)).toThrow(
      LedgerProofError,
    );
  });

  it('reads O(log n) stored subtrees in one batch per proof', () => {
    const reads: NodeId[][] = [];
    const spy: NodeSource = {
      nodes: (ids) => {
        reads.push([...ids]);
        return store.nodes(ids);
      },
    };
    inclusionProof(5, 70, spy);
    consistencyProof(6, 70, spy);
    treeRoot(70, spy);
    expect(reads).toHaveLength(3);
    for (const batch of reads)
      expect(batch.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(70)));
    // Sizes far beyond memory: the plans stay logarithmic (2^50 - 1 has 50 one bits).
    const big = 2 ** 50 - 1;
    expect(inclusionPlan(123_456_789, big).ids.length).toBeLessThanOrEqual(100);
    expect(consistencyPlan(2 ** 40 + 3, big).ids.length).toBeLessThanOrEqual(100);
    expect(perfectSubtrees(0, big)).toHaveLength(50);
  });

  it('splits a range into its perfect subtrees', () => {
    expect(perfectSubtrees(0, 7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(perfectSubtrees(5, 13)).toEqual([
      { level: 0, index: 5 },
      { level: 1, index: 3 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(perfectSubtrees(4, 4)).toEqual([]);
  });

  it('fails when the store lacks a subtree (proof for a size it has not reached)', () => {
    expect(() => inclusionProof(0, N + 1, store)).toThrow(LedgerNodeMissingError);
  });

  it('refuses impossible requests with LedgerArgumentError', () => {
    expect(() => inclusionPlan(5, 5)).toThrow(LedgerArgumentError);
    expect(() => inclusionPlan(-1, 5)).toThrow(LedgerArgumentError);
    expect(() => inclusionPlan(0.5, 5)).toThrow(LedgerArgumentError);
    expect(() => consistencyPlan(0, 5)).toThrow(LedgerArgumentError);
    expect(() => consistencyPlan(6, 5)).toThrow(LedgerArgumentError);
    expect(() => store.append(Buffer.alloc(31))).toThrow(LedgerArgumentError);
    expect(() => merkleRoot([Buffer.alloc(33)])).toThrow(LedgerArgumentError);
  });

  it('computes the root implied by a proof', () => {
    const proof = inclusionProof(69, N, store);
    expect(rootFromInclusionProof(69, N, leaves[69]!, proof)).toEqual(treeRoot(N, store));
    expect(() => rootFromInclusionProof(69, N, leaves[69]!, proof.slice(1))).toThrow(
      /needs 3 proof nodes for leaf 69, got 2/,
    );
  });
});
