// Credentials made the way the issuing side makes them (@sd-jwt/sd-jwt-vc, node:crypto P-256
// keys), for the verifier's unit tests and its benchmark. Not imported by the app.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { vctOf, STATUS_LIST_TYP } from '../../../shared/contracts/credentials.js';
import type { JwkLike, VerifyTrust } from '../../../shared/contracts/sd-jwt-verify.js';

/** The public URL of the platform in these fixtures. */
export const FIXTURE_URL = 'https://onetrip.example';

/** A P-256 key pair with its public JWK and a JWS signer. */
export interface FixtureKey {
  kid: string;
  jwk: JwkLike & { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  privateKey: KeyObject;
  /** ES256 over the text, as base64url r||s. */
  sign(data: string): string;
}

/** A fresh P-256 key (`kid` e.g. `scjgj:20261201:k1`). */
export function fixtureKey(kid = 'holder'): FixtureKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pub = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  return {
    kid,
    jwk: { kty: 'EC', crv: 'P-256', x: pub.x, y: pub.y, kid, alg: 'ES256', use: 'sig' },
    privateKey,
    sign: (data) =>
      sign('sha256', Buffer.from(data), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString(
        'base64url',
      ),
  };
}

const b64json = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A compact JWS with the given header (alg, typ, kid as given) signed by `key`. */
export function signJwt(
  header: Record<string, unknown>,
  payload: unknown,
  key: FixtureKey,
): string {
  const input = `${b64json(header)}.${b64json(payload)}`;
  return `${input}.${key.sign(input)}`;
}

/** A 2-bit (or `bits`) status list token for `uri`, entries not named are 0 (valid). */
export function statusListToken(opts: {
  key: FixtureKey;
  uri: string;
  statuses?: Record<number, number>;
  bits?: number;
  size?: number;
  iat: number;
  ttl?: number;
  exp?: number;
  header?: Record<string, unknown>;
  sub?: string;
}): string {
  const bits = opts.bits ?? 2;
  const size = opts.size ?? 2 ** 17;
  const bytes = Buffer.alloc(Math.ceil((size * bits) / 8));
  for (const [i, v] of Object.entries(opts.statuses ?? {})) {
    const idx = Number(i);
    const at = Math.floor((idx * bits) / 8);
    bytes[at] = (bytes[at] ?? 0) | (v << ((idx * bits) % 8));
  }
  return signJwt(
    { alg: 'ES256', typ: STATUS_LIST_TYP, kid: opts.key.kid, ...opts.header },
    {
      sub: opts.sub ?? opts.uri,
      iat: opts.iat,
      exp: opts.exp ?? opts.iat + 86_400,
      ttl: opts.ttl ?? 300,
      status_list: { bits, lst: deflateSync(bytes).toString('base64url') },
    },
    opts.key,
  );
}

/** The URI of a status list of ours. */
export const listUri = (id: string, base = FIXTURE_URL) => `${base}/api/v1/status-lists/${id}`;

/** What a copy says. */
export interface CopySpec {
  issuerKey: FixtureKey;
  type: string;
  /** Selectively disclosable claims. */
  claims: Record<string, unknown>;
  /** The holder key of the copy; null for a paper copy. */
  holder: FixtureKey | null;
  listId: string;
  idx: number;
  iat: number;
  exp: number;
  iss?: string;
  /** Header fields over the library's (typ, kid …). */
  header?: Record<string, unknown>;
  issuingAuthority?: string;
  /** Another status list URI than the list's own (another host …). */
  statusUri?: string;
}

/** Issues one copy with @sd-jwt/sd-jwt-vc: `<jwt>~<disclosure>~…~`. */
export async function issueCopy(spec: CopySpec): Promise<string> {
  const issuer = new SDJwtVcInstance({
    signer: async (data: string) => spec.issuerKey.sign(data),
    signAlg: 'ES256',
    hasher: digest,
    hashAlg: 'sha-256',
    saltGenerator: generateSalt,
  });
  const department = spec.issuerKey.kid.split(':')[0]!;
  const payload = {
    iss: spec.iss ?? FIXTURE_URL,
    iat: spec.iat,
    exp: spec.exp,
    vct: vctOf(spec.type),
    ...(spec.holder
      ? { cnf: { jwk: { kty: 'EC', crv: 'P-256', x: spec.holder.jwk.x, y: spec.holder.jwk.y } } }
      : {}),
    status: { status_list: { idx: spec.idx, uri: spec.statusUri ?? listUri(spec.listId) } },
    issuing_authority: spec.issuingAuthority ?? department,
    issuing_country: 'CN',
    ...spec.claims,
  };
  return issuer.issue(payload, { _sd: Object.keys(spec.claims) } as never, {
    header: { kid: spec.issuerKey.kid, ...spec.header },
  });
}

/** Presents a copy disclosing `disclose`, with a KB-JWT signed by `holder` (none when null). */
export async function presentCopy(
  sdJwt: string,
  disclose: string[],
  holder: FixtureKey | null,
  kb: { aud: string; nonce: string; iat: number },
): Promise<string> {
  const wallet = new SDJwtVcInstance({
    hasher: digest,
    hashAlg: 'sha-256',
    kbSigner: holder ? async (data: string) => holder.sign(data) : undefined,
    kbSignAlg: 'ES256',
  });
  const frame = Object.fromEntries(disclose.map((c) => [c, true]));
  return wallet.present(sdJwt, frame, holder ? { kb: { payload: kb } } : undefined);
}

/** Types of the fixtures: a residence ID of the police (gaj), a business licence (scjgj). */
export const FIXTURE_TYPES: Record<string, { name: { zh: string; en: string }; issuer: string }> = {
  ResidentIdCard: { name: { zh: '居民身份证', en: 'Resident ID card' }, issuer: 'gaj' },
  BusinessLicence: { name: { zh: '营业执照', en: 'Business licence' }, issuer: 'scjgj' },
};

/** A trust list of the given keys with the fixture types. */
export function fixtureTrust(
  keys: FixtureKey[],
  statusList: VerifyTrust['statusList'],
): VerifyTrust {
  return {
    issuer: FIXTURE_URL,
    key: (kid) => keys.find((k) => k.kid === kid)?.jwk ?? null,
    typeInfo: (type) => FIXTURE_TYPES[type] ?? null,
    departmentName: (code) => ({ gaj: '公安局', scjgj: '市场监督管理局' })[code] ?? code,
    statusList,
  };
}
