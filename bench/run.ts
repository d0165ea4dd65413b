/**
 * `npm run bench`: every benchmark of the project, one after another, on this machine. Each
 * prints its figures; the case-engine figures are also written to bench/results/. A check
 * that misses its hard limit (the first page's JavaScript budget) fails the run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCases } from './cases.bench.js';

const machine = `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`# OneTrip benchmarks — ${new Date().toISOString()}\n${machine}\n`);

function script(file: string, args: string[] = []): boolean {
  if (!fs.existsSync(path.join('bench', file))) {
    console.log(`(skipping ${file}: not present)`);
    return true;
  }
  console.log(`\n## ${file}\n`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', file), ...args], {
    stdio: 'inherit',
  });
  return res.status === 0;
}

let ok = true;
console.log('## case engine (HTTP, SQLite) vs bpmn-engine\n');
const cases = await benchCases();
console.log(JSON.stringify(cases, null, 2));
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/cases.json', JSON.stringify({ machine, ...cases }, null, 2));
ok = script('ledger.bench.ts', process.argv.includes('--quick') ? ['--quick'] : []) && ok;
ok = script('credentials.bench.ts', process.argv.includes('--quick') ? ['--quick'] : []) && ok;
ok = script('supervision.bench.ts', process.argv.includes('--quick') ? ['--quick'] : []) && ok;
ok = script('simulate.bench.ts', process.argv.includes('--quick') ? ['--quick'] : []) && ok;
ok = script('web-size.ts') && ok;
process.exit(ok ? 0 : 1);
