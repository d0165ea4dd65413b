// Starts a OneTrip server of its own for a spec that needs history (the supervision
// dashboards): a new temporary data directory, `onetrip simulate` run into it first (the real
// services on a simulated clock, demo accounts included), then `onetrip serve` on
// 127.0.0.1:<port>. Usage: node e2e/support/start-simulated-server.mjs <port> [days] [people]
// [ended]: the simulated period ends `ended` days before today (0: today), so the steps still
// open at its end have since gone past their limits, as the deadline watch then finds.
// Signals are passed to the server; the data directory is removed when it exits. The shared
// e2e server (start-server.mjs) keeps its demo data only.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = path.join(root, 'dist', 'src', 'cli', 'main.js');
const [port = '4617', days = '20', people = '200', ended = '0'] = process.argv.slice(2);

/** The China calendar day `back` days before today. */
function chinaDayBefore(back) {
  const day = new Date(Date.now() - back * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(day);
}
const start = chinaDayBefore(Number(ended) + Number(days) - 1);

for (const [file, what] of [
  [entry, 'the server'],
  [path.join(root, 'web', 'dist', 'index.html'), 'the web app'],
]) {
  if (!fs.existsSync(file)) {
    console.error(
      `[e2e] ${path.relative(root, file)} is missing: build ${what} first (npm run build).`,
    );
    process.exit(1);
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-e2e-sim-'));
let removed = false;
function removeDataDir() {
  if (removed) return;
  removed = true;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.on('exit', removeDataDir);

const env = {
  ...process.env,
  PORT: port,
  HOST: '127.0.0.1',
  ONETRIP_DATA_DIR: dataDir,
  ONETRIP_DEMO: 'on',
  ONETRIP_LOGIN_RATE_LIMIT: '1000',
  NODE_ENV: 'test',
  ONETRIP_LOG_LEVEL: 'warn',
};

const simulated = spawnSync(
  process.execPath,
  // The before-reform baseline is not on the dashboards: skipped to keep the start short.
  [entry, 'simulate', '--days', days, '--people', people, '--start', start, '--no-baseline'],
  // Its progress bar stays out of the test report unless it fails.
  { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
);
if (simulated.status !== 0) {
  console.error(simulated.stdout, simulated.stderr);
  console.error(`[e2e] onetrip simulate failed (exit ${simulated.status ?? simulated.signal})`);
  removeDataDir();
  process.exit(1);
}

const server = spawn(process.execPath, [entry, 'serve'], { cwd: root, stdio: 'inherit', env });

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
    // A server that ignores the signal must not keep the port or the directory.
    setTimeout(() => server.kill('SIGKILL'), 10_000).unref();
  });
}

server.on('error', (error) => {
  console.error(`[e2e] could not start the server: ${error.message}`);
  removeDataDir();
  process.exit(1);
});

server.on('exit', (code, signal) => {
  removeDataDir();
  process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
});
