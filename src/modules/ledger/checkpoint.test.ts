import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import {
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type Checkpoint,
} from './checkpoint.js';
import { LedgerFormatError, LedgerSignatureError } from './ledger.errors.js';
import { leafHash } from './merkle.js';
import { ed25519Signer, ed25519Verifier, generateEd25519Key, parseNote } from './note.js';

const vectors = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../test/vectors/${path}`, import.meta.url), 'utf8'));

interface FormatsVectors {
  marshal: { origin: string; size: number; hash_b64: string; want: string }[];
  unmarshal: {
    desc: string;
    input: string;
    wantErr: boolean;
    want?: { origin: string; size: number; hash_b64: string };
    wantRest?: string;
  }[];
}
const formats = vectors('transparency-dev-formats/checkpoint-parse-vectors.json') as FormatsVectors;

const c2sp = vectors('c2sp/signed-note-and-checkpoint-examples.json') as {
  checkpoint_example_unverifiable: { note: string };
};
const goTree = (
  vectors('golang-mod-sumdb/note-vectors.json') as {
    tlog_tree_note: { golden: string; size: number; bad: string[] };
  }
).tlog_tree_note;
const realWorld = (
  vectors('tlog-scales/cosigned-checkpoint-vectors.json') as {
    cosigned_checkpoint: { note: string; log_vkey: string };
  }
).cosigned_checkpoint;

const root = (byte: number): Buffer => Buffer.alloc(32, byte);

describe('transparency-dev/formats checkpoint vectors', () => {
  it('has 12 unmarshal and 2 marshal cases', () => {
    expect(formats.unmarshal).toHaveLength(12);
    expect(formats.marshal).toHaveLength(2);
  });

  it.each(formats.unmarshal.filter((v) => v.wantErr))('rejects: $desc', ({ input }) => {
    expect(() => parseCheckpoint(input, { lenient: true })).toThrow(LedgerFormatError);
    expect(() => parseCheckpoint(input)).toThrow(LedgerFormatError);
  });

  it.each(formats.unmarshal.filter((v) => !v.wantErr))('parses leniently: $desc', (v) => {
    const cp = parseCheckpoint(v.input, { lenient: true });
    expect(cp.origin).toBe(v.want!.origin);
    expect(cp.size).toBe(v.want!.size);
    expect(cp.rootHash.toString('base64')).toBe(v.want!.hash_b64);
    expect(cp.extensions.map((line) => `${line}\n`).join('')).toBe(v.wantRest ?? '');
  });

  it.each(formats.unmarshal.filter((v) => !v.wantErr))(
    'rejects strictly, as the roots are not 32 bytes: $desc',
    ({ input }) => {
      expect(() => parseCheckpoint(input)).toThrow(/root hash must be 32 bytes/);
    },
  );

  it.each(formats.marshal)('formats $origin/$size leniently byte for byte', (v) => {
    const cp = {
      origin: v.origin,
      size: v.size,
      rootHash: Buffer.from(v.hash_b64, 'base64'),
      extensions: [],
    };
    expect(formatCheckpoint(cp, { lenient: true })).toBe(v.want);
    expect(() => formatCheckpoint(cp)).toThrow(/root hash must be 32 bytes/);
  });
});

describe('strict C2SP rules', () => {
  const good = `example.com/log\n5\n${root(1).toString('base64')}\n`;

  it('round-trips a checkpoint with extension lines', () => {
    const cp: Checkpoint = {
      origin: 'example.com/log',
      size: 5,
      rootHash: root(1),
      extensions: ['ext 1', 'ext 2'],
    };
    const text = formatCheckpoint(cp);
    expect(text).toBe(`${good}ext 1\next 2\n`);
    expect(parseCheckpoint(text)).toEqual(cp);
  });

  it.each([
    ['a leading zero in the size', good.replace('\n5\n', '\n05\n'), /leading zeros/],
    ['a sign', good.replace('\n5\n', '\n+5\n'), /decimal/],
    ['a size of 2^53', good.replace('\n5\n', `\n${2 ** 53}\n`), /too large/],
    ['an empty extension line', `${good}\n`, /extension line is empty/],
    [
      'a 31-byte root',
      good.replace(root(1).toString('base64'), Buffer.alloc(31).toString('base64')),
      /32 bytes/,
    ],
    ['unpadded base64', good.replace('=\n', '\n'), /not base64/],
    ['a carriage return', good.replace('log\n', 'log\r\n'), /control character/],
    ['an empty origin', good.replace('example.com/log', ''), /origin is empty/],
  ])('rejects %s', (_, text, message) => {
    expect(() => parseCheckpoint(text)).toThrow(message);
  });

  it('accepts the empty tree as size 0 and leniently a leading zero', () => {
    expect(parseCheckpoint(good.replace('\n5\n', '\n0\n')).size).toBe(0);
    expect(parseCheckpoint(good.replace('\n5\n', '\n05\n'), { lenient: true }).size).toBe(5);
  });

  it('refuses to format what it would refuse to parse', () => {
    const cp: Checkpoint = { origin: 'o', size: 1, rootHash: root(0), extensions: [] };
    expect(() => formatCheckpoint({ ...cp, origin: 'a\nb' })).toThrow(LedgerFormatError);
    expect(() => formatCheckpoint({ ...cp, size: -1 })).toThrow(LedgerFormatError);
    expect(() => formatCheckpoint({ ...cp, extensions: [''] })).toThrow(LedgerFormatError);
  });
});

describe('published checkpoints', () => {
  it('parses the C2SP tlog-checkpoint example body and formats it back', () => {
    const { text } = parseNote(c2sp.checkpoint_example_unverifiable.note);
    const cp = parseCheckpoint(text);
    expect(cp).toMatchObject({
      origin: 'example.com/behind-the-sofa',
      size: 20852163,
      extensions: [],
    });
    expect(cp.rootHash.toString('base64')).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(formatCheckpoint(cp)).toBe(text);
  });

  it('parses the Go sumdb tree note, whose root is the leaf hash of "hello world"', () => {
    const cp = parseCheckpoint(goTree.golden);
    expect(cp).toMatchObject({ origin: 'go.sum database tree', size: goTree.size });
    expect(cp.rootHash).toEqual(leafHash(Buffer.from('hello world')));
    const [otherOrigin, hexSize, badRoot] = goTree.bad as [string, string, string];
    expect(parseCheckpoint(otherOrigin).origin).toBe('not-go.sum database tree');
    expect(() => parseCheckpoint(hexSize)).toThrow(LedgerFormatError);
    expect(() => parseCheckpoint(badRoot)).toThrow(LedgerFormatError);
  });

  it('opens a real cosigned checkpoint with the log key, ignoring the 0x05 line and witnesses', () => {
    const { checkpoint, note } = openCheckpoint(
      realWorld.note,
      [ed25519Verifier(realWorld.log_vkey)],
      {
        origin: 'arche2025h1.staging.ct.transparency.dev',
      },
    );
    expect(checkpoint.size).toBe(1432088532);
    expect(checkpoint.rootHash.toString('base64')).toBe(
      'U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=',
    );
    expect(note.verified.map((s) => s.keyId.toString(16))).toEqual(['ba2f06c0']);
    expect(note.unverified).toHaveLength(5);
  });

  it('rejects that checkpoint with its size changed', () => {
    const forged = realWorld.note.replace('\n1432088532\n', '\n1432088533\n');
    expect(() =>
      openCheckpoint(forged, [ed25519Verifier(realWorld.log_vkey)], {
        origin: 'arche2025h1.staging.ct.transparency.dev',
      }),
    ).toThrow(expect.objectContaining({ code: 'LEDGER_BAD_SIGNATURE' }) as Error);
  });
});

describe('signing checkpoints', () => {
  const key = generateEd25519Key('ledger.onetrip.example/access', Buffer.alloc(32, 9));
  const cp: Checkpoint = {
    origin: 'ledger.onetrip.example/access',
    size: 42,
    rootHash: root(7),
    extensions: [],
  };

  it('signs and opens for the expected origin', async () => {
    const note = await signCheckpoint(cp, [ed25519Signer(key.signerKey)]);
    expect(
      note.startsWith(
        `ledger.onetrip.example/access\n42\n${root(7).toString('base64')}\n\n— ledger.onetrip.example/access `,
      ),
    ).toBe(true);
    expect(
      openCheckpoint(note, [ed25519Verifier(key.verifierKey)], { origin: cp.origin }).checkpoint,
    ).toEqual(cp);
  });

  it('refuses a validly signed checkpoint of another origin', async () => {
    const note = await signCheckpoint({ ...cp, origin: 'other.example/log' }, [
      ed25519Signer(key.signerKey),
    ]);
    const open = () =>
      openCheckpoint(note, [ed25519Verifier(key.verifierKey)], { origin: cp.origin });
    expect(open).toThrow(LedgerSignatureError);
    expect(open).toThrow(/not the expected "ledger.onetrip.example\/access"/);
  });
});
