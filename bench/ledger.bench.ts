// The ledger's speed (issues 5 and 14): append throughput against the raw SHA-256 rate of the
// same leaves measured in the same run, inclusion proofs at 1 M and 10 M entries, proof sizes
// and `ledger verify` time. The tree is stored as hash tiles (one row per 256 hashes).
// Run: npx tsx bench/ledger.bench.ts [--quick] [--sizes 1000000,10000000] [--appends 50000] [--no-write]
// --quick: 20 000 appends and one log of 100 000 entries.
// Prints a markdown table, writes it under "## Ledger" in BENCHMARKS.md (unless --no-write) and
// the summary rows to bench/results/ledger.summary.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { hash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { migrations } from '../migrations/index.js';
import { systemClock } from '../src/platform/clock/index.js';
import { createSecretBox } from '../src/platform/crypto/index.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/platform/db/index.js';
import type { Database } from '../src/schema.js';
import {
  buildRecord,
  createLedgerService,
  entryLeafHash,
  extendTree,
  frontierRoot,
  leafHash,
  verifyInclusion,
  type LedgerAppendInput,
  type LedgerServiceDeps,
  type TreeFrontier,
} from '../src/modules/ledger/index.js';
import { tilesOf, type StoredTile } from '../src/modules/ledger/ledger.tilestore.js';
import { writeSummary, type SummaryRow } from './summary.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const QUICK = argv.includes('--quick');
const SIZES = arg('sizes', QUICK ? '100000' : '1000000,10000000')
  .split(',')
  .map(Number);
const APPENDS = Number(arg('appends', QUICK ? '20000' : '50000'));
const WRITE = !argv.includes('--no-write');
const PROOFS = 2000;
// What the profile of the sequencer found (bench/profiles/ledger/summary.txt).
const WHY_APPENDS =
  'with the tree in hash tiles (about N/256 + 3 tile rows per batch of N instead of 2N node rows) and the entry rows copied from the outbox inside SQLite, ' +
  "what is left per entry is SQLite writing its entry row (about 0.7 KB, with its purpose and subject index entries), deleting its outbox row and committing that to the WAL — about two thirds of the sequencer's time; its hashing is about a fifth.";

const silent = { info() {}, warn() {}, error() {} } as unknown as LedgerServiceDeps['logger'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-ledger-bench-'));
const rows: [string, string, string][] = [];
const measured: {
  raw: number;
  tree: number;
  sequenced: number;
  appended: number;
  endToEnd: number;
  proofMs: Record<number, number>;
  verifyRate?: number;
} = {
  raw: 0,
  tree: 0,
  sequenced: 0,
  appended: 0,
  endToEnd: 0,
  proofMs: {},
};
const log = (line: string) => process.stderr.write(`${line}\n`);
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
const fmt = (n: number) => n.toLocaleString('en-US');

function service(handle: DatabaseHandle<Database>) {
  return createLedgerService({
    db: handle.db,
    dialect: handle.dialect,
    clock: systemClock,
    hmacSecret: 'bench-hmac-secret-bench-hmac-secret-00',
    secretBox: createSecretBox('bench-session-secret-bench-session-00', 'ledger-key'),
    origin: 'bench.onetrip.local/ledger',
    logger: silent,
    sequenceBatch: 5000,
  });
}

async function openLog(file: string) {
  const handle = openDatabase<Database>({ kind: 'sqlite', file });
  await migrateToLatest(handle.db, migrations);
  return handle;
}

// A realistic case entry: an official's action on an application, as the case engine appends it.
function input(i: number): LedgerAppendInput {
  return {
    type: 'case',
    action: 'case.task-decided',
    actor: '8f500658-5558-413e-9df3-a8d8d6650eef',
    actorRole: 'reviewer',
    purpose: `YCB20261201${String(i).padStart(8, '0')}`,
    subjectIdNumber: '330681199003071233',
    data: {
      applicationId: '087c6c96-50bb-46e4-ac53-e6356ec63497',
      seq: i % 40,
      taskId: null,
      decision: 'approve',
    },
    at: new Date(Date.UTC(2026, 11, 1) + i * 10),
  };
}

function best(runs: number, fn: () => number): number {
  let top = 0;
  for (let r = 0; r < runs; r++) top = Math.max(top, fn());
  return top;
}

async function appendThroughput(): Promise<void> {
  const handle = await openLog(path.join(tmp, 'appends.sqlite'));
  const ledger = service(handle);
  const inputs = Array.from({ length: APPENDS }, (_, i) => input(i));
  const texts = inputs.map((x) => buildRecord(x, 'bench-hmac-secret-bench-hmac-secret-00').entry);
  const entries = texts.map((t) => Buffer.from(t, 'utf8'));
  const bytes = Math.round(entries.reduce((a, e) => a + e.length, 0) / entries.length);
  // The raw rate: the faster of Node's two SHA-256 APIs over exactly the leaf inputs.
  const raw = best(3, () => {
    const t0 = performance.now();
    for (const e of entries) leafHash(e);
    const streamed = rate(entries.length, performance.now() - t0);
    const t1 = performance.now();
    for (const e of entries) hash('sha256', Buffer.concat([Buffer.from([0]), e]), 'buffer');
    return Math.max(streamed, rate(entries.length, performance.now() - t1));
  });
  const tree = best(3, () => {
    const t0 = performance.now();
    let frontier: TreeFrontier = { size: 0, peaks: [] };
    // As the sequencer does it: leaf hashes of the stored entry text, then the nodes.
    for (let i = 0; i < texts.length; i += 5000)
      frontier = extendTree(frontier, texts.slice(i, i + 5000).map(entryLeafHash)).frontier;
    return rate(entries.length, performance.now() - t0);
  });

  const t0 = performance.now();
  for (let i = 0; i < inputs.length; i += 100) {
    await handle.db.transaction().execute(async (tx) => {
      for (const x of inputs.slice(i, i + 100)) await ledger.append(tx, x);
    });
  }
  const appendMs = performance.now() - t0;
  const t1 = performance.now();
  while ((await ledger.sequence(5000)).added > 0);
  const sequenceMs = performance.now() - t1;
  const report = await ledger.verify();
  if (!report.ok) throw new Error(`bench log does not verify: ${report.problem?.message.en}`);
  await handle.destroy();

  const sequenced = rate(APPENDS, sequenceMs);
  Object.assign(measured, {
    raw,
    tree,
    sequenced,
    appended: rate(APPENDS, appendMs),
    endToEnd: rate(APPENDS, appendMs + sequenceMs),
  });
  const pct = (n: number) => `${((100 * n) / raw).toFixed(0)} % of raw`;
  rows.push([
    'raw SHA-256 of the same leaves (0x00 ‖ entry, ' + bytes + ' B avg)',
    `${fmt(raw)} /s`,
    '',
  ]);
  rows.push([
    'tree append, batched (leaf + node hashes, frontier carried)',
    `${fmt(tree)} /s`,
    pct(tree),
  ]);
  rows.push([
    'sequencer into SQLite (5 000 entries per transaction: entry rows copied from the outbox inside SQLite, hash tiles, outbox delete)',
    `${fmt(sequenced)} /s`,
    pct(sequenced),
  ]);
  rows.push([
    '`append()` in the caller’s transaction (100 per transaction, outbox insert)',
    `${fmt(rate(APPENDS, appendMs))} /s`,
    pct(rate(APPENDS, appendMs)),
  ]);
  rows.push([
    'end to end: append + sequence',
    `${fmt(rate(APPENDS, appendMs + sequenceMs))} /s`,
    pct(rate(APPENDS, appendMs + sequenceMs)),
  ]);
}

// Writes a log of n entries straight into a SQLite file (the node table is what proofs read).
async function buildLog(
  n: number,
  withEntries: boolean,
): Promise<{ file: string; ms: number; root: Buffer }> {
  const file = path.join(tmp, `log-${n}.sqlite`);
  await (await openLog(file)).destroy();
  const started = performance.now();
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const upsertTile = db.prepare(
    'insert into ledger_tiles (level, idx, width, hashes) values (?, ?, ?, ?) on conflict (level, idx) do update set width = excluded.width, hashes = excluded.hashes',
  );
  const insertEntry = db.prepare(
    'insert into ledger_entries (idx, entry, leaf_hash, content, salt, purpose, kind, subject, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const chunk = 100_000;
  let frontier: TreeFrontier = { size: 0, peaks: [] };
  // The right-edge (partial) tiles carried from one chunk to the next, as the sequencer reads them.
  let edge: StoredTile[] = [];
  const write = db.transaction(
    (
      tiles: StoredTile[],
      entries: ReturnType<typeof buildRecord>[] | undefined,
      leaves: Buffer[],
      from: number,
    ) => {
      for (const t of tiles) upsertTile.run(t.level, t.index, t.width, t.hashes);
      entries?.forEach((built, i) =>
        insertEntry.run(
          from + i,
          built.entry,
          leaves[i],
          built.content,
          built.salt,
          built.record.purpose,
          built.record.type,
          built.record.subject,
          '2026-12-01T00:00:00.000Z',
        ),
      );
    },
  );
  for (let from = 0; from < n; from += chunk) {
    const count = Math.min(chunk, n - from);
    const entries = withEntries
      ? Array.from({ length: count }, (_, i) =>
          buildRecord(input(from + i), 'bench-hmac-secret-bench-hmac-secret-00'),
        )
      : undefined;
    const leaves = entries
      ? entries.map((e) => leafHash(Buffer.from(e.entry, 'utf8')))
      : Array.from({ length: count }, (_, i) => leafHash(Buffer.from(`entry ${from + i}`)));
    const grown = extendTree(frontier, leaves);
    frontier = grown.frontier;
    const tiles = tilesOf(grown.nodes, edge);
    edge = tiles.filter((t) => t.width < 256);
    write(tiles, entries, leaves, from);
    if (from % 1_000_000 === 0)
      log(
        `  built ${fmt(from + count)} / ${fmt(n)} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
  }
  db.prepare('update ledger_head set size = ? where id = 1').run(n);
  db.close();
  return { file, ms: performance.now() - started, root: frontierRoot(frontier) };
}

async function proofs(n: number): Promise<void> {
  const withEntries = n <= 1_000_000;
  log(`building a log of ${fmt(n)} entries${withEntries ? ' with entries' : ' (nodes only)'} …`);
  const built = await buildLog(n, withEntries);
  const size = fs.statSync(built.file).size;
  const handle = await openLog(built.file);
  const ledger = service(handle);
  let x = 12345;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) % n;
  for (let i = 0; i < 200; i++) await ledger.inclusionProof(next(), n);
  const times: number[] = [];
  let maxLength = 0;
  for (let i = 0; i < PROOFS; i++) {
    const index = next();
    const t = performance.now();
    const proof = await ledger.inclusionProof(index, n);
    times.push(performance.now() - t);
    maxLength = Math.max(maxLength, proof.hashes.length);
    if (i % 100 === 0) {
      const leaf = withEntries
        ? (await ledger.entry(index)).leafHash
        : leafHash(Buffer.from(`entry ${index}`));
      verifyInclusion(index, n, leaf, proof.hashes, built.root);
    }
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const p = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(3);
  const label = n >= 1_000_000 ? `${n / 1_000_000} M` : fmt(n);
  measured.proofMs[n] = mean;
  rows.push([
    `build ${label} entries into SQLite (${withEntries ? 'entries + tiles' : 'tiles only'}), file size`,
    `${(built.ms / 1000).toFixed(0)} s, ${(size / 2 ** 20).toFixed(0)} MiB`,
    '',
  ]);
  rows.push([
    `inclusion proof at ${label} (service → Kysely → SQLite; mean / p50 / p99)`,
    `${mean.toFixed(3)} / ${p(0.5)} / ${p(0.99)} ms`,
    mean < 1 ? '✓ < 1 ms' : '✗ ≥ 1 ms',
  ]);
  rows.push([
    `proof size at ${label}`,
    `${maxLength} hashes (${maxLength * 32} B)`,
    `⌈log2 n⌉ = ${Math.ceil(Math.log2(n))}`,
  ]);
  if (withEntries) {
    await ledger.checkpoint({ force: true });
    const t = performance.now();
    const report = await ledger.verify();
    const ms = performance.now() - t;
    if (!report.ok) throw new Error(`verify failed: ${report.problem?.message.en}`);
    measured.verifyRate = rate(n, ms);
    rows.push([
      `\`ledger verify\` at ${label} (re-hash every entry, rebuild every node and compare it with its tile, check the checkpoint)`,
      `${(ms / 1000).toFixed(1)} s`,
      `${fmt(rate(n, ms))} entries/s`,
    ]);
  }
  await handle.destroy();
  fs.rmSync(built.file, { force: true });
}

function machine(): string {
  const cpu =
    /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ??
    os.cpus()[0]?.model ??
    'unknown';
  const nproc = execFileSync('nproc').toString().trim();
  return `${nproc} × ${cpu} (load average ${os.loadavg()[0]!.toFixed(1)} at the start), Node ${process.version}, SQLite ${new BetterSqlite3(':memory:').prepare('select sqlite_version() v').pluck().get() as string}, ${os.platform()} ${os.release()}`;
}

function writeSection(table: string): void {
  const file = path.join(import.meta.dirname, '..', 'BENCHMARKS.md');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const section = `## Ledger\n\n${table}\n`;
  const start = existing.search(/^## Ledger\s*$/m);
  let text: string;
  if (start < 0) text = `${existing.trimEnd()}\n\n${section}`;
  else {
    const rest = existing.slice(start + 1);
    const end = rest.search(/^## /m);
    text = existing.slice(0, start) + section + (end < 0 ? '' : `\n${rest.slice(end)}`);
  }
  fs.writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}

try {
  log(`appending ${fmt(APPENDS)} entries …`);
  await appendThroughput();
  for (const n of SIZES) await proofs(n);
  const table = [
    `Machine: ${machine()}. Command: \`npx tsx bench/ledger.bench.ts${argv.length ? ` ${argv.join(' ')}` : ''}\` (${new Date().toISOString().slice(0, 10)}).`,
    'Proof times are warm (the tile table in the page cache) and include the head-size read; the machine is shared, so ±20 %.',
    '',
    '| measure | result | note |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
  const pct = (n: number) => `${((100 * n) / measured.raw).toFixed(0)} %`;
  const largest = Math.max(...SIZES);
  const verdicts = [
    '',
    'Against the targets of issues 5 and 14:',
    `- Appends ≥ 25 % of the raw hashing rate: the batched tree append (all of the Merkle hashing, ${pct(measured.tree)}) ${measured.tree >= measured.raw / 4 ? 'meets it ✓' : 'misses it ✗'}; ` +
      `persisted, the sequencer reaches ${pct(measured.sequenced)} ${measured.sequenced >= measured.raw / 4 ? '✓' : '✗'}. ` +
      WHY_APPENDS,
    `- Inclusion proof at ${largest >= 1_000_000 ? `${largest / 1_000_000} M` : fmt(largest)} under 1 ms: ${(measured.proofMs[largest] ?? Infinity) < 1 ? '✓' : '✗'} (mean ${(measured.proofMs[largest] ?? NaN).toFixed(3)} ms, one read of ⌈log2 n⌉ rows).`,
    ...(measured.verifyRate
      ? [
          `- \`ledger verify\` is linear in the log: at ${fmt(measured.verifyRate)} entries/s, 10 M entries take about ${Math.round(10_000_000 / measured.verifyRate)} s (not run at 10 M: the entries alone would be about 5 GB).`,
        ]
      : []),
  ];
  const full = [table, ...verdicts].join('\n');
  const share = (n: number) => `raw SHA-256 ${fmt(measured.raw)} /s → ${pct(n)}`;
  const summary: SummaryRow[] = [
    {
      figure: 'ledger: persisted appends, sequencer into SQLite (5 000 per transaction)',
      value: `${fmt(measured.sequenced)} /s`,
      target: '≥ 25 % of raw SHA-256',
      limit: share(measured.sequenced),
      met: measured.sequenced >= measured.raw / 4,
      why: WHY_APPENDS,
    },
    {
      figure: 'ledger: append() in the caller’s transaction (100 per transaction)',
      value: `${fmt(measured.appended)} /s`,
      target: '— (reported)',
      limit: share(measured.appended),
      met: null,
    },
    {
      figure: 'ledger: end to end, append + sequence',
      value: `${fmt(measured.endToEnd)} /s`,
      target: '— (reported)',
      limit: share(measured.endToEnd),
      met: null,
    },
    {
      figure: `ledger: inclusion proof at ${largest >= 1_000_000 ? `${largest / 1_000_000} M` : fmt(largest)} entries (mean)`,
      value: `${(measured.proofMs[largest] ?? NaN).toFixed(3)} ms`,
      target: '< 1 ms',
      limit: '—',
      met: (measured.proofMs[largest] ?? Infinity) < 1,
    },
  ];
  writeSummary('ledger', summary);
  console.log(full);
  if (WRITE) writeSection(full);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
