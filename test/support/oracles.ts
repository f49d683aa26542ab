/**
 * The outside references in test/fixtures/oracles (backtesting.py 0.6.6 runs and TA-Lib
 * values on GOOG's daily bars), read the same way by every test that checks against them.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCandleCsv } from '../../src/main/data/csvCandles';
import type { Candles } from '../../src/main/engine/candles';

export const ORACLES_DIR = resolve(import.meta.dirname, '../fixtures/oracles');

/** One trade as backtesting.py's `stats._trades` lists it. */
export interface OracleTrade {
  Size: number;
  EntryBar: number;
  ExitBar: number;
  EntryPrice: number;
  ExitPrice: number;
  PnL: number;
  Commission: number;
  ReturnPct: number;
  EntryTime: string;
  ExitTime: string;
}

export interface BtpyOracle {
  config: {
    strategy: 'sma_cross' | 'rsi';
    params: Record<string, number | boolean>;
    cash: number;
    commission: number;
    trade_on_close: boolean;
    bars: number;
  };
  stats: Record<string, number | string | null>;
  trades: OracleTrade[];
}

export const BTPY_ORACLE_FILES = [
  'btpy_goog_sma10_30_c0_testcase.json',
  'btpy_goog_sma10_20_c0.json',
  'btpy_goog_sma10_20_c0.001.json',
  'btpy_goog_rsi14_30_70_c0.001.json',
] as const;

export function loadBtpyOracle(file: string): BtpyOracle {
  return JSON.parse(readFileSync(join(ORACLES_DIR, file), 'utf8')) as BtpyOracle;
}

/** GOOG.csv (backtesting.py's bundled daily data; dates read as UTC midnight). */
export function loadGoog(): Candles {
  return parseCandleCsv(readFileSync(join(ORACLES_DIR, 'GOOG.csv'), 'utf8'), 'GOOG.csv');
}
