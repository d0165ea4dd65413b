import type { Kysely } from 'kysely';
import {
  OFFLINE_AUDIENCE,
  type HolderVerification,
  type PresentationRequest,
  type VerificationResult,
} from '../../../shared/contracts/credentials.js';
import type {
  PresentationVerification,
  VerifyOptions,
} from '../../../shared/contracts/sd-jwt-verify.js';
import { toRfc3339, type Clock } from '../../platform/clock/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import type { IdGenerator } from '../../platform/ids/index.js';
import type { Database } from '../../schema.js';
import type { RequestRow, VerificationsRepo } from './verifications.repo.js';

/** How long a presentation request can be answered. */
export const REQUEST_SECONDS = 300;
/** How long the verifier's page can still read the disclosed values after the request expired. */
const RESULT_KEEP_SECONDS = 600;
const PURGE_EVERY_MS = 60_000;
/** Who verified, when nobody is signed in. */
const ANONYMOUS = '匿名';

/** The verifier module's errors, with stable codes and both languages. */
export const VerificationsErrors = {
  requestNotFound: () =>
    new NotFoundError('VERIFICATION_REQUEST_NOT_FOUND', {
      zh: '未找到该核验请求',
      en: 'No such presentation request',
    }),
  answered: () =>
    new ConflictError('VERIFICATION_REQUEST_ANSWERED', {
      zh: '该核验请求已被回应过，请核验方重新发起',
      en: 'This request has been answered already; the verifier must make a new one',
    }),
  expired: () =>
    new ConflictError('VERIFICATION_REQUEST_EXPIRED', {
      zh: '该核验请求已过期，请核验方重新发起',
      en: 'This request has expired; the verifier must make a new one',
    }),
  unknownType: (type: string) =>
    new ValidationError(
      'VERIFICATION_TYPE_UNKNOWN',
      { zh: `没有证照类型 ${type}`, en: `No credential type ${type}` },
      [{ path: 'types', code: 'unknown', message: type }],
    ),
};

/** What the verifications service needs. */
export interface VerificationsServiceDeps {
  repo: VerificationsRepo;
  clock: Clock;
  ids: IdGenerator;
  publicUrl: string;
  /** verifyPresentation bound to our trust list, status lists and crypto. */
  verify(presentation: string, options: VerifyOptions): Promise<PresentationVerification>;
  /** A credential type's name, or null when there is no such type. */
  typeName(type: string): { zh: string; en: string } | null;
  /** The copy in a status slot (by the list URI a credential names), or null. */
  copyAt(uri: string, idx: number): Promise<{ credentialId: string; holderAccount: string } | null>;
  displayName(accountId: string): Promise<string | undefined>;
}

/** A verification as the API answers it. */
export type RecordedResult = VerificationResult;

/**
 * The verifier's side (docs/credentials.md, "Presenting", "Verifying"): presentation requests
 * answered once, verifications of holder QR codes and paper copies, every verification
 * recorded (claim names only) for the holder's history, and accepted presentations kept until
 * they could not pass again.
 */
export function createVerificationsService(deps: VerificationsServiceDeps) {
  const { repo, clock, ids } = deps;
  const base = deps.publicUrl.replace(/\/$/, '');
  // The disclosed values are shown to the verifier's polling page, never stored.
  const values = new Map<string, { result: RecordedResult; until: number }>();
  let lastPurge = 0;

  const parse = <T>(json: string | null, fallback: T): T => {
    try {
      return json ? (JSON.parse(json) as T) : fallback;
    } catch {
      return fallback;
    }
  };

  const stateOf = (row: RequestRow, now: Date): PresentationRequest['state'] =>
    row.state === 'pending' && row.expires_at <= now.toISOString()
      ? 'expired'
      : row.state === 'answered'
        ? 'answered'
        : row.state === 'pending'
          ? 'pending'
          : 'expired';

  const view = (row: RequestRow, now: Date): PresentationRequest => ({
    id: row.id,
    clientId: row.client_id,
    nonce: row.nonce,
    verifier: row.verifier_name,
    purpose: parse(row.purpose, { zh: '', en: '' }),
    types: parse<string[]>(row.types, []),
    claims: parse<string[]>(row.claims, []),
    expiresAt: toRfc3339(new Date(row.expires_at)),
    state: stateOf(row, now),
    qr: `${base}/wallet/present?request=${encodeURIComponent(row.id)}`,
  });

  /** The result once a replay was found while recording: refused at `replay`. */
  function asReplay(r: PresentationVerification): PresentationVerification {
    const at = r.result.checks.findIndex((c) => c.check === 'replay');
    return {
      ...r,
      replayKey: null,
      result: {
        ...r.result,
        valid: false,
        failedCheck: 'replay',
        disclosed: {},
        checks: [
          ...r.result.checks.slice(0, at < 0 ? r.result.checks.length : at),
          {
            check: 'replay',
            passed: false,
            detail: {
              zh: '此出示已被核验过一次，不能重复使用',
              en: 'This presentation was accepted before and cannot be used again',
            },
          },
        ],
      },
    };
  }

  async function purge(now: Date): Promise<void> {
    if (now.getTime() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now.getTime();
    await repo.purgeSeen(now.toISOString());
    for (const [k, v] of values) if (v.until <= now.getTime()) values.delete(k);
  }

  /**
   * Records a verification (and, for a request, marks it answered in the same transaction);
   * an accepted presentation's replay key is stored, and when it was stored before the
   * result becomes a replay refusal. Throws 409 when the request was answered meanwhile.
   */
  async function record(
    checked: PresentationVerification,
    ctx: {
      now: Date;
      verifierAccount: string | null;
      verifierName: string;
      requestId: string | null;
    },
  ): Promise<RecordedResult> {
    const id = ids.id();
    const nowIso = ctx.now.toISOString();
    const copy = checked.copy ? await deps.copyAt(checked.copy.uri, checked.copy.idx) : null;
    const final = await repo.transaction(async (tx: Kysely<Database>) => {
      if (ctx.requestId && !(await repo.answerRequest(tx, ctx.requestId, id, nowIso)))
        throw VerificationsErrors.answered();
      let r = checked;
      if (r.result.valid && r.replayKey && r.replayUntil) {
        const until = new Date(r.replayUntil).toISOString();
        if (!(await repo.markSeen(tx, r.replayKey, nowIso, until))) r = asReplay(r);
      }
      await repo.insertVerification(tx, {
        id,
        at: nowIso,
        verifier_account: ctx.verifierAccount,
        verifier_name: ctx.verifierName,
        request_id: ctx.requestId,
        mode: r.mode,
        credential_id: copy?.credentialId ?? null,
        valid: r.result.valid ? 1 : 0,
        failed_check: r.result.failedCheck,
        claims: JSON.stringify([...r.disclosedNames].sort()),
        result: JSON.stringify({ ...r.result, disclosed: {} }),
      });
      return r;
    });
    await purge(ctx.now);
    return { id, verifiedAt: toRfc3339(ctx.now), ...final.result };
  }

  const seenAt = (now: Date) => (key: string) => repo.seen(key, now.toISOString());

  async function answer(requestId: string, presentation: string): Promise<RecordedResult> {
    const row = await repo.findRequest(requestId);
    if (!row) throw VerificationsErrors.requestNotFound();
    const now = clock.now();
    const state = stateOf(row, now);
    if (state === 'answered') throw VerificationsErrors.answered();
    if (state === 'expired') throw VerificationsErrors.expired();
    const checked = await deps.verify(presentation, {
      now,
      audience: row.client_id,
      nonce: row.nonce,
      requiredClaims: parse<string[]>(row.claims, []),
      types: parse<string[]>(row.types, []),
      mode: 'request',
      seen: seenAt(now),
    });
    const result = await record(checked, {
      now,
      verifierAccount: row.verifier_account,
      verifierName: row.verifier_name,
      requestId,
    });
    values.set(requestId, {
      result,
      until: new Date(row.expires_at).getTime() + RESULT_KEEP_SECONDS * 1000,
    });
    return result;
  }

  return {
    /**
     * A verifier's presentation request: a 128-bit one-time nonce, a 5-minute life, its
     * client id (the `aud` to carry) and the wallet link its QR shows. Throws 422 for an
     * unknown type.
     */
    async createRequest(
      principal: Principal,
      input: { types: string[]; claims: string[]; purpose: { zh: string; en: string } },
    ): Promise<PresentationRequest> {
      for (const t of input.types) if (!deps.typeName(t)) throw VerificationsErrors.unknownType(t);
      const now = clock.now();
      const id = ids.id();
      const row: RequestRow = {
        id,
        verifier_account: principal.accountId,
        verifier_name: (await deps.displayName(principal.accountId)) ?? principal.username,
        client_id: `${base}/verifier/${id}`,
        nonce: ids.token(16),
        purpose: JSON.stringify(input.purpose),
        types: JSON.stringify([...new Set(input.types)]),
        claims: JSON.stringify([...new Set(input.claims)]),
        state: 'pending',
        verification_id: null,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + REQUEST_SECONDS * 1000).toISOString(),
        answered_at: null,
      };
      await repo.insertRequest(row);
      return view(row, now);
    },

    /**
     * A request as the wallet sees it (who asks what, and why); the verifier who made it also
     * gets the result once answered (the disclosed values while its page may still show them).
     * Throws 404.
     */
    async getRequest(
      principal: Principal | null,
      id: string,
    ): Promise<PresentationRequest & { result: RecordedResult | null }> {
      const row = await repo.findRequest(id);
      if (!row) throw VerificationsErrors.requestNotFound();
      const now = clock.now();
      let result: RecordedResult | null = null;
      if (principal?.accountId === row.verifier_account && row.verification_id) {
        const kept = values.get(id);
        if (kept && kept.until > now.getTime()) result = kept.result;
        else {
          const v = await repo.findVerification(row.verification_id);
          if (v)
            result = {
              ...parse<Omit<RecordedResult, 'id' | 'verifiedAt'>>(v.result, {
                valid: false,
                failedCheck: null,
                checks: [],
                credential: null,
                disclosed: {},
                statusCheckedAt: null,
              }),
              id: v.id,
              verifiedAt: toRfc3339(new Date(v.at)),
            };
        }
      }
      return { ...view(row, now), result };
    },

    /**
     * The wallet's answer to a request (direct_post): verified with the request's nonce,
     * client id, types and claims, recorded, and the request answered, once. Throws 404, or
     * 409 when it was answered before or has expired.
     */
    respond: answer,

    /**
     * Verifies a presentation: with `requestId` as the request's answer, otherwise a holder's
     * QR (offline audience, 60 s, once) or a paper copy. Always answers the result (refusals
     * are results); a signed-in verifier is named in the holder's history.
     */
    async verify(
      principal: Principal | null,
      input: { presentation: string; requestId?: string },
    ): Promise<RecordedResult> {
      if (input.requestId) return answer(input.requestId, input.presentation);
      const now = clock.now();
      const checked = await deps.verify(input.presentation, {
        now,
        audience: OFFLINE_AUDIENCE,
        mode: 'holder-qr',
        seen: seenAt(now),
      });
      const name = principal
        ? ((await deps.displayName(principal.accountId)) ?? principal.username)
        : ANONYMOUS;
      return record(checked, {
        now,
        verifierAccount: principal?.accountId ?? null,
        verifierName: name,
        requestId: null,
      });
    },

    /** Every verification of the signed-in holder's credentials: where, when, which claims (names). */
    async holderHistory(principal: Principal): Promise<HolderVerification[]> {
      const rows = await repo.holderVerifications(principal.accountId);
      return rows.map((r) => ({
        id: r.id,
        at: toRfc3339(new Date(r.at)),
        verifier: r.verifier_name,
        purpose: r.purpose ? parse<{ zh: string; en: string } | null>(r.purpose, null) : null,
        credentialId: r.credential_id ?? '',
        credentialName: deps.typeName(r.type) ?? { zh: r.type, en: r.type },
        claims: parse<string[]>(r.claims, []),
        valid: r.valid === 1,
        mode: r.mode === 'request' || r.mode === 'paper' ? r.mode : 'holder-qr',
      }));
    },
  };
}

/** The verifications service. */
export type VerificationsService = ReturnType<typeof createVerificationsService>;
