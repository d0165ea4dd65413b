import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The config lives in web/ but the repo runs Vite from its root (`vite build --config
// web/vite.config.ts`), so every path is anchored to this file rather than to the cwd.
const webRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);
const contracts = decodeURIComponent(new URL('../shared/contracts', import.meta.url).pathname);

const server = 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: { alias: { '@contracts': contracts } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: 'hidden',
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
