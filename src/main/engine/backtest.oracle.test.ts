/**
 * Our engine against backtesting.py 0.6.6's published runs on its own GOOG data
 * (test/fixtures/oracles, produced by that engine — never regenerated from ours).
 * Run twice: with only the end-of-data rule switched (our other differences do not
 * touch these runs), and with `compat: 'backtesting.py'` alone, which must reproduce
 * them without any other option — down to which stats exist.
 */
import { describe, expect, it } from 'vitest';
import { runBacktest, type BacktestOptions } from './backtest';
import { STAT_KEYS, type StatKey } from './metrics';
import { getStrategy } from './strategies/registry';
import { loadBtpyOracle as loadOracle, loadGoog } from '../../../test/support/oracles';

function relClose(actual: number, expected: number, tol = 1e-6): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (expected === 0) return Math.abs(actual) <= tol;
  return Math.abs(actual - expected) <= tol * Math.abs(expected);
}

const goog = loadGoog();

const cases = [
  { file: 'btpy_goog_sma10_30_c0_testcase.json', label: 'sma_cross 10/30 without commission (its own test-suite case)' },
  { file: 'btpy_goog_sma10_20_c0.json', label: 'sma_cross 10/20 without commission' },
  { file: 'btpy_goog_sma10_20_c0.001.json', label: 'sma_cross 10/20 with 0.1% commission' },
  { file: 'btpy_goog_rsi14_30_70_c0.001.json', label: 'rsi 14/30/70 with 0.1% commission' },
];

const modes: readonly { readonly mode: string; readonly opts: BacktestOptions }[] = [
  { mode: "endOfData: 'backtesting.py'", opts: { endOfData: 'backtesting.py' } },
  { mode: "compat: 'backtesting.py'", opts: { compat: 'backtesting.py' } },
];

describe.each(cases.flatMap((c) => modes.map((m) => ({ ...c, ...m }))))('backtesting.py oracle $file with $mode', ({ file, label, opts, mode }) => {
  const oracle = loadOracle(file);
  const cfg = oracle.config;
  const result = runBacktest(goog, getStrategy(cfg.strategy), cfg.params, {
    cash: cfg.cash,
    commission: cfg.commission,
    tradeOnClose: cfg.trade_on_close,
    qtyStep: 1, // backtesting.py trades whole units
  }, opts);

  it(`reproduces backtesting.py on GOOG: ${label} — every trade's bars, prices, size, PnL and commission`, () => {
    expect(goog.length).toBe(2148);
    expect(result.trades.length).toBe(oracle.stats['# Trades']);
    expect(result.trades.length).toBe(oracle.trades.length);
    oracle.trades.forEach((e, k) => {
      const t = result.trades[k];
      const where = `trade ${k}`;
      expect(t.side, where).toBe(e.Size > 0 ? 'long' : 'short');
      expect(t.size, where).toBe(Math.abs(e.Size));
      expect(t.entryBar, where).toBe(e.EntryBar);
      expect(t.exitBar, where).toBe(e.ExitBar);
      expect(t.entryTime, where).toBe(Date.parse(`${e.EntryTime}Z`));
      expect(t.exitTime, where).toBe(Date.parse(`${e.ExitTime}Z`));
      expect(relClose(t.entryPrice, e.EntryPrice), `${where} entry ${t.entryPrice} vs ${e.EntryPrice}`).toBe(true);
      expect(relClose(t.exitPrice, e.ExitPrice), `${where} exit ${t.exitPrice} vs ${e.ExitPrice}`).toBe(true);
      expect(relClose(t.pnl, e.PnL), `${where} pnl ${t.pnl} vs ${e.PnL}`).toBe(true);
      expect(relClose(t.commission, e.Commission), `${where} commission ${t.commission} vs ${e.Commission}`).toBe(true);
      expect(relClose(t.returnPct, e.ReturnPct), `${where} return ${t.returnPct} vs ${e.ReturnPct}`).toBe(true);
    });
  });

  it(`reproduces backtesting.py on GOOG: ${label} — Equity Final and Return within 1e-6`, () => {
    const final = result.equity[result.equity.length - 1];
    expect(relClose(final, oracle.stats['Equity Final [$]'] as number), `final ${final}`).toBe(true);
    expect(relClose(result.stats['Return [%]'], oracle.stats['Return [%]'] as number)).toBe(true);
  });

  it(`reproduces backtesting.py on GOOG: ${label} — every other stat within 1e-6`, () => {
    const mismatches: string[] = [];
    for (const key of STAT_KEYS as readonly StatKey[]) {
      if (!(key in oracle.stats)) continue; // backtesting.py omits "Commissions [$]" when none were paid
      const expected = oracle.stats[key];
      const actual = result.stats[key];
      if (typeof expected === 'number') {
        if (typeof actual !== 'number' || !relClose(actual, expected)) mismatches.push(`${key}: ${String(actual)} vs ${expected}`);
      } else if (actual !== expected) {
        mismatches.push(`${key}: ${String(actual)} vs ${String(expected)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  if (opts.compat !== undefined) {
    it(`reproduces backtesting.py on GOOG: ${label} — the same stats present (${mode})`, () => {
      expect(Object.keys(result.stats)).toEqual(Object.keys(oracle.stats));
    });
  }
});
