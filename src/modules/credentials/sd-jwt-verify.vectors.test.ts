// The verifier's lower-level steps against published vectors: RFC 9901 (§4.2, §5, A.3) and the
// Token Status List draft's encoding vectors (test/vectors/README.md).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest, ES256 } from '@sd-jwt/crypto-nodejs';
import {
  decodeDisclosure,
  decodeStatusList,
  parseSdJwt,
  processDisclosures,
  readStatus,
  sha256b64url,
  verifyJwsSignature,
  verifyKeyBinding,
  type ParsedSdJwt,
} from '../../../shared/contracts/sd-jwt-verify.js';
import { createNodeVerifyCrypto } from './verify.node.js';

const read = (p: string): unknown =>
  JSON.parse(fs.readFileSync(new URL(`../../../test/vectors/${p}`, import.meta.url), 'utf8'));
const rfc = read('sd-jwt-rfc9901/rfc9901-examples.json') as {
  issuer_public_jwk: { kty: string; crv: string; x: string; y: string };
  section_4_2_1_disclosure_example: {
    contents: unknown[];
    disclosure: string;
    equivalent_encodings: { disclosure: string }[];
  };
  section_4_2_3_hash_example: { disclosure: string; sha256_b64url: string };
  section_5: {
    disclosures: { digest: string; disclosure: string; contents: unknown[] }[];
    sd_jwt_issued: string;
    sd_jwt_kb_presentation: string;
    processed_payload: Record<string, unknown>;
    kb_jwt_payload: { nonce: string; aud: string; iat: number; sd_hash: string };
    sd_jwt_payload: Record<string, unknown>;
  };
  appendix_a3_sd_jwt_vc: {
    json_blocks: Record<string, unknown>[];
    disclosures: { digest: string; disclosure: string; contents: unknown[] }[];
    compact: string[];
  };
};
const tsl = read('token-status-list/token-status-list-vectors.json') as {
  small_examples: { byte_array_hex: string; json_encoding: { bits: number; lst: string } }[];
  vectors: {
    bits: string | number;
    size: string | number;
    set_statuses: { idx: number; status: number }[];
    json_encoding: { bits: number; lst: string };
  }[];
};
const crypto = createNodeVerifyCrypto();

function parsed(text: string): ParsedSdJwt {
  const p = parseSdJwt(text);
  if (!p.ok) throw new Error(p.detail.en);
  return p.value;
}

describe('RFC 9901 disclosures (§4.2.1, §4.2.3, §5)', () => {
  it('hashes the Möbius disclosure as §4.2.3 and decodes it and its equivalent encodings', async () => {
    const h = rfc.section_4_2_3_hash_example;
    expect(await sha256b64url(h.disclosure, crypto)).toBe(h.sha256_b64url);
    const ex = rfc.section_4_2_1_disclosure_example;
    for (const d of [ex.disclosure, ...ex.equivalent_encodings.map((e) => e.disclosure)]) {
      const got = await decodeDisclosure(d, crypto);
      expect(got.ok && [got.value.salt, got.value.name, got.value.value]).toEqual(ex.contents);
    }
  });

  it('gives every §5 disclosure its published digest and contents', async () => {
    for (const d of rfc.section_5.disclosures) {
      const got = await decodeDisclosure(d.disclosure, crypto);
      expect(got.ok).toBe(true);
      if (!got.ok) continue;
      expect(got.value.digest).toBe(d.digest);
      const c =
        got.value.name === null
          ? [got.value.salt, got.value.value]
          : [got.value.salt, got.value.name, got.value.value];
      expect(c).toEqual(d.contents);
    }
  });
});

describe('RFC 9901 §5 SD-JWT+KB', () => {
  const s5 = rfc.section_5;
  it('verifies the issuer signature with the A.5 key and processes the claims to processed_payload', async () => {
    const p = parsed(s5.sd_jwt_kb_presentation);
    expect(await verifyJwsSignature(p.jwt, rfc.issuer_public_jwk, crypto, 'issuer')).toBe(true);
    const claims = await processDisclosures(p.jwt.payload, p.disclosures, crypto);
    expect(claims.ok).toBe(true);
    if (!claims.ok) return;
    expect(claims.value.claims).toEqual(s5.processed_payload);
    expect(claims.value.disclosedNames.sort()).toEqual(
      ['address', 'family_name', 'given_name', 'nationalities'].sort(),
    );
  });

  it('checks the KB-JWT: signed by cnf, sd_hash as published, the vector’s aud, nonce and iat', async () => {
    const p = parsed(s5.sd_jwt_kb_presentation);
    const kb = await verifyKeyBinding(p, p.jwt.payload['cnf'], crypto);
    expect(kb).toEqual({
      ok: true,
      value: {
        iat: s5.kb_jwt_payload.iat,
        aud: 'https://verifier.example.org',
        nonce: '1234567890',
      },
    });
    expect(await sha256b64url(p.sdHashInput, crypto)).toBe(s5.kb_jwt_payload.sd_hash);
  });

  it('refuses the issued SD-JWT (no KB) as key binding, and a KB moved to another presentation', async () => {
    const issued = parsed(s5.sd_jwt_issued);
    expect((await verifyKeyBinding(issued, issued.jwt.payload['cnf'], crypto)).ok).toBe(false);
    const kbJwt = s5.sd_jwt_kb_presentation.split('~').pop()!;
    // The full issuance with the presentation's KB-JWT: sd_hash no longer matches.
    const moved = parsed(`${s5.sd_jwt_issued}${kbJwt}`);
    const kb = await verifyKeyBinding(moved, moved.jwt.payload['cnf'], crypto);
    expect(kb.ok === false && kb.detail.en).toMatch(/sd_hash/);
  });

  it('with every disclosure issued, discloses every user claim', async () => {
    const p = parsed(s5.sd_jwt_issued);
    const claims = await processDisclosures(p.jwt.payload, p.disclosures, crypto);
    expect(claims.ok && claims.value.claims).toMatchObject({
      given_name: 'John',
      family_name: 'Doe',
      email: 'johndoe@example.com',
      phone_number: '+1-202-555-0101',
      phone_number_verified: true,
      birthdate: '1940-01-01',
      updated_at: 1570000000,
      nationalities: ['US', 'DE'],
    });
  });

  it('the library (SDJwtVcInstance.verify) accepts the same presentation', async () => {
    const v = new SDJwtVcInstance({
      hasher: digest,
      verifier: await ES256.getVerifier(rfc.issuer_public_jwk),
      kbVerifier: async (data, sig, payload) => {
        const cnf = (payload as { cnf: { jwk: object } }).cnf.jwk;
        return (await ES256.getVerifier(cnf))(data, sig);
      },
    });
    const r = await v.verify(s5.sd_jwt_kb_presentation, {
      keyBindingNonce: '1234567890',
      currentDate: s5.kb_jwt_payload.iat,
    });
    expect(r.kb?.payload.aud).toBe('https://verifier.example.org');
    expect((r.payload as Record<string, unknown>)['given_name']).toBe('John');
  });
});

describe('RFC 9901 Appendix A.3 (dc+sd-jwt PID)', () => {
  const a3 = rfc.appendix_a3_sd_jwt_vc;
  it('gives every disclosure its digest', async () => {
    expect(a3.disclosures).toHaveLength(27);
    for (const d of a3.disclosures) expect(await sha256b64url(d.disclosure, crypto)).toBe(d.digest);
  });

  it('verifies the issued SD-JWT VC and the presentation, with the processed claims of the example', async () => {
    const [issuedText, presented] = a3.compact as [string, string];
    const issued = parsed(issuedText);
    expect(issued.jwt.header['typ']).toBe('dc+sd-jwt');
    expect(await verifyJwsSignature(issued.jwt, rfc.issuer_public_jwk, crypto, 'issuer')).toBe(
      true,
    );
    const all = await processDisclosures(issued.jwt.payload, issued.disclosures, crypto);
    expect(all.ok && all.value.claims).toMatchObject(a3.json_blocks[0]!);

    const p = parsed(presented);
    expect(await verifyJwsSignature(p.jwt, rfc.issuer_public_jwk, crypto, 'issuer')).toBe(true);
    const some = await processDisclosures(p.jwt.payload, p.disclosures, crypto);
    expect(some.ok && some.value.claims).toEqual(a3.json_blocks[3]);
    const kb = await verifyKeyBinding(p, p.jwt.payload['cnf'], crypto);
    expect(kb.ok && kb.value).toEqual({
      iat: 1748537243,
      aud: 'https://verifier.example.org',
      nonce: '1234567890',
    });
  });

  it('refuses a disclosure that is not in the credential, and one presented twice', async () => {
    const issued = parsed(a3.compact[0]!);
    const foreign = rfc.section_5.disclosures[2]!.disclosure;
    const r1 = await processDisclosures(
      issued.jwt.payload,
      [...issued.disclosures, foreign],
      crypto,
    );
    expect(r1.ok === false && r1.detail.en).toMatch(/not part of this credential/);
    const one = issued.disclosures[0]!;
    const r2 = await processDisclosures(issued.jwt.payload, [one, one], crypto);
    expect(r2.ok === false && r2.detail.en).toMatch(/twice/);
  });
});

describe('Token Status List encoding vectors', () => {
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  it('inflates the small examples to their bytes', async () => {
    for (const ex of tsl.small_examples) {
      const list = await decodeStatusList(ex.json_encoding.lst, crypto);
      expect(list && hex(list)).toBe(ex.byte_array_hex);
    }
  });

  it('reads the spec’s 2-byte example entry by entry (1 bit, LSB first)', async () => {
    const list = (await decodeStatusList('eNrbuRgAAhcBXQ', crypto))!;
    const got = Array.from({ length: 16 }, (_, i) => readStatus(list, 1, i));
    expect(got).toEqual([1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]);
  });

  for (const v of tsl.vectors) {
    it(`reads every set status of the 2^20-entry list at ${v.bits} bits, and zeros elsewhere`, async () => {
      const bits = Number(v.bits);
      const list = (await decodeStatusList(v.json_encoding.lst, crypto))!;
      expect(list.length).toBe((Number(v.size) * bits) / 8);
      const set = new Map(v.set_statuses.map((s) => [s.idx, s.status]));
      for (const [idx, status] of set) expect(readStatus(list, bits, idx)).toBe(status);
      let nonZero = 0;
      for (let i = 0; i < Number(v.size); i++) if (readStatus(list, bits, i) !== 0) nonZero++;
      expect(nonZero).toBe([...set.values()].filter((s) => s !== 0).length);
      expect(readStatus(list, bits, Number(v.size))).toBeNull();
    });
  }
});
