import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { StatusList } from '@sd-jwt/jwt-status-list';
import { CREDENTIAL_STATUS, STATUS_LIST_TYP } from '../../../shared/contracts/credentials.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Database } from '../../schema.js';
import type { CredentialSigner } from './credentials.keys.js';
import { credentialsQueries, type CopyRow, type CredentialsRepo } from './credentials.repo.js';

/** Entries per list (2^17): large, so an index says little about who holds it. */
export const STATUS_LIST_SIZE = 2 ** 17;
/** A department opens a new list once this many entries of its newest are handed out. */
export const STATUS_LIST_FILL = STATUS_LIST_SIZE / 4;
/** Bits per entry: 0 valid, 1 revoked, 2 suspended. */
export const STATUS_LIST_BITS = 2;
/** How long a verifier may cache a list (seconds), and how long the token is valid. */
export const STATUS_LIST_TTL = 300;
const TOKEN_LIFE = 86_400;
// A signed token is reused this long in-process unless a status changes first.
const CACHE_MS = 60_000;

/** The slot value of a credential status. Throws nothing (unknown statuses read as revoked). */
export function statusValue(status: string): number {
  return status in CREDENTIAL_STATUS
    ? CREDENTIAL_STATUS[status as keyof typeof CREDENTIAL_STATUS]
    : CREDENTIAL_STATUS.revoked;
}

/** The compressed `lst` of a 2-bit list of `size` entries with `slots` set. Throws nothing. */
export function encodeStatusList(
  slots: { idx: number; value: number }[],
  size: number = STATUS_LIST_SIZE,
): string {
  const list = new StatusList(new Array<number>(size).fill(0), STATUS_LIST_BITS);
  for (const s of slots) if (s.value !== 0) list.setStatus(s.idx, s.value);
  return list.compressStatusList();
}

/** The status of entry `idx` of a compressed list; throws when `lst` is not a list. */
export function decodeStatus(lst: string, bits: 1 | 2 | 4 | 8, idx: number): number {
  return StatusList.decompressStatusList(lst, bits).getStatus(idx);
}

/** A copy to place in a random free slot. */
export type NewCopy = Omit<CopyRow, 'list_id' | 'idx'>;

/**
 * The departments' 2-bit token status lists (`<department>-<n>`, 2^17 entries each): random
 * slot allocation for copies, and the signed `statuslist+jwt` each list is served as.
 */
export function createStatusLists(deps: {
  repo: CredentialsRepo;
  clock: Clock;
  publicUrl: string;
  signer(department: string): Promise<CredentialSigner>;
  /** A random integer in [0, max); the CSPRNG by default. */
  random?: (max: number) => number;
}) {
  const { repo, clock } = deps;
  const random = deps.random ?? ((max: number) => randomInt(max));
  const base = `${deps.publicUrl.replace(/\/$/, '')}/api/v1/status-lists/`;
  const cache = new Map<string, { token: string; until: number }>();

  const uriOf = (listId: string) => `${base}${encodeURIComponent(listId)}`;

  async function openList(tx: Kysely<Database>, issuer: string): Promise<string> {
    const q = credentialsQueries(tx);
    const open = await q.openList(issuer, STATUS_LIST_FILL);
    if (open) return open.id;
    const now = clock.now().toISOString();
    const id = `${issuer}-${(await q.countLists(issuer)) + 1}`;
    await q.insertListIfNew({
      id,
      issuer,
      bits: STATUS_LIST_BITS,
      size: STATUS_LIST_SIZE,
      used: 0,
      created_at: now,
      updated_at: now,
    });
    return id;
  }

  return {
    uriOf,

    /** The list id of one of our status list URIs, or null when the URI is not ours. */
    idOfUri(uri: string): string | null {
      if (!uri.startsWith(base)) return null;
      const id = decodeURIComponent(uri.slice(base.length));
      return /^[a-z0-9-]+-\d+$/.test(id) ? id : null;
    },

    /**
     * Places `copy` in a random unused slot of `issuer`'s open list (a new list when it is a
     * quarter used), retrying when the slot is taken; returns where it went.
     */
    async allocate(
      tx: Kysely<Database>,
      issuer: string,
      copy: NewCopy,
    ): Promise<{ listId: string; idx: number; uri: string }> {
      const q = credentialsQueries(tx);
      for (let attempt = 0; attempt < 32; attempt++) {
        const listId = await openList(tx, issuer);
        const idx = random(STATUS_LIST_SIZE);
        if (await q.insertCopyIfFree({ ...copy, list_id: listId, idx })) {
          await q.countUsed(listId, clock.now().toISOString());
          return { listId, idx, uri: uriOf(listId) };
        }
      }
      throw new Error(`no free status slot found for ${issuer}`);
    },

    /** The signed status list token (`statuslist+jwt`), or null for an unknown list. */
    async token(listId: string): Promise<string | null> {
      const hit = cache.get(listId);
      const nowMs = clock.now().getTime();
      if (hit && hit.until > nowMs) return hit.token;
      const list = await repo.list(listId);
      if (!list) return null;
      const slots = (await repo.slots(listId)).map((s) => ({
        idx: s.idx,
        value: statusValue(s.status),
      }));
      const signer = await deps.signer(list.issuer);
      const iat = Math.floor(nowMs / 1000);
      const header = { alg: signer.alg, typ: STATUS_LIST_TYP, kid: signer.kid };
      const payload = {
        sub: uriOf(listId),
        iat,
        exp: iat + TOKEN_LIFE,
        ttl: STATUS_LIST_TTL,
        status_list: {
          bits: list.bits as 1 | 2 | 4 | 8,
          lst: encodeStatusList(slots, list.size),
        },
      };
      const input = `${b64(header)}.${b64(payload)}`;
      const token = `${input}.${await signer.sign(input)}`;
      cache.set(listId, { token, until: nowMs + CACHE_MS });
      return token;
    },

    /** Drops the cached tokens of these lists (a status changed). */
    invalidate(listIds: string[]): void {
      for (const id of listIds) cache.delete(id);
    },

    /** The copy in a slot, for the verifier (whose credential a presentation is), or null. */
    async copyAt(
      listId: string,
      idx: number,
    ): Promise<{ credentialId: string; holderAccount: string; type: string; form: string } | null> {
      const row = await repo.copyAt(listId, idx);
      return row
        ? {
            credentialId: row.credential_id,
            holderAccount: row.holder_account,
            type: row.type,
            form: row.form,
          }
        : null;
    },
  };
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

/** The status lists. */
export type StatusLists = ReturnType<typeof createStatusLists>;
