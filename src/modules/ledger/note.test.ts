import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { LedgerArgumentError, LedgerFormatError, LedgerSignatureError } from './ledger.errors.js';
import {
  addNoteSignatures,
  computeKeyId,
  decodeSignerKey,
  decodeVerifierKey,
  ed25519Signer,
  ed25519Verifier,
  encodeVerifierKey,
  generateEd25519Key,
  isValidKeyName,
  openNote,
  parseNote,
  signNote,
  type NoteSignature,
} from './note.js';

const vectors = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../test/vectors/${path}`, import.meta.url), 'utf8'));

interface C2spExamples {
  signed_note_example: { vkey: string; note: string };
  signed_note_intro_example_unverifiable: { note: string };
  checkpoint_example_unverifiable: { note: string };
}
const c2sp = vectors('c2sp/signed-note-and-checkpoint-examples.json') as C2spExamples;

interface GoNoteVectors {
  keys: { PeterNeumann: { vkey: string; skey: string }; EnochRoot: { vkey: string } };
  bad_vkeys: { vkey?: string; why?: string; rule?: string }[];
  sign: {
    skey: string;
    text: string;
    expected_signed_note: string;
    bad_texts_to_sign: { text: string }[];
  };
  open: {
    text: string;
    peter_sig_line: string;
    enoch_sig_line: string;
    cases: { note: string; trusted: string[]; expect: string }[];
    malformed_notes: { note: string; expect: string }[];
    mismatch_cases: { note: string; expect: string }[];
  };
}
const go = vectors('golang-mod-sumdb/note-vectors.json') as GoNoteVectors;

const peter = go.keys.PeterNeumann;
const verifierFor = {
  PeterNeumann: ed25519Verifier(peter.vkey),
  EnochRoot: ed25519Verifier(go.keys.EnochRoot.vkey),
};

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('C2SP signed-note examples', () => {
  const example = c2sp.signed_note_example;

  it('decodes the example vkey and recomputes its key ID', () => {
    const key = decodeVerifierKey(example.vkey);
    expect(key).toMatchObject({ name: 'example.com/foo', keyId: 0x530d903a, signatureType: 0x01 });
    expect(key.publicKey.toString('hex')).toBe(
      'e932791ae6e7a840a46164c904786426d5e7821dd8b29a00d61cae72afdd4da4',
    );
    expect(computeKeyId(key.name, 0x01, key.publicKey)).toBe(0x530d903a);
    expect(encodeVerifierKey(key.name, 0x01, key.publicKey)).toBe(example.vkey);
  });

  it('verifies the example note under its vkey', () => {
    const opened = openNote(example.note, [ed25519Verifier(example.vkey)]);
    expect(opened.text).toBe('This is an example message.\n');
    expect(opened.verified.map((s) => s.name)).toEqual(['example.com/foo']);
    expect(opened.unverified).toEqual([]);
  });

  it('rejects the example note with its text changed (forged signature)', () => {
    const forged = example.note.replace('example message', 'exemplary message');
    const e = thrown(() => openNote(forged, [ed25519Verifier(example.vkey)]));
    expect(e).toBeInstanceOf(LedgerSignatureError);
    expect(e).toMatchObject({ code: 'LEDGER_BAD_SIGNATURE' });
  });

  it.each([
    [
      'the quasimodo poem',
      c2sp.signed_note_intro_example_unverifiable.note,
      'quasimodo.example/salvatore',
    ],
    [
      'the behind-the-sofa checkpoint',
      c2sp.checkpoint_example_unverifiable.note,
      'example.com/behind-the-sofa',
    ],
  ])(
    'parses %s but reports no verifiable signatures with only the example key',
    (_, note, name) => {
      const parsed = parseNote(note);
      expect(parsed.signatures.map((s) => s.name)).toEqual([name]);
      expect(parsed.signatures[0]!.signature).toHaveLength(64);
      expect(parsed.text.endsWith('\n')).toBe(true);
      const e = thrown(() => openNote(note, [ed25519Verifier(example.vkey)]));
      expect(e).toMatchObject({ code: 'LEDGER_NOTE_UNVERIFIED' });
      expect((e as Error).message).toContain(name);
    },
  );

  it('keeps the poem’s inner blank line in the text (the last blank line separates)', () => {
    expect(parseNote(c2sp.signed_note_intro_example_unverifiable.note).text).toBe(
      'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n',
    );
  });
});

describe('golang.org/x/mod sumdb/note vectors', () => {
  it('signs byte for byte (Ed25519 is deterministic)', async () => {
    const signer = ed25519Signer(go.sign.skey);
    expect(signer).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3 });
    expect(signer.verifierKey).toBe(peter.vkey);
    expect(await signNote(go.sign.text, [signer])).toBe(go.sign.expected_signed_note);
  });

  it('replaces an existing signature by the same key when re-signing', async () => {
    const stale: NoteSignature = {
      name: 'PeterNeumann',
      keyId: 0xc74f20a3,
      signature: Buffer.from('BADSIGN'),
      base64: '',
    };
    expect(await signNote(go.sign.text, [ed25519Signer(go.sign.skey)], [stale])).toBe(
      go.sign.expected_signed_note,
    );
  });

  it.each(go.sign.bad_texts_to_sign)('refuses to sign $text', async ({ text }) => {
    await expect(signNote(text, [ed25519Signer(go.sign.skey)])).rejects.toMatchObject({
      code: 'LEDGER_MALFORMED_NOTE',
    });
  });

  it.each(go.open.cases)('opens a two-signature note trusting $trusted', ({ note, trusted }) => {
    const verifiers = trusted.map((n) => verifierFor[n as keyof typeof verifierFor]);
    if (trusted.length === 0) {
      const e = thrown(() => openNote(note, verifiers));
      expect(e).toBeInstanceOf(LedgerSignatureError);
      expect(e).toMatchObject({ code: 'LEDGER_NOTE_UNVERIFIED' });
      expect((e as Error).message).toMatch(/^note has no verifiable signatures/);
      return;
    }
    const opened = openNote(note, verifiers);
    expect(opened.text).toBe(go.open.text);
    expect(opened.verified.map((s) => s.name)).toEqual(trusted);
    expect(opened.unverified.map((s) => s.name)).toEqual(
      ['PeterNeumann', 'EnochRoot'].filter((n) => !trusted.includes(n)),
    );
  });

  it('opens the same note given as bytes', () => {
    const note = go.open.cases[1]!.note;
    expect(openNote(Buffer.from(note), Object.values(verifierFor)).verified).toHaveLength(2);
  });

  it.each(go.open.malformed_notes.map((m, i) => [i, m.note] as const))(
    'rejects malformed note #%i',
    (i, note) => {
      // The transcription turned Go's raw "\xff" byte into U+00FF; feed the byte itself.
      const input = note.startsWith('\u00ff')
        ? Buffer.concat([Buffer.from([0xff]), Buffer.from(note.slice(1))])
        : note;
      const e = thrown(() => openNote(input, [verifierFor.PeterNeumann]));
      expect(e, `case ${i}`).toBeInstanceOf(LedgerFormatError);
      expect(e).toMatchObject({ code: 'LEDGER_MALFORMED_NOTE' });
    },
  );

  it('treats the transcribed U+00FF as well-formed text whose signature then fails', () => {
    const note = go.open.malformed_notes.find((m) => m.note.startsWith('\u00ff'))!.note;
    expect(thrown(() => openNote(note, [verifierFor.PeterNeumann]))).toMatchObject({
      code: 'LEDGER_BAD_SIGNATURE',
    });
  });

  it.each(go.open.mismatch_cases)('ignores a signature by a key we lack: $expect', ({ note }) => {
    const e = thrown(() => openNote(note, [verifierFor.PeterNeumann]));
    expect(e).toMatchObject({ code: 'LEDGER_NOTE_UNVERIFIED' });
  });

  it('says which key ID a same-named signature had', () => {
    const wrongId = go.open.mismatch_cases[1]!.note;
    expect(thrown(() => openNote(wrongId, [verifierFor.PeterNeumann]))).toHaveProperty(
      'message',
      expect.stringContaining(
        'PeterNeumann+c71c71a3 (the trusted PeterNeumann key has ID c74f20a3)',
      ) as unknown,
    );
  });

  it('rejects a signature by a trusted key with four bytes spliced in', () => {
    const sig = go.open.peter_sig_line;
    const note = `${go.open.text}\n${sig.slice(0, 60)}ABCD${sig.slice(60)}`;
    const e = thrown(() => openNote(note, [verifierFor.PeterNeumann]));
    expect(e).toMatchObject({
      code: 'LEDGER_BAD_SIGNATURE',
      message: 'invalid signature for key PeterNeumann+c74f20a3',
    });
  });

  it('drops repeated identical signature lines', () => {
    const enoch = go.open.enoch_sig_line;
    const enochSpliced = `${enoch.slice(0, 60)}ABCD${enoch.slice(60)}`;
    const peterSig = go.open.peter_sig_line;
    const note = `${go.open.text}\n${peterSig}${peterSig}${enoch}${enoch}${enochSpliced}`;
    const opened = openNote(note, [verifierFor.PeterNeumann]);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(opened.unverified.map((s) => s.base64)).toEqual([
      enoch.slice(12, -1),
      enochSpliced.slice(12, -1),
    ]);
  });

  it('rejects more than 100 signature lines', () => {
    const note = `${go.open.text}\n${go.open.peter_sig_line.repeat(101)}`;
    expect(thrown(() => openNote(note, [verifierFor.PeterNeumann]))).toMatchObject({
      code: 'LEDGER_MALFORMED_NOTE',
    });
    expect(
      openNote(`${go.open.text}\n${go.open.peter_sig_line.repeat(16)}`, [verifierFor.PeterNeumann])
        .verified,
    ).toHaveLength(1);
  });

  it('refuses two verifiers with one name and key ID', () => {
    expect(() =>
      openNote(go.open.cases[0]!.note, [
        verifierFor.EnochRoot,
        verifierFor.PeterNeumann,
        ed25519Verifier(go.keys.EnochRoot.vkey),
      ]),
    ).toThrow(LedgerArgumentError);
  });

  it.each(go.bad_vkeys.filter((b) => b.vkey).map((b) => [b.why, b.vkey!] as const))(
    'rejects a vkey with %s',
    (_, vkey) => {
      expect(() => ed25519Verifier(vkey)).toThrow(LedgerFormatError);
    },
  );

  function manglings(key: string): string[] {
    const out: string[] = [];
    for (let i = 0; i <= key.length; i++) {
      for (let j = i + 1; j <= key.length; j++)
        if (i !== 0 || j !== key.length) out.push(key.slice(i, j));
    }
    const bytes = Buffer.from(key, 'latin1');
    for (let i = 0; i < bytes.length; i++) {
      const b = Buffer.from(bytes);
      b[i] = (b[i]! + 1) % 256;
      out.push(b.toString('latin1'));
    }
    return out;
  }

  it('rejects every proper substring and every +1 byte mutation of the PeterNeumann vkey', () => {
    const all = manglings(peter.vkey);
    // 66 characters: 66·67/2 − 1 substrings and 66 mutations.
    expect(all).toHaveLength(2276);
    const accepted = all.filter((k) => {
      try {
        ed25519Verifier(k);
        return true;
      } catch (e) {
        expect(e).toBeInstanceOf(LedgerFormatError);
        return false;
      }
    });
    expect(accepted).toEqual([]);
  });

  it('rejects every proper substring and +1 mutation of the skey, never echoing the seed', () => {
    const seed = peter.skey.split('+').slice(4).join('+');
    const accepted = manglings(peter.skey).filter((k) => {
      try {
        ed25519Signer(k);
        return true;
      } catch (e) {
        expect(e).toBeInstanceOf(LedgerFormatError);
        expect(
          JSON.stringify({ m: (e as Error).message, d: (e as LedgerFormatError).details }),
        ).not.toContain(seed);
        return false;
      }
    });
    expect(accepted).toEqual([]);
  });
});

describe('keys', () => {
  it('generates a key pair from a seed that signs and verifies', async () => {
    const { signerKey, verifierKey } = generateEd25519Key(
      'ledger.onetrip.example/audit',
      Buffer.alloc(32, 7),
    );
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+ledger\.onetrip\.example\/audit\+[0-9a-f]{8}\+A/);
    const signer = ed25519Signer(signerKey);
    expect(signer.verifierKey).toBe(verifierKey);
    const note = await signNote('审计日志\n第二行\n', [signer]);
    expect(openNote(note, [ed25519Verifier(verifierKey)]).text).toBe('审计日志\n第二行\n');
    expect(decodeSignerKey(signerKey).seed).toEqual(Buffer.alloc(32, 7));
  });

  it('refuses names with spaces or "+", and non-Ed25519 vkeys for an Ed25519 verifier', () => {
    expect(isValidKeyName('a b')).toBe(false);
    expect(isValidKeyName('a+b')).toBe(false);
    expect(isValidKeyName('a\u3000b')).toBe(false);
    expect(isValidKeyName('')).toBe(false);
    expect(isValidKeyName('example.com/log42')).toBe(true);
    expect(() => generateEd25519Key('bad name')).toThrow(LedgerArgumentError);
    const cosignerVkey = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';
    expect(decodeVerifierKey(cosignerVkey).signatureType).toBe(0x04);
    expect(() => ed25519Verifier(cosignerVkey)).toThrow(/not an Ed25519 \(type 0x01\)/);
  });

  it('rejects an uppercase or non-canonical base64 key spelling', () => {
    expect(() => ed25519Verifier(peter.vkey.replace('c74f20a3', 'C74F20A3'))).toThrow(
      LedgerFormatError,
    );
    expect(() => decodeVerifierKey('a+00000000+AQ=')).toThrow(LedgerFormatError);
  });
});

describe('adding signatures', () => {
  it('appends a second signer and keeps the first line', async () => {
    const enoch = generateEd25519Key('EnochRoot2', Buffer.alloc(32, 1));
    const signed = await addNoteSignatures(go.sign.expected_signed_note, [
      ed25519Signer(enoch.signerKey),
    ]);
    expect(signed.startsWith(go.sign.expected_signed_note)).toBe(true);
    const opened = openNote(signed, [verifierFor.PeterNeumann, ed25519Verifier(enoch.verifierKey)]);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot2']);
  });

  it('refuses text with control characters or lone surrogates', async () => {
    const signer = ed25519Signer(go.sign.skey);
    await expect(signNote('tab\there\n', [signer])).rejects.toThrow(LedgerFormatError);
    await expect(signNote('bad \ud800\n', [signer])).rejects.toThrow(LedgerFormatError);
  });
});
