// `npm start`: builds what is stale (the server in dist/, the web app in web/dist/, each only
// when its sources changed since its last build: bin/build-state.mjs), says so, and serves
// the platform (`onetrip serve`: migrations, demo data on an empty database, the URL and logins).
import { spawnSync } from 'node:child_process';
import { PARTS, root, staleReason } from './build-state.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

for (const part of Object.keys(PARTS)) {
  const reason = staleReason(part);
  if (!reason) {
    console.log(`[start] ${part} build is current: not rebuilt`);
    continue;
  }
  console.log(`[start] building the ${part} (${reason}): npm run ${PARTS[part].script}`);
  const result = spawnSync(npm, ['run', '--silent', PARTS[part].script], {
    cwd: root,
    stdio: 'inherit',
  });
  // The build script records its stamp itself (bin/stamp.mjs).
  if (result.status !== 0) process.exit(result.status ?? 1);
}

process.argv = [process.argv[0], `${root}/dist/src/cli/main.js`, 'serve', ...process.argv.slice(2)];
await import('../dist/src/cli/main.js');
