/**
 * The run `backtest.runForChart` answers, made whole with the candles the renderer loads
 * for it anyway: its equity comes coded against their closes (shared/equityCodec.ts),
 * a tenth of the bytes of the plain curve on the way from the service.
 */
import type { ChartRunDetail, RunDetail } from '../../../shared/backtestTypes';
import { decodeEquity, EquityCodingError } from '../../../shared/equityCodec';
import type { ChartCandles } from '../charts/chartData';
import { api } from './client';

export async function withEquity(answer: ChartRunDetail, candles: ChartCandles): Promise<RunDetail> {
  const { equityCoded, ...run } = answer;
  try {
    return { ...run, equity: decodeEquity(equityCoded, candles.close) };
  } catch (e) {
    if (!(e instanceof EquityCodingError)) throw e;
    // The candles here are not the ones the run was made on (the data changed since they
    // were loaded): the stored curve, whole, rather than a wrong one.
    return { ...run, equity: (await api.call('runs.get', { id: run.id })).equity };
  }
}
