#!/usr/bin/env node
// postinstall: give Electron its own build of better-sqlite3.
//
// The CLI, the web server and the tests run under Node; the desktop window runs the same
// services under Electron, whose native-module ABI differs. Rebuilding node_modules for
// Electron (the usual electron-builder install-app-deps) would break the CLI, so we keep
// both: node_modules/better-sqlite3 stays built for Node, and a copy built for Electron
// lives in node_modules/.cryptota-electron/better-sqlite3; src/main/data/db.ts loads it
// through better-sqlite3's `nativeBinding` option when running inside Electron.
// Skipped (one line, exit 0) where Electron's binary was not installed.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronVersion() {
  try {
    const bin = require('electron');
    if (typeof bin !== 'string' || !existsSync(bin)) return null;
    return require('electron/package.json').version;
  } catch {
    return null;
  }
}

const version = electronVersion();
if (!version) {
  console.log('electron-native: no Electron binary installed; the desktop build of better-sqlite3 is skipped (CLI and web server are unaffected).');
  process.exit(0);
}
const src = join(root, 'node_modules', 'better-sqlite3');
const dest = join(root, 'node_modules', '.cryptota-electron', 'better-sqlite3');
const binding = join(dest, 'build', 'Release', 'better_sqlite3.node');
rmSync(dest, { recursive: true, force: true });
mkdirSync(dirname(dest), { recursive: true });
cpSync(src, dest, { recursive: true, filter: (p) => !p.includes(`${join('better-sqlite3', 'build')}`) });
const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: version, npm_config_disturl: 'https://electronjs.org/headers' };
const prebuilt = spawnSync(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', version], { cwd: dest, env, stdio: 'inherit' });
if (prebuilt.status !== 0 || !existsSync(binding)) {
  // npm passes its bundled node-gyp to lifecycle scripts in npm_config_node_gyp.
  const nodeGyp = process.env.npm_config_node_gyp;
  const gyp = !nodeGyp ? { status: 1 } : spawnSync(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers'], { cwd: dest, env, stdio: 'inherit' });
  if (gyp.status !== 0 || !existsSync(binding)) {
    console.error('electron-native: could not build better-sqlite3 for Electron; the desktop window will not open its store (the CLI and `cryptota serve` still work).');
    process.exit(0);
  }
}
console.log(`electron-native: better-sqlite3 built for Electron ${version}: ${binding}`);
