import { readFileSync } from 'node:fs';
import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { fixedClock } from '../../platform/clock/index.js';
import { formatCheckpoint, signCheckpoint, type Checkpoint } from './checkpoint.js';
import {
  cosignatureMessage,
  cosignatureTimestamp,
  cosignatureVerifier,
  cosignCheckpoint,
  cosigner,
  toCosignatureVerifierKey,
} from './cosignature.js';
import { LedgerFormatError, LedgerSignatureError } from './ledger.errors.js';
import {
  computeKeyId,
  decodeVerifierKey,
  ed25519Signer,
  ed25519Verifier,
  generateEd25519Key,
  openNote,
  parseNote,
  signNote,
} from './note.js';

interface CosignatureVectors {
  cosigned_checkpoint: { note: string; log_vkey: string; witness_vkey: string };
  cosignature_vkeys: { vkey: string; type?: number; valid: boolean }[];
  cosignature_timestamps: { base64: string; timestamp: number | null }[];
}
const vectors = JSON.parse(
  readFileSync(
    new URL('../../../test/vectors/tlog-scales/cosigned-checkpoint-vectors.json', import.meta.url),
    'utf8',
  ),
) as CosignatureVectors;
const real = vectors.cosigned_checkpoint;

describe('a real checkpoint cosigned by the remora.n621.de witness', () => {
  it('verifies the cosignature/v1 line and reads its timestamp', () => {
    const opened = openNote(real.note, [cosignatureVerifier(real.witness_vkey)]);
    expect(opened.verified.map((s) => s.name)).toEqual(['remora.n621.de']);
    expect(cosignatureTimestamp(opened.verified[0]!)).toBe(1779573024);
    expect(opened.unverified).toHaveLength(5);
  });

  it('verifies log signature and cosignature together', () => {
    const opened = openNote(real.note, [
      ed25519Verifier(real.log_vkey),
      cosignatureVerifier(real.witness_vkey),
    ]);
    expect(opened.verified.map((s) => s.name)).toEqual([
      'arche2025h1.staging.ct.transparency.dev',
      'remora.n621.de',
    ]);
  });

  it('rejects the cosignature when the tree size is changed', () => {
    const forged = real.note.replace('\n1432088532\n', '\n42\n');
    expect(() => openNote(forged, [cosignatureVerifier(real.witness_vkey)])).toThrow(
      expect.objectContaining({ code: 'LEDGER_BAD_SIGNATURE' }) as Error,
    );
  });

  it('rejects the cosignature with its timestamp moved by one second', () => {
    const line = parseNote(real.note).signatures.find((s) => s.name === 'remora.n621.de')!;
    const bytes = Buffer.from(line.base64, 'base64');
    bytes.writeBigUInt64BE(bytes.readBigUInt64BE(4) + 1n, 4);
    const moved = real.note.replace(line.base64, bytes.toString('base64'));
    expect(() => openNote(moved, [cosignatureVerifier(real.witness_vkey)])).toThrow(
      LedgerSignatureError,
    );
  });
});

describe('transparency-dev/formats cosignature key and timestamp vectors', () => {
  it('computes the 0x04 key ID of the remora.n621.de vkey', () => {
    const key = decodeVerifierKey(real.witness_vkey);
    expect(computeKeyId(key.name, 0x04, key.publicKey)).toBe(0xda77ade7);
  });

  it.each(vectors.cosignature_vkeys)('handles $vkey', ({ vkey, type, valid }) => {
    if (!valid) {
      expect(() => cosignatureVerifier(vkey)).toThrow(LedgerFormatError);
      return;
    }
    // A plain Ed25519 vkey must be converted explicitly before it verifies cosignatures.
    const cosignerVkey = type === 0x01 ? toCosignatureVerifierKey(vkey) : vkey;
    if (type === 0x01) expect(() => cosignatureVerifier(vkey)).toThrow(/type 0x04/);
    expect(decodeVerifierKey(cosignerVkey).signatureType).toBe(0x04);
    expect(cosignatureVerifier(cosignerVkey).name).toBe(vkey.split('+')[0]);
  });

  it.each(vectors.cosignature_timestamps)(
    'reads the timestamp of $base64',
    ({ base64, timestamp }) => {
      const signature = Buffer.from(base64, 'base64').subarray(4);
      if (timestamp === null)
        expect(() => cosignatureTimestamp({ signature })).toThrow(LedgerFormatError);
      else expect(cosignatureTimestamp({ signature })).toBe(timestamp);
    },
  );
});

describe('cosigning our own checkpoints', () => {
  const log = generateEd25519Key('ledger.onetrip.example/access', Buffer.alloc(32, 3));
  const court = generateEd25519Key('court.example/witness', Buffer.alloc(32, 4));
  const clock = fixedClock('2026-03-01T00:00:00Z');
  const seconds = Date.parse('2026-03-01T00:00:00Z') / 1000;
  const checkpoint: Checkpoint = {
    origin: 'ledger.onetrip.example/access',
    size: 10,
    rootHash: Buffer.alloc(32, 0xab),
    extensions: [],
  };

  it('builds the signed message from the header, time line and body', () => {
    expect(
      cosignatureMessage(
        1679315147,
        'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
      ).toString(),
    ).toBe(
      'cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
  });

  it('writes keyID || timestamp || Ed25519(message) and verifies it', async () => {
    const witness = cosigner(court.signerKey, clock);
    const signed = await signCheckpoint(checkpoint, [ed25519Signer(log.signerKey)]);
    const cosigned = await cosignCheckpoint(signed, witness, {
      origin: checkpoint.origin,
      verifiers: [ed25519Verifier(log.verifierKey)],
    });
    expect(cosigned.startsWith(signed)).toBe(true);

    const line = parseNote(cosigned).signatures[1]!;
    const raw = Buffer.from(line.base64, 'base64');
    expect(raw).toHaveLength(4 + 8 + 64);
    expect(raw.readUInt32BE(0)).toBe(witness.keyId);
    expect(witness.keyId).toBe(
      computeKeyId('court.example/witness', 0x04, decodeVerifierKey(court.verifierKey).publicKey),
    );
    expect(Number(raw.readBigUInt64BE(4))).toBe(seconds);
    // Checked with node:crypto directly, not through our verifier.
    const pub = createPublicKey({
      key: Buffer.concat([
        Buffer.from('302a300506032b6570032100', 'hex'),
        decodeVerifierKey(court.verifierKey).publicKey,
      ]),
      format: 'der',
      type: 'spki',
    });
    expect(
      verify(
        null,
        cosignatureMessage(seconds, formatCheckpoint(checkpoint)),
        pub,
        raw.subarray(12),
      ),
    ).toBe(true);

    expect(witness.verifierKey).toBe(toCosignatureVerifierKey(court.verifierKey));
    const opened = openNote(cosigned, [
      ed25519Verifier(log.verifierKey),
      cosignatureVerifier(witness.verifierKey),
    ]);
    expect(opened.verified).toHaveLength(2);
  });

  it('does not let the plain key verify a cosignature, nor the cosigner key a plain signature', async () => {
    const body = formatCheckpoint(checkpoint);
    const cosigned = await signNote(body, [cosigner(court.signerKey, clock)]);
    expect(() => openNote(cosigned, [ed25519Verifier(court.verifierKey)])).toThrow(
      /no verifiable signatures/,
    );
    const plain = await signNote(body, [ed25519Signer(court.signerKey)]);
    expect(() =>
      openNote(plain, [cosignatureVerifier(toCosignatureVerifierKey(court.verifierKey))]),
    ).toThrow(/no verifiable signatures/);
  });

  it('covers extension lines', async () => {
    const body = formatCheckpoint({ ...checkpoint, extensions: ['Extendo'] });
    const cosigned = await signNote(body, [cosigner(court.signerKey, clock)]);
    const verifier = cosignatureVerifier(toCosignatureVerifierKey(court.verifierKey));
    expect(openNote(cosigned, [verifier]).verified).toHaveLength(1);
    expect(() => openNote(cosigned.replace('Extendo', 'Extendx'), [verifier])).toThrow(
      LedgerSignatureError,
    );
  });

  it('refuses to cosign text that is not a checkpoint, or a checkpoint the log did not sign', async () => {
    await expect(signNote('just words\n', [cosigner(court.signerKey, clock)])).rejects.toThrow(
      LedgerFormatError,
    );
    const unsigned = await signCheckpoint(checkpoint, [ed25519Signer(court.signerKey)]);
    await expect(
      cosignCheckpoint(unsigned, cosigner(court.signerKey, clock), {
        origin: checkpoint.origin,
        verifiers: [ed25519Verifier(log.verifierKey)],
      }),
    ).rejects.toMatchObject({ code: 'LEDGER_NOTE_UNVERIFIED' });
  });

  it('refuses a malformed timestamp payload', () => {
    expect(() => cosignatureTimestamp({ signature: Buffer.alloc(71) })).toThrow(LedgerFormatError);
    const huge = Buffer.alloc(72);
    huge.writeBigUInt64BE(2n ** 62n);
    expect(() => cosignatureTimestamp({ signature: huge })).toThrow(/out of range/);
    expect(() => cosignatureMessage(-1, 'x\n')).toThrow(/non-negative/);
  });
});
