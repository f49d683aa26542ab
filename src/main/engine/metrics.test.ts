/**
 * computeStats against backtesting.py 0.6.6 itself: test/fixtures/oracles/btpy_*.json
 * hold its stats and trade lists for four runs on GOOG's daily bars (see the README
 * there). Each test rebuilds the equity curve from the oracle's own trades and
 * GOOG's closes, independently of our broker, then checks every stat in the file.
 */
import { describe, expect, it } from 'vitest';
import type { Trade } from './brokerTypes';
import { createCandles, type Candles } from './candles';
import { STAT_KEYS, computeStats, drawdownSeries, formatStatsTable, statsToJson, type StatKey, type Stats } from './metrics';
import { EXACT_KEYS } from './metrics/statsShape';
import { BTPY_ORACLE_FILES, loadBtpyOracle, loadGoog, type BtpyOracle as Oracle, type OracleTrade } from '../../../test/support/oracles';

const goog = loadGoog();
const ORACLE_FILES = BTPY_ORACLE_FILES;
const REL = 1e-6;

describe('computeStats matches backtesting.py 0.6.6 on its GOOG runs', () => {
  for (const file of ORACLE_FILES) {
    const oracle = loadBtpyOracle(file);

    it(`${file}: every stat in the file agrees (1e-6 relative; counts, times and durations exact)`, () => {
      expect(goog.length).toBe(oracle.config.bars);
      const trades = oracle.trades.map((t) => toTrade(t, goog.length, oracle.config.commission));
      const equity = rebuildEquity(oracle.trades, goog, oracle.config.cash, oracle.config.commission);
      const stats = computeStats({ trades, equity, candles: goog, firstTradingBar: warmupBars(oracle) });

      const compared: string[] = [];
      for (const [key, ref] of Object.entries(oracle.stats)) {
        expect(STAT_KEYS, `unknown stat ${key}`).toContain(key);
        expectStat(key as StatKey, stats[key as StatKey], ref);
        compared.push(key);
      }
      expect(compared.length).toBeGreaterThanOrEqual(STAT_KEYS.length - 1);
      // Same names in the same order as backtesting.py prints them.
      expect(STAT_KEYS.filter((k) => k in oracle.stats)).toEqual(Object.keys(oracle.stats));
    });

    if (!('Commissions [$]' in oracle.stats)) {
      it(`${file}: "Commissions [$]" is 0 where backtesting.py omits the row for a commission-free run`, () => {
        const trades = oracle.trades.map((t) => toTrade(t, goog.length, oracle.config.commission));
        const equity = rebuildEquity(oracle.trades, goog, oracle.config.cash, oracle.config.commission);
        const stats = computeStats({ trades, equity, candles: goog, firstTradingBar: warmupBars(oracle) });
        expect(oracle.config.commission).toBe(0);
        expect(stats['Commissions [$]']).toBe(0);
      });
    }
  }

  it('Buy & Hold starts at the first bar by default (backtesting.py without a strategy)', () => {
    const stats = computeStats({ trades: [], equity: new Float64Array(goog.length).fill(10_000), candles: goog });
    const c = goog.close;
    expect(stats['Buy & Hold Return [%]']).toBeCloseTo(((c[c.length - 1] - c[0]) / c[0]) * 100, 10);
  });
});

describe('computeStats edge cases', () => {
  it('with no trades and flat equity gives NaN where backtesting.py does, without throwing', () => {
    const candles = dailyCandles([100, 101, 99, 102, 103, 100, 104]);
    const stats = computeStats({ trades: [], equity: new Float64Array(candles.length).fill(10_000), candles });
    expect(stats['# Trades']).toBe(0);
    expect(stats['Exposure Time [%]']).toBe(0);
    expect(stats['Equity Final [$]']).toBe(10_000);
    expect(stats['Return [%]']).toBe(0);
    expect(stats['Return (Ann.) [%]']).toBe(0);
    expect(stats['Volatility (Ann.) [%]']).toBe(0);
    expect(stats['CAGR [%]']).toBe(0);
    expect(stats['Max. Drawdown [%]']).toBe(-0);
    expect(stats.Beta).toBe(0);
    expect(stats['Alpha [%]']).toBe(0);
    for (const k of [
      'Sharpe Ratio', 'Sortino Ratio', 'Calmar Ratio', 'Avg. Drawdown [%]', 'Win Rate [%]', 'Best Trade [%]',
      'Worst Trade [%]', 'Avg. Trade [%]', 'Profit Factor', 'Expectancy [%]', 'SQN', 'Kelly Criterion',
      'Max. Drawdown Duration (seconds)', 'Avg. Drawdown Duration (seconds)',
      'Max. Trade Duration (seconds)', 'Avg. Trade Duration (seconds)',
    ] as const) {
      expect(stats[k], k).toBeNaN();
    }
    for (const k of ['Max. Drawdown Duration', 'Avg. Drawdown Duration', 'Max. Trade Duration', 'Avg. Trade Duration'] as const) {
      expect(stats[k], k).toBeNull();
    }
    const json = statsToJson(stats);
    expect(json['Sharpe Ratio']).toBeNull();
    expect(json['Max. Trade Duration']).toBeNull();
    expect(JSON.stringify(JSON.parse(JSON.stringify(json)))).toBe(JSON.stringify(json));
    expect(Object.keys(json)).toEqual(STAT_KEYS);
  });

  it('with only winning trades reports Profit Factor and Kelly as NaN (backtesting.py divides by "losses or NaN")', () => {
    const candles = dailyCandles([100, 100, 110, 120, 120, 130, 140]);
    const trades = [winningTrade(candles, 1, 3), winningTrade(candles, 4, 6)];
    const equity = new Float64Array([10_000, 10_000, 11_000, 12_000, 12_000, 13_000, 14_000]);
    const stats = computeStats({ trades, equity, candles });
    expect(stats['# Trades']).toBe(2);
    expect(stats['Win Rate [%]']).toBe(100);
    expect(stats['Profit Factor']).toBeNaN();
    expect(stats['Kelly Criterion']).toBeNaN();
    expect(stats['Best Trade [%]']).toBeCloseTo(20, 10);
    expect(stats['Worst Trade [%]']).toBeCloseTo((140 / 120 - 1) * 100, 10);
    expect(stats['Expectancy [%]']).toBeCloseTo(((0.2 + 140 / 120 - 1) / 2) * 100, 10);
    expect(stats['Exposure Time [%]']).toBeCloseTo((6 / 7) * 100, 10);
  });

  it('counts a losing trade against the winners in Profit Factor (sum of gains over sum of losses, in returns)', () => {
    const candles = dailyCandles([100, 100, 110, 105, 105, 99, 100]);
    const win = winningTrade(candles, 1, 2); // +10%
    const loss: Trade = { ...winningTrade(candles, 3, 5), pnl: -600, returnPct: 99 / 105 - 1 };
    const equity = new Float64Array([10_000, 10_000, 11_000, 11_000, 11_000, 10_400, 10_400]);
    const stats = computeStats({ trades: [win, loss], equity, candles });
    expect(stats['Profit Factor']).toBeCloseTo(0.1 / (1 - 99 / 105), 12);
    expect(stats['Win Rate [%]']).toBe(50);
    expect(stats['Kelly Criterion']).toBeCloseTo(0.5 - 0.5 / (1000 / 600), 12);
  });

  it('annualizes 24/7 data with 365 periods a year and weekday-only data with 252', () => {
    const closes = Array.from({ length: 60 }, (_, i) => 100 + i);
    const allDays = dailyCandles(closes);
    const equity = Float64Array.from(closes, (c) => c * 100);
    const crypto = computeStats({ trades: [], equity, candles: allDays });
    const weekdays = weekdayCandles(closes);
    const stock = computeStats({ trades: [], equity, candles: weekdays });
    // Same period returns, different periods per year.
    const gmean = Math.exp(Math.log(closes[59] / closes[0]) / 59) - 1;
    expect(crypto['Return (Ann.) [%]']).toBeCloseTo(((1 + gmean) ** 365 - 1) * 100, 8);
    expect(stock['Return (Ann.) [%]']).toBeCloseTo(((1 + gmean) ** 252 - 1) * 100, 8);
  });

  it('annualizes intraday bars through daily closes and rounds durations to the bar resolution', () => {
    // Hourly bars over 3 days: day returns come from each day's last equity.
    const hours = 72;
    const time = Array.from({ length: hours }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000);
    const closes = time.map((_, i) => 100 + (i % 24));
    const candles = createCandles({ time, open: closes, high: closes, low: closes, close: closes, volume: closes.map(() => 1) });
    const equity = Float64Array.from(time, (_, i) => (i < 24 ? 1000 : i < 48 ? 1100 : 990));
    const stats = computeStats({ trades: [], equity, candles });
    const gmean = Math.sqrt((1100 / 1000) * (990 / 1100)) - 1;
    expect(stats['Return (Ann.) [%]']).toBeCloseTo(((1 + gmean) ** 252 - 1) * 100, 8);
    expect(stats.Duration).toBe('2 days 23:00:00');
    expect(stats['Duration (seconds)']).toBe(71 * 3600);
    // Last bar at the 1100 peak is bar 47; under water from there to the end (bar 71): 24 hours.
    expect(stats['Max. Drawdown Duration']).toBe('1 days 00:00:00');
    expect(stats['Max. Drawdown Duration (seconds)']).toBe(86_400);
    expect(stats['Max. Drawdown [%]']).toBeCloseTo(-10, 10);
  });

  it('keeps backtesting.py quirk: a drawdown only on the last bar has no drawdown period (durations NaN, difference 2)', () => {
    const candles = dailyCandles([100, 101, 102, 103]);
    const stats = computeStats({ trades: [], equity: new Float64Array([100, 110, 120, 108]), candles });
    expect(stats['Max. Drawdown [%]']).toBeCloseTo(-10, 10);
    // backtesting.py: dd.replace(0, nan).mean() -> the last bar's drawdown.
    expect(stats['Avg. Drawdown [%]']).toBeCloseTo(-10, 10);
    expect(stats['Max. Drawdown Duration']).toBeNull();
    expect(stats['Avg. Drawdown Duration (seconds)']).toBeNaN();
  });

  it('rejects inputs that cannot describe one backtest, naming the problem', () => {
    const candles = dailyCandles([100, 101, 102]);
    expect(() => computeStats({ trades: [], equity: new Float64Array(2), candles })).toThrow(/equity has 2 values but candles have 3/);
    expect(() => computeStats({ trades: [], equity: new Float64Array(0), candles: dailyCandles([]) })).toThrow(/at least one bar/);
    expect(() => computeStats({ trades: [], equity: new Float64Array(3).fill(1), candles, riskFreeRate: 1 })).toThrow(/riskFreeRate/);
    expect(() => computeStats({ trades: [winningTrade(candles, 1, 3)], equity: new Float64Array(3).fill(1), candles })).toThrow(/trade 0/);
    expect(() => computeStats({ trades: [], equity: new Float64Array(3).fill(1), candles, firstTradingBar: 3 })).toThrow(/firstTradingBar/);
  });

  it('subtracts the risk-free rate as backtesting.py does: in percent for Sharpe, as a fraction for Sortino', () => {
    const closes = [100, 102, 101, 104, 103, 107, 106, 110];
    const candles = dailyCandles(closes);
    const equity = Float64Array.from(closes, (c) => c * 10);
    const base = computeStats({ trades: [], equity, candles });
    const withRf = computeStats({ trades: [], equity, candles, riskFreeRate: 0.02 });
    expect(withRf['Sharpe Ratio']).toBeCloseTo((base['Return (Ann.) [%]'] - 2) / base['Volatility (Ann.) [%]'], 10);
    const sortinoDenominator = (base['Return (Ann.) [%]'] / 100) / base['Sortino Ratio'];
    expect(withRf['Sortino Ratio']).toBeCloseTo((base['Return (Ann.) [%]'] / 100 - 0.02) / sortinoDenominator, 10);
    expect(withRf['Alpha [%]']).toBeCloseTo(base['Return [%]'] - 2 - base.Beta * (base['Buy & Hold Return [%]'] - 2), 10);
  });
});

describe('drawdownSeries', () => {
  it('is the fraction below the running peak, 0 at each new high', () => {
    const dd = drawdownSeries(new Float64Array([100, 120, 90, 120, 130, 65]));
    expect(Array.from(dd)).toEqual([0, 0, 0.25, 0, 0, 0.5]);
  });
});

describe('formatStatsTable', () => {
  it('prints one line per stat with human durations and n/a for NaN', () => {
    const oracle = loadBtpyOracle(ORACLE_FILES[3]);
    const trades = oracle.trades.map((t) => toTrade(t, goog.length, oracle.config.commission));
    const equity = rebuildEquity(oracle.trades, goog, oracle.config.cash, oracle.config.commission);
    const table = formatStatsTable(computeStats({ trades, equity, candles: goog, firstTradingBar: 14 }));
    const lines = table.split('\n');
    expect(lines).toHaveLength(STAT_KEYS.filter((k) => !k.endsWith('(seconds)')).length);
    expect(lines[0]).toMatch(/^Start\s+2004-08-19 00:00:00$/);
    expect(table).toMatch(/^Duration\s+3116d$/m);
    expect(table).toMatch(/^Equity Final \[\$\]\s+13,857\.41$/m);
    expect(table).toMatch(/^# Trades\s+9$/m);
    expect(table).toMatch(/^Max\. Drawdown Duration\s+1835d$/m);
    const empty = formatStatsTable(computeStats({ trades: [], equity: new Float64Array(3).fill(1), candles: dailyCandles([1, 2, 3]) }));
    expect(empty).toMatch(/^Profit Factor\s+n\/a$/m);
  });
});

// ---------------------------------------------------------------- helpers

/** Compares one stat with backtesting.py's value (null = NaN / NaT in its output). */
function expectStat(key: StatKey, ours: Stats[StatKey], ref: number | string | null): void {
  if (ref === null) {
    if (typeof ours === 'number') expect(ours, key).toBeNaN();
    else expect(ours, key).toBeNull();
    return;
  }
  if (typeof ref === 'string' || EXACT_KEYS.includes(key)) {
    expect(ours, key).toBe(ref);
    return;
  }
  expect(typeof ours, key).toBe('number');
  const diff = Math.abs((ours as number) - ref);
  expect(diff, `${key}: ours ${ours} vs backtesting.py ${ref}`).toBeLessThanOrEqual(REL * Math.max(Math.abs(ref), 1e-12));
}

/**
 * Equity at each close from the trade list alone, with the oracle README's conventions:
 * fills at the recorded prices, commission = rate x notional charged on entry and on exit,
 * open trades marked to market at the close.
 */
function rebuildEquity(trades: readonly OracleTrade[], candles: Candles, cash0: number, rate: number): Float64Array {
  const equity = new Float64Array(candles.length);
  let cash = cash0;
  const open = new Set<OracleTrade>();
  for (let i = 0; i < candles.length; i++) {
    for (const t of trades) {
      if (t.EntryBar === i) {
        cash -= Math.abs(t.Size) * t.EntryPrice * rate;
        open.add(t);
      }
    }
    for (const t of trades) {
      if (t.ExitBar === i) {
        cash += t.Size * (t.ExitPrice - t.EntryPrice) - Math.abs(t.Size) * t.ExitPrice * rate;
        open.delete(t);
      }
    }
    let mark = 0;
    for (const t of open) mark += t.Size * (candles.close[i] - t.EntryPrice);
    equity[i] = cash + mark;
  }
  return equity;
}

function toTrade(t: OracleTrade, bars: number, rate: number): Trade {
  // The oracle's own numbers must follow the convention the equity rebuild assumes.
  expect(t.Commission).toBeCloseTo(Math.abs(t.Size) * (t.EntryPrice + t.ExitPrice) * rate, 6);
  expect(t.PnL).toBeCloseTo(t.Size * (t.ExitPrice - t.EntryPrice) - t.Commission, 6);
  return {
    side: t.Size > 0 ? 'long' : 'short',
    size: Math.abs(t.Size),
    entryBar: t.EntryBar,
    exitBar: t.ExitBar,
    entryTime: Date.parse(`${t.EntryTime}Z`),
    exitTime: Date.parse(`${t.ExitTime}Z`),
    entryPrice: t.EntryPrice,
    exitPrice: t.ExitPrice,
    pnl: t.PnL,
    returnPct: t.ReturnPct,
    commission: t.Commission,
    exitReason: t.ExitBar === bars - 1 ? 'end_of_data' : 'signal',
  };
}

/** backtesting.py starts Buy & Hold where every indicator is defined (README: SMA(n) from bar n-1, RSI(p) from bar p). */
function warmupBars(oracle: Oracle): number {
  const p = oracle.config.params;
  if (oracle.config.strategy === 'sma_cross') return Math.max(Number(p.n1), Number(p.n2)) - 1;
  return Number(p.period);
}

/** Consecutive calendar days (weekends included), open = high = low = close. */
function dailyCandles(closes: readonly number[]): Candles {
  return candlesAt(closes.map((_, i) => Date.UTC(2024, 0, 1) + i * 86_400_000), closes);
}

/** Monday-to-Friday days only, as an exchange calendar. */
function weekdayCandles(closes: readonly number[]): Candles {
  const time: number[] = [];
  for (let t = Date.UTC(2024, 0, 1); time.length < closes.length; t += 86_400_000) {
    const dow = new Date(t).getUTCDay();
    if (dow !== 0 && dow !== 6) time.push(t);
  }
  return candlesAt(time, closes);
}

function candlesAt(time: readonly number[], closes: readonly number[]): Candles {
  return createCandles({ time, open: closes, high: closes, low: closes, close: closes, volume: closes.map(() => 1) });
}

/** A long trade bought at bar a's close and sold at bar b's close, 100 units, no commission. */
function winningTrade(candles: Candles, a: number, b: number): Trade {
  const entry = candles.close[a];
  const exit = candles.close[b];
  return {
    side: 'long', size: 100, entryBar: a, exitBar: b,
    entryTime: candles.time[a], exitTime: candles.time[b],
    entryPrice: entry, exitPrice: exit,
    pnl: 100 * (exit - entry), returnPct: exit / entry - 1, commission: 0, exitReason: 'signal',
  };
}
