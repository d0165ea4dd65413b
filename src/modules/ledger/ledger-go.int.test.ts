import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { appendBulk, approveTask, submitApplication } from '../../../test/support/ledger.js';
import { generateEd25519Key, newTiles, signCheckpoint, ed25519Signer, tilePath } from './index.js';

// Go's checksum database verifier (golang.org/x/mod/sumdb/note and tlog) reads our checkpoints,
// proofs and tiles: test/go/sumdb-verify.go, built with Debian's golang-go and
// golang-golang-x-mod-dev in GOPATH mode, offline. Like pdftoppm and zbarimg in the documents
// tests, the tool must be installed (.ci/run installs it); a missing one fails the test.
const GO_PATH = '/usr/share/gocode';
const VERIFIER_SOURCE = path.resolve(import.meta.dirname, '../../../test/go/sumdb-verify.go');

let app: TestApp;
let citizen: string;
let workDir: string;

const goEnv = () => ({
  ...process.env,
  GO111MODULE: 'off',
  GOPATH: GO_PATH,
  GOFLAGS: '',
  GOCACHE: process.env.GOCACHE ?? path.join(os.tmpdir(), 'onetrip-go-build'),
});

/** Builds test/go/sumdb-verify.go into the test's directory; throws when Go or x/mod is missing. */
function buildVerifier(): string {
  const binary = path.join(workDir, 'sumdb-verify');
  const build = spawnSync('go', ['build', '-o', binary, VERIFIER_SOURCE], {
    env: goEnv(),
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    const why = build.error ? `go is not on PATH (${build.error.message})` : build.stderr;
    throw new Error(
      `cannot build ${VERIFIER_SOURCE}: ${why}\n` +
        (process.env.CI === 'true'
          ? '.ci/run should have installed golang-go and golang-golang-x-mod-dev in its ' +
            '"browser and fonts (Debian packages)" step.'
          : 'Install Go and x/mod: apt-get install golang-go golang-golang-x-mod-dev.'),
    );
  }
  return binary;
}

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-sumdb-'));
  app = await createTestApp();
  citizen = await app.login('citizen1');
});
afterAll(async () => {
  await app?.cleanup();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

type Expect = 'valid' | 'reject';

interface GoResult {
  kind: string;
  id: string;
  expect: Expect;
  outcome: 'valid' | 'rejected';
  error?: string;
  origin?: string;
  size?: number;
  root?: string;
}

async function get(url: string) {
  const res = await app.server.inject({ url });
  expect(res.statusCode, url).toBe(200);
  return res;
}

async function signedCheckpoint() {
  await app.services.ledger.checkpoint({ force: true });
  const note = (await get('/ledger/checkpoint')).body;
  const [origin = '', size = '', root = ''] = note.split('\n');
  return { note, origin, size: Number(size), root };
}

async function entry(index: number) {
  return (await get(`/api/v1/ledger/entries/${index}`)).json<{
    entry: string;
    leafHash: string;
  }>();
}

async function inclusion(index: number, treeSize: number) {
  const res = await get(`/api/v1/ledger/proofs/inclusion?index=${index}&treeSize=${treeSize}`);
  return res.json<{ hashes: string[] }>().hashes;
}

/** base64 of the bytes with one byte's low bit flipped. */
function flipByte(base64: string, at = 0): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[at] = bytes[at]! ^ 0x01;
  return bytes.toString('base64');
}

/** The text with the character at `at` replaced by another of the same class (one byte changed). */
function changeChar(text: string, at: number): string {
  const c = text[at]!;
  const other = c === 'A' ? 'B' : c === '0' ? '1' : /[0-9]/.test(c) ? '0' : 'A';
  return text.slice(0, at) + other + text.slice(at + 1);
}

function runVerifier(
  binary: string,
  cases: unknown,
): { status: number | null; stderr: string; out: GoResult[] } {
  const file = path.join(workDir, 'cases.json');
  fs.writeFileSync(file, JSON.stringify(cases));
  const run = spawnSync(binary, [file], { encoding: 'utf8' });
  let out: GoResult[] = [];
  if (run.stdout) out = (JSON.parse(run.stdout) as { results: GoResult[] }).results;
  return { status: run.status, stderr: run.stderr, out };
}

describe('Go’s sumdb verifier (golang.org/x/mod/sumdb)', () => {
  it('opens our signed checkpoints and accepts our inclusion and consistency proofs and tiles, and rejects tampered ones', async () => {
    const verifier = buildVerifier();
    const key = (await get('/.well-known/onetrip-ledger-key')).body;

    await approveTask(app, (await submitApplication(app, citizen)).tasks[0]!);
    const older = await signedCheckpoint();
    expect(older.size).toBeGreaterThan(1);

    // More than a full tile, so Go reads a full level-0 tile, a partial one and a level-1 tile.
    await appendBulk(app, 300);
    await submitApplication(app, citizen);
    const newer = await signedCheckpoint();
    expect(newer.size).toBeGreaterThan(256 + older.size);

    const cases = {
      verifierKey: key,
      checkpoints: [] as { id: string; note: string; expect: Expect }[],
      inclusion: [] as Record<string, unknown>[],
      consistency: [] as Record<string, unknown>[],
      tileReads: [] as Record<string, unknown>[],
    };
    cases.checkpoints.push(
      { id: 'older', note: older.note, expect: 'valid' },
      { id: 'newer', note: newer.note, expect: 'valid' },
    );
    // One byte changed in the root hash line, then in the signature.
    const rootAt = older.origin.length + 1 + String(older.size).length + 1;
    cases.checkpoints.push({
      id: 'root changed',
      note: changeChar(older.note, rootAt + 5),
      expect: 'reject',
    });
    const signatureAt = older.note.lastIndexOf(' ') + 10;
    cases.checkpoints.push({
      id: 'signature changed',
      note: changeChar(older.note, signatureAt),
      expect: 'reject',
    });
    // The same body signed by another key of the same name.
    const forger = ed25519Signer(generateEd25519Key(older.origin).signerKey);
    cases.checkpoints.push({
      id: 'signed by another key',
      note: await signCheckpoint(
        {
          origin: older.origin,
          size: older.size,
          rootHash: Buffer.from(older.root, 'base64'),
          extensions: [],
        },
        [forger],
      ),
      expect: 'reject',
    });

    const olderIndexes = [...Array(older.size).keys()];
    const newerIndexes = [0, older.size - 1, older.size, 255, 256, 257, newer.size - 1];
    const entries = new Map<number, { entry: string; leafHash: string }>();
    for (const i of new Set([...olderIndexes, ...newerIndexes])) entries.set(i, await entry(i));
    for (const [checkpoint, size, indexes] of [
      ['older', older.size, olderIndexes],
      ['newer', newer.size, newerIndexes],
    ] as const) {
      for (const index of indexes) {
        const { entry: leaf, leafHash } = entries.get(index)!;
        cases.inclusion.push({
          id: `${checkpoint} ${index}`,
          checkpoint,
          index,
          leaf,
          leafHash,
          proof: await inclusion(index, size),
          expect: 'valid',
        });
      }
    }
    const e1 = entries.get(1)!;
    const proof1 = await inclusion(1, newer.size);
    cases.inclusion.push(
      {
        id: 'wrong leaf hash',
        checkpoint: 'newer',
        index: 1,
        leafHash: flipByte(e1.leafHash, 7),
        proof: proof1,
        expect: 'reject',
      },
      {
        id: 'entry bytes changed',
        checkpoint: 'newer',
        index: 1,
        leaf: flipByte(e1.entry, 20),
        proof: proof1,
        expect: 'reject',
      },
      {
        id: 'proof of another index',
        checkpoint: 'newer',
        index: 2,
        leafHash: e1.leafHash,
        proof: proof1,
        expect: 'reject',
      },
      {
        id: 'proof hash changed',
        checkpoint: 'newer',
        index: 1,
        leafHash: e1.leafHash,
        proof: [flipByte(proof1[0]!), ...proof1.slice(1)],
        expect: 'reject',
      },
    );

    const consistency = (
      await get(`/api/v1/ledger/proofs/consistency?from=${older.size}&to=${newer.size}`)
    ).json<{ hashes: string[] }>().hashes;
    cases.consistency.push(
      { id: 'older to newer', from: 'older', to: 'newer', proof: consistency, expect: 'valid' },
      {
        id: 'proof hash changed',
        from: 'older',
        to: 'newer',
        proof: consistency.map((h, i) => (i === consistency.length - 1 ? flipByte(h, 3) : h)),
        expect: 'reject',
      },
      { id: 'newer to older', from: 'newer', to: 'older', proof: consistency, expect: 'reject' },
    );

    const tiles: Record<string, string> = {};
    for (const tile of newTiles(0, newer.size)) {
      const p = tilePath(tile);
      tiles[p] = (await get(`/ledger/${p}`)).rawPayload.toString('base64');
    }
    expect(Object.keys(tiles)).toEqual([
      'tile/0/000',
      'tile/0/001.p/' + (newer.size - 256),
      'tile/1/000.p/1',
    ]);
    const leaves = newerIndexes.map((index) => ({ index, leaf: entries.get(index)!.entry }));
    cases.tileReads.push(
      { id: 'newer', checkpoint: 'newer', tiles, leaves, expect: 'valid' },
      // A byte of a hash Go returns, of one it must check but not return, of the partial
      // tile and of the level-1 tile.
      ...(
        [
          ['tile/0/000', 0],
          ['tile/0/000', 32 * 3 + 1],
          [`tile/0/001.p/${newer.size - 256}`, 32 * 2 + 5],
          ['tile/1/000.p/1', 9],
        ] as const
      ).map(([tile, at]) => ({
        id: `${tile} byte ${at} changed`,
        checkpoint: 'newer',
        tiles: { ...tiles, [tile]: flipByte(tiles[tile]!, at) },
        leaves,
        expect: 'reject' as const,
      })),
    );

    const { status, stderr, out } = runVerifier(verifier, cases);
    const all = [
      ...cases.checkpoints.map((c) => ({ kind: 'checkpoint', ...c })),
      ...cases.inclusion.map((c) => ({ kind: 'inclusion', ...c })),
      ...cases.consistency.map((c) => ({ kind: 'consistency', ...c })),
      ...cases.tileReads.map((c) => ({ kind: 'tiles', ...c })),
    ] as { kind: string; id: string; expect: Expect }[];
    // Every case reported, each valid one verified and each tampered one rejected by Go.
    const unexpected = out.filter((r) => (r.expect === 'valid') !== (r.outcome === 'valid'));
    expect(
      out.map((r) => `${r.kind} ${r.id}: ${r.outcome}`),
      `${stderr}${JSON.stringify(unexpected, null, 2)}`,
    ).toEqual(all.map((c) => `${c.kind} ${c.id}: ${c.expect === 'valid' ? 'valid' : 'rejected'}`));
    expect(status, stderr).toBe(0);
    // Go read the same tree heads as we signed.
    expect(out.slice(0, 2).map((r) => [r.origin, r.size, r.root])).toEqual([
      [older.origin, older.size, older.root],
      [newer.origin, newer.size, newer.root],
    ]);
  });
});
