/**
 * The web app's first screen (issues 4 and 14): what a browser must fetch before the first
 * page it opens can render — index.html's entry chunk with its static imports, plus the lazy
 * chunks of that page's route (the layout and the page, with their static imports), their
 * JavaScript and CSS, gzipped at level 9 — must stay at or under 300 KB on every common first
 * screen: the public portal home `/` of an anonymous visitor (what a first visit shows), and
 * the deep links people open from a QR code, a link or a bookmark. Staff pages (dashboards,
 * verifier, case page) are printed for information. Read from Vite's build manifest
 * (web/dist/.vite/manifest.json); fails (exit 1) without a production build (a development
 * build, e.g. `vite build --mode development`, is refused) or above the budget. Writes its rows
 * to bench/results/web.summary.json (bench/summary.ts).
 *
 * Usage: npm run build:web && npx tsx bench/web-size.ts [--dist web/dist] [--deep-links-warn]
 *        (--deep-links-warn: only the pages opened without an account fail above the budget)
 *        npx tsx bench/web-size.ts --chromium http://127.0.0.1:4616   (cross-check: loads each
 *        first screen of a running production server in Chromium and sums what it fetched)
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeSummary, type SummaryRow } from './summary.js';

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

/** A first screen may weigh this many gzipped bytes of JS + CSS (300 KB, as Vite counts kB). */
export const FIRST_SCREEN_BUDGET_BYTES = 300_000;

/** A first screen: the route a browser opens and the lazy modules it renders. */
export interface Screen {
  name: string;
  /** A URL path that opens it (for the Chromium cross-check; `login` signs in first). */
  url: string;
  /** The lazy modules (manifest keys, relative to web/) the route renders at once. */
  roots: string[];
  /** Held to the budget (true) or printed for information (staff pages). */
  budget: boolean;
  /** Signed in as this demo account for the Chromium cross-check. */
  login?: string;
}

const LAYOUT = 'src/app/layout/app-layout.tsx';
/** The signed-in desks' messages, fetched with every desk page (web/src/app/router.tsx). */
const DESK_MESSAGES = 'src/i18n/desk-messages.zh.ts';

/**
 * A page inside the shell: the layout and the page `feature` (under src/features/), plus the
 * desks' messages for a desk page; held to the budget unless it is a staff page (`staff`).
 */
function inShell(
  name: string,
  url: string,
  feature: string,
  opts: { login?: string; desk?: boolean; staff?: boolean } = {},
): Screen {
  const roots = [LAYOUT, `src/features/${feature}.tsx`];
  if (opts.desk || opts.staff) roots.push(DESK_MESSAGES);
  return { name, url, roots, budget: !opts.staff, ...(opts.login ? { login: opts.login } : {}) };
}

const citizen = { login: 'citizen1' };

export const SCREENS: Screen[] = [
  inShell('portal home `/`, anonymous (first visit)', '/', 'portal/portal-home'),
  {
    name: 'login page `/login`',
    url: '/login',
    roots: ['src/features/auth/login-page.tsx'],
    budget: true,
  },
  inShell('deep link 找事项 `/matters`', '/matters', 'portal/find-page'),
  inShell(
    'deep link guide `/bundles/enterprise-startup`',
    '/bundles/enterprise-startup',
    'portal/guide-page',
  ),
  inShell('deep link bundles `/bundles`', '/bundles', 'portal/bundles-page'),
  inShell('QR code: progress `/track/:receiptNo`', '/track/:receiptNo', 'track/track-page'),
  inShell('home, signed in `/`', '/', 'home/home-page', citizen),
  inShell(
    'deep link wizard `/apply/:kind/:code`',
    '/apply/:kind/:code',
    'portal/apply-page',
    citizen,
  ),
  inShell(
    'my applications `/applications`',
    '/applications',
    'applications/applications-page',
    citizen,
  ),
  inShell(
    'one application `/applications/:id`',
    '/applications/:id',
    'applications/application-page',
    citizen,
  ),
  inShell('wallet `/wallet`', '/wallet', 'wallet/wallet-page', { ...citizen, desk: true }),
  inShell('staff: window intake', '/window/intake', 'window/intake-page', { staff: true }),
  inShell('staff: task queue', '/tasks', 'workbench/queue-page', { staff: true }),
  inShell('staff: case page', '/tasks/:a/:t', 'workbench/case-page', { staff: true }),
  inShell('staff: verifier', '/verify', 'verifier/verifier-page', { staff: true }),
  inShell('staff: dashboards (ECharts)', '/supervision', 'supervision/dashboard-page', {
    staff: true,
  }),
];

/** A set of files and their weight. */
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

/**
 * Refuses anything but a production build: the build's own record (web/dist/build-info.json,
 * written by web/vite.config.ts) must say mode production, minified, and the entry must not
 * hold React's development build (which a `--mode development` build bundles).
 */
export function assertProductionBuild(dist: string, manifest: Manifest): void {
  const infoFile = path.join(dist, 'build-info.json');
  if (!fs.existsSync(infoFile)) {
    throw new Error(
      `${infoFile} is missing: not a build of web/vite.config.ts (npm run build:web)`,
    );
  }
  const info = JSON.parse(fs.readFileSync(infoFile, 'utf8')) as {
    mode?: string;
    production?: boolean;
    minify?: unknown;
  };
  if (info.mode !== 'production' || info.production !== true || !info.minify) {
    throw new Error(
      `a development build (mode ${String(info.mode)}, minify ${String(info.minify)}) must not ship: npm run build:web`,
    );
  }
  const entry = entryKey(manifest);
  const code = fs.readFileSync(path.join(dist, manifest[entry]!.file), 'utf8');
  if (code.includes('react-stack-bottom-frame') || code.includes('.development.js')) {
    throw new Error('the entry chunk holds React’s development build: npm run build:web');
  }
}

function entryKey(manifest: Manifest): string {
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry && c.src === 'index.html');
  if (!entry) throw new Error('the build manifest has no entry for index.html');
  return entry[0];
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

/** The JS and CSS files of these chunks, each once. */
export function filesOf(manifest: Manifest, keys: string[]): string[] {
  const files = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk) continue;
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
  }
  return [...files];
}

/** The raw and gzipped size (level 9, as a server would serve it) of the files. */
export function weigh(dist: string, files: string[]): Weight {
  const weighed = files
    .map((file) => {
      const bytes = fs.readFileSync(path.join(dist, file));
      return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    files: weighed,
    bytes: weighed.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: weighed.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}

/** The entry (index.html's chunk and its static imports): what every screen loads. */
export function entryFiles(manifest: Manifest): string[] {
  return filesOf(manifest, staticClosure(manifest, [entryKey(manifest)]));
}

/** A first screen's files: the entry's and those of its route's lazy modules. */
export function screenFiles(manifest: Manifest, screen: Screen): string[] {
  const missing = screen.roots.filter((r) => !manifest[r]);
  if (missing.length > 0)
    throw new Error(`${screen.name}: not in the manifest: ${missing.join(', ')}`);
  const entry = entryFiles(manifest);
  const lazy = filesOf(manifest, staticClosure(manifest, screen.roots));
  return [...new Set([...entry, ...lazy])];
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

interface Measured {
  screen: Screen;
  gzipBytes: number;
  lazyGzipBytes: number;
}

function measure(dist: string): { entry: Weight; screens: Measured[] } {
  const manifest = readManifest(dist);
  assertProductionBuild(dist, manifest);
  const entry = weigh(dist, entryFiles(manifest));
  const screens = SCREENS.map((screen) => {
    const all = weigh(dist, screenFiles(manifest, screen));
    return { screen, gzipBytes: all.gzipBytes, lazyGzipBytes: all.gzipBytes - entry.gzipBytes };
  });
  return { entry, screens };
}

function rows(entry: Weight, screens: Measured[]): SummaryRow[] {
  const budget = `≤ ${kb(FIRST_SCREEN_BUDGET_BYTES)} gzip`;
  const held = screens.filter((s) => s.screen.budget);
  const heaviest = held.reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a));
  const anonymous = held[0]!;
  const over = held.filter((s) => s.gzipBytes > FIRST_SCREEN_BUDGET_BYTES);
  return [
    {
      figure: `web: first screen ${anonymous.screen.name}, JS+CSS`,
      value: `${kb(anonymous.gzipBytes)}`,
      target: budget,
      limit: `entry ${kb(entry.gzipBytes)} + lazy ${kb(anonymous.lazyGzipBytes)}`,
      met: anonymous.gzipBytes <= FIRST_SCREEN_BUDGET_BYTES,
      why: anonymous.gzipBytes > FIRST_SCREEN_BUDGET_BYTES ? 'over the budget' : undefined,
    },
    {
      figure: `web: heaviest common first screen (of ${held.length}): ${heaviest.screen.name}`,
      value: `${kb(heaviest.gzipBytes)}`,
      target: budget,
      limit: `entry ${kb(entry.gzipBytes)} + lazy ${kb(heaviest.lazyGzipBytes)}`,
      met: over.length === 0,
      why:
        over.length > 0
          ? `over the budget: ${over.map((s) => s.screen.name).join(', ')}`
          : undefined,
    },
  ];
}

function printReport(entry: Weight, screens: Measured[]): void {
  console.log('Entry (index.html chunk + static imports, JS + CSS), gzip -9:');
  for (const f of entry.files.slice(0, 12)) {
    console.log(
      `  ${f.file.padEnd(48)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzipBytes).padStart(9)}`,
    );
  }
  if (entry.files.length > 12) console.log(`  … and ${entry.files.length - 12} smaller files`);
  console.log(`  total ${kb(entry.bytes)}, gzip ${kb(entry.gzipBytes)}`);
  console.log(
    `\nFirst screens (entry + the route's lazy chunks, JS + CSS), gzip -9, budget ${kb(FIRST_SCREEN_BUDGET_BYTES)}:`,
  );
  for (const s of screens) {
    const state = !s.screen.budget
      ? '(information)'
      : s.gzipBytes <= FIRST_SCREEN_BUDGET_BYTES
        ? 'OK'
        : 'OVER BUDGET';
    console.log(
      `  ${s.screen.name.padEnd(44)} ${kb(s.gzipBytes).padStart(9)}  (+${kb(s.lazyGzipBytes)})  ${state}`,
    );
  }
}

/**
 * The cross-check in a real browser: opens each screen of a running production server in
 * Chromium (CHROMIUM_PATH, default /usr/bin/chromium) with an empty cache, and sums the
 * gzip -9 size of every JS and CSS response it fetched until it fetched nothing more.
 */
async function chromium(base: string): Promise<number> {
  const { chromium: browserType } = await import('@playwright/test');
  const browser = await browserType.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
  try {
    const manifest = readManifest(path.resolve('web/dist'));
    for (const screen of SCREENS) {
      // Staff screens need a TOTP code: the cross-check opens the others.
      if (screen.url.includes(':') || !screen.budget) continue;
      const context = await browser.newContext({ serviceWorkers: 'block' });
      if (screen.login) {
        const res = await context.request.post(`${base}/api/v1/auth/login`, {
          data: { username: screen.login, password: 'demo12345' },
        });
        if (!res.ok()) console.log(`  (login as ${screen.login}: HTTP ${res.status()})`);
      }
      const pageInBrowser = await context.newPage();
      const fetched = new Map<string, number>();
      pageInBrowser.on('response', (response) => {
        const url = new URL(response.url());
        if (!/\.(js|css)$/.test(url.pathname)) return;
        void response
          .body()
          .then((body) => fetched.set(url.pathname, gzipSync(body, { level: 9 }).length))
          .catch(() => undefined);
      });
      await pageInBrowser.goto(`${base}${screen.url}`, { waitUntil: 'networkidle' });
      // The entry parses for longer than networkidle's 500 ms on a slow core before it asks
      // for the route's chunks: wait until nothing new was fetched for two seconds.
      for (let seen = -1; seen !== fetched.size;) {
        seen = fetched.size;
        await pageInBrowser.waitForTimeout(2000);
      }
      const sum = [...fetched.values()].reduce((a, b) => a + b, 0);
      const expected = new Set(screenFiles(manifest, screen).map((f) => `/${f}`));
      const extra = [...fetched.keys()].filter((f) => !expected.has(f));
      const notFetched = [...expected].filter((f) => !fetched.has(f));
      console.log(
        `  ${screen.name.padEnd(44)} ${kb(sum).padStart(9)} in ${fetched.size} files` +
          (extra.length ? `; beyond the manifest's: ${extra.join(' ')}` : '') +
          (notFetched.length ? `; listed but not fetched: ${notFetched.join(' ')}` : ''),
      );
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return 0;
}

async function main(): Promise<number> {
  const c = process.argv.indexOf('--chromium');
  if (c > 0) return chromium(process.argv[c + 1] ?? 'http://127.0.0.1:3000');
  const i = process.argv.indexOf('--dist');
  const dist = path.resolve(i > 0 ? (process.argv[i + 1] ?? 'web/dist') : 'web/dist');
  let measured: ReturnType<typeof measure>;
  try {
    measured = measure(dist);
  } catch (error) {
    console.error(`web-size: ${(error as Error).message}`);
    return 1;
  }
  printReport(measured.entry, measured.screens);
  const summary = rows(measured.entry, measured.screens);
  writeSummary('web', summary);
  if (summary.every((r) => r.met)) return 0;
  // CI passes --deep-links-warn: every page anyone opens without an account (the portal home,
  // login, 找事项, guides, the QR code's progress page) fails the build above the budget, as
  // does a development or missing build; signed-in deep links still over it (issue 14 left
  // them missed, BENCHMARKS.md) are printed as a warning.
  const publicOver = measured.screens.filter(
    (s) => s.screen.budget && !s.screen.login && s.gzipBytes > FIRST_SCREEN_BUDGET_BYTES,
  );
  if (process.argv.includes('--deep-links-warn') && publicOver.length === 0) {
    console.log('\nWARNING: signed-in deep links over the budget (above); not failing.');
    return 0;
  }
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  void main().then((code) => process.exit(code));
}
