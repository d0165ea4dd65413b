// The supervision dashboards' speed (issue 13): the rollups are filled for N applications
// (1 M by default) and every dashboard query is timed against the 300 ms target, on SQLite
// and, when ONETRIP_TEST_DATABASE_URL or DATABASE_URL is set, on PostgreSQL.
//
// The applications are SYNTHETIC: their contributions (the fold's units: a whole application
// and its department steps, with counts, durations, ratings …) are generated here, not made
// through the services, then added to the rollups through the same code path as refresh
// (deltaRows → nonZero → repo.applyDeltas, one transaction per batch). The per-application
// stored contributions are not written (refresh writes them; the dashboards never read them).
//
// Run: npx tsx bench/supervision.bench.ts [--apps 1000000] [--quick] [--runs 5] [--only sqlite|postgres]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrations } from '../migrations/index.js';
import { systemClock } from '../src/platform/clock/index.js';
import { migrateToLatest, openDatabase, type DatabaseTarget } from '../src/platform/db/index.js';
import { randomIds } from '../src/platform/ids/index.js';
import { createLogger } from '../src/platform/logging/index.js';
import type { WorkingCalendar } from '../src/platform/calendar/index.js';
import type { Principal } from '../src/platform/http/index.js';
import { loadCatalog } from '../src/modules/catalog/index.js';
import { HUB_DIRECTORY } from '../src/modules/datahub/index.js';
import type { Database } from '../src/schema.js';
import {
  bump,
  bumpHistogram,
  emptyCounters,
  WORKING_DAY_SECONDS,
  type Counters,
} from '../src/modules/supervision/metrics.counters.js';
import type { Unit } from '../src/modules/supervision/metrics.fold.js';
import { createMetricsRepo } from '../src/modules/supervision/metrics.repo.js';
import { deltaRows, nonZero } from '../src/modules/supervision/metrics.rows.js';
import { createMetricsService } from '../src/modules/supervision/metrics.service.js';
import type { MetricDimension } from '../shared/contracts/supervision.js';
import { writeSummary, type SummaryRow } from './summary.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const QUICK = argv.includes('--quick');
const APPS = Number(arg('apps', QUICK ? '50000' : '1000000'));
const RUNS = Number(arg('runs', QUICK ? '3' : '5'));
const BATCH = 5000;
const TARGET_MS = 300;
const YEAR = 2026;

// A deterministic generator (mulberry32).
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const catalog = loadCatalog(path.join(process.cwd(), 'catalog'), { dataHub: HUB_DIRECTORY });
const matters = catalog.matters.map((m) => ({ code: m.code, dept: m.department.code }));
const bundles = catalog.bundles.flatMap((b) => {
  const g = catalog.bundle(b.code);
  return g
    ? [
        {
          code: b.code,
          steps: g.steps.map((s) => ({ id: s.id, matter: s.matter, dept: s.department })),
        },
      ]
    : [];
});
const TOWNS = [
  '330102',
  '330106',
  '330110',
  '330212',
  '330302',
  '330402',
  '330411',
  '330602',
  '330681',
  '330702',
  '330782',
  '331002',
  '331102',
];
const CLERKS = Array.from({ length: 30 }, (_, i) => `clerk-${i}`);
const CHANNELS = ['online', 'online', 'online', 'window', 'window', 'department', 'overseas'];

/** The contribution of one synthetic application received on `day`. */
function synthetic(r: () => number, day: string): Unit[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const isBundle = r() < 0.15 && bundles.length > 0;
  const channel = pick(CHANNELS);
  const clerk = channel === 'window' || channel === 'overseas' ? pick(CLERKS) : '';
  const keys = {
    window: clerk ? `A${String(CLERKS.indexOf(clerk) % 12).padStart(2, '0')}` : channel,
    clerk,
    channel,
    town: channel === 'department' ? '' : pick(TOWNS),
  };
  const deficient = r() < 0.12;
  const refused = deficient && r() < 0.2;
  const accepted = !refused;
  const settled = accepted && r() < 0.93;
  const rating = settled && r() < 0.7 ? 1 + Math.floor(r() ** 0.4 * 5) : 0;
  const visits = channel === 'window' ? 1 + (r() < 0.1 ? 1 : 0) : 0;
  function counters(durDays: number, legal: number | null): Counters {
    const c = emptyCounters();
    bump(c, 'received');
    if (accepted) bump(c, 'accepted');
    if (deficient) bump(c, 'deficient');
    if (refused) bump(c, 'refused');
    if (settled) {
      const rejected = r() < 0.03;
      bump(c, rejected ? 'rejected' : 'completed');
      bump(c, 'settled');
      const s = Math.round(durDays * WORKING_DAY_SECONDS);
      bump(c, 'dur_n');
      bump(c, 'dur_s', s);
      bumpHistogram(c, s);
      if (legal) {
        bump(c, 'legal_n');
        bump(c, 'legal_days', legal);
        bump(c, 'legal_dur_s', s);
      }
      bump(c, 'promised_n');
      bump(c, 'promised_s', 5 * WORKING_DAY_SECONDS);
      if (durDays <= 5) bump(c, 'on_time');
      else bump(c, 'overdue');
      if (visits === 0) bump(c, 'zero_trip');
      if (visits <= 1) bump(c, 'one_trip');
    } else if (accepted) bump(c, 'open_steps');
    if (r() < 0.1) bump(c, 'supplements');
    bump(c, 'mat_asked', Math.floor(r() * 4));
    bump(c, 'mat_not_asked', Math.floor(r() * 4));
    bump(c, 'datahub', Math.floor(r() * 3));
    if (rating) bump(c, `r${rating}` as 'r1');
    if (rating && rating <= 2) {
      bump(c, 'fu_opened', 2);
      if (r() < 0.9) bump(c, 'fu_closed', 2);
      if (r() < 0.8) bump(c, 'fu_on_time', 2);
    }
    return c;
  }
  const dur = r() * r() * 12;
  if (isBundle) {
    const b = pick(bundles);
    const units: Unit[] = [
      {
        day,
        dept: '',
        subject: b.code,
        channel,
        keys: { ...keys, bundle: b.code },
        c: counters(dur, null),
      },
    ];
    for (const s of b.steps) {
      units.push({
        day,
        dept: s.dept,
        subject: b.code,
        channel,
        keys: { ...keys, matter: s.matter, bundle: b.code, step: `${b.code}:${s.id}` },
        c: counters(dur / b.steps.length, 10),
      });
    }
    return units;
  }
  const m = pick(matters);
  return [
    {
      day,
      dept: '',
      subject: m.code,
      channel,
      keys: { ...keys, matter: m.code },
      c: counters(dur, 20),
    },
    {
      day,
      dept: m.dept,
      subject: m.code,
      channel,
      keys: { ...keys, matter: m.code },
      c: counters(dur, 20),
    },
  ];
}

const supervisor: Principal = {
  accountId: 'bench',
  username: 'bench',
  kind: 'staff',
  roles: ['supervisor'],
  departmentCode: undefined,
  personId: undefined,
  organizationId: undefined,
  sessionId: 'bench',
};

const summary: SummaryRow[] = [];

async function run(label: string, target: DatabaseTarget) {
  const handle = openDatabase<Database>(target);
  await migrateToLatest(
    handle.db,
    migrations,
    target.kind === 'postgres' ? target.schema : undefined,
  );
  const repo = createMetricsRepo(handle.db, handle.dialect);
  const service = createMetricsService({
    db: handle.db,
    dialect: handle.dialect,
    clock: systemClock,
    ids: randomIds,
    logger: createLogger({ level: 'warn', pretty: false }),
    calendar: {} as WorkingCalendar,
    catalog,
    catalogDir: 'catalog',
    staff: { displayNames: async () => new Map() },
    fonts: {},
    publicUrl: 'http://localhost',
    repo,
  });
  const r = rng(13);
  const started = performance.now();
  const perDay = APPS / 365;
  let rows = 0;
  for (let done = 0; done < APPS; done += BATCH) {
    const deltas = new Map<string, Counters>();
    for (let i = done; i < Math.min(APPS, done + BATCH); i++) {
      const d = new Date(Date.UTC(YEAR, 0, 1) + Math.floor(i / perDay) * 86_400_000);
      deltaRows(deltas, null, synthetic(r, d.toISOString().slice(0, 10)));
    }
    const changed = nonZero(deltas);
    rows += changed.length;
    await repo.transaction((tx) => repo.applyDeltas(tx, changed));
    if (done % 100_000 === 0)
      process.stderr.write(`  ${label}: ${done.toLocaleString('en-US')} applications folded…\n`);
  }
  const fillS = (performance.now() - started) / 1000;
  const count = await handle.db
    .selectFrom('supervision_rollups')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  if (handle.dialect === 'sqlite')
    await handle.db
      .executeQuery({ sql: 'analyze', parameters: [], query: { kind: 'RawNode' } } as never)
      .catch(() => undefined);
  console.log(
    `\n### ${label}: ${APPS.toLocaleString('en-US')} synthetic applications (not made through the services) → ${Number(count.n).toLocaleString('en-US')} rollup rows (${rows.toLocaleString('en-US')} upserts) in ${fillS.toFixed(1)} s (${Math.round(APPS / fillS).toLocaleString('en-US')} applications/s)\n`,
  );
  const year = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
  const ragged = { from: `${YEAR}-01-15`, to: `${YEAR}-12-14` };
  const queries: [string, () => Promise<unknown>][] = [];
  for (const by of [
    'department',
    'matter',
    'bundle',
    'window',
    'clerk',
    'channel',
    'town',
  ] as MetricDimension[]) {
    queries.push([
      `metrics by ${by}, calendar year`,
      () => service.table(supervisor, { ...year, by }),
    ]);
  }
  queries.push([
    'metrics by clerk, 15 Jan–14 Dec (daily edges)',
    () => service.table(supervisor, { ...ragged, by: 'clerk' }),
  ]);
  queries.push([
    'metrics by department, one department, year',
    () => service.table(supervisor, { ...year, by: 'channel', department: matters[0]!.dept }),
  ]);
  queries.push([
    'trend by day, year',
    () => service.trend(supervisor, { ...year, interval: 'day' }),
  ]);
  queries.push([
    'trend by week, year',
    () => service.trend(supervisor, { ...year, interval: 'week' }),
  ]);
  queries.push([
    'trend by month, year',
    () => service.trend(supervisor, { ...year, interval: 'month' }),
  ]);
  queries.push(['ranking, year', () => service.ranking(supervisor, year)]);
  queries.push(['bundles, year', () => service.bundles(supervisor, year)]);
  queries.push(['towns, year', () => service.towns(supervisor, year)]);
  console.log('| query | median ms | max ms | target 300 ms |');
  console.log('|---|---:|---:|---|');
  let allOk = true;
  let worst = { name: '', median: 0 };
  for (const [name, q] of queries) {
    await q(); // warm
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await q();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    const max = times.at(-1)!;
    const ok = median <= TARGET_MS;
    allOk &&= ok;
    if (median > worst.median) worst = { name, median };
    console.log(
      `| ${name} | ${median.toFixed(1)} | ${max.toFixed(1)} | ${ok ? 'met' : 'MISSED'} |`,
    );
  }
  await handle.destroy();
  summary.push({
    figure: `supervision: slowest dashboard query over ${APPS.toLocaleString('en-US')} applications (${label}, median of ${RUNS})`,
    value: `${worst.median.toFixed(1)} ms (${worst.name})`,
    target: `< ${TARGET_MS} ms each`,
    limit: '—',
    met: allOk,
    why: `the slowest query (${worst.name}) is over the limit on this run's machine load`,
  });
  return allOk;
}

console.log(
  `Supervision dashboards over ${APPS.toLocaleString('en-US')} synthetic applications, ${RUNS} timed runs each (median), ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}`,
);
// --only sqlite|postgres runs one database (the two can then run side by side).
const only = arg('only', '');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-supervision-bench-'));
try {
  if (only !== 'postgres')
    await run('SQLite', { kind: 'sqlite', file: path.join(dir, 'bench.sqlite') });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
const url = process.env.ONETRIP_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (only === 'sqlite') {
  // PostgreSQL not asked for.
} else if (url) {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    await run('PostgreSQL', { kind: 'postgres', url, schema, maxConnections: 4 });
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
} else {
  console.log('\n(PostgreSQL skipped: set ONETRIP_TEST_DATABASE_URL or DATABASE_URL)');
}
writeSummary('supervision', summary);
