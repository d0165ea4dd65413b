/**
 * `npm run bench`: every benchmark of the project, one after another, on this machine. Each
 * prints its own figures and writes its summary rows (bench/summary.ts); at the end this
 * prints one table — figure, target, the peer or raw limit measured in the same run, met or
 * not — and writes it to bench/results/summary.md, ready for BENCHMARKS.md. A benchmark that
 * fails, or a check that misses its hard limit (the first screen's JavaScript budget), fails
 * the run. `--quick` passes a shorter run to every benchmark that has one.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESULTS_DIR, readSummaries, summaryTable } from './summary.js';

const quick = process.argv.includes('--quick');
const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
const machine = `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
const startedAt = new Date().toISOString();
console.log(
  `# OneTrip benchmarks — ${startedAt}\n${machine}\nload average at the start: ${load}\n`,
);

/**
 * Each benchmark, in the order run; the name is the one it gives writeSummary. `args` go to
 * every run: the benchmarks that can rewrite their own section of BENCHMARKS.md are told not to
 * (--no-write; the prose there is kept by hand, the table here is the run's record), and the
 * web check fails only on the pages opened without an account, reporting the signed-in deep
 * links over the budget (as in CI).
 */
const BENCHES: { name: string; file: string; args: string[]; quickArgs: string[] }[] = [
  { name: 'cases', file: 'cases.bench.ts', args: [], quickArgs: ['--bundles', '200'] },
  { name: 'ledger', file: 'ledger.bench.ts', args: ['--no-write'], quickArgs: ['--quick'] },
  { name: 'datahub', file: 'datahub.bench.ts', args: ['--no-write'], quickArgs: [] },
  {
    name: 'credentials',
    file: 'credentials.bench.ts',
    args: ['--no-write'],
    quickArgs: ['--quick'],
  },
  { name: 'supervision', file: 'supervision.bench.ts', args: [], quickArgs: ['--quick'] },
  { name: 'simulate', file: 'simulate.bench.ts', args: [], quickArgs: ['--quick'] },
  { name: 'web', file: 'web-size.ts', args: ['--deep-links-warn'], quickArgs: [] },
];

fs.mkdirSync(RESULTS_DIR, { recursive: true });
for (const b of BENCHES)
  fs.rmSync(path.join(RESULTS_DIR, `${b.name}.summary.json`), { force: true });

const failed: string[] = [];
for (const b of BENCHES) {
  console.log(`\n## ${b.file}\n`);
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join('bench', b.file), ...b.args, ...(quick ? b.quickArgs : [])],
    { stdio: 'inherit' },
  );
  if (res.status !== 0) failed.push(`${b.file} (exit ${res.status ?? res.signal})`);
}

const summaries = readSummaries(BENCHES.map((b) => b.name));
const missing = BENCHES.filter((b) => !summaries.some((s) => s.name === b.name));
const table = summaryTable(summaries.flatMap((s) => s.rows));
const report = [
  `Machine: ${machine}. Load average at the start: ${load}.`,
  `Command: \`npm run bench${quick ? ' -- --quick' : ''}\` (${startedAt}).`,
  '',
  table,
  ...(missing.length > 0 ? ['', `No summary from: ${missing.map((b) => b.file).join(', ')}.`] : []),
].join('\n');
fs.writeFileSync(path.join(RESULTS_DIR, 'summary.md'), `${report}\n`);
console.log(`\n## Summary\n\n${report}\n\n(written to ${path.join(RESULTS_DIR, 'summary.md')})`);
if (failed.length > 0) console.log(`\nFailed: ${failed.join(', ')}`);
process.exit(failed.length > 0 ? 1 : 0);
