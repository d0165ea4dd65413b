import { createPublicKey } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import {
  CREDENTIAL_TYP,
  vctOf,
  type CredentialView,
  type DepartmentCredential,
} from '../../../shared/contracts/credentials.js';
import { toRfc3339, type Clock } from '../../platform/clock/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Database } from '../../schema.js';
import type { LedgerService } from '../ledger/index.js';
import { chinaDate, maskedClaims, withDerivedClaims } from './credentials.claims.js';
import { CredentialsErrors } from './credentials.errors.js';
import type { IssuerKeys } from './credentials.keys.js';
import {
  credentialsQueries,
  type CredentialRow,
  type CredentialsRepo,
} from './credentials.repo.js';
import type { NewCopy, StatusLists } from './credentials.status-lists.js';

/** A credential type as the catalog describes it (catalog/credential-types.yaml). */
export interface CredentialTypeInfo {
  type: string;
  name: { zh: string; en: string };
  kind: string;
  claims: string[];
  issuer: string | null;
}

/** What the service needs of the catalog. */
export interface CredentialsCatalogPort {
  credentialType(type: string): CredentialTypeInfo | undefined;
  departmentName(code: string): string | undefined;
}

/** Kinds that have a printable paper form; identity certificates have none. */
export const PAPER_KINDS = new Set(['licence', 'proof', 'decision', 'record']);
/** A copy lives at most this long (its `exp`), never past the credential's own expiry. */
export const COPY_DAYS = 90;
const DAY = 86_400;

/** One credential to issue: who holds it, what it says, whom the ledger entry is about. */
export interface NewCredential {
  dedupeKey: string;
  holderAccount: string;
  type: string;
  issuer: string;
  source: 'application' | 'registry';
  applicationId: string | null;
  receiptNo: string | null;
  claims: Record<string, unknown>;
  expiresAt: string | null;
  /** The identity number (or credit code) the ledger entry's subject is the HMAC of. */
  subjectKey: string | null;
  actor: string;
  actorRole: string | null;
}

/** Whom a credential is about, for its ledger entries: the identity number, else the credit code. */
export function subjectKeyOf(claims: Record<string, unknown>): string | null {
  for (const k of ['idNumber', 'creditCode']) {
    const v = claims[k];
    if (typeof v === 'string' && v) return v;
  }
  return null;
}

/** The department of a reviewer or lead, or null for anyone else. */
function departmentStaff(p: Principal): string | null {
  const staff = p.kind === 'staff' && (p.roles.includes('reviewer') || p.roles.includes('lead'));
  return staff ? (p.departmentCode ?? null) : null;
}

/** A holder key of one copy (P-256 public JWK). */
export interface HolderKey {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/**
 * The credentials a holder has: issuing (from completed applications and the registry, one
 * ledger entry each), copies as SD-JWT VCs (each its own status slot and salts), the
 * holder's view, and status changes by the issuing department.
 */
export function createCredentialsService(deps: {
  repo: CredentialsRepo;
  clock: Clock;
  ids: IdGenerator;
  ledger: Pick<LedgerService, 'append'>;
  keys: Pick<IssuerKeys, 'signer'>;
  statusLists: Pick<StatusLists, 'allocate' | 'invalidate'>;
  catalog: CredentialsCatalogPort;
  publicUrl: string;
}) {
  const { repo, clock, ids, catalog } = deps;
  const iss = deps.publicUrl.replace(/\/$/, '');

  const typeOf = (type: string) => {
    const t = catalog.credentialType(type);
    if (!t) throw CredentialsErrors.unknownType(type);
    return t;
  };

  /**
   * Issues a credential in `tx` unless its dedupe key was issued before (then the existing
   * one), with its ledger entry `credential.issued`. Throws 422 for an unknown type.
   */
  async function issue(tx: Kysely<Database>, c: NewCredential): Promise<CredentialRow> {
    typeOf(c.type);
    const q = credentialsQueries(tx);
    const now = clock.now();
    const row: CredentialRow = {
      id: ids.id(),
      dedupe_key: c.dedupeKey,
      holder_account: c.holderAccount,
      type: c.type,
      issuer: c.issuer,
      source: c.source,
      application_id: c.applicationId,
      receipt_no: c.receiptNo,
      claims: JSON.stringify(c.claims),
      status: 'valid',
      status_reason: null,
      issued_at: now.toISOString(),
      expires_at: c.expiresAt,
      updated_at: now.toISOString(),
    };
    if (!(await q.insertCredential(row))) {
      const existing = await q.credentialByDedupe(c.dedupeKey);
      if (existing) return existing;
    }
    await deps.ledger.append(tx, {
      type: 'credential',
      action: 'credential.issued',
      actor: c.actor,
      actorRole: c.actorRole,
      purpose: `credential:${c.type}`,
      subjectIdNumber: c.subjectKey,
      data: {
        credential: row.id,
        type: row.type,
        issuer: row.issuer,
        source: row.source,
        application: row.application_id,
        claims: c.claims,
      },
      at: now,
    });
    return row;
  }

  function view(row: CredentialRow): CredentialView {
    const t = catalog.credentialType(row.type);
    const claims = withDerivedClaims(
      JSON.parse(row.claims) as Record<string, unknown>,
      clock.now(),
    );
    return {
      id: row.id,
      type: row.type,
      vct: vctOf(row.type),
      name: t?.name ?? { zh: row.type, en: row.type },
      kind: t?.kind ?? 'record',
      issuer: { code: row.issuer, name: catalog.departmentName(row.issuer) ?? row.issuer },
      claims: maskedClaims(claims),
      status: row.status as CredentialView['status'],
      statusReason: row.status_reason,
      issuedAt: toRfc3339(new Date(row.issued_at)),
      expiresAt: row.expires_at ? toRfc3339(new Date(row.expires_at)) : null,
      applicationId: row.application_id,
      receiptNo: row.receipt_no,
      paper: PAPER_KINDS.has(t?.kind ?? ''),
    };
  }

  /** The view of a credential for its department: whom it is about, never a full identity number. */
  function departmentView(row: CredentialRow): DepartmentCredential {
    const claims = maskedClaims(JSON.parse(row.claims) as Record<string, unknown>);
    const first = (keys: string[]) => {
      for (const k of keys) {
        const v = claims[k];
        if (typeof v === 'string' && v) return v;
      }
      return null;
    };
    return {
      id: row.id,
      type: row.type,
      vct: vctOf(row.type),
      name: catalog.credentialType(row.type)?.name ?? { zh: row.type, en: row.type },
      holder: {
        name: first(['companyName', 'name', 'childName', 'householdHead']),
        number: first(['creditCode', 'idNumber']),
      },
      status: row.status as DepartmentCredential['status'],
      statusReason: row.status_reason,
      issuedAt: toRfc3339(new Date(row.issued_at)),
      expiresAt: row.expires_at ? toRfc3339(new Date(row.expires_at)) : null,
      receiptNo: row.receipt_no,
    };
  }

  /** The holder's credential; 404 for anyone else's or an unknown id. */
  async function own(id: string, account: string): Promise<CredentialRow> {
    const row = await repo.credential(id);
    if (!row || row.holder_account !== account) throw CredentialsErrors.notFound();
    return row;
  }

  /**
   * A paper copy as printed: every disclosure but identity numbers'. Paper is shown and posted
   * where anyone can scan it; the number stays in the credential, undisclosed (its digest),
   * and the printed text shows it masked.
   */
  function withoutIdentityNumbers(sdJwt: string): string {
    const [jwt, ...rest] = sdJwt.split('~');
    const kept = rest.filter((d) => {
      if (!d) return false;
      try {
        const [, name] = JSON.parse(Buffer.from(d, 'base64url').toString('utf8')) as unknown[];
        return !(typeof name === 'string' && /idnumbers?$/i.test(name));
      } catch {
        return true;
      }
    });
    return [jwt, ...kept, ''].join('~');
  }

  function usable(row: CredentialRow, nowMs: number): void {
    if (row.status !== 'valid') throw CredentialsErrors.notActive(row.status);
    if (row.expires_at && Date.parse(row.expires_at) <= nowMs) throw CredentialsErrors.expired();
  }

  /** Issues copies of `row`, one per holder key (null: a paper copy without `cnf`). */
  async function copies(
    row: CredentialRow,
    holderKeys: (HolderKey | null)[],
  ): Promise<{ sdJwt: string; expiresAt: string }[]> {
    const now = clock.now();
    usable(row, now.getTime());
    const iat = Math.floor(now.getTime() / 1000 / DAY) * DAY;
    const credentialExp = row.expires_at ? Math.floor(Date.parse(row.expires_at) / 1000) : null;
    const exp = Math.min(credentialExp ?? Infinity, iat + COPY_DAYS * DAY);
    const claims = withDerivedClaims(JSON.parse(row.claims) as Record<string, unknown>, now);
    const signer = await deps.keys.signer(row.issuer);
    const sdjwt = new SDJwtVcInstance({
      signer: (data) => signer.sign(data),
      signAlg: signer.alg,
      hasher: digest,
      hashAlg: 'sha-256',
      saltGenerator: generateSalt,
    });
    const expiresAt = new Date(exp * 1000).toISOString();
    return repo.transaction(async (tx) => {
      const out: { sdJwt: string; expiresAt: string }[] = [];
      for (const holderKey of holderKeys) {
        const copy: NewCopy = {
          id: ids.id(),
          credential_id: row.id,
          form: holderKey ? 'wallet' : 'paper',
          issued_at: now.toISOString(),
          expires_at: expiresAt,
        };
        const slot = await deps.statusLists.allocate(tx, row.issuer, copy);
        const payload = {
          iss,
          iat,
          exp,
          vct: vctOf(row.type),
          ...(holderKey
            ? {
                cnf: {
                  jwk: { kty: holderKey.kty, crv: holderKey.crv, x: holderKey.x, y: holderKey.y },
                },
              }
            : {}),
          status: { status_list: { idx: slot.idx, uri: slot.uri } },
          issuing_authority: row.issuer,
          issuing_country: 'CN',
          ...claims,
        };
        const sdJwt = await sdjwt.issue(payload, { _sd: Object.keys(claims) } as never, {
          header: { typ: CREDENTIAL_TYP, kid: signer.kid },
        });
        out.push({ sdJwt, expiresAt: toRfc3339(new Date(expiresAt)) });
      }
      return out;
    });
  }

  return {
    issue,

    /** The signed-in holder's credentials, newest first. */
    async list(p: Principal): Promise<CredentialView[]> {
      return (await repo.credentialsOf(p.accountId)).map(view);
    },

    /** One of the holder's credentials; 404 for anyone else's. */
    async get(p: Principal, id: string): Promise<CredentialView> {
      return view(await own(id, p.accountId));
    },

    /** The view of a credential row (for the registry service). */
    view,

    /**
     * Fresh wallet copies, one per holder key: 404 for anyone else's credential, 409 when it
     * is revoked, suspended or expired, 422 for a key that is not a P-256 point.
     */
    async copies(p: Principal, id: string, holderKeys: HolderKey[]) {
      const row = await own(id, p.accountId);
      holderKeys.forEach((k, i) => {
        try {
          createPublicKey({ key: { kty: k.kty, crv: k.crv, x: k.x, y: k.y }, format: 'jwk' });
        } catch {
          throw CredentialsErrors.badHolderKey(i);
        }
      });
      return { copies: await copies(row, holderKeys) };
    },

    /**
     * A paper copy (every claim, no holder key, its own status slot) for the printed form of a
     * licence, proof, decision or record: 404 for anyone else's credential, 409 for an
     * identity certificate (no paper form) or one not valid.
     */
    async paperCopy(
      credentialId: string,
      account: string,
    ): Promise<{ sdJwt: string; expiresAt: string; credential: CredentialView }> {
      const row = await own(credentialId, account);
      if (!PAPER_KINDS.has(catalog.credentialType(row.type)?.kind ?? ''))
        throw CredentialsErrors.noPaper();
      const [copy] = await copies(row, [null]);
      if (!copy) throw CredentialsErrors.notFound();
      return { ...copy, sdJwt: withoutIdentityNumbers(copy.sdJwt), credential: view(row) };
    },

    /**
     * The credentials the signed-in staff member's department issued for the application of
     * `receiptNo`, for its reviewers and leads: type, dates, status and whom each is about (the
     * identity number masked), no other claim. An unknown receipt, or one whose credentials
     * another department issued, answers an empty list (so the list tells nobody what other
     * departments hold). 403 for anyone but a reviewer or lead of a department.
     */
    async ofReceipt(p: Principal, receiptNo: string): Promise<DepartmentCredential[]> {
      const department = departmentStaff(p);
      if (!department) throw CredentialsErrors.notDepartmentStaff();
      return (await repo.credentialsOfReceipt(department, receiptNo)).map(departmentView);
    },

    /**
     * A department revokes, suspends or reinstates one of its credentials, with a reason the
     * holder sees and a ledger entry. 404 for an unknown id, 403 for anyone but the issuing
     * department's reviewers and leads, 409 once revoked (revocation is final).
     */
    async changeStatus(
      p: Principal,
      id: string,
      change: { status: 'valid' | 'revoked' | 'suspended'; reason: string },
    ): Promise<CredentialView> {
      const row = await repo.credential(id);
      if (!row) throw CredentialsErrors.notFound();
      if (departmentStaff(p) !== row.issuer) throw CredentialsErrors.notIssuer();
      if (row.status === 'revoked') throw CredentialsErrors.revoked();
      const now = clock.now();
      const updated = await repo.transaction(async (tx) => {
        const q = credentialsQueries(tx);
        const patch = {
          status: change.status,
          status_reason: change.reason,
          updated_at: now.toISOString(),
        };
        await q.setStatus(id, patch);
        await deps.ledger.append(tx, {
          type: 'credential',
          action: `credential.${change.status === 'valid' ? 'reinstated' : change.status}`,
          actor: p.accountId,
          actorRole: p.roles.includes('lead') ? 'lead' : 'reviewer',
          purpose: `credential:${row.type}`,
          subjectIdNumber: subjectKeyOf(JSON.parse(row.claims) as Record<string, unknown>),
          data: { credential: id, status: change.status, reason: change.reason },
          at: now,
        });
        return { ...row, ...patch };
      });
      deps.statusLists.invalidate(await repo.listsOf(id));
      return view(updated);
    },

    /** The date a claim like `establishedOn` takes for something decided `at` (China time). */
    dateOf: (at: Date) => chinaDate(at),
  };
}

/** The credentials service. */
export type CredentialsService = ReturnType<typeof createCredentialsService>;
