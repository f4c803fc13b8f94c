/**
 * Vite config for the browser example. `npx vite build examples/browser`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  resolve: {
    alias: [
      // csv-parse's default `sync` build is Node's (it uses Buffer at load time);
      // the package ships a browser build of the same API.
      { find: /^csv-parse\/sync$/, replacement: 'csv-parse/browser/esm/sync' },
      // Until sampleModel stops importing file readers (see docs/browser.md).
      { find: /^node:fs$/, replacement: fileURLToPath(new URL('./node-fs-unavailable.ts', import.meta.url)) },
    ],
  },
  build: {
    // tfjs alone is over a megabyte: do not warn about it.
    chunkSizeWarningLimit: 2500,
  },
});
