/**
 * Engine throughput: StrategyRunner + SimBroker + built-in strategy over 1,000,000
 * one-minute bars, against a hand-written single loop that computes the same signals
 * and trades (the floor any engine design could reach in JS).
 *
 *   npm run bench:engine            table
 *   npm run bench:engine -- --json  table, then one JSON object on the last line
 *
 * Data: the bundled real BTCUSDT 1m sample, concatenated until 1,000,000 bars; each
 * copy's times are shifted so time keeps increasing (prices jump at each seam).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { runBacktest } from '../src/main/engine/backtest';
import type { BrokerConfig } from '../src/main/engine/brokerTypes';
import { createCandles, type Candles } from '../src/main/engine/candles';
import { StrategyRunner } from '../src/main/engine/runner';
import { getStrategy } from '../src/main/engine/strategies/registry';

const BARS = 1_000_000;
const WARMUP_RUNS = 5;
const TIMED_RUNS = 7;
const json = process.argv.includes('--json');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const broker: BrokerConfig = { cash: 100_000, commission: 0.0002, slippageBps: 0, qtyStep: 1e-8, minNotional: 0, tradeOnClose: false };

interface Row {
  strategy: string;
  params: Record<string, number | boolean>;
  engineBarsPerSec: number;
  engineMs: number;
  fullBacktestBarsPerSec: number;
  fullBacktestMs: number;
  handBarsPerSec: number;
  handMs: number;
  ratioEngineOverHand: number;
  trades: number;
  handTrades: number;
  finalEquity: number;
  handFinalEquity: number;
  /** Heap + array buffers a run's result keeps alive (trade log, trades, stats; the equity buffer is shared). */
  engineRetainedMB: number;
  fullBacktestRetainedMB: number;
}

function loadSample(): { candles: Candles; copies: number; sourceBars: number } {
  const bytes = gunzipSync(readFileSync(join(root, 'resources/sample/BTCUSDT_1m.csv.gz')));
  const src = parseCsvColumns(bytes);
  const m = src.time.length;
  const span = src.time[m - 1] - src.time[0] + 60_000;
  const cols = { time: new Float64Array(BARS), open: new Float64Array(BARS), high: new Float64Array(BARS), low: new Float64Array(BARS), close: new Float64Array(BARS), volume: new Float64Array(BARS) };
  for (let i = 0; i < BARS; i++) {
    const copy = Math.floor(i / m);
    const k = i - copy * m;
    cols.time[i] = src.time[k] + copy * span;
    cols.open[i] = src.open[k];
    cols.high[i] = src.high[k];
    cols.low[i] = src.low[k];
    cols.close[i] = src.close[k];
    cols.volume[i] = src.volume[k];
  }
  return { candles: createCandles(cols), copies: Math.ceil(BARS / m), sourceBars: m };
}

/**
 * Reads `open_time_ms,open,high,low,close,volume` straight from the bytes, without
 * building a string per line (keeps the load from dominating the memory figures).
 * Decimals are parsed as integer mantissa / 10^k, exact for up to 15 significant digits.
 */
function parseCsvColumns(b: Uint8Array): Record<'time' | 'open' | 'high' | 'low' | 'close' | 'volume', Float64Array> {
  let rows = 0;
  for (let p = 0; p < b.length; p++) if (b[p] === 10) rows++;
  const cols = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(rows));
  let p = b.indexOf(10) + 1; // skip the header
  let r = 0;
  while (p < b.length && r < rows) {
    for (let c = 0; c < 6; c++) {
      let mant = 0, scale = 1, frac = false, digits = 0;
      for (; p < b.length; p++) {
        const ch = b[p];
        if (ch >= 48 && ch <= 57) {
          mant = mant * 10 + (ch - 48);
          digits++;
          if (frac) scale *= 10;
        } else if (ch === 46) frac = true;
        else break;
      }
      if (digits === 0 || digits > 15) throw new Error(`sample CSV: cannot parse row ${r + 2}, column ${c + 1}`);
      cols[c][r] = mant / scale;
      p++; // skip ',' or '\n'
    }
    if (b[p - 1] === 13) p++;
    r++;
  }
  const [time, open, high, low, close, volume] = cols.map((col) => col.subarray(0, r));
  return { time, open, high, low, close, volume };
}

/**
 * Full GCs between phases and before the allocation probes (flag set at run time, as npm
 * scripts pass no node flags). Not inside the timed loops: a forced full GC there throws
 * away the optimized code of the bar loop (V8 "weak objects" deopts), which says more
 * about the probe than about the engine.
 */
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Best (minimum) wall time of `fn` over the timed runs, after warm-up runs. */
function best<T>(fn: () => T): { ms: number; last: T } {
  let last = fn();
  for (let r = 1; r < WARMUP_RUNS; r++) last = fn();
  let ms = Infinity;
  for (let r = 0; r < TIMED_RUNS; r++) {
    const t0 = performance.now();
    last = fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, last };
}

/** Heap + array buffers still held after one run of `fn` (full GC before and after): what a result keeps alive. */
function retainedMB(fn: () => unknown): number {
  gc();
  const m0 = process.memoryUsage();
  const kept = fn();
  gc();
  const m1 = process.memoryUsage();
  if (kept === undefined) throw new Error('unreachable: keeps the result alive across the GC');
  return mb(m1.heapUsed - m0.heapUsed + m1.arrayBuffers - m0.arrayBuffers);
}

function peakRssMB(): number {
  return mb(process.resourceUsage().maxRSS * 1024);
}

/** One equity buffer reused by every run, engine and hand loop alike (as an optimizer would). */
let equityBuffer = new Float64Array(0);

function engineRun(candles: Candles, name: string, params: Record<string, number | boolean>): { trades: number; equity: number } {
  const runner = new StrategyRunner(getStrategy(name), params, broker, { candles, recordEvents: false, equityBuffer });
  runner.runTo(candles.length);
  runner.finish();
  return { trades: runner.broker.tradeCount, equity: runner.lastEquity };
}

// ---- the hand-written floor: same rules, same broker arithmetic, one loop ----

const FULL = 1 - Number.EPSILON;

function floorSat(x: number): number {
  return x > 0 ? Math.floor(x / 1e-8 + 1e-9) / 1e8 : 0;
}

function handSmaCross(c: Candles, n1: number, n2: number): { trades: number; equity: number } {
  const out = equityBuffer;
  const open = c.open, close = c.close, n = c.length, cm = broker.commission;
  const bf = new Float64Array(n1), bs = new Float64Array(n2);
  let fHi = 0, fLo = 0, sHi = 0, sLo = 0, pf = 0, ps = 0, cntF = 0, cntS = 0;
  let prevF = NaN, prevS = NaN;
  let bal = broker.cash, size = 0, entry = 0, pending = 0, trades = 0;
  for (let i = 0; i < n; i++) {
    const o = open[i];
    if (pending !== 0) {
      if (size !== 0) {
        const fee = Math.abs(size) * o * cm;
        bal += size * (o - entry) - fee;
        size = 0;
        trades++;
      }
      let q = floorSat((bal * FULL) / (o + (FULL * o * cm) / FULL));
      while (q > 0 && q * o * (1 + cm) > bal) q = floorSat(q - 1e-8);
      if (q > 0) {
        bal -= q * o * cm;
        size = pending * q;
        entry = o;
      }
      pending = 0;
    }
    const x = close[i];
    // Compensated rolling sums (TwoSum), as the engine's Sma.
    let s = fHi + x, bp = s - fHi;
    fLo += (fHi - (s - bp)) + (x - bp);
    fHi = s;
    if (cntF === n1) {
      const y = -bf[pf];
      s = fHi + y; bp = s - fHi;
      fLo += (fHi - (s - bp)) + (y - bp);
      fHi = s;
    } else cntF++;
    bf[pf] = x;
    pf = pf + 1 === n1 ? 0 : pf + 1;
    s = sHi + x; bp = s - sHi;
    sLo += (sHi - (s - bp)) + (x - bp);
    sHi = s;
    if (cntS === n2) {
      const y = -bs[ps];
      s = sHi + y; bp = s - sHi;
      sLo += (sHi - (s - bp)) + (y - bp);
      sHi = s;
    } else cntS++;
    bs[ps] = x;
    ps = ps + 1 === n2 ? 0 : ps + 1;
    const f = cntF === n1 ? (fHi + fLo) / n1 : NaN;
    const sl = cntS === n2 ? (sHi + sLo) / n2 : NaN;
    if (prevF < prevS && f > sl) pending = 1;
    else if (prevS < prevF && sl > f) pending = -1;
    prevF = f;
    prevS = sl;
    out[i] = bal + size * (x - entry);
  }
  if (size !== 0) {
    const x = close[n - 1];
    bal += size * (x - entry) - Math.abs(size) * x * cm;
    trades++;
    out[n - 1] = bal;
  }
  return { trades, equity: out[n - 1] };
}

function handRsi(c: Candles, period: number, lower: number, upper: number): { trades: number; equity: number } {
  const out = equityBuffer;
  const open = c.open, close = c.close, n = c.length, cm = broker.commission;
  let avgG = 0, avgL = 0, prevClose = 0, prevR = NaN;
  let bal = broker.cash, size = 0, entry = 0, pending = 0, trades = 0;
  for (let i = 0; i < n; i++) {
    const o = open[i];
    if (pending === -1 && size !== 0) {
      bal += size * (o - entry) - Math.abs(size) * o * cm;
      size = 0;
      trades++;
    } else if (pending === 1) {
      let q = floorSat((bal * FULL) / (o + (FULL * o * cm) / FULL));
      while (q > 0 && q * o * (1 + cm) > bal) q = floorSat(q - 1e-8);
      if (q > 0) {
        bal -= q * o * cm;
        size = q;
        entry = o;
      }
    }
    pending = 0;
    const x = close[i];
    let r = NaN;
    if (i > 0) {
      const d = x - prevClose;
      const g = d > 0 ? d : 0, l = d < 0 ? -d : 0;
      if (i <= period) {
        avgG += g;
        avgL += l;
        if (i === period) {
          avgG /= period;
          avgL /= period;
        }
      } else {
        avgG = (avgG * (period - 1) + g) / period;
        avgL = (avgL * (period - 1) + l) / period;
      }
      if (i >= period) r = avgL === 0 ? 100 : 100 * (avgG / (avgG + avgL));
    }
    prevClose = x;
    if (size === 0) {
      if (prevR < lower && r > lower) pending = 1;
    } else if (prevR < upper && r > upper) pending = -1;
    prevR = r;
    out[i] = bal + size * (x - entry);
  }
  if (size !== 0) {
    const x = close[n - 1];
    bal += size * (x - entry) - Math.abs(size) * x * cm;
    trades++;
    out[n - 1] = bal;
  }
  return { trades, equity: out[n - 1] };
}

function mb(bytes: number): number {
  return Math.round((bytes / 1048576) * 10) / 10;
}

function main(): void {
  const rssStart = process.memoryUsage().rss;
  const { candles, copies, sourceBars } = loadSample();
  equityBuffer = new Float64Array(candles.length);
  gc();
  const rssLoaded = process.memoryUsage().rss;
  const peakAfterLoad = peakRssMB();
  const cases: { name: string; params: Record<string, number | boolean>; hand: () => { trades: number; equity: number } }[] = [
    { name: 'sma_cross', params: { n1: 10, n2: 20 }, hand: () => handSmaCross(candles, 10, 20) },
    { name: 'rsi', params: { period: 14, lower: 30, upper: 70 }, hand: () => handRsi(candles, 14, 30, 70) },
  ];
  // Phase 1: the engine loop and the hand loop (the figures the targets are about).
  const rows: Row[] = [];
  for (const cs of cases) {
    const engine = best(() => engineRun(candles, cs.name, cs.params));
    const hand = best(cs.hand);
    rows.push({
      strategy: cs.name, params: cs.params,
      engineBarsPerSec: candles.length / (engine.ms / 1000), engineMs: engine.ms,
      fullBacktestBarsPerSec: NaN, fullBacktestMs: NaN,
      handBarsPerSec: candles.length / (hand.ms / 1000), handMs: hand.ms,
      ratioEngineOverHand: engine.ms / hand.ms,
      trades: engine.last.trades, handTrades: hand.last.trades,
      finalEquity: engine.last.equity, handFinalEquity: hand.last.equity,
      engineRetainedMB: retainedMB(() => engineRun(candles, cs.name, cs.params)),
      fullBacktestRetainedMB: NaN,
    });
  }
  const peakEngine = peakRssMB();
  // Phase 2: runBacktest as the app calls it (trade objects + backtesting.py statistics).
  for (const [k, cs] of cases.entries()) {
    const full = best(() => runBacktest(candles, getStrategy(cs.name), cs.params, broker, { equityBuffer }));
    rows[k].fullBacktestMs = full.ms;
    rows[k].fullBacktestBarsPerSec = candles.length / (full.ms / 1000);
    rows[k].fullBacktestRetainedMB = retainedMB(() => runBacktest(candles, getStrategy(cs.name), cs.params, broker, { equityBuffer }));
  }
  const peakAll = peakRssMB();

  console.log(`engine bench: ${candles.length.toLocaleString('en-US')} 1m bars = the real BTCUSDT sample (${sourceBars.toLocaleString('en-US')} bars) concatenated ${copies} times, times shifted per copy so they keep increasing (prices jump at each seam)`);
  console.log(`broker: cash ${broker.cash}, commission ${broker.commission}, qty step ${broker.qtyStep}; best of ${TIMED_RUNS} runs after ${WARMUP_RUNS} warm-up runs; Node ${process.version}`);
  console.log('engine = StrategyRunner + SimBroker + built-in strategy, trades as a columnar log; hand = one hand-written loop, same signals, sizing and trades');
  console.log('');
  const head = ['strategy', 'engine Mbars/s', 'engine ms', 'hand Mbars/s', 'hand ms', 'engine/hand', 'engine kept MB', 'runBacktest+stats Mbars/s', 'its kept MB', 'trades engine/hand', 'final equity engine/hand'];
  const table = rows.map((r) => [
    r.strategy,
    (r.engineBarsPerSec / 1e6).toFixed(1),
    r.engineMs.toFixed(1),
    (r.handBarsPerSec / 1e6).toFixed(1),
    r.handMs.toFixed(1),
    `${r.ratioEngineOverHand.toFixed(2)}x`,
    String(r.engineRetainedMB),
    (r.fullBacktestBarsPerSec / 1e6).toFixed(1),
    String(r.fullBacktestRetainedMB),
    `${r.trades}/${r.handTrades}`,
    `${r.finalEquity.toFixed(2)}/${r.handFinalEquity.toFixed(2)}`,
  ]);
  const widths = head.map((h, k) => Math.max(h.length, ...table.map((row) => row[k].length)));
  const fmt = (cells: string[]): string => cells.map((c, k) => c.padEnd(widths[k])).join('  ');
  console.log(fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(fmt(row));
  console.log('');
  console.log(`memory (RSS): ${mb(rssStart)} MB at start (Node + tsx), ${mb(rssLoaded)} MB with the candles loaded (columns ${mb(6 * 8 * candles.length)} MB); peak ${peakAfterLoad} MB after loading, ${peakEngine} MB through the engine and hand runs, ${peakAll} MB including runBacktest with stats`);
  const sma = rows.find((r) => r.strategy === 'sma_cross')!;
  const targets = {
    smaCrossAtLeast20MBarsPerSec: sma.engineBarsPerSec >= 20e6,
    within3xOfHandLoop: rows.every((r) => r.ratioEngineOverHand <= 3),
    peakUnder200MB: peakEngine < 200,
    sameTradesAsHandLoop: rows.every((r) => r.trades === r.handTrades && Math.abs(r.finalEquity - r.handFinalEquity) <= 1e-6 * Math.max(1, Math.abs(r.handFinalEquity))),
  };
  console.log(`targets: ${Object.entries(targets).map(([k, v]) => `${k}=${v ? 'yes' : 'NO'}`).join(', ')}`);
  if (json) {
    console.log(JSON.stringify({
      bars: candles.length, sourceBars, copies, timeShiftedPerCopy: true, node: process.version, broker,
      runs: { warmup: WARMUP_RUNS, timed: TIMED_RUNS }, rows,
      memoryMB: { rssStart: mb(rssStart), rssLoaded: mb(rssLoaded), peakAfterLoad, peakEngine, peakAll },
      targets,
    }));
  }
}

main();
