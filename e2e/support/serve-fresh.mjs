// Serves OneTrip on 127.0.0.1:<port> from a new temporary data directory with demo data, for
// the end-to-end tests: checks the build is there, lets the caller prepare the directory first
// (`prepare(env, dataDir)`, e.g. run `onetrip simulate` into it), passes signals to the server
// and removes the directory when it exits. Shared by start-server.mjs and
// start-simulated-server.mjs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const entry = path.join(root, 'dist', 'src', 'cli', 'main.js');

/** @param {{ port: string, prefix: string, prepare?: (env: NodeJS.ProcessEnv, dataDir: string) => void }} opts */
export function serveFresh({ port, prefix, prepare }) {
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

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
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
  try {
    prepare?.(env, dataDir);
  } catch (error) {
    console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
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
}
