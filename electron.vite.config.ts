import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { workerEntries } from './src/main/research/workerEntries';
import { cliBuildStamp } from './bin/cliBuild.mjs';

export default defineConfig({
  main: {
    // The stamp tells bin/cryptota.mjs whether out/main/cli.js is older than the sources.
    plugins: [externalizeDepsPlugin(), cliBuildStamp()],
    build: {
      rollupOptions: {
        // Every worker thread is its own entry, from the one registry spawnWorker also reads.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The `cryptota` command line, run by bin/cryptota.mjs without compiling TypeScript at each start.
          cli: resolve(__dirname, 'src/main/cli/main.ts'),
          ...Object.fromEntries(Object.entries(workerEntries).map(([name, file]) => [name, resolve(__dirname, file)])),
        },
        // Chunks flat beside the entries: spawnWorker finds `<name>.js` next to whichever chunk it lands in.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    // Bundled (not externalized) so the preload runs with sandbox: true.
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
  },
});
