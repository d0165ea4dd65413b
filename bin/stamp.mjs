// Records the build stamps after `npm run build` / `build:server` / `build:web`, so that
// `npm start` (bin/start.mjs) knows these builds are current. Usage: node bin/stamp.mjs server web
import { PARTS, writeStamp } from './build-state.mjs';

for (const part of process.argv.slice(2)) {
  if (!(part in PARTS)) throw new Error(`unknown part ${part}: ${Object.keys(PARTS).join(', ')}`);
  writeStamp(part);
}
