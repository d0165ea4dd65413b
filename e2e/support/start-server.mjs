// Starts a fresh OneTrip server for the end-to-end tests (Playwright's webServer): a new
// temporary data directory with demo data, on 127.0.0.1:3999 (or E2E_PORT). Signals are passed to the
// server, and the data directory is removed when it exits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveFresh } from './serve-fresh.mjs';

const port = process.env.E2E_PORT ?? '3999';
serveFresh({
  port,
  prefix: 'onetrip-e2e-',
  // Where a spec finds the server's database (e.g. to edit a row as an insider would).
  prepare: (_env, dataDir) =>
    fs.writeFileSync(path.join(os.tmpdir(), `onetrip-e2e-${port}.datadir`), dataDir),
});
