/*
 * The wallet's copies of credentials, kept in this browser's IndexedDB with their holder keys
 * (CryptoKey objects are structured-clonable; the private keys stay non-extractable). Each
 * copy is presented once: taking one marks it used, and the wallet asks for more when fewer
 * than TOP_UP_BELOW unused ones are left (docs/credentials.md, Copies).
 */
import { apiPost } from '../../api';
import { generateHolderKey, publicJwk } from './holder-keys';

/** One copy of a credential bound to its own holder key. */
export interface StoredCopy {
  id: string;
  credentialId: string;
  sdJwt: string;
  expiresAt: string;
  used: boolean;
  keys: CryptoKeyPair;
  createdAt: string;
}

/** Copies asked for at a time, one fresh key each. */
export const COPY_BATCH = 5;
/** Fewer unused copies than this and the wallet asks for a new batch. */
export const TOP_UP_BELOW = 2;
/** A copy this close to its expiry is not presented any more. */
const EXPIRY_MARGIN_MS = 120_000;

const DB_NAME = 'onetrip-wallet';
const STORE = 'copies';

let opening: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'id' });
      store.createIndex('credentialId', 'credentialId');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  }).catch((cause: unknown) => {
    opening = null;
    throw cause;
  });
  return opening;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

async function copiesOf(credentialId: string): Promise<StoredCopy[]> {
  const db = await openDb();
  const index = db.transaction(STORE, 'readonly').objectStore(STORE).index('credentialId');
  return done(index.getAll(credentialId) as IDBRequest<StoredCopy[]>);
}

function usable(copy: StoredCopy, now: number): boolean {
  return !copy.used && Date.parse(copy.expiresAt) - EXPIRY_MARGIN_MS > now;
}

/** How many unused, unexpired copies of a credential this browser holds. */
export async function unusedCount(credentialId: string): Promise<number> {
  const now = Date.now();
  return (await copiesOf(credentialId)).filter((c) => usable(c, now)).length;
}

/** Deletes the used and expired copies of a credential (their keys go with them). */
async function prune(credentialId: string): Promise<void> {
  const now = Date.now();
  const stale = (await copiesOf(credentialId)).filter((c) => !usable(c, now));
  if (stale.length === 0) return;
  const db = await openDb();
  const store = db.transaction(STORE, 'readwrite').objectStore(STORE);
  await Promise.all(stale.map((c) => done(store.delete(c.id))));
}

function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

interface CopiesAnswer {
  copies: { sdJwt: string; expiresAt: string }[];
}

/** Asks the server for `count` copies, each bound to a fresh key, and stores them. */
async function fetchCopies(credentialId: string, count: number): Promise<void> {
  const keys = await Promise.all(Array.from({ length: count }, () => generateHolderKey()));
  const holderKeys = await Promise.all(keys.map((k) => publicJwk(k.publicKey)));
  const answer = await apiPost<CopiesAnswer>(
    `/api/v1/me/credentials/${encodeURIComponent(credentialId)}/copies`,
    { holderKeys },
  );
  const createdAt = new Date().toISOString();
  const records: StoredCopy[] = answer.copies.flatMap((copy, i) => {
    const pair = keys[i];
    return pair ? [{ id: newId(), credentialId, ...copy, used: false, keys: pair, createdAt }] : [];
  });
  const db = await openDb();
  const store = db.transaction(STORE, 'readwrite').objectStore(STORE);
  await Promise.all(records.map((r) => done(store.put(r))));
}

const toppingUp = new Map<string, Promise<void>>();

/**
 * Makes sure at least TOP_UP_BELOW unused copies of a credential are here, asking for a batch
 * of COPY_BATCH when not; one request at a time per credential. Throws the server's ApiError.
 */
export function ensureCopies(credentialId: string): Promise<void> {
  const running = toppingUp.get(credentialId);
  if (running) return running;
  const run = (async () => {
    await prune(credentialId);
    if ((await unusedCount(credentialId)) < TOP_UP_BELOW)
      await fetchCopies(credentialId, COPY_BATCH);
  })().finally(() => toppingUp.delete(credentialId));
  toppingUp.set(credentialId, run);
  return run;
}

/** Marks and returns one usable copy in a single transaction, so two callers never share one. */
async function claimOne(credentialId: string): Promise<StoredCopy | null> {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    let claimed: StoredCopy | null = null;
    const all = store.index('credentialId').getAll(credentialId) as IDBRequest<StoredCopy[]>;
    all.onsuccess = () => {
      const now = Date.now();
      const copy = all.result.find((c) => usable(c, now));
      if (!copy) return;
      claimed = { ...copy, used: true };
      store.put(claimed);
    };
    tx.oncomplete = () => resolve(claimed);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/**
 * Takes one unused copy of a credential to present, marking it used at once so it is never
 * shown twice, and tops the wallet up in the background. Throws the server's ApiError when it
 * has none left and cannot get more.
 */
export async function takeCopy(credentialId: string): Promise<StoredCopy> {
  let copy = await claimOne(credentialId);
  if (!copy) {
    await ensureCopies(credentialId);
    copy = await claimOne(credentialId);
  }
  if (!copy) throw new Error('no copy of the credential');
  // The next presentation should not wait for the server; a failure here shows up then.
  ensureCopies(credentialId).catch(() => undefined);
  return copy;
}
