import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
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

/**
 * A department's key kept outside the platform (an HSM, a KMS): the platform publishes
 * `publicJwk` under `kid` and hands `sign` the JWS signing input (UTF-8 bytes); `sign` answers
 * the ES256 signature as r||s (IEEE P1363, 64 bytes). The private key never reaches the
 * platform: its row in `credential_issuer_keys` holds the handle {@link EXTERNAL_KEY_HANDLE}.
 */
export interface ExternalCredentialSigner {
  /** `<department>:<anything>`: the verifier reads the department from the part before `:`. */
  kid: string;
  /** The P-256 public key (`kty: EC`, `crv: P-256`, `x`, `y`). */
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** What `credential_issuer_keys.private_key` holds for a key an external signer keeps. */
export const EXTERNAL_KEY_HANDLE = 'external';

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
 * Checks the external signers given at start-up: each key id of its department, each public
 * key a P-256 point, no key id twice. Throws an Error naming the department otherwise.
 */
function checkedExternal(
  signers: Record<string, ExternalCredentialSigner>,
): Map<string, { signer: ExternalCredentialSigner; jwk: PublicJwk; key: KeyObject }> {
  const out = new Map<
    string,
    { signer: ExternalCredentialSigner; jwk: PublicJwk; key: KeyObject }
  >();
  const kids = new Set<string>();
  for (const [department, signer] of Object.entries(signers)) {
    if (departmentOfKid(signer.kid) !== department || !signer.kid.includes(':'))
      throw new Error(`external signer of ${department}: its kid must start with "${department}:"`);
    if (kids.has(signer.kid)) throw new Error(`external signers: kid ${signer.kid} given twice`);
    kids.add(signer.kid);
    const { kty, crv, x, y } = signer.publicJwk;
    if (kty !== 'EC' || crv !== 'P-256')
      throw new Error(`external signer of ${department}: the public key is no P-256 key`);
    let key: KeyObject;
    try {
      key = createPublicKey({ key: { kty, crv, x, y }, format: 'jwk' });
    } catch {
      throw new Error(`external signer of ${department}: the public key is no P-256 point`);
    }
    const jwk: PublicJwk = { kty, crv, x, y, kid: signer.kid, alg: 'ES256', use: 'sig' };
    out.set(department, { signer, jwk, key });
  }
  return out;
}

/**
 * The departments' issuer keys (`credential_issuer_keys`): one active ES256 key per
 * department, made on first use (racing nodes insert-or-ignore on the department's active
 * slot, then all read the winner), its private key sealed with the secret box. A department
 * with an external signer signs with it instead: its public key is published from start-up,
 * and recorded (public key and a handle, never a private key) as the department's active key
 * the first time it signs, so it stays trusted once the HSM moves on. `signer()` throws the
 * secret box's error when a key cannot be unsealed, 503 `CREDENTIAL_KEY_UNAVAILABLE` when an
 * external signer answers no valid signature. Throws an Error when an external signer is
 * misconfigured (see checkedExternal).
 */
export function createIssuerKeys(deps: {
  repo: CredentialsRepo;
  clock: Clock;
  ids: IdGenerator;
  secretBox: SecretBox;
  logger?: Pick<Logger, 'info' | 'error'>;
  /** Signers kept outside the platform (an HSM), by department; the others sign with stored keys. */
  externalSigners?: Record<string, ExternalCredentialSigner>;
}) {
  const { repo, clock, ids, secretBox } = deps;
  const unsealed = new Map<string, KeyObject>();
  const external = checkedExternal(deps.externalSigners ?? {});
  const recorded = new Map<string, Promise<void>>();

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
    // An external key whose signer is no longer configured: rotate to get a stored one.
    if (row.private_key === EXTERNAL_KEY_HANDLE) throw CredentialsErrors.noKey(row.department);
    let key = unsealed.get(row.kid);
    if (!key) {
      const jwk = JSON.parse(secretBox.open(row.private_key)) as JsonWebKey;
      key = createPrivateKey({ key: jwk, format: 'jwk' });
      unsealed.set(row.kid, key);
    }
    const k = key;
    return { kid: row.kid, alg: 'ES256', sign: (data) => Promise.resolve(es256Sign(k, data)) };
  }

  /** Records the external key as the department's active one (once per node), retiring the stored one. */
  function record(department: string, jwk: PublicJwk): Promise<void> {
    let done = recorded.get(department);
    if (!done) {
      done = repo.transaction(async (tx: Kysely<Database>) => {
        const q = credentialsQueries(tx);
        const known = await q.key(jwk.kid);
        if (
          known &&
          (known.department !== department ||
            publicJwkOf(known).x !== jwk.x ||
            publicJwkOf(known).y !== jwk.y)
        )
          throw new Error(`external signer of ${department}: kid ${jwk.kid} is another key's`);
        if (known?.active_for === department) return;
        const now = clock.now().toISOString();
        const old = await q.activeKey(department);
        if (old) await q.retireKey(old.kid, now);
        if (known) await q.activateKey(jwk.kid, department);
        else
          await q.insertKeyIfNew({
            kid: jwk.kid,
            department,
            alg: 'ES256',
            public_jwk: JSON.stringify(jwk),
            private_key: EXTERNAL_KEY_HANDLE,
            created_at: now,
            retired_at: null,
            active_for: department,
          });
        deps.logger?.info(
          { kid: jwk.kid, retired: old?.kid ?? null },
          'external issuer key recorded',
        );
      });
      done.catch(() => recorded.delete(department));
      recorded.set(department, done);
    }
    return done;
  }

  function externalSignerOf(
    department: string,
    ext: { signer: ExternalCredentialSigner; jwk: PublicJwk; key: KeyObject },
  ): CredentialSigner {
    return {
      kid: ext.jwk.kid,
      alg: 'ES256',
      async sign(data) {
        const bytes = Buffer.from(data, 'utf8');
        const signature = Buffer.from(await ext.signer.sign(new Uint8Array(bytes)));
        // A signature the published key does not verify would make credentials nobody accepts.
        const ok =
          signature.length === 64 &&
          verify('sha256', bytes, { key: ext.key, dsaEncoding: 'ieee-p1363' }, signature);
        if (!ok) {
          deps.logger?.error({ kid: ext.jwk.kid }, 'external signer answered no valid signature');
          throw CredentialsErrors.noKey(department);
        }
        return signature.toString('base64url');
      },
    };
  }

  const trustList: TrustList = {
    async jwks() {
      const keys = (await repo.keys()).map(publicJwkOf);
      const listed = new Set(keys.map((k) => k.kid));
      for (const e of external.values()) if (!listed.has(e.jwk.kid)) keys.push(e.jwk);
      return { keys };
    },
    async key(kid) {
      const row = await repo.key(kid);
      if (row) return publicJwkOf(row);
      return [...external.values()].find((e) => e.jwk.kid === kid)?.jwk ?? null;
    },
  };

  return {
    trustList,

    /** The signer of a department's active key, made on first use. */
    async signer(department: string): Promise<CredentialSigner> {
      const ext = external.get(department);
      if (ext) {
        await record(department, ext.jwk);
        return externalSignerOf(department, ext);
      }
      return signerOf(await activeRow(department));
    },

    /**
     * `onetrip credentials rotate-key <department>`: a new active key; the old one is retired
     * (it signs nothing more) and stays in the JWKS, so what it signed still verifies. Throws
     * 409 `CREDENTIAL_KEY_EXTERNAL` for a department an external signer signs for (its key
     * changes in the HSM, then in the signer the platform is given).
     */
    async rotate(department: string): Promise<{ kid: string; retired: string | null }> {
      if (external.has(department)) throw CredentialsErrors.externalKey(department);
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
