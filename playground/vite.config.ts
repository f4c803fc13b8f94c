/**
 * The playground's Vite config: `npm run playground` serves it, `npm run
 * build:web` writes dist-web/index.html. The build is ONE self-contained
 * HTML file (vite-plugin-singlefile; the sampling worker is inlined as a
 * blob by `?worker&inline`), because Chromium refuses module scripts and
 * workers loaded from file:// pages: one file opens from the file system,
 * any static host and offline alike.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  resolve: {
    alias: [
      // csv-parse's default `sync` build uses Node's Buffer at load time (docs/browser.md).
      { find: /^csv-parse\/sync$/, replacement: 'csv-parse/browser/esm/sync' },
      // node:fs is reached only by options that name files, which the page never sets.
      { find: /^node:fs$/, replacement: here('./src/node-fs-unavailable.ts') },
    ],
  },
  worker: { format: 'iife' },
  // Pre-bundled when the dev server starts: found only when the worker first imports them, they
  // would make the dev server re-optimise and reload the page in the middle of the first run.
  optimizeDeps: {
    include: [
      'seedrandom',
      'chevrotain',
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-wasm',
      'csv-parse/browser/esm/sync',
    ],
  },
  plugins: [viteSingleFile({ removeViteModuleLoader: true })],
  build: {
    outDir: here('../dist-web'),
    emptyOutDir: true,
    // tfjs (the fallback backend) is over a megabyte: do not warn about it.
    chunkSizeWarningLimit: 8000,
    reportCompressedSize: false,
  },
  server: { fs: { allow: [here('..')] } },
});
