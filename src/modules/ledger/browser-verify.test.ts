import { describe, expect, it } from 'vitest';
import { verifyEntry } from '../../../web/src/features/ledger/ledger-verify.js';
import { signCheckpoint } from './checkpoint.js';
import { createMemoryNodeStore, inclusionProof, treeRoot } from './merkle.js';
import { ed25519Signer, generateEd25519Key } from './note.js';

// The browser's Web Crypto verifier (web/src/features/ledger) against the server's own log code.
describe('verifying an entry in the browser', () => {
  const keys = generateEd25519Key('onetrip.test/ledger', new Uint8Array(32).fill(7));
  const entries = Array.from({ length: 13 }, (_, i) =>
    Buffer.from(JSON.stringify({ i, action: 'case.accepted' })),
  );
  const store = createMemoryNodeStore();
  for (const e of entries) store.appendEntry(e);

  async function inputFor(index: number) {
    const note = await signCheckpoint(
      { origin: 'onetrip.test/ledger', size: 13, rootHash: treeRoot(13, store), extensions: [] },
      [ed25519Signer(keys.signerKey)],
    );
    const leaf = store.nodes([{ level: 0, index }])[0]!;
    return {
      index,
      entryBase64: entries[index]!.toString('base64'),
      leafHashBase64: Buffer.from(leaf).toString('base64'),
      proof: inclusionProof(index, 13, store).map((h) => h.toString('base64')),
      checkpointNote: note,
      verifierKey: keys.verifierKey,
    };
  }

  it('accepts every entry of a signed tree', async () => {
    for (let i = 0; i < 13; i++)
      expect(await verifyEntry(await inputFor(i))).toEqual({ ok: true, treeSize: 13 });
  });

  it('names what is wrong: a changed entry, a bad proof, a forged checkpoint', async () => {
    const good = await inputFor(5);
    expect(
      (
        await verifyEntry({
          ...good,
          entryBase64: Buffer.from('{"i":5,"action":"case.rejected"}').toString('base64'),
        })
      ).failure,
    ).toBe('leaf');
    expect((await verifyEntry({ ...good, proof: good.proof.slice(1) })).failure).toBe('proof');
    const other = generateEd25519Key('onetrip.test/ledger', new Uint8Array(32).fill(9));
    expect((await verifyEntry({ ...good, verifierKey: other.verifierKey })).failure).toBe(
      'signature',
    );
    const forgedRoot = good.checkpointNote.replace(
      /\n([A-Za-z0-9+/=]{44})\n/,
      `\n${Buffer.alloc(32, 1).toString('base64')}\n`,
    );
    expect((await verifyEntry({ ...good, checkpointNote: forgedRoot })).failure).toBe('root');
  });

  it('reads a log key whose base64 contains "+" (the key is split at its first two "+" only)', async () => {
    let seed = 0;
    let key = generateEd25519Key('onetrip.test/ledger', new Uint8Array(32).fill(seed));
    while (!key.verifierKey.split('+').slice(2).join('+').includes('+')) {
      key = generateEd25519Key('onetrip.test/ledger', new Uint8Array(32).fill(++seed));
    }
    const note = await signCheckpoint(
      { origin: 'onetrip.test/ledger', size: 13, rootHash: treeRoot(13, store), extensions: [] },
      [ed25519Signer(key.signerKey)],
    );
    const input = { ...(await inputFor(3)), checkpointNote: note, verifierKey: key.verifierKey };
    expect(await verifyEntry(input)).toEqual({ ok: true, treeSize: 13 });
  });
});
