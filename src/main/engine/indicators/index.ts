/** Streaming indicators (one class per file) plus the catalog the UI offers and the batch runner for charts. */
export type { BarIndicator, ScalarIndicator } from './indicator';
export { Adx } from './adx';
export { Atr } from './atr';
export { Bollinger } from './bollinger';
export { Donchian } from './donchian';
export { Ema } from './ema';
export { Macd } from './macd';
export { Obv } from './obv';
export { Rsi } from './rsi';
export { Sma } from './sma';
export { Stochastic } from './stochastic';
export { Vwap } from './vwap';
export { Wma } from './wma';
export { indicatorCatalog } from './catalog';
export type { IndicatorInfo, IndicatorName } from './catalog';
export { computeIndicator, IndicatorRequestError } from './computeIndicator';
