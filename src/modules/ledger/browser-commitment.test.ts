import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import {
  canonicalJson as browserCanonical,
  leafOf,
  ledgerTime as browserTime,
  proveOpened,
} from '../../../web/src/features/ledger/commitment.js';
import { canonicalJson } from './canonical-json.js';
import { signCheckpoint } from './checkpoint.js';
import { buildRecord, leafEntry, ledgerTime } from './ledger.record.js';
import { createMemoryNodeStore, inclusionProof, treeRoot } from './merkle.js';
import { ed25519Signer, generateEd25519Key } from './note.js';

// The browser's commitment code (web/src/features/ledger/commitment.ts) against the server's.

const rfc = JSON.parse(
  readFileSync(
    new URL('../../../test/vectors/rfc8785/rfc8785-examples.json', import.meta.url),
    'utf8',
  ),
) as {
  section_3_2_2: { input: string; canonical: string };
  section_3_2_3: { input: string; canonical: string };
};

const input = (i: number) => ({
  type: i % 2 ? 'datahub' : 'case',
  action: i % 2 ? 'data.accessed' : 'case.submitted',
  actor: 'acct-1',
  actorRole: 'reviewer',
  purpose: `YCB20261201000000${10 + i}`,
  subjectIdNumber: '330681199003071233',
  data: { access: `a-${i}`, items: [{ source: 'psb', item: 'kinship', fields: ['parents'] }] },
  at: new Date(Date.UTC(2026, 11, 1, 2, 0, i, 123)),
});

describe('the browser’s ledger commitment', () => {
  it('canonicalizes the RFC 8785 samples as the server does', () => {
    for (const sample of [rfc.section_3_2_2, rfc.section_3_2_3]) {
      expect(browserCanonical(JSON.parse(sample.input))).toBe(sample.canonical);
      expect(browserCanonical(JSON.parse(sample.input))).toBe(
        canonicalJson(JSON.parse(sample.input)),
      );
    }
    expect(() => browserCanonical({ n: Number.NaN })).toThrow();
  });

  it('writes times and leaves byte for byte as the server does', async () => {
    for (let i = 0; i < 4; i++) {
      const built = buildRecord(input(i), 'k'.repeat(32));
      expect(browserTime(input(i).at.toISOString())).toBe(ledgerTime(input(i).at));
      const leaf = await leafOf(built.record, built.salt);
      expect(Buffer.from(leaf).toString('utf8')).toBe(leafEntry(built));
    }
  });

  it('proves an opened entry against a signed checkpoint, and fails an edited one', async () => {
    const built = Array.from({ length: 7 }, (_, i) => buildRecord(input(i), 'k'.repeat(32)));
    const store = createMemoryNodeStore();
    for (const b of built) store.appendEntry(Buffer.from(b.entry));
    const key = generateEd25519Key('onetrip.test/ledger', new Uint8Array(32).fill(3));
    const checkpointNote = await signCheckpoint(
      { origin: 'onetrip.test/ledger', size: 7, rootHash: treeRoot(7, store), extensions: [] },
      [ed25519Signer(key.signerKey)],
    );
    const opened = (i: number) => ({
      index: i,
      record: built[i]!.record,
      salt: built[i]!.salt,
      proof: inclusionProof(i, 7, store).map((h) => h.toString('base64')),
      checkpointNote,
      pinnedKey: key.verifierKey,
    });
    for (let i = 0; i < 7; i++)
      expect(await proveOpened(opened(i))).toEqual({ ok: true, treeSize: 7 });
    const edited = { ...opened(3), record: { ...built[3]!.record, purpose: 'YCB0' } };
    expect(await proveOpened(edited)).toMatchObject({ ok: false, failure: 'root' });
    const other = generateEd25519Key('onetrip.test/ledger', new Uint8Array(32).fill(4));
    expect(await proveOpened({ ...opened(3), pinnedKey: other.verifierKey })).toMatchObject({
      ok: false,
      failure: 'signature',
    });
    const wrongLeaf = {
      ...opened(2),
      entryBase64: Buffer.from(built[1]!.entry).toString('base64'),
    };
    expect(await proveOpened(wrongLeaf)).toMatchObject({ ok: false, failure: 'leaf' });
  });
});
