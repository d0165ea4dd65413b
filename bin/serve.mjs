// `npm run serve`: the built server in production (NODE_ENV=production), without building and
// without devDependencies (works after `npm ci --omit=dev`). Needs `npm run build` first and
// ONETRIP_SESSION_SECRET and ONETRIP_HMAC_SECRET; no demo data is seeded in production.
import fs from 'node:fs';
import { PARTS, root } from './build-state.mjs';

for (const [part, { output }] of Object.entries(PARTS)) {
  if (!fs.existsSync(`${root}/${output}`)) {
    console.error(`[serve] ${output} is missing: build the ${part} first (npm run build)`);
    process.exit(1);
  }
}
process.env.NODE_ENV = 'production';
process.argv = [process.argv[0], `${root}/dist/src/cli/main.js`, 'serve', ...process.argv.slice(2)];
await import('../dist/src/cli/main.js');
