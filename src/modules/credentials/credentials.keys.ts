import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.js';
import type { SecretBox } from '../../platform/crypto/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Logger } from '../../platform/logging/index.js';
import type { Database } from '../../schema.js';
import { CredentialsErrors } from './credentials.errors.js';
import { credentialsQueries, type CredentialsRepo, type IssuerKeyRow } from './credentials.repo.js';

/** An issuer's public key as /.well-known/jwks.json publishes it (and the verifier trusts it). */
export type PublicJwk = {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
};

/**
 * What signs for a department: an HSM, a KMS or an SM2 signer plugs in here. `sign` gets the
 * JWS signing input (`<header>.<payload>`) and answers the base64url signature (r||s for ES256).
 */
export interface CredentialSigner {
  kid: string;
  alg: 'ES256';
  sign(data: string): Promise<string>;
}

/** The keys a verifier trusts: every issuer key, active and retired. */
export interface TrustList {
  jwks(): Promise<{ keys: PublicJwk[] }>;
  /** The key with this id, or null when it is not ours. */
  key(kid: string): Promise<PublicJwk | null>;
}

/** The department a key id belongs to: the part before the first colon. Throws nothing. */
export const departmentOfKid = (kid: string): string => kid.split(':')[0] ?? '';

const yyyymmdd = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '');

function publicJwkOf(row: Pick<IssuerKeyRow, 'public_jwk'>): PublicJwk {
  return JSON.parse(row.public_jwk) as PublicJwk;
}

/** ES256 over `data` with a P-256 private key, as a JWS wants it (IEEE P1363, base64url). */
export function es256Sign(key: KeyObject, data: string): string {
  return sign('sha256', Buffer.from(data, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }).toString(
    'base64url',
  );
}

/**
 * The departments' issuer keys (`credential_issuer_keys`): one active ES256 key per
 * department, made on first use (racing nodes insert-or-ignore on the department's active
 * slot, then all read the winner), its private key sealed with the secret box. `signer()`
 * throws the secret box's error when a key cannot be unsealed.
 */
export function createIssuerKeys(deps: {
  repo: CredentialsRepo;
  clock: Clock;
  ids: IdGenerator;
  secretBox: SecretBox;
  logger?: Pick<Logger, 'info'>;
  /** Another signer for a department (an HSM); the built-in one signs with the stored key. */
  externalSigner?: (department: string) => CredentialSigner | undefined;
}) {
  const { repo, clock, ids, secretBox } = deps;
  const unsealed = new Map<string, KeyObject>();

  function newKeyRow(department: string): IssuerKeyRow {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const now = clock.now();
    const kid = `${department}:${yyyymmdd(now)}:${ids.token(6)}`;
    const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
    const pub: PublicJwk = {
      kty: 'EC',
      crv: 'P-256',
      x: String(jwk.x),
      y: String(jwk.y),
      kid,
      alg: 'ES256',
      use: 'sig',
    };
    return {
      kid,
      department,
      alg: 'ES256',
      public_jwk: JSON.stringify(pub),
      private_key: secretBox.seal(JSON.stringify(privateKey.export({ format: 'jwk' }))),
      created_at: now.toISOString(),
      retired_at: null,
      active_for: department,
    };
  }

  async function activeRow(department: string): Promise<IssuerKeyRow> {
    const found = await repo.activeKey(department);
    if (found) return found;
    const row = newKeyRow(department);
    if (await repo.insertKeyIfNone(row))
      deps.logger?.info({ kid: row.kid, department }, 'credential issuer key created');
    const winner = await repo.activeKey(department);
    if (!winner) throw CredentialsErrors.noKey(department);
    return winner;
  }

  function signerOf(row: IssuerKeyRow): CredentialSigner {
    let key = unsealed.get(row.kid);
    if (!key) {
      const jwk = JSON.parse(secretBox.open(row.private_key)) as JsonWebKey;
      key = createPrivateKey({ key: jwk, format: 'jwk' });
      unsealed.set(row.kid, key);
    }
    const k = key;
    return { kid: row.kid, alg: 'ES256', sign: (data) => Promise.resolve(es256Sign(k, data)) };
  }

  const trustList: TrustList = {
    async jwks() {
      return { keys: (await repo.keys()).map(publicJwkOf) };
    },
    async key(kid) {
      const row = await repo.key(kid);
      return row ? publicJwkOf(row) : null;
    },
  };

  return {
    trustList,

    /** The signer of a department's active key, made on first use. */
    async signer(department: string): Promise<CredentialSigner> {
      const external = deps.externalSigner?.(department);
      if (external) return external;
      return signerOf(await activeRow(department));
    },

    /**
     * `onetrip credentials rotate-key <department>`: a new active key; the old one is retired
     * (it signs nothing more) and stays in the JWKS, so what it signed still verifies.
     */
    async rotate(department: string): Promise<{ kid: string; retired: string | null }> {
      const row = newKeyRow(department);
      return repo.transaction(async (tx: Kysely<Database>) => {
        const q = credentialsQueries(tx);
        const old = await q.activeKey(department);
        if (old) await q.retireKey(old.kid, row.created_at);
        if (!(await q.insertKeyIfNone(row))) throw CredentialsErrors.noKey(department);
        deps.logger?.info({ kid: row.kid, retired: old?.kid ?? null }, 'credential key rotated');
        return { kid: row.kid, retired: old?.kid ?? null };
      });
    },
  };
}

/** The issuer keys. */
export type IssuerKeys = ReturnType<typeof createIssuerKeys>;
