import { describe, expect, it } from 'vitest';
import { SDJwtInstance } from '@sd-jwt/core';
import { ES256, digest, generateSalt } from '@sd-jwt/crypto-nodejs';

import {
  buildPresentation,
  decodeDisclosure,
  fromBase64url,
  jwtPayload,
  parseSdJwt,
  randomNonce,
  sha256Base64url,
} from './present';
import { generateHolderKey, publicJwk } from './holder-keys';

// The wallet's presentation code (present.ts) against @sd-jwt/core:
// a copy issued by the library, presented by the browser's code, verified by the library.

const hasher = (data: string | ArrayBuffer, alg: string) => digest(data, alg);

async function issuer() {
  const { privateKey, publicKey } = await ES256.generateKeyPair();
  return new SDJwtInstance({
    hasher,
    hashAlg: 'sha-256',
    saltGenerator: generateSalt,
    signer: await ES256.getSigner(privateKey),
    verifier: await ES256.getVerifier(publicKey),
    signAlg: 'ES256',
    kbVerifier: async (data, sig, payload) => {
      const jwk = (payload.cnf as { jwk: object }).jwk;
      return (await ES256.getVerifier(jwk))(data, sig);
    },
  });
}

async function issueCopy(sd: SDJwtInstance<Record<string, unknown>>, holder: CryptoKeyPair) {
  return sd.issue(
    {
      iss: 'https://onetrip.example',
      iat: 1_764_547_200,
      vct: 'urn:cn:onetrip:ResidentIdCard:1',
      cnf: { jwk: await publicJwk(holder.publicKey) },
      name: '张三',
      idNumber: '330681199003071233',
      age_over_18: true,
      province: '浙江省',
    },
    { _sd: ['name', 'idNumber', 'age_over_18', 'province'] },
    { header: { typ: 'dc+sd-jwt', kid: 'psb:20261201:abc' } },
  );
}

describe('the wallet’s presentation', () => {
  it('makes non-extractable holder keys whose public JWK is P-256', async () => {
    const keys = await generateHolderKey();
    expect(keys.privateKey.extractable).toBe(false);
    const jwk = await publicJwk(keys.publicKey);
    expect(jwk).toEqual({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
    expect(fromBase64url(jwk.x)).toHaveLength(32);
    await expect(crypto.subtle.exportKey('jwk', keys.privateKey)).rejects.toThrow();
  });

  it('decodes the disclosures of an issued copy', async () => {
    const sd = await issuer();
    const copy = await issueCopy(sd, await generateHolderKey());
    const parsed = parseSdJwt(copy);
    expect(parsed.disclosures.map((d) => d.name).sort()).toEqual([
      'age_over_18',
      'idNumber',
      'name',
      'province',
    ]);
    expect(parsed.disclosures.find((d) => d.name === 'name')?.value).toBe('张三');
    expect(jwtPayload(parsed.jwt).vct).toBe('urn:cn:onetrip:ResidentIdCard:1');
    expect(() => parseSdJwt('not-a-jwt')).toThrow();
    expect(() => decodeDisclosure('!!')).toThrow();
  });

  it('discloses only the chosen claims, with a KB-JWT the library accepts', async () => {
    const sd = await issuer();
    const holder = await generateHolderKey();
    const copy = await issueCopy(sd, holder);
    const nonce = randomNonce();
    const iat = Math.floor(Date.now() / 1000);
    const presentation = await buildPresentation({
      sdJwt: copy,
      claims: ['name', 'age_over_18', 'notAClaim'],
      privateKey: holder.privateKey,
      aud: 'onetrip:any-verifier',
      nonce,
      iat,
    });

    const parts = presentation.split('~');
    expect(parts).toHaveLength(4);
    const kb = parts[3] ?? '';
    const [kbHeader, kbBody] = kb.split('.').map((p) => fromBase64url(p));
    expect(JSON.parse(new TextDecoder().decode(kbHeader))).toEqual({
      alg: 'ES256',
      typ: 'kb+jwt',
    });
    const kbPayload = JSON.parse(new TextDecoder().decode(kbBody)) as Record<string, unknown>;
    expect(kbPayload).toMatchObject({ iat, aud: 'onetrip:any-verifier', nonce });
    expect(kbPayload.sd_hash).toBe(await sha256Base64url(`${parts.slice(0, 3).join('~')}~`));

    const verified = await sd.verify(presentation, { keyBindingNonce: nonce });
    const payload = verified.payload as Record<string, unknown>;
    expect(payload.name).toBe('张三');
    expect(payload.age_over_18).toBe(true);
    expect(payload).not.toHaveProperty('idNumber');
    expect(payload).not.toHaveProperty('province');
    expect(verified.kb?.payload.aud).toBe('onetrip:any-verifier');
  });

  it('is refused when signed by a key other than the copy’s', async () => {
    const sd = await issuer();
    const copy = await issueCopy(sd, await generateHolderKey());
    const nonce = randomNonce();
    const presentation = await buildPresentation({
      sdJwt: copy,
      claims: ['name'],
      privateKey: (await generateHolderKey()).privateKey,
      aud: 'verifier-1',
      nonce,
    });
    await expect(sd.verify(presentation, { keyBindingNonce: nonce })).rejects.toThrow();
  });

  it('presents no disclosure when none is chosen', async () => {
    const sd = await issuer();
    const holder = await generateHolderKey();
    const copy = await issueCopy(sd, holder);
    const nonce = randomNonce();
    const presentation = await buildPresentation({
      sdJwt: copy,
      claims: [],
      privateKey: holder.privateKey,
      aud: 'verifier-1',
      nonce,
    });
    expect(presentation.split('~')).toHaveLength(2);
    const verified = await sd.verify(presentation, { keyBindingNonce: nonce });
    expect(verified.payload).not.toHaveProperty('name');
  });
});
