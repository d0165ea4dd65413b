// Whether the server build (dist/) and the web build (web/dist/) are current: each records a
// SHA-256 of its inputs (every file's path and content) in a stamp file when it is built, and
// is stale when the stamp is missing or differs. Content, not mtimes: a fresh clone or a
// `git checkout` changes every mtime but not what is built.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const SKIP = new Set(['node_modules', 'dist', '.vite']);

/** The parts, their inputs (folders and files, relative to the root) and their stamp file. */
export const PARTS = {
  server: {
    script: 'build:server',
    inputs: [
      'src',
      'shared',
      'migrations',
      'tsconfig.base.json',
      'tsconfig.build.json',
      'package-lock.json',
    ],
    output: 'dist/src/cli/main.js',
    stamp: 'dist/.build-stamp',
  },
  web: {
    script: 'build:web',
    inputs: ['web', 'shared', 'package-lock.json'],
    output: 'web/dist/index.html',
    stamp: 'web/dist/.build-stamp',
  },
};

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
}

/** The SHA-256 of a part's inputs. */
export function inputsHash(part) {
  const files = [];
  for (const input of PARTS[part].inputs) {
    const full = path.join(root, input);
    if (!fs.existsSync(full)) continue;
    if (fs.statSync(full).isDirectory()) walk(full, files);
    else files.push(full);
  }
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Why a part must be built, or null when its build is current. */
export function staleReason(part) {
  const { output, stamp } = PARTS[part];
  if (!fs.existsSync(path.join(root, output))) return `${output} is missing`;
  const stampFile = path.join(root, stamp);
  if (!fs.existsSync(stampFile)) return `${stamp} is missing (built by an older script)`;
  if (fs.readFileSync(stampFile, 'utf8').trim() !== inputsHash(part)) return 'its sources changed';
  return null;
}

/** Records that a part was just built from its current inputs. */
export function writeStamp(part) {
  fs.writeFileSync(path.join(root, PARTS[part].stamp), `${inputsHash(part)}\n`);
}
