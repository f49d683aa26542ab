/** Data sources, candle columns and indicator series for the charts. */
import type { DataApiService, IndicatorApiService } from './services';
import type { DomainHandlers } from './handlerTypes';
import { ApiFailure } from './errors';

type DataMethods = 'data.sources' | 'data.candles' | 'indicators.catalog' | 'indicators.compute';

export function dataHandlers(data: DataApiService, indicators: IndicatorApiService): DomainHandlers<DataMethods> {
  return {
    'data.sources': async () => data.sources(),
    'data.candles': async ({ data: spec, fromMs, toMs }) => data.candles(spec, fromMs, toMs),
    'indicators.catalog': async () => indicators.catalog(),
    'indicators.compute': async ({ data: spec, name, params, fromMs, toMs }) => {
      if (!indicators.catalog().some((i) => i.name === name)) {
        throw new ApiFailure('invalid-argument', `unknown indicator "${name}"`);
      }
      return indicators.compute(spec, name, params, fromMs, toMs);
    },
  };
}
