// The service worker of the installable web app (一次办 on a phone's home screen). It keeps
// the shell — index.html, its entry script, preloaded chunks and styles, the manifest and
// icons — so the app opens without a network; the API, files and PDFs always go to the
// server and are never cached (personal data stays off the device's caches).

const CACHE = 'onetrip-shell-v1';
const SHELL = ['/', '/manifest.webmanifest', '/favicon.svg', '/icons/icon-192.png'];
const NEVER = /^\/(api|ledger|docs|openapi\.json|healthz|metrics|\.well-known)(\/|$)/;

/** The assets index.html loads at once: its module script, preloads and stylesheets. */
function assetsOf(html) {
  const found = new Set();
  for (const match of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) found.add(match[1]);
  return [...found];
}

/** The shell's chunks as the build lists them (precache.json), else those index.html loads. */
async function shellAssets(html) {
  try {
    const response = await fetch('/precache.json', { cache: 'no-store' });
    if (response.ok) return (await response.json()).files;
  } catch {
    // An older build without the list: index.html's own assets still make a shell.
  }
  return assetsOf(html);
}

async function install() {
  const cache = await caches.open(CACHE);
  const response = await fetch('/', { cache: 'no-store' });
  if (!response.ok) throw new Error(`index.html answered ${response.status}`);
  const html = await response.clone().text();
  await cache.put('/', response);
  await cache.addAll([...SHELL.slice(1), ...(await shellAssets(html))]);
}

async function activate() {
  for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
  await self.clients.claim();
}

/** Pages: the network first (a new release shows at once), the cached shell when offline. */
async function navigate(request) {
  try {
    const response = await fetch(request);
    if (response.ok && response.headers.get('content-type')?.includes('text/html')) {
      const cache = await caches.open(CACHE);
      await cache.put('/', response.clone());
    }
    return response;
  } catch {
    const shell = await caches.match('/');
    return shell ?? Response.error();
  }
}

/** Hashed assets never change: the cache first, filled on first use. */
async function asset(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('install', (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(activate());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NEVER.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
  } else if (url.pathname.startsWith('/assets/') || SHELL.includes(url.pathname)) {
    event.respondWith(asset(request));
  }
});
