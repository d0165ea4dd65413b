import http from 'node:http';
import https from 'node:https';
import type { DataItem } from './datahub.items.js';

/** What a source adapter is told about the call (never the requester's personal data). */
export interface FetchContext {
  item: DataItem;
  /** The ledger purpose the data is read for (receipt number). */
  purpose: string;
  /** The department reading, or null for the person themself. */
  department: string | null;
}

/**
 * A source department's data behind one interface: the record of `subject` (identity number
 * or credit code) for `ctx.item`, narrowed to `fields`, or null when the source holds none.
 * Rejects with DataSourceUnavailable when the source cannot answer (timeout, open circuit).
 */
export interface DataSource {
  fetch(
    subject: string,
    fields: string[],
    ctx: FetchContext,
  ): Promise<Record<string, unknown> | null>;
}

/** The source did not answer in time or at all; the caller falls back (upload) and never loses the application. */
export class DataSourceUnavailable extends Error {
  constructor(
    readonly source: string,
    readonly reason: 'timeout' | 'circuit-open' | 'error',
    message: string,
  ) {
    super(message);
    this.name = 'DataSourceUnavailable';
  }
}

/** The built-in adapter's store: records kept in the platform's own `datahub_records` table. */
export interface RecordStore {
  record(
    source: string,
    item: string,
    subjectKey: string,
  ): Promise<Record<string, unknown> | undefined>;
}

/** A source read from the platform's `datahub_records` table (demo and synthetic population). */
export function builtinSource(store: RecordStore): DataSource {
  return {
    async fetch(subject, fields, ctx) {
      const data = await store.record(ctx.item.source, ctx.item.item, subject);
      if (!data) return null;
      return Object.fromEntries(fields.filter((k) => k in data).map((k) => [k, data[k]]));
    },
  };
}

/** How an HTTP source behaves on failure. */
export interface HttpSourceOptions {
  /** The department's endpoint; the adapter POSTs `{ item, subject, fields, purpose }` as JSON. */
  url: string;
  source: string;
  /** An API key sent as a bearer token. */
  apiKey?: string;
  timeoutMs?: number;
  /** Attempts after the first on timeouts, network errors and 5xx (not on 4xx). */
  retries?: number;
  /** Consecutive failed calls that open the circuit. */
  failureThreshold?: number;
  /** How long an open circuit refuses calls before one trial call is let through. */
  resetMs?: number;
  now?: () => number;
}

interface Reply {
  status: number;
  body: string;
}

function post(
  url: URL,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<Reply> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(new DataSourceUnavailable('', 'timeout', `no answer in ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * An adapter for a department's own API: a timeout per attempt, retries on timeouts and 5xx,
 * and a circuit breaker (closed → open after `failureThreshold` failed calls → half-open after
 * `resetMs`, one trial call). 200 `{ data }` is the record, 404 is "no record".
 */
export function httpSource(
  options: HttpSourceOptions,
): DataSource & { state(): 'closed' | 'open' | 'half-open' } {
  const timeoutMs = options.timeoutMs ?? 2000;
  const retries = options.retries ?? 1;
  const threshold = options.failureThreshold ?? 5;
  const resetMs = options.resetMs ?? 30_000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt: number | null = null;
  let trial = false;

  const state = () =>
    openedAt === null ? 'closed' : now() - openedAt >= resetMs ? 'half-open' : 'open';
  const fail = () => {
    failures++;
    trial = false;
    if (failures >= threshold || openedAt !== null) openedAt = now();
  };

  return {
    state,
    async fetch(subject, fields, ctx) {
      const s = state();
      if (s === 'open' || (s === 'half-open' && trial)) {
        throw new DataSourceUnavailable(
          options.source,
          'circuit-open',
          `${options.source}: circuit open`,
        );
      }
      if (s === 'half-open') trial = true;
      const body = JSON.stringify({
        item: ctx.item.item,
        subject,
        fields,
        purpose: ctx.purpose,
        department: ctx.department,
      });
      const headers: Record<string, string> = options.apiKey
        ? { authorization: `Bearer ${options.apiKey}` }
        : {};
      let last: unknown;
      for (let attempt = 0; attempt <= retries; attempt++) {
        try {
          const reply = await post(new URL(options.url), body, headers, timeoutMs);
          if (reply.status >= 500) {
            last = new DataSourceUnavailable(
              options.source,
              'error',
              `${options.source}: HTTP ${reply.status}`,
            );
            continue;
          }
          failures = 0;
          openedAt = null;
          trial = false;
          if (reply.status === 404) return null;
          if (reply.status !== 200)
            throw new DataSourceUnavailable(
              options.source,
              'error',
              `${options.source}: HTTP ${reply.status}`,
            );
          const parsed = JSON.parse(reply.body) as { data?: Record<string, unknown> | null };
          const data = parsed.data ?? null;
          return data
            ? Object.fromEntries(fields.filter((k) => k in data).map((k) => [k, data[k]]))
            : null;
        } catch (error) {
          if (
            error instanceof DataSourceUnavailable &&
            error.reason === 'error' &&
            !error.message.includes('HTTP 5')
          ) {
            fail();
            throw error;
          }
          last = error;
        }
      }
      fail();
      if (last instanceof DataSourceUnavailable)
        throw new DataSourceUnavailable(options.source, last.reason, last.message);
      throw new DataSourceUnavailable(
        options.source,
        'error',
        `${options.source}: ${last instanceof Error ? last.message : String(last)}`,
      );
    },
  };
}
