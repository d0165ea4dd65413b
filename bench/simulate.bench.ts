// The simulation's speed (issue 13): applications per second of `onetrip simulate` — every
// application submitted, reviewed, decided and rated through the services on a simulated
// clock — on SQLite, and on PostgreSQL when DATABASE_URL or ONETRIP_TEST_DATABASE_URL is set.
// Run: npx tsx bench/simulate.bench.ts [--quick] [--days N] [--people N] [--per-day K]
// Prints a markdown table and writes bench/results/simulate.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config/index.js';
import { createLogger } from '../src/platform/logging/index.js';
import type { DatabaseTarget } from '../src/platform/db/index.js';
import { runSimulation, simulatedClock } from '../src/simulate/index.js';
import { writeSummary } from './summary.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const DAYS = arg('days', quick ? 14 : 60);
const PEOPLE = arg('people', quick ? 500 : 5000);
const PER_DAY = arg('per-day', quick ? 25 : 60);
// A period inside the official calendar years (2026).
const START = new Date('2026-03-01T16:00:00Z');

interface Row {
  database: string;
  days: number;
  workingDays: number;
  applications: number;
  seconds: number;
  perSecond: number;
  actions: number;
}

async function bench(kind: 'sqlite' | 'postgres', url?: string): Promise<Row> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-simulate-bench-'));
  let database: DatabaseTarget = { kind: 'sqlite', file: path.join(dataDir, 'onetrip.sqlite') };
  let drop: (() => Promise<void>) | undefined;
  if (kind === 'postgres' && url) {
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    database = { kind: 'postgres', url, schema, maxConnections: 5 };
    drop = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  }
  const config = loadConfig({ NODE_ENV: 'test', ONETRIP_DATA_DIR: dataDir });
  const clock = simulatedClock(new Date(START.getTime() - 6 * 3600_000));
  const logger = createLogger({ level: 'warn', pretty: false });
  const app = await createApp(config, { clock, logger, passwordLogN: 10, database });
  try {
    let daysStarted = 0;
    const report = await runSimulation(app, clock, {
      days: DAYS,
      people: PEOPLE,
      seed: 1,
      start: START,
      perDay: PER_DAY,
      baseline: false,
      onProgress: (p) => {
        // The clock starts with the first simulated day (population seeding excluded).
        if (p.phase === 'days' && daysStarted === 0) daysStarted = Date.now();
      },
    });
    const seconds = (Date.now() - daysStarted) / 1000;
    const t = report.tally;
    return {
      database: kind,
      days: report.days,
      workingDays: report.workingDays,
      applications: t.applications,
      seconds: Math.round(seconds * 10) / 10,
      perSecond: Math.round((t.applications / seconds) * 10) / 10,
      actions:
        t.applications +
        t.approvals +
        t.rejections +
        t.noticesSupplied +
        t.supplementsRequested +
        t.supplementsAnswered +
        t.ratings +
        t.followUpsClosed,
    };
  } finally {
    await app.close();
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const rows: Row[] = [await bench('sqlite')];
const pgUrl = process.env.DATABASE_URL ?? process.env.ONETRIP_TEST_DATABASE_URL;
if (pgUrl) rows.push(await bench('postgres', pgUrl));
else console.log('(PostgreSQL skipped: set DATABASE_URL or ONETRIP_TEST_DATABASE_URL)');

console.log(
  `simulate: ${DAYS} days, ${PEOPLE} people, about ${PER_DAY} applications a working day (seed 1)\n`,
);
console.log(
  '| database | working days | applications | seconds | applications/s | service calls/s |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.database} | ${r.workingDays} | ${r.applications} | ${r.seconds} | ${r.perSecond} | ${Math.round(r.actions / r.seconds)} |`,
  );
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(
  'bench/results/simulate.json',
  JSON.stringify(
    { machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}`, rows },
    null,
    2,
  ),
);
writeSummary(
  'simulate',
  rows.map((r) => ({
    figure: `simulation: applications per second through the real services (${r.database}, ${r.workingDays} working days)`,
    value: `${r.perSecond} /s`,
    target: 'reported',
    limit: '—',
    met: null,
  })),
);
