#!/usr/bin/env node
// `npm start`: the desktop window where the Electron binary is installed; otherwise
// one line saying so, then the web server (building the renderer first if needed)
// and the default browser pointed at it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when it was never downloaded.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  const forward = (sig) => () => child.kill(sig);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electron = electronBinary();
if (electron) {
  // electron-vite builds main, preload and renderer, then starts Electron on them.
  run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'preview']);
} else {
  console.log('Electron is not installed here (no binary in node_modules/electron): starting the web workstation in your browser instead.');
  const extra = process.argv.slice(2);
  run(process.execPath, [join(root, 'bin', 'cryptota.mjs'), 'serve', '--open', ...extra]);
}
