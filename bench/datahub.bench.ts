// The data hub's speed (issue 6): look-ups in a synthetic population of 1 M people through the
// built-in adapter (in-process, p50/p99), and purpose-bound queries per second over HTTP,
// each with its access row and ledger append in one transaction.
// Run: npx tsx bench/datahub.bench.ts [--people 1000000] [--lookups 20000] [--queries 3000] [--concurrency 8] [--no-write]
// Prints a markdown table and writes it under "## Data hub" in BENCHMARKS.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import BetterSqlite3 from 'better-sqlite3';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config/index.js';
import {
  builtinSource,
  createDatahubRepo,
  findItem,
  generatePopulation,
} from '../src/modules/datahub/index.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const PEOPLE = Number(arg('people', '1000000'));
const LOOKUPS = Number(arg('lookups', '20000'));
const QUERIES = Number(arg('queries', '3000'));
const CONCURRENCY = Number(arg('concurrency', '8'));
const WRITE = !argv.includes('--no-write');
// Look-ups need only these items; the other sources' rows would only make loading slower.
const ITEMS = new Set(['psb/population-basic', 'psb/household-register', 'hrss/insurance-record']);

const log = (m: string) => process.stderr.write(`${m}\n`);
const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-datahub-bench-'));

async function lookups(): Promise<string[]> {
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
  const load = raw.transaction(
    (
      rows: {
        id: string;
        source: string;
        item: string;
        subject_key: string;
        data: string;
        updated_at: string;
      }[],
    ) => {
      for (const r of rows) insert.run(r.id, r.source, r.item, r.subject_key, r.data, r.updated_at);
    },
  );
  const started = Date.now();
  const keys: string[] = [];
  let buffer: Parameters<typeof load>[0] = [];
  let loaded = 0;
  let people = 0;
  for (const step of generatePopulation({
    people: PEOPLE,
    seed: 42,
    at: new Date('2026-12-01T02:00:00Z'),
  })) {
    for (const r of step.rows) {
      if (!ITEMS.has(`${r.source}/${r.item}`)) continue;
      buffer.push({ ...r, data: r.data, updated_at: r.updated_at });
      if (r.item === 'population-basic' && keys.length < 200_000) keys.push(r.subject_key);
    }
    people += step.people;
    if (buffer.length >= 20_000) {
      load(buffer);
      loaded += buffer.length;
      buffer = [];
      if (loaded % 400_000 < 20_000) log(`  ${fmt(people)} people, ${fmt(loaded)} rows …`);
    }
  }
  load(buffer);
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
      `p50 ${pct(times, 50).toFixed(3)} ms · p99 ${pct(times, 99).toFixed(3)} ms`,
    ],
  );
  return keys;
}

async function queries(): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'test',
    ONETRIP_DATA_DIR: path.join(tmp, 'http'),
    ONETRIP_LOG_LEVEL: 'silent',
  });
  fs.mkdirSync(config.dataDir, { recursive: true });
  const app = await createApp(config, { passwordLogN: 10 });
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
    }),
  });
  const application = (await submitted.json()) as { id: string; status: string };
  if (application.status !== 'accepted')
    throw new Error(`newborn not accepted: ${JSON.stringify(application)}`);
  const key = (await app.services.identity.createApiKey('psb', 'bench')).key;
  const body = JSON.stringify({
    subject: '330681199003071233',
    items: [{ source: 'psb', item: 'household-register' }],
    purpose: { applicationId: application.id },
  });
  let next = 0;
  let failed = 0;
  const times: number[] = [];
  const worker = async () => {
    while (next < QUERIES) {
      next++;
      const t = process.hrtime.bigint();
      const res = await fetch(`${base}/api/v1/datahub/queries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body,
      });
      await res.arrayBuffer();
      if (res.status !== 200) failed++;
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const status = await app.services.ledger.status();
  await app.close();
  times.sort((a, b) => a - b);
  results.push(
    [
      `Purpose-bound queries over HTTP, SQLite, ${CONCURRENCY} clients (${fmt(QUERIES)}, ${failed} failed)`,
      `${fmt(Math.round(QUERIES / seconds))} queries/s · p50 ${pct(times, 50).toFixed(2)} ms · p99 ${pct(times, 99).toFixed(2)} ms`,
    ],
    ['Ledger entries written by them (pending + sequenced)', fmt(status.pending + status.size)],
  );
}

const results: [string, string][] = [];
try {
  log(`population of ${fmt(PEOPLE)} …`);
  await lookups();
  log(`${fmt(QUERIES)} purpose-bound queries over HTTP …`);
  await queries();
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}, SQLite (better-sqlite3).`,
    '',
    '| Measure | Result |',
    '| --- | --- |',
    ...results.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    'Each query checks the purpose (application, department, declared items and fields), reads the',
    'source, and writes the access row and its ledger entry in one transaction before answering.',
  ].join('\n');
  console.log(table);
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
