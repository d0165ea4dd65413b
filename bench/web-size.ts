/**
 * The web app's weight on a phone (issue 4, "Speed"): the gzipped JavaScript of the first
 * page — the entry chunk of index.html and every chunk it imports statically, as Vite's
 * build manifest (web/dist/.vite/manifest.json) lists them — must stay at or under 300 KB.
 * Also prints, for information, what the login page and the signed-in portal pages add
 * when their lazy chunks load. Fails (exit 1) above the budget or without a build.
 * Usage: npm run build:web && npx tsx bench/web-size.ts [--dist web/dist]
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** One chunk of Vite's build manifest (the fields used here). */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

type Manifest = Record<string, ManifestChunk>;

/** The first page's JavaScript may weigh this many gzipped bytes (300 KB, as Vite counts kB). */
export const FIRST_PAGE_BUDGET_BYTES = 300_000;

/** A set of chunks and their weight. */
export interface Weight {
  files: { file: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  gzipBytes: number;
}

/** Reads web/dist/.vite/manifest.json; throws with a hint when the app is not built. */
export function readManifest(dist: string): Manifest {
  const file = path.join(dist, '.vite', 'manifest.json');
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: build the web app first (npm run build:web)`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/** The manifest keys of `roots` and of every chunk they import statically, each once. */
export function staticClosure(manifest: Manifest, roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const next of manifest[key].imports ?? []) visit(next);
  };
  roots.forEach(visit);
  return [...seen];
}

/** The raw and gzipped size (level 9, as a server would serve it) of the chunks' JS files. */
export function weigh(dist: string, manifest: Manifest, keys: string[]): Weight {
  const files = keys
    .map((key) => manifest[key]?.file)
    .filter((file): file is string => Boolean(file?.endsWith('.js')))
    .map((file) => {
      const bytes = fs.readFileSync(path.join(dist, file));
      return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}

/** The first page: index.html's entry and its static imports. */
export function firstPage(dist: string): Weight {
  const manifest = readManifest(dist);
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry && c.src === 'index.html');
  if (!entry) throw new Error('the build manifest has no entry for index.html');
  return weigh(dist, manifest, staticClosure(manifest, [entry[0]]));
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function lazyPages(dist: string): { page: string; gzipBytes: number }[] {
  const manifest = readManifest(dist);
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.src === 'index.html');
  const entry = new Set(staticClosure(manifest, entryKey ? [entryKey] : []));
  const pages: [string, string[]][] = [
    ['login page', ['src/features/auth/login-page.tsx']],
    [
      'portal home (signed in)',
      ['src/app/layout/app-layout.tsx', 'src/features/home/home-page.tsx'],
    ],
    ['find a matter', ['src/app/layout/app-layout.tsx', 'src/features/portal/find-page.tsx']],
    ['apply (wizard)', ['src/app/layout/app-layout.tsx', 'src/features/portal/apply-page.tsx']],
  ];
  return pages.map(([page, roots]) => {
    const keys = staticClosure(
      manifest,
      roots.filter((r) => manifest[r]),
    ).filter((k) => !entry.has(k));
    return { page, gzipBytes: weigh(dist, manifest, keys).gzipBytes };
  });
}

function main(): number {
  const i = process.argv.indexOf('--dist');
  const dist = path.resolve(i > 0 ? (process.argv[i + 1] ?? 'web/dist') : 'web/dist');
  let weight: Weight;
  try {
    weight = firstPage(dist);
  } catch (error) {
    console.error(`web-size: ${(error as Error).message}`);
    return 1;
  }
  console.log('First page JavaScript (index.html entry + static imports), gzip -9:');
  for (const f of weight.files) {
    console.log(
      `  ${f.file.padEnd(48)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzipBytes).padStart(9)}`,
    );
  }
  const ok = weight.gzipBytes <= FIRST_PAGE_BUDGET_BYTES;
  console.log(
    `  total ${kb(weight.bytes)}, gzip ${kb(weight.gzipBytes)} — budget ${kb(FIRST_PAGE_BUDGET_BYTES)}: ${ok ? 'OK' : 'OVER BUDGET'}`,
  );
  console.log('\nLoaded on top when a page opens (lazy chunks not in the entry), gzip -9:');
  for (const p of lazyPages(dist)) console.log(`  ${p.page.padEnd(28)} +${kb(p.gzipBytes)}`);
  return ok ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exit(main());
}
