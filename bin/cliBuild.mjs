// Which code `cryptota` runs: the CLI bundled by `npm run build` (out/main/cli.js) when it
// is at least as new as the TypeScript sources, else the sources through tsx (compiled at
// every start, ~1 s). "As new" is decided against a stamp the build writes with the time
// it STARTED, so a source saved while a build runs still counts as newer than the build.
// Plain JavaScript: it runs before any TypeScript loader exists, and the build config
// imports cliBuildStamp() from here, so writer and reader share one file.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BUILT_CLI = join('out', 'main', 'cli.js');
export const SOURCE_CLI = join('src', 'main', 'cli', 'main.ts');
const STAMP = join('out', 'main', 'cli-build.json');
/** What the CLI is built from (the renderer is not part of it; tests are not either). */
const SOURCE_DIRS = [join('src', 'main'), join('src', 'shared')];

/** Vite plugin for the main build: writes out/main/cli-build.json with the build's start time. */
export function cliBuildStamp() {
  let startedAt = 0;
  return {
    name: 'cryptota-cli-build-stamp',
    buildStart() {
      startedAt = Date.now();
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'cli-build.json', source: `${JSON.stringify({ startedAt })}\n` });
    },
  };
}

/**
 * 'fresh' | 'missing' | 'stale' for the built CLI under root. Costs one stat per source
 * file (a few ms for ~250 files) and stops at the first file newer than the build.
 */
export function builtCliState(root) {
  if (!existsSync(join(root, BUILT_CLI))) return 'missing';
  let startedAt;
  try {
    startedAt = JSON.parse(readFileSync(join(root, STAMP), 'utf8')).startedAt;
  } catch {
    return 'stale';
  }
  if (typeof startedAt !== 'number') return 'stale';
  for (const dir of SOURCE_DIRS) {
    // An installed package without sources runs what it ships.
    if (!existsSync(join(root, dir))) continue;
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue;
      if (statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs > startedAt) return 'stale';
    }
  }
  return 'fresh';
}

/**
 * The file to import and how: CRYPTOTA_CLI_FROM=build or =source forces one (tests,
 * benchmarks); otherwise the build when fresh. `hint` says why the sources run instead.
 */
export function chooseCli(root, forced = process.env.CRYPTOTA_CLI_FROM) {
  const built = { from: 'build', file: join(root, BUILT_CLI), hint: null };
  const source = (hint) => ({ from: 'source', file: join(root, SOURCE_CLI), hint });
  if (forced === 'build') return built;
  if (forced === 'source') return source(null);
  if (forced !== undefined && forced !== '') throw new Error(`CRYPTOTA_CLI_FROM must be "build" or "source" (got "${forced}")`);
  const state = builtCliState(root);
  if (state === 'fresh') return built;
  const why = state === 'missing' ? `${BUILT_CLI} does not exist` : `${BUILT_CLI} is older than the sources`;
  return source(`cryptota: ${why}; running the TypeScript sources (slower start). \`npm run build\` makes it start fast.`);
}
