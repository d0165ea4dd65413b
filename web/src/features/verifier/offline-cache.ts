// What the verifier page keeps to verify without the network (docs/credentials.md, "Offline"):
// the issuer metadata, the JWKS, the department names and every status list token the page
// needed, in IndexedDB (in memory where IndexedDB is not available), refreshed while it is open.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JwkLike } from '@contracts/sd-jwt-verify';
import type { Language } from '../../i18n';
import type { ReplayRecord } from './offline-verify';
import {
  EMPTY_SNAPSHOT,
  isOwnStatusListUri,
  statusListPath,
  type CachedStatusList,
  type TrustSnapshot,
} from './webcrypto-backend';

const DB_NAME = 'onetrip-verifier';
const TRUST = 'trust';
const REPLAY = 'replay';
/** How often the page refreshes what it keeps while it is open. */
export const REFRESH_MS = 3 * 60_000;
/** A status list fetched this recently is not fetched again for one more presentation. */
const STATUS_FRESH_MS = 60_000;

type Bilingual = { zh: string; en: string };
interface Stored {
  issuer: string | null;
  keys: JwkLike[];
  keysFetchedAt: string | null;
  departments: Record<string, Bilingual>;
  statusLists: Record<string, CachedStatusList>;
}

let dbPromise: Promise<IDBDatabase | null> | null = null;
const memory = new Map<string, Map<string, unknown>>([
  [TRUST, new Map()],
  [REPLAY, new Map()],
]);

function openDb(): Promise<IDBDatabase | null> {
  dbPromise ??= new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    try {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(TRUST);
        request.result.createObjectStore(REPLAY);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return dbPromise;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

async function get<T>(store: string, key: string): Promise<T | undefined> {
  const db = await openDb();
  if (!db) return memory.get(store)?.get(key) as T | undefined;
  return (await done(db.transaction(store).objectStore(store).get(key))) as T | undefined;
}

async function put(store: string, key: string, value: unknown): Promise<void> {
  const db = await openDb();
  if (!db) {
    memory.get(store)?.set(key, value);
    return;
  }
  await done(db.transaction(store, 'readwrite').objectStore(store).put(value, key));
}

async function entries<T>(store: string): Promise<[string, T][]> {
  const db = await openDb();
  if (!db) return [...(memory.get(store) ?? new Map<string, unknown>())] as [string, T][];
  const os = db.transaction(store).objectStore(store);
  const [keys, values] = await Promise.all([done(os.getAllKeys()), done(os.getAll())]);
  return keys.map((k, i) => [typeof k === 'string' ? k : JSON.stringify(k), values[i] as T]);
}

async function remove(store: string, key: string): Promise<void> {
  const db = await openDb();
  if (!db) {
    memory.get(store)?.delete(key);
    return;
  }
  await done(db.transaction(store, 'readwrite').objectStore(store).delete(key));
}

async function readStored(): Promise<Stored> {
  const all = new Map(await entries<unknown>(TRUST));
  const statusLists: Record<string, CachedStatusList> = {};
  for (const [key, value] of all)
    if (key.startsWith('status:')) statusLists[key.slice(7)] = value as CachedStatusList;
  const jwks = all.get('jwks') as { keys: JwkLike[]; fetchedAt: string } | undefined;
  return {
    issuer: (all.get('issuer') as string | undefined) ?? null,
    keys: jwks?.keys ?? [],
    keysFetchedAt: jwks?.fetchedAt ?? null,
    departments: (all.get('departments') as Record<string, Bilingual> | undefined) ?? {},
    statusLists,
  };
}

function snapshotOf(stored: Stored, language: Language): TrustSnapshot {
  return {
    ...stored,
    departments: Object.fromEntries(
      Object.entries(stored.departments).map(([code, name]) => [code, name[language]]),
    ),
  };
}

/** Whether the browser believes it is offline (then nothing is fetched, nothing logged). */
export const isOffline = (): boolean => typeof navigator !== 'undefined' && !navigator.onLine;

/**
 * GET a same-origin path; null on any failure (offline, refused, not what was expected).
 * `cache: 'no-cache'` asks the server even when the browser holds a fresh copy.
 */
async function fetchText(
  path: string,
  accept: string,
  cache: RequestCache = 'default',
): Promise<string | null> {
  try {
    const response = await fetch(path, { headers: { Accept: accept }, credentials: 'omit', cache });
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

async function fetchJson(path: string, cache?: RequestCache): Promise<unknown> {
  const text = await fetchText(path, 'application/json', cache);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Fetches one status list token of our own origin and keeps it; false when it could not. */
export async function keepStatusList(uri: string, force = false): Promise<boolean> {
  if (isOffline()) return false;
  const stored = await readStored();
  if (!isOwnStatusListUri(uri, location.origin, stored.issuer)) return false;
  const cached = stored.statusLists[uri];
  if (!force && cached && Date.now() - Date.parse(cached.fetchedAt) < STATUS_FRESH_MS) return true;
  const token = await fetchText(statusListPath(uri), 'application/statuslist+jwt');
  if (token === null) return false;
  const entry: CachedStatusList = { uri, token: token.trim(), fetchedAt: new Date().toISOString() };
  await put(TRUST, `status:${uri}`, entry);
  return true;
}

/**
 * Makes sure the kept JWKS has the key `kid`: fetches the JWKS again when it does not (a key
 * made or rotated after the page last fetched it, e.g. a department's first key). False when
 * the key could not be kept (offline, refused, or not in the JWKS).
 */
export async function keepIssuerKey(kid: string): Promise<boolean> {
  if (isOffline()) return false;
  if ((await readStored()).keys.some((k) => k.kid === kid)) return true;
  const fetchedAt = new Date().toISOString();
  // The JWKS is served with max-age=300: the browser's copy may be the one that lacks the key.
  const jwks = await fetchJson('/.well-known/jwks.json', 'no-cache');
  if (!jwks || !Array.isArray((jwks as { keys?: unknown }).keys)) return false;
  const keys = (jwks as { keys: JwkLike[] }).keys;
  await put(TRUST, 'jwks', { keys, fetchedAt });
  return keys.some((k) => k.kid === kid);
}

/**
 * Fetches the issuer metadata, the JWKS, the department names and every status list kept so
 * far, and keeps what arrived; what did not arrive stays as it was. Does nothing offline.
 */
export async function refreshTrustData(): Promise<void> {
  if (isOffline()) return;
  const fetchedAt = new Date().toISOString();
  const [issuer, jwks, departments] = await Promise.all([
    fetchJson('/.well-known/jwt-vc-issuer'),
    fetchJson('/.well-known/jwks.json'),
    fetchJson('/api/v1/catalog/departments'),
  ]);
  const writes: Promise<void>[] = [];
  if (issuer && typeof (issuer as { issuer?: unknown }).issuer === 'string')
    writes.push(put(TRUST, 'issuer', (issuer as { issuer: string }).issuer));
  if (jwks && Array.isArray((jwks as { keys?: unknown }).keys))
    writes.push(put(TRUST, 'jwks', { keys: (jwks as { keys: JwkLike[] }).keys, fetchedAt }));
  const items = (departments as { items?: unknown } | null)?.items;
  if (Array.isArray(items)) {
    const names: Record<string, Bilingual> = {};
    for (const d of items as { code?: unknown; name?: Bilingual }[])
      if (typeof d.code === 'string' && d.name) names[d.code] = d.name;
    writes.push(put(TRUST, 'departments', names));
  }
  await Promise.all(writes);
  const stored = await readStored();
  await Promise.all(Object.keys(stored.statusLists).map((uri) => keepStatusList(uri, true)));
}

/** What the page keeps now, department names in `language`. */
export async function loadSnapshot(language: Language): Promise<TrustSnapshot> {
  try {
    return snapshotOf(await readStored(), language);
  } catch {
    return EMPTY_SNAPSHOT;
  }
}

/** The page's record of accepted presentations, kept until each stops mattering. */
export const replayRecord: ReplayRecord = {
  async seen(key) {
    const until = await get<string>(REPLAY, key);
    return until !== undefined && Date.parse(until) > Date.now();
  },
  async remember(key, until) {
    await put(REPLAY, key, until);
    for (const [k, u] of await entries<string>(REPLAY))
      if (Date.parse(u) <= Date.now()) await remove(REPLAY, k);
  },
};

/**
 * Keeps the trust data fresh while the page is open (on load, every REFRESH_MS, when the
 * network comes back) and answers the latest snapshot; `reload` re-reads it after the page
 * kept another status list.
 */
export function useTrustCache(language: Language): {
  snapshot: TrustSnapshot;
  reload: () => Promise<TrustSnapshot>;
} {
  const [snapshot, setSnapshot] = useState<TrustSnapshot>(EMPTY_SNAPSHOT);
  const languageRef = useRef(language);
  languageRef.current = language;
  const reload = useCallback(async () => {
    const next = await loadSnapshot(languageRef.current);
    setSnapshot(next);
    return next;
  }, []);
  useEffect(() => {
    let stopped = false;
    const refresh = () => {
      void refreshTrustData()
        .catch(() => undefined)
        .then(() => (stopped ? undefined : reload()));
    };
    void reload();
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    window.addEventListener('online', refresh);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('online', refresh);
    };
  }, [reload]);
  useEffect(() => {
    void reload();
  }, [language, reload]);
  return { snapshot, reload };
}
