/**
 * How fast `cryptota` starts.
 *
 *   npm run bench:cli               table
 *   npm run bench:cli -- --json     table, then one JSON object on the last line
 *   npm run bench:cli -- --runs 15  more runs per measure (default 9)
 *
 * Wall time of whole processes, each the median of N runs taken in turns (one of each
 * per round, so a load spike on a shared machine hits every measure alike):
 *   node -e ''                               the floor: starting Node itself
 *   cryptota --help                          built CLI (out/main/cli.js); target under 250 ms
 *   cryptota --help from the sources         tsx compiling TypeScript at start (the fallback)
 *   cryptota backtest --no-save              rsi on the bundled BTCUSDT 1h sample, built CLI
 * The build is made first when out/main/cli.js is missing or older than the sources.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { builtCliState } from '../bin/cliBuild.mjs';
import { figure, log, report } from './support/report';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin', 'cryptota.mjs');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg === -1 ? 9 : Number(process.argv[runsArg + 1]);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs must be a positive whole number (got "${process.argv[runsArg + 1]}")`);
const HELP_TARGET_MS = 250;

interface Measure {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
}

const home = mkdtempSync(join(tmpdir(), 'cryptota-bench-cli-'));
const measures = {
  node: { name: "node -e ''", args: ['-e', ''] },
  help: { name: 'cryptota --help', args: [bin, '--help'], env: { CRYPTOTA_CLI_FROM: 'build' } },
  helpSource: { name: 'cryptota --help from the sources (tsx)', args: [bin, '--help'], env: { CRYPTOTA_CLI_FROM: 'source' } },
  backtest: { name: 'cryptota backtest --no-save', args: [bin, 'backtest', '--no-save'], env: { CRYPTOTA_CLI_FROM: 'build' } },
} satisfies Record<string, Measure>;

function wallMs(m: Measure): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, m.args, { cwd: root, env: { ...process.env, CRYPTOTA_HOME: home, ...m.env }, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${m.name} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

if (builtCliState(root) !== 'fresh') {
  log('building the CLI (out/main/cli.js is missing or older than the sources)...');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`electron-vite build failed:\n${r.stderr}`);
}

const samples = Object.fromEntries(Object.keys(measures).map((k) => [k, [] as number[]])) as Record<keyof typeof measures, number[]>;
// One untimed round: the first start reads every file from disk, later ones from the page cache.
for (const m of Object.values(measures)) wallMs(m);
for (let round = 1; round <= RUNS; round++) {
  for (const [key, m] of Object.entries(measures) as [keyof typeof measures, Measure][]) samples[key].push(wallMs(m));
  log(`round ${round}/${RUNS}: ${Object.entries(samples).map(([k, xs]) => `${k} ${xs[xs.length - 1].toFixed(0)} ms`).join(', ')}`);
}

const ms = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)])) as Record<keyof typeof measures, number>;
const figures = [
  figure(measures.help.name, 'ms', ms.help, measures.node.name, ms.node, `< ${HELP_TARGET_MS} ms`, (v) => v < HELP_TARGET_MS),
  figure(measures.helpSource.name, 'ms', ms.helpSource, measures.node.name, ms.node, 'for comparison', () => true),
  figure(measures.backtest.name, 'ms', ms.backtest, measures.node.name, ms.node, 'for reference', () => true),
];
report(figures, { width: 10, fmt: (_u, v) => `${v.toFixed(0)} ms` }, {
  bench: 'cli',
  runs: RUNS,
  medianMs: ms,
  helpTargetMs: HELP_TARGET_MS,
  helpStartupOverNodeMs: ms.help - ms.node,
  speedupOverSource: ms.helpSource / ms.help,
  figures,
});
