import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The config lives in web/ but the repo runs Vite from its root (`vite build --config
// web/vite.config.ts`), so every path is anchored to this file rather than to the cwd.
const webRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);
const contracts = decodeURIComponent(new URL('../shared/contracts', import.meta.url).pathname);

const server = 'http://127.0.0.1:3000';

/** Modules whose chunks make up the app's shell: what opens offline once installed. */
const SHELL_MODULES = [
  'src/main.tsx',
  'src/i18n/messages.en.ts',
  'src/features/auth/login-page.tsx',
  'src/app/layout/app-layout.tsx',
  'src/features/home/home-page.tsx',
  'src/app/pages/session-error-page.tsx',
  'src/app/pages/area-page.tsx',
  'src/app/pages/not-found-page.tsx',
  'src/app/pages/forbidden-page.tsx',
];

/**
 * Writes `precache.json` into the build: the JS and CSS files of the shell (the chunks of
 * SHELL_MODULES and everything they import statically), which web/public/sw.js caches when
 * it installs. Pages of the areas are cached the first time they are opened.
 */
function precacheManifest(webRoot: string): Plugin {
  // `webRoot` ends with a slash, like the module ids Vite gives under it.
  return {
    name: 'onetrip-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const files = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = byFile.get(fileName);
        if (!chunk || files.has(`/${fileName}`)) return;
        files.add(`/${fileName}`);
        for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(`/${css}`);
        chunk.imports.forEach(visit);
      };
      for (const chunk of chunks) {
        const id = chunk.facadeModuleId ?? '';
        const relative = id.startsWith(webRoot) ? id.slice(webRoot.length) : id;
        if (SHELL_MODULES.includes(relative)) visit(chunk.fileName);
      }
      this.emitFile({
        type: 'asset',
        fileName: 'precache.json',
        source: JSON.stringify({ files: [...files].sort() }, null, 2),
      });
    },
  };
}

/**
 * Writes `build-info.json` into the build: the mode and whether it is minified, so that
 * bench/web-size.ts (run by .ci/run) refuses a development build (`--mode development`).
 */
function buildInfo(): Plugin {
  let info = {};
  return {
    name: 'onetrip-build-info',
    apply: 'build',
    configResolved(config) {
      info = { mode: config.mode, production: config.isProduction, minify: config.build.minify };
    },
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'build-info.json',
        source: JSON.stringify(info, null, 2),
      });
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), precacheManifest(webRoot), buildInfo()],
  resolve: { alias: { '@contracts': contracts } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: 'hidden',
    // .vite/manifest.json: bench/web-size.ts reads the entry, each first screen's lazy chunks
    // and their static imports, and holds them to the budget (300 kB gzipped); the entry
    // (React, the router, antd's core, the public Chinese messages) is about 530 kB raw.
    manifest: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': server,
      '/healthz': server,
      '/docs': server,
      '/openapi.json': server,
    },
  },
});
