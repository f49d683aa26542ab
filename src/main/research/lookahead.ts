/**
 * The look-ahead check: does a strategy's decision at bar i depend on bars after i?
 * The engine never shows a strategy a later bar through its history, but a strategy can
 * still reach one (arrays it closes over, data it precomputed from the whole series).
 * The check runs the strategy once on the full range and again on copies of the data cut
 * short at several bars; a strategy without look-ahead makes exactly the same decisions
 * (every buy, sell, close and cancel with its order details, see lookaheadRecorder) at
 * every bar before a cut, because it cannot know the later bars are missing. Any decision
 * that appears, disappears or changes before a cut is reported with the cut that exposed
 * it. Half of the cuts fall right after bars where the full run placed an order (the
 * truncated run ends on that bar, so a peek at the next bar finds nothing), the rest are
 * spread evenly over the range. The full run is made twice first: a strategy that does
 * not decide the same on identical data (randomness, state kept between runs) cannot be
 * judged this way and is reported as such.
 */
import type { BrokerConfig } from '../engine/brokerTypes';
import type { Candles } from '../engine/candles';
import { runBacktest } from '../engine/backtest';
import type { StrategyDefinition } from '../engine/strategy';
import { abortError } from './backtestJob';
import { recordingStrategy, signalText, type Recording, type Signal } from './lookaheadRecorder';
import type { ParamValue } from '../../shared/backtestTypes';
import type { CutFailure, LookaheadRecord, LookaheadReport, SignalChange } from '../../shared/researchTypes';

export interface LookaheadOptions {
  /** Number of truncated runs (default 20). */
  readonly cuts?: number;
  /** Called after each run with (runs done, runs total). */
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** Largest number of changes listed (all are counted); default 200. */
  readonly maxChanges?: number;
}

export type { CutFailure, LookaheadReport, SignalChange } from '../../shared/researchTypes';

export const DEFAULT_LOOKAHEAD_CUTS = 20;
const DEFAULT_MAX_CHANGES = 200;
/** A truncated run keeps at least this many bars. */
const MIN_BARS = 2;

export async function checkLookahead(
  candles: Candles,
  definition: StrategyDefinition,
  params: Readonly<Record<string, unknown>>,
  broker: Partial<BrokerConfig>,
  opts: LookaheadOptions = {},
): Promise<LookaheadReport> {
  const wanted = opts.cuts ?? DEFAULT_LOOKAHEAD_CUTS;
  if (!(Number.isInteger(wanted) && wanted >= 1)) throw new RangeError(`cuts must be a whole number >= 1 (got ${wanted})`);
  const n = candles.length;
  if (n < MIN_BARS + 1) throw new RangeError(`the look-ahead check needs at least ${MIN_BARS + 1} bars (got ${n})`);
  const maxChanges = opts.maxChanges ?? DEFAULT_MAX_CHANGES;

  const run = async (data: Candles, onError?: (e: unknown, at: Recording['current']) => void): Promise<Signal[]> => {
    if (opts.signal?.aborted) throw abortError();
    const rec = recordingStrategy(definition);
    try {
      runBacktest(data, rec.definition, params, broker, { signal: opts.signal });
    } catch (e) {
      if (onError === undefined || (e instanceof Error && e.name === 'AbortError')) throw e;
      onError(e, rec.current);
    }
    // Let Ctrl-C and other events through between runs.
    await new Promise<void>((resolve) => setImmediate(resolve));
    return rec.signals;
  };

  const failures: CutFailure[] = [];
  // Failing on the very last bar is what reading past the end looks like: a finding, not
  // a crash. Failing anywhere else in the full run is the strategy's own bug: it stands.
  const atLastBar = (record: boolean) => (e: unknown, at: Recording['current']): void => {
    if (at.bar !== n - 1) throw e;
    if (record) failures.push({ cutBar: n, cutTime: NaN, bar: at.bar, time: at.time, message: messageOf(e) });
  };
  const full = await run(candles, atLastBar(true));
  const cuts = chooseCuts(n, full.map((s) => s.bar), wanted);
  const total = cuts.length + 2;
  opts.onProgress?.(1, total);
  const again = await run(candles, atLastBar(false));
  opts.onProgress?.(2, total);
  const fullByBar = byBar(full);
  if (!sameDecisions(fullByBar, byBar(again))) {
    const changes = diff(fullByBar, byBar(again), n, { cutBar: n, cutTime: NaN }, candles);
    return {
      bars: n, signals: full.length, cuts, deterministic: false, changes: changes.slice(0, maxChanges), changedBars: changes.length, failures, clean: false,
      meaning: `cannot judge: two runs on the same data decided differently at ${changes.length} bar(s) (randomness or state kept between runs), so changes after a cut would prove nothing`,
    };
  }

  const seen = new Set<string>();
  const changes: SignalChange[] = [];
  let changedBars = 0;
  for (let k = 0; k < cuts.length; k++) {
    const cut = cuts[k];
    let failedAt = cut;
    const signals = await run(copyHead(candles, cut), (e, at) => {
      // Decisions after the failing bar were never made: compare only those before it.
      failedAt = Number.isFinite(at.bar) ? at.bar : 0;
      failures.push({ cutBar: cut, cutTime: candles.time[cut], bar: at.bar, time: at.time, message: messageOf(e) });
    });
    const truncated = byBar(signals.filter((s) => s.bar < failedAt));
    for (const c of diff(fullByBar, truncated, failedAt, { cutBar: cut, cutTime: candles.time[cut] }, candles)) {
      const key = `${c.bar}\u0000${c.full.join('\u0001')}\u0000${c.truncated.join('\u0001')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      changedBars++;
      if (changes.length < maxChanges) changes.push(c);
    }
    opts.onProgress?.(k + 3, total);
  }
  changes.sort((a, b) => a.bar - b.bar || a.cutBar - b.cutBar);
  return {
    bars: n, signals: full.length, cuts, deterministic: true, changes, changedBars, failures, clean: changedBars === 0 && failures.length === 0,
    meaning: meaningOf(full.length, cuts.length, changedBars, failures.length),
  };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function meaningOf(signals: number, cuts: number, changedBars: number, failures: number): string {
  if (changedBars === 0 && failures === 0) {
    return `no look-ahead found: the ${signals.toLocaleString('en-US')} decisions of the full run are unchanged in ${cuts} runs cut short`;
  }
  const parts: string[] = [];
  if (changedBars > 0) parts.push(`decisions change at ${changedBars.toLocaleString('en-US')} bar(s)`);
  if (failures > 0) parts.push(`the strategy fails in ${failures} run(s)`);
  return `look-ahead: ${parts.join(' and ')} when later bars are removed — the strategy's decision at a bar depends on bars after it`;
}

/**
 * Where to cut (the first bar removed, in [MIN_BARS, n)): half right after distinct
 * decision bars, picked evenly along them, the rest evenly over the range.
 */
export function chooseCuts(n: number, signalBars: readonly number[], count: number): number[] {
  const cuts = new Set<number>();
  const after = [...new Set(signalBars.map((b) => b + 1))].filter((c) => c >= MIN_BARS && c < n).sort((a, b) => a - b);
  const fromSignals = Math.min(after.length, Math.ceil(count / 2));
  for (let j = 0; j < fromSignals; j++) cuts.add(after[Math.floor(((j + 0.5) * after.length) / fromSignals)]);
  const even = count - cuts.size;
  for (let k = 1; k <= even; k++) {
    const c = Math.floor((n * k) / (even + 1));
    if (c >= MIN_BARS && c < n) cuts.add(c);
  }
  return [...cuts].sort((a, b) => a - b);
}

/** The first `length` bars as new arrays: the removed bars are not just hidden, they are absent. */
function copyHead(c: Candles, length: number): Candles {
  return {
    time: c.time.slice(0, length), open: c.open.slice(0, length), high: c.high.slice(0, length),
    low: c.low.slice(0, length), close: c.close.slice(0, length), volume: c.volume.slice(0, length), length,
  };
}

function byBar(signals: readonly Signal[]): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const s of signals) {
    const list = m.get(s.bar);
    if (list) list.push(signalText(s));
    else m.set(s.bar, [signalText(s)]);
  }
  return m;
}

function sameDecisions(a: Map<number, string[]>, b: Map<number, string[]>): boolean {
  if (a.size !== b.size) return false;
  for (const [bar, list] of a) if (!sameList(list, b.get(bar))) return false;
  return true;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Bars before `cut` whose decisions differ, ascending. */
function diff(
  full: Map<number, string[]>, other: Map<number, string[]>, cut: number,
  where: { cutBar: number; cutTime: number }, candles: Candles,
): SignalChange[] {
  const bars = [...new Set([...full.keys(), ...other.keys()])].filter((b) => b < cut).sort((a, b) => a - b);
  const out: SignalChange[] = [];
  for (const bar of bars) {
    const f = full.get(bar) ?? [];
    const t = other.get(bar) ?? [];
    if (!sameList(f, t)) out.push({ ...where, bar, time: candles.time[bar], full: f, truncated: t });
  }
  return out;
}

/**
 * The report as `cryptota lookahead --json` prints it and the research store keeps it:
 * with the strategy, its data and every cut's time (a cut time that is not a number is null).
 */
export function lookaheadRecord(
  report: LookaheadReport,
  // `time`: the open time of every bar checked, one per bar.
  run: { strategy: string; params: Readonly<Record<string, ParamValue>>; source: string; time: Float64Array; elapsedMs: number },
): LookaheadRecord {
  const time = run.time;
  return {
    strategy: run.strategy,
    params: run.params,
    data: { source: run.source, bars: time.length, from: time[0], to: time[time.length - 1] },
    ...report,
    cuts: report.cuts.map((b) => ({ bar: b, time: time[b] })),
    changes: report.changes.map((c) => ({ ...c, cutTime: Number.isFinite(c.cutTime) ? c.cutTime : null })),
    elapsedMs: Math.round(run.elapsedMs),
  };
}
