import path from 'node:path';
import { defineConfig } from 'vite';

const ROOT = import.meta.dirname;
const GATEWAY = process.env.REDMET_GATEWAY_URL ?? 'http://127.0.0.1:3000';

/**
 * The console: a single-page app served by the gateway at `/`. Vite compiles
 * TSX itself (oxc, React's automatic runtime); the dev server forwards `/api`
 * to a running gateway so the app always talks to one origin.
 */
export default defineConfig({
  root: ROOT,
  base: '/',
  resolve: {
    alias: { '@redmet/contracts/vocabulary': path.resolve(ROOT, '../../libs/contracts/src/vocabulary/index.ts') },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.resolve(ROOT, '../../dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Query marks its modules "use client" for server components; a browser bundle has no use for it.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, proxy: { '/api': { target: GATEWAY, changeOrigin: false } } },
});
