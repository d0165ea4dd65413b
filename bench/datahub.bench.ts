// The data hub's speed (issues 6 and 14): look-ups in a synthetic population through the
// built-in adapter (in-process, p50/p99), and purpose-bound queries per second over HTTP, each
// with its access row and ledger append in one transaction, beside two limits measured on the
// same server in the same run: an authenticated GET /healthz (auth, database ping, Fastify,
// HTTP; no data hub) and the same query called in-process (the data hub alone, no HTTP).
// The HTTP clients run on a worker thread, so their work does not sit on the server's event loop.
// Run: npx tsx bench/datahub.bench.ts [--full | --people 10000] [--lookups 20000] [--queries 4000]
//      [--concurrency 8] [--only sqlite|postgres] [--no-write] [--profile | --profile-local]
// --full loads 1 000 000 people (about 3 minutes); the default is `onetrip seed population`'s 10 000.
// PostgreSQL runs beside SQLite when ONETRIP_TEST_DATABASE_URL or DATABASE_URL is set.
// Prints a markdown table, writes it under "## Data hub" in BENCHMARKS.md (unless --no-write)
// and the summary rows to bench/results/datahub.summary.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { createApp, type App } from '../src/app.js';
import { loadConfig } from '../src/platform/config/index.js';
import type { DatabaseTarget } from '../src/platform/db/index.js';
import {
  builtinSource,
  createDatahubRepo,
  findItem,
  generatePopulation,
} from '../src/modules/datahub/index.js';
import { writeSummary, type SummaryRow } from './summary.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const FULL = argv.includes('--full');
const PEOPLE = Number(arg('people', FULL ? '1000000' : '10000'));
const LOOKUPS = Number(arg('lookups', '20000'));
const QUERIES = Number(arg('queries', '4000'));
const CONCURRENCY = Number(arg('concurrency', '8'));
const ONLY = arg('only', '');
// --profile: only the HTTP queries (no look-ups, limits or file writes), for `node --cpu-prof`.
// --profile-local: the same with the query called in-process (the data hub's own cost).
const PROFILE_LOCAL = argv.includes('--profile-local');
const PROFILE = argv.includes('--profile') || PROFILE_LOCAL;
const WRITE = !argv.includes('--no-write') && !PROFILE;
const TARGET = 2000;
// Look-ups need only these items; the other sources' rows would only make loading slower.
const ITEMS = new Set(['psb/population-basic', 'psb/household-register', 'hrss/insurance-record']);

const log = (m: string) => process.stderr.write(`${m}\n`);
const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const ms = (x: number) => `${x.toFixed(x < 1 ? 3 : 1)} ms`;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-datahub-bench-'));

async function lookups(): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'test',
    ONETRIP_DATA_DIR: path.join(tmp, 'pop'),
    ONETRIP_LOG_LEVEL: 'silent',
  });
  fs.mkdirSync(config.dataDir, { recursive: true });
  // Migrate through the app once, then load with one prepared statement in large transactions.
  await (await createApp(config)).close();
  const file = path.join(config.dataDir, 'onetrip.sqlite');
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const insert = raw.prepare(
    'insert or replace into datahub_records (id, source, item, subject_key, data, updated_at) values (?, ?, ?, ?, ?, ?)',
  );
  type Row = {
    id: string;
    source: string;
    item: string;
    subject_key: string;
    data: string;
    updated_at: string;
  };
  const write = raw.transaction((rows: Row[]) => {
    for (const r of rows) insert.run(r.id, r.source, r.item, r.subject_key, r.data, r.updated_at);
  });
  const started = Date.now();
  const keys: string[] = [];
  let buffer: Row[] = [];
  let loaded = 0;
  let people = 0;
  for (const step of generatePopulation({
    people: PEOPLE,
    seed: 42,
    at: new Date('2026-12-01T02:00:00Z'),
  })) {
    for (const r of step.rows) {
      if (!ITEMS.has(`${r.source}/${r.item}`)) continue;
      buffer.push(r);
      if (r.item === 'population-basic' && keys.length < 200_000) keys.push(r.subject_key);
    }
    people += step.people;
    if (buffer.length >= 20_000) {
      write(buffer);
      loaded += buffer.length;
      buffer = [];
      if (loaded % 400_000 < 20_000) log(`  ${fmt(people)} people, ${fmt(loaded)} rows …`);
    }
  }
  write(buffer);
  loaded += buffer.length;
  raw.close();
  const loadSeconds = (Date.now() - started) / 1000;
  log(`loaded ${fmt(people)} people (${fmt(loaded)} rows) in ${loadSeconds.toFixed(1)} s`);

  const app = await createApp(config);
  const source = builtinSource(createDatahubRepo(app.db));
  const item = findItem('psb', 'household-register')!;
  const fields = item.fields.map((f) => f.name);
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < LOOKUPS; i++) {
    // Every fifth look-up is for someone the source does not know.
    const key =
      i % 5 === 4
        ? `33010219000101${String(i % 1000).padStart(3, '0')}X`
        : keys[(i * 7919) % keys.length]!;
    const t = process.hrtime.bigint();
    if (await source.fetch(key, fields, { item, purpose: 'bench', department: 'psb' })) found++;
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  await app.close();
  times.sort((a, b) => a - b);
  results.push(
    ['Population loaded (people / rows)', `${fmt(people)} / ${fmt(loaded)}`],
    ['Load time (generator + bulk insert)', `${loadSeconds.toFixed(1)} s`],
    [
      `Look-ups, built-in adapter, in-process (${fmt(LOOKUPS)}, ${fmt(found)} found)`,
      `p50 ${ms(pct(times, 50))} · p99 ${ms(pct(times, 99))}`,
    ],
  );
  summary.push({
    figure: `data hub: look-up p50 / p99, built-in adapter, in-process (${fmt(people)} people)`,
    value: `${ms(pct(times, 50))} / ${ms(pct(times, 99))}`,
    target: '—',
    limit: '—',
    met: null,
  });
}

/** What one load run measured. */
interface Run {
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
}

// The HTTP clients: plain JavaScript on a worker thread (fetch, keep-alive), `concurrency`
// loops sharing `count` requests.
const CLIENT = `
const { parentPort, workerData: w } = require('node:worker_threads');
(async () => {
  let next = 0, failed = 0;
  const times = [];
  const loop = async () => {
    while (next < w.count) {
      next++;
      const t = performance.now();
      const res = await fetch(w.url, { method: w.method, headers: w.headers, body: w.body });
      await res.arrayBuffer();
      if (res.status !== 200) failed++;
      times.push(performance.now() - t);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: w.concurrency }, loop));
  parentPort.postMessage({ seconds: (performance.now() - started) / 1000, times, failed });
})();
`;

function overHttp(request: {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  count: number;
}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, {
      eval: true,
      workerData: { ...request, concurrency: CONCURRENCY },
    });
    worker.once('message', (m: { seconds: number; times: number[]; failed: number }) => {
      m.times.sort((a, b) => a - b);
      resolve({
        perSecond: request.count / m.seconds,
        p50: pct(m.times, 50),
        p99: pct(m.times, 99),
        failed: m.failed,
      });
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function inProcess(count: number, call: () => Promise<unknown>): Promise<Run> {
  let next = 0;
  let failed = 0;
  const times: number[] = [];
  const loop = async () => {
    while (next < count) {
      next++;
      const t = performance.now();
      try {
        await call();
      } catch {
        failed++;
      }
      times.push(performance.now() - t);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { perSecond: count / seconds, p50: pct(times, 50), p99: pct(times, 99), failed };
}

async function queries(label: string, database: DatabaseTarget): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'test',
    ONETRIP_DATA_DIR: path.join(tmp, `http-${label}`),
    ONETRIP_LOG_LEVEL: 'silent',
  });
  fs.mkdirSync(config.dataDir, { recursive: true });
  const app: App = await createApp(config, { passwordLogN: 10, database });
  try {
    await app.seedDemo();
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
    const citizen = (await (
      await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'citizen1', password: 'demo12345' }),
      })
    ).json()) as { token: string };
    const guide = (await (await fetch(`${base}/api/v1/catalog/bundles/newborn`)).json()) as {
      form: { examples: Record<string, unknown>[] };
    };
    const submitted = await fetch(`${base}/api/v1/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${citizen.token}` },
      body: JSON.stringify({
        bundle: 'newborn',
        form: {
          ...guide.form.examples[0],
          fatherIdNumber: '330681199003071233',
          motherIdNumber: '33040220000229002X',
          registerWith: 'father',
        },
        materials: [],
        consent: { fetch: true },
      }),
    });
    const application = (await submitted.json()) as { id: string; status: string };
    if (application.status !== 'accepted')
      throw new Error(`newborn not accepted: ${JSON.stringify(application)}`);
    const key = (await app.services.identity.createApiKey('psb', 'bench')).key;
    const input = {
      subject: '330681199003071233',
      items: [{ source: 'psb', item: 'household-register' }],
      purpose: { applicationId: application.id },
    };
    const query = {
      url: `${base}/api/v1/datahub/queries`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(input),
    };
    const health = {
      url: `${base}/healthz`,
      method: 'GET' as const,
      headers: { authorization: `Bearer ${key}` },
    };
    const principal = (await app.services.identity.authenticate(key))!;
    const hub = app.services.datahub.service;
    const before = await app.services.ledger.status();
    // Warm-up: JIT, statement caches, connections.
    await overHttp({ ...query, count: 500 });
    await overHttp({ ...health, count: 500 });
    if (PROFILE) {
      const from = process.hrtime.bigint() / 1000n;
      const run = PROFILE_LOCAL
        ? await inProcess(QUERIES, () => hub.query(principal, input))
        : await overHttp({ ...query, count: QUERIES });
      // The timed window in the profile's clock (µs), for a summary of only these samples.
      log(`profile window ${from} ${process.hrtime.bigint() / 1000n}`);
      log(
        `${label}: ${fmt(Math.round(run.perSecond))} queries/s, p99 ${ms(run.p99)}, load ${load()}`,
      );
      return;
    }
    const loadBefore = load();
    const healthRun = await overHttp({ ...health, count: QUERIES });
    const httpRun = await overHttp({ ...query, count: QUERIES });
    const localRun = await inProcess(QUERIES, () => hub.query(principal, input));
    const loadAfter = load();
    const after = await app.services.ledger.status();
    const written = after.pending + after.size - (before.pending + before.size);
    results.push(
      [
        `Authenticated GET /healthz over HTTP, ${label}, ${CONCURRENCY} clients (${fmt(QUERIES)}, ${healthRun.failed} failed)`,
        `${fmt(Math.round(healthRun.perSecond))} /s · p50 ${ms(healthRun.p50)} · p99 ${ms(healthRun.p99)}`,
      ],
      [
        `Purpose-bound queries over HTTP, ${label}, ${CONCURRENCY} clients (${fmt(QUERIES)}, ${httpRun.failed} failed)`,
        `${fmt(Math.round(httpRun.perSecond))} queries/s · p50 ${ms(httpRun.p50)} · p99 ${ms(httpRun.p99)}`,
      ],
      [
        `The same query in-process, ${label}, ${CONCURRENCY} at a time (${fmt(QUERIES)}, ${localRun.failed} failed)`,
        `${fmt(Math.round(localRun.perSecond))} queries/s · p50 ${ms(localRun.p50)} · p99 ${ms(localRun.p99)}`,
      ],
      [`Ledger entries written by the timed and warm-up queries, ${label}`, fmt(written)],
      [`Load average (1/5/15 min) before → after, ${label}`, `${loadBefore} → ${loadAfter}`],
    );
    const sqlite = label === 'SQLite';
    const ok = httpRun.failed === 0 && localRun.failed === 0;
    summary.push(
      {
        figure: `data hub: purpose-bound queries/s over HTTP with their ledger appends (${label}, ${CONCURRENCY} clients)`,
        value: `${fmt(Math.round(httpRun.perSecond))} /s`,
        target: sqlite ? `≥ ${fmt(TARGET)} /s` : `beside SQLite`,
        limit:
          `authenticated /healthz ${fmt(Math.round(healthRun.perSecond))} /s → ${(httpRun.perSecond / healthRun.perSecond).toFixed(2)}×; ` +
          `in-process query ${fmt(Math.round(localRun.perSecond))} /s → ${(httpRun.perSecond / localRun.perSecond).toFixed(2)}× (load ${loadAfter})`,
        met: sqlite ? ok && httpRun.perSecond >= TARGET : null,
        ...(sqlite && !(ok && httpRun.perSecond >= TARGET)
          ? {
              why: ok
                ? `the same server answers only ${fmt(Math.round(healthRun.perSecond))} authenticated /healthz/s (auth, Fastify, HTTP on 2 shared cores), and the query adds its own cost (see bench/profiles/datahub/)`
                : `${httpRun.failed + localRun.failed} queries failed`,
            }
          : {}),
      },
      {
        figure: `data hub: query latency p50 / p99 over HTTP (${label}, ${CONCURRENCY} clients)`,
        value: `${ms(httpRun.p50)} / ${ms(httpRun.p99)}`,
        target: '—',
        limit: `authenticated /healthz ${ms(healthRun.p50)} / ${ms(healthRun.p99)}`,
        met: null,
      },
    );
  } finally {
    await app.close();
  }
}

const results: [string, string][] = [];
const summary: SummaryRow[] = [];
try {
  log(`population of ${fmt(PEOPLE)} …`);
  if (!PROFILE) await lookups();
  if (ONLY !== 'postgres') {
    log(`${fmt(QUERIES)} purpose-bound queries over HTTP, SQLite …`);
    await queries('SQLite', { kind: 'sqlite', file: path.join(tmp, 'queries.sqlite') });
  }
  const url = process.env.ONETRIP_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (ONLY !== 'sqlite' && url) {
    log(`${fmt(QUERIES)} purpose-bound queries over HTTP, PostgreSQL …`);
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      await queries('PostgreSQL', { kind: 'postgres', url, schema, maxConnections: 10 });
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  } else if (ONLY !== 'sqlite')
    log('(PostgreSQL skipped: set ONETRIP_TEST_DATABASE_URL or DATABASE_URL)');
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}.`,
    '',
    '| Measure | Result |',
    '| --- | --- |',
    ...results.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    'Each query checks the purpose (application, department, declared items and fields), reads the',
    'source, and writes the access row and its ledger entry in one transaction before answering.',
  ].join('\n');
  console.log(table);
  if (!PROFILE) writeSummary('datahub', summary);
  if (WRITE) writeSection(table);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

function writeSection(table: string): void {
  const file = path.join(import.meta.dirname, '..', 'BENCHMARKS.md');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const section = `## Data hub\n\n${table}\n`;
  const start = existing.search(/^## Data hub\s*$/m);
  let text: string;
  if (start < 0) text = `${existing.trimEnd()}\n\n${section}`;
  else {
    const rest = existing.slice(start + 1);
    const end = rest.search(/^## /m);
    text = existing.slice(0, start) + section + (end < 0 ? '' : `\n${rest.slice(end)}`);
  }
  fs.writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}
