// Starts a fresh OneTrip server for the end-to-end tests (Playwright's webServer): a new
// temporary data directory with demo data, on 127.0.0.1:3999 (or E2E_PORT). Signals are passed to the
// server, and the data directory is removed when it exits.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = path.join(root, 'dist', 'src', 'cli', 'main.js');

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

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-e2e-'));
// Where a spec finds the server's database (e.g. to edit a row as an insider would).
fs.writeFileSync(
  path.join(os.tmpdir(), `onetrip-e2e-${process.env.E2E_PORT ?? '3999'}.datadir`),
  dataDir,
);
let removed = false;
function removeDataDir() {
  if (removed) return;
  removed = true;
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.on('exit', removeDataDir);

const server = spawn(process.execPath, [entry, 'serve'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: process.env.E2E_PORT ?? '3999',
    HOST: '127.0.0.1',
    ONETRIP_DATA_DIR: dataDir,
    ONETRIP_DEMO: 'on',
    ONETRIP_LOGIN_RATE_LIMIT: '1000',
    NODE_ENV: 'test',
    ONETRIP_LOG_LEVEL: 'warn',
  },
});

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
