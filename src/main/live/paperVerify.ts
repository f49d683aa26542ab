/**
 * Parity check: replays the bars a paper session consumed through the backtester
 * (`runBacktest`, with the instrument's share of cash) and diffs its trades against the
 * trades the live session recorded. Trades the backtester settles at the end of data
 * are compared with the session's still-open position instead.
 */
import { createCandles } from '../engine/candles';
import { runBacktest } from '../engine/backtest';
import type { Trade } from '../engine/brokerTypes';
import type { StrategyDefinition } from '../engine/strategy';
import type { LiveStore } from './liveStore';
import type { PortfolioSnapshot } from './paperSession';

export interface InstrumentVerdict {
  readonly instrument: string;
  readonly bars: number;
  readonly paperTrades: number;
  readonly backtestTrades: number;
  /** Human-readable differences; empty when identical. */
  readonly differences: readonly string[];
}

export interface VerifyReport {
  readonly sessionId: number;
  readonly identical: boolean;
  readonly instruments: readonly InstrumentVerdict[];
}

export function verifySession(store: LiveStore, sessionId: number, definition: StrategyDefinition): VerifyReport {
  const row = store.session(sessionId);
  if (!row) throw new Error(`no paper session ${sessionId}`);
  const bars = store.sessionCandles(sessionId);
  const paperTrades = new Map<string, Trade[]>();
  for (const t of store.trades(sessionId)) {
    let list = paperTrades.get(t.instrument);
    if (!list) paperTrades.set(t.instrument, (list = []));
    list.push(JSON.parse(t.json) as Trade);
  }
  const stored = store.portfolio(sessionId);
  const snapshot = stored ? (JSON.parse(stored.json) as PortfolioSnapshot) : null;
  const share = row.broker.cash / row.instruments.length;
  const verdicts: InstrumentVerdict[] = [];
  for (const inst of row.instruments) {
    const list = bars.get(inst) ?? [];
    const paper = paperTrades.get(inst) ?? [];
    const differences: string[] = [];
    let backtestClosed: readonly Trade[] = [];
    if (list.length > 0) {
      const candles = createCandles({
        time: list.map((c) => c.time), open: list.map((c) => c.open), high: list.map((c) => c.high),
        low: list.map((c) => c.low), close: list.map((c) => c.close), volume: list.map((c) => c.volume),
      });
      const result = runBacktest(candles, definition, row.params, { ...row.broker, cash: share });
      backtestClosed = result.trades.filter((t) => t.exitReason !== 'end_of_data');
      const settled = result.trades.filter((t) => t.exitReason === 'end_of_data');
      const n = Math.max(paper.length, backtestClosed.length);
      for (let i = 0; i < n; i++) {
        const a = paper[i] ? JSON.stringify(paper[i]) : 'none';
        const b = backtestClosed[i] ? JSON.stringify(backtestClosed[i]) : 'none';
        if (a !== b) differences.push(`trade ${i}: paper ${a} vs backtest ${b}`);
      }
      const pos = snapshot?.positions.find((p) => p.instrument === inst);
      const openSize = settled.reduce((s, t) => s + (t.side === 'long' ? t.size : -t.size), 0);
      if (pos && Math.abs(pos.size - openSize) > 1e-12 * Math.max(1, Math.abs(openSize))) {
        differences.push(`open position: paper ${pos.size} vs backtest ${openSize}`);
      }
    } else if (paper.length > 0) {
      differences.push(`${paper.length} paper trade(s) but no stored bars`);
    }
    verdicts.push({ instrument: inst, bars: list.length, paperTrades: paper.length, backtestTrades: backtestClosed.length, differences });
  }
  return { sessionId, identical: verdicts.every((v) => v.differences.length === 0), instruments: verdicts };
}
