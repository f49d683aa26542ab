import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        // The backtest worker is its own entry: BacktestService starts ./backtestWorker.js next to index.js.
        input: { index: resolve(__dirname, 'src/main/index.ts'), backtestWorker: resolve(__dirname, 'src/main/research/backtestWorker.ts') },
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
