/**
 * What the UI (and the API) may offer: every indicator with its parameter schema, its
 * outputs and where it is drawn. `computeIndicator` (computeIndicator.ts) runs them.
 */
import type { ParamSpec } from '../strategy';
import type { BarIndicator, ScalarIndicator } from './indicator';
import { Adx } from './adx';
import { Atr } from './atr';
import { Bollinger } from './bollinger';
import { Donchian } from './donchian';
import { Ema } from './ema';
import { Macd } from './macd';
import { Obv } from './obv';
import { Rsi } from './rsi';
import { Sma } from './sma';
import { Stochastic } from './stochastic';
import { Vwap } from './vwap';
import { Wma } from './wma';

export type IndicatorName =
  | 'sma' | 'ema' | 'wma' | 'rsi' | 'macd' | 'bollinger'
  | 'atr' | 'stochastic' | 'donchian' | 'adx' | 'obv' | 'vwap';

export interface IndicatorInfo {
  readonly name: IndicatorName;
  readonly label: string;
  readonly description: string;
  /** Numeric parameters ('int' or 'float'), with defaults and bounds. */
  readonly params: readonly ParamSpec[];
  /** Output series names, primary first. */
  readonly outputs: readonly string[];
  /** 'overlay': drawn on the price chart; 'pane': drawn in its own pane. */
  readonly kind: 'overlay' | 'pane';
  /** 'close': fed closes; 'bar': fed high, low, close, volume. */
  readonly input: 'close' | 'bar';
}

/** Resolved parameter values, one number per ParamSpec. */
export type IndicatorParams = Readonly<Record<string, number>>;

/** Internal: how to build an indicator and copy its outputs after each update. */
export interface IndicatorDef extends IndicatorInfo {
  create(p: IndicatorParams): ScalarIndicator | BarIndicator;
  /** Writes the outputs of the last update into `out[k][i]`, in `outputs` order. */
  write(ind: ScalarIndicator | BarIndicator, out: readonly Float64Array[], i: number): void;
}

const period = (def: number, description = 'Window length in bars', min = 1): ParamSpec => ({
  name: 'period', type: 'int', default: def, min, max: 10_000, step: 1, description,
});
const intParam = (name: string, def: number, description: string): ParamSpec => ({
  name, type: 'int', default: def, min: 1, max: 10_000, step: 1, description,
});

/** The primary value is the only output. */
function writeValue(ind: ScalarIndicator | BarIndicator, out: readonly Float64Array[], i: number): void {
  out[0][i] = ind.value;
}

const defs: readonly IndicatorDef[] = [
  {
    name: 'sma', label: 'SMA', description: 'Simple moving average of the close',
    params: [period(20)], outputs: ['sma'], kind: 'overlay', input: 'close',
    create: (p) => new Sma(p.period), write: writeValue,
  },
  {
    name: 'ema', label: 'EMA', description: 'Exponential moving average of the close (seeded with the SMA, as TA-Lib)',
    params: [period(20)], outputs: ['ema'], kind: 'overlay', input: 'close',
    create: (p) => new Ema(p.period), write: writeValue,
  },
  {
    name: 'wma', label: 'WMA', description: 'Linearly weighted moving average of the close',
    params: [period(20)], outputs: ['wma'], kind: 'overlay', input: 'close',
    create: (p) => new Wma(p.period), write: writeValue,
  },
  {
    name: 'rsi', label: 'RSI', description: "Wilder's relative strength index (0-100)",
    params: [period(14)], outputs: ['rsi'], kind: 'pane', input: 'close',
    create: (p) => new Rsi(p.period), write: writeValue,
  },
  {
    name: 'macd', label: 'MACD', description: 'MACD line, signal and histogram (TA-Lib alignment)',
    params: [
      intParam('fast', 12, 'Fast EMA period'),
      intParam('slow', 26, 'Slow EMA period'),
      intParam('signal', 9, 'Signal EMA period'),
    ],
    outputs: ['macd', 'signal', 'hist'], kind: 'pane', input: 'close',
    create: (p) => new Macd(p.fast, p.slow, p.signal),
    write: (ind, out, i) => {
      const m = ind as Macd;
      out[0][i] = m.macd;
      out[1][i] = m.signal;
      out[2][i] = m.hist;
    },
  },
  {
    name: 'bollinger', label: 'Bollinger Bands', description: 'SMA ± k population standard deviations',
    params: [
      period(20),
      { name: 'k', type: 'float', default: 2, min: 0, max: 10, step: 0.1, description: 'Band width in standard deviations' },
    ],
    outputs: ['middle', 'upper', 'lower'], kind: 'overlay', input: 'close',
    create: (p) => new Bollinger(p.period, p.k),
    write: (ind, out, i) => {
      const b = ind as Bollinger;
      out[0][i] = b.middle;
      out[1][i] = b.upper;
      out[2][i] = b.lower;
    },
  },
  {
    name: 'atr', label: 'ATR', description: "Wilder's average true range",
    params: [period(14)], outputs: ['atr'], kind: 'pane', input: 'bar',
    create: (p) => new Atr(p.period), write: writeValue,
  },
  {
    name: 'stochastic', label: 'Stochastic', description: 'Slow stochastic %K and %D (0-100)',
    params: [
      intParam('kPeriod', 14, 'Look-back of the highest high and lowest low'),
      intParam('kSmooth', 3, 'SMA smoothing of raw %K'),
      intParam('dPeriod', 3, 'SMA period of %D'),
    ],
    outputs: ['k', 'd'], kind: 'pane', input: 'bar',
    create: (p) => new Stochastic(p.kPeriod, p.kSmooth, p.dPeriod),
    write: (ind, out, i) => {
      const s = ind as Stochastic;
      out[0][i] = s.k;
      out[1][i] = s.d;
    },
  },
  {
    name: 'donchian', label: 'Donchian Channel', description: 'Highest high, lowest low and their midpoint',
    params: [period(20)], outputs: ['middle', 'upper', 'lower'], kind: 'overlay', input: 'bar',
    create: (p) => new Donchian(p.period),
    write: (ind, out, i) => {
      const d = ind as Donchian;
      out[0][i] = d.middle;
      out[1][i] = d.upper;
      out[2][i] = d.lower;
    },
  },
  {
    name: 'adx', label: 'ADX', description: "Wilder's average directional index with +DI and -DI",
    params: [period(14)], outputs: ['adx', 'plusDi', 'minusDi'], kind: 'pane', input: 'bar',
    create: (p) => new Adx(p.period),
    write: (ind, out, i) => {
      const a = ind as Adx;
      out[0][i] = a.adx;
      out[1][i] = a.plusDi;
      out[2][i] = a.minusDi;
    },
  },
  {
    name: 'obv', label: 'OBV', description: 'On-balance volume',
    params: [], outputs: ['obv'], kind: 'pane', input: 'bar',
    create: () => new Obv(), write: writeValue,
  },
  {
    name: 'vwap', label: 'VWAP', description: 'Volume-weighted typical price, rolling or cumulative',
    params: [period(0, 'Window length in bars; 0 = cumulative from the first bar', 0)],
    outputs: ['vwap'], kind: 'overlay', input: 'bar',
    create: (p) => new Vwap(p.period), write: writeValue,
  },
];

/** The indicators the UI can offer, in menu order. */
export const indicatorCatalog: readonly IndicatorInfo[] = defs.map(
  ({ name, label, description, params, outputs, kind, input }) => ({ name, label, description, params, outputs, kind, input }),
);

/** Looks an indicator up by name; undefined when there is none. */
export function findIndicatorDef(name: string): IndicatorDef | undefined {
  return defs.find((d) => d.name === name);
}
