import { describe, expect, it } from 'vitest';

import { LedgerArgumentError, LedgerFormatError, LedgerNodeMissingError } from './ledger.errors.js';
import { createMemoryNodeStore, leafHash, merkleRoot } from './merkle.js';
import {
  decodeEntryBundle,
  encodeEntryBundle,
  encodeTileIndex,
  entryBundlePath,
  newTiles,
  parseTilePath,
  tileBytes,
  tileHashes,
  tileNodeIds,
  tilePath,
} from './tiles.js';

describe('tile paths (C2SP tlog-tiles)', () => {
  it('encodes index 1234067 as x001/x234/067, as the spec shows', () => {
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 2, index: 1234067, width: 8 })).toBe('tile/2/x001/x234/067.p/8');
    expect(entryBundlePath(1234067)).toBe('tile/entries/x001/x234/067');
    expect(entryBundlePath(1234067, 255)).toBe('tile/entries/x001/x234/067.p/255');
  });

  it.each([
    [0, '000'],
    [7, '007'],
    [999, '999'],
    [1000, 'x001/000'],
    [256000, 'x256/000'],
    [2 ** 53 - 1, 'x009/x007/x199/x254/x740/991'],
  ])('encodes %i as %s', (index, encoded) => {
    expect(encodeTileIndex(index)).toBe(encoded);
    expect(parseTilePath(`tile/1/${encoded}`)).toEqual({
      kind: 'hashes',
      tile: { level: 1, index, width: 256 },
    });
  });

  it('parses what it formats', () => {
    expect(parseTilePath('tile/0/x001/x234/067.p/8')).toEqual({
      kind: 'hashes',
      tile: { level: 0, index: 1234067, width: 8 },
    });
    expect(parseTilePath('tile/entries/x001/000.p/1')).toEqual({
      kind: 'entries',
      index: 1000,
      width: 1,
    });
    expect(parseTilePath('tile/63/000')).toEqual({
      kind: 'hashes',
      tile: { level: 63, index: 0, width: 256 },
    });
  });

  it.each([
    'tile/0/x000/001',
    'tile/0/1234',
    'tile/0/01',
    'tile/00/000',
    'tile/64/000',
    'tile/0/000.p/0',
    'tile/0/000.p/08',
    'tile/0/000.p/256',
    'tile/0/001/234',
    'tile/0/001/',
    'tile/8/0/000',
    'tile/entries/000.p/',
    '/tile/0/000',
  ])('rejects the non-canonical path %s', (path) => {
    expect(() => parseTilePath(path)).toThrow(LedgerFormatError);
  });

  it('refuses impossible tiles', () => {
    expect(() => tilePath({ level: 64, index: 0, width: 1 })).toThrow(LedgerArgumentError);
    expect(() => tilePath({ level: 0, index: 0, width: 0 })).toThrow(LedgerArgumentError);
    expect(() => tilePath({ level: 0, index: -1, width: 1 })).toThrow(LedgerArgumentError);
    expect(() => tileNodeIds({ level: 7, index: 0, width: 1 })).toThrow(LedgerArgumentError);
  });
});

describe('which tiles a tree has', () => {
  it('represents size 70,000 as the spec says', () => {
    const tiles = newTiles(0, 70_000);
    const full = (level: number) =>
      tiles.filter((t) => t.level === level && t.width === 256).length;
    const partial = (level: number) => tiles.filter((t) => t.level === level && t.width < 256);
    expect(full(0)).toBe(273);
    expect(partial(0)).toEqual([{ level: 0, index: 273, width: 112 }]);
    expect(full(1)).toBe(1);
    expect(partial(1)).toEqual([{ level: 1, index: 1, width: 17 }]);
    expect(full(2)).toBe(0);
    expect(partial(2)).toEqual([{ level: 2, index: 0, width: 1 }]);
    expect(tiles).toHaveLength(277);
  });

  it('represents size 256 as one full level-0 tile and a level-1 tile of width 1', () => {
    expect(newTiles(0, 256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
  });

  it('lists only what changed when the tree grows', () => {
    expect(newTiles(70_000, 70_000)).toEqual([]);
    expect(newTiles(70_000, 70_001)).toEqual([{ level: 0, index: 273, width: 113 }]);
    expect(newTiles(65_535, 65_536)).toEqual([
      { level: 0, index: 255, width: 256 },
      { level: 1, index: 0, width: 256 },
      { level: 2, index: 0, width: 1 },
    ]);
    expect(() => newTiles(2, 1)).toThrow(LedgerArgumentError);
  });
});

describe('tile contents from a node source', () => {
  const size = 70_000;
  const entries = Array.from({ length: size }, (_, i) => Buffer.from(`access record ${i}`));
  const leaves = entries.map((e) => leafHash(e));
  const store = createMemoryNodeStore();
  leaves.forEach((l) => store.append(l));

  it('makes a level-0 tile of leaf hashes', () => {
    const bytes = tileBytes({ level: 0, index: 273, width: 112 }, store);
    expect(bytes).toHaveLength(112 * 32);
    expect(tileHashes(bytes, 112)).toEqual(leaves.slice(273 * 256, size));
  });

  it('makes higher tiles of MTH(D[(n·256+i)·256^l : (n·256+i+1)·256^l])', () => {
    const level1 = tileHashes(tileBytes({ level: 1, index: 1, width: 17 }, store));
    expect(level1).toHaveLength(17);
    level1.forEach((hash, i) => {
      expect(hash).toEqual(merkleRoot(leaves.slice((256 + i) * 256, (257 + i) * 256)));
    });
    const [level2] = tileHashes(tileBytes({ level: 2, index: 0, width: 1 }, store));
    expect(level2).toEqual(merkleRoot(leaves.slice(0, 65_536)));
  });

  it('cannot make a tile the tree has not completed', () => {
    expect(() => tileBytes({ level: 0, index: 273, width: 113 }, store)).toThrow(
      LedgerNodeMissingError,
    );
  });

  it('bundles entries that hash to the level-0 tile', () => {
    const bundle = encodeEntryBundle(entries.slice(0, 256));
    expect(bundle.readUInt16BE(0)).toBe(Buffer.byteLength('access record 0'));
    const decoded = decodeEntryBundle(bundle);
    expect(decoded).toEqual(entries.slice(0, 256));
    expect(Buffer.concat(decoded.map((e) => leafHash(e)))).toEqual(
      tileBytes({ level: 0, index: 0, width: 256 }, store),
    );
  });

  it('rejects malformed tiles and bundles', () => {
    expect(() => tileHashes(Buffer.alloc(33))).toThrow(LedgerFormatError);
    expect(() => tileHashes(Buffer.alloc(0))).toThrow(LedgerFormatError);
    expect(() => tileHashes(Buffer.alloc(257 * 32))).toThrow(LedgerFormatError);
    expect(() => tileHashes(Buffer.alloc(64), 3)).toThrow(LedgerFormatError);
    const bundle = encodeEntryBundle([Buffer.from('abc'), Buffer.alloc(0)]);
    expect(decodeEntryBundle(bundle)).toEqual([Buffer.from('abc'), Buffer.alloc(0)]);
    expect(() => decodeEntryBundle(bundle.subarray(0, 4))).toThrow(LedgerFormatError);
    expect(() => decodeEntryBundle(Buffer.from([0]))).toThrow(LedgerFormatError);
    expect(() => decodeEntryBundle(Buffer.alloc(0))).toThrow(LedgerFormatError);
    expect(() => decodeEntryBundle(Buffer.alloc(2 * 257))).toThrow(/more than 256/);
    expect(() => encodeEntryBundle([Buffer.alloc(65_536)])).toThrow(LedgerArgumentError);
    expect(() => encodeEntryBundle(new Array<Buffer>(257).fill(Buffer.alloc(1)))).toThrow(
      LedgerArgumentError,
    );
  });
});
