/** Exchange, symbol and interval inputs with the error of each next to it. */
import { STANDARD_INTERVALS } from '../../../shared/market/interval';
import type { FieldErrors } from './instrumentCheck';

export interface InstrumentValue {
  exchange: string;
  symbol: string;
  interval: string;
}

export function InstrumentFields({ idPrefix, value, errors, onChange }: { idPrefix: string; value: InstrumentValue; errors: FieldErrors; onChange: (patch: Partial<InstrumentValue>) => void }) {
  return (
    <div className="data-fields">
      <label className="field">
        <span>Exchange</span>
        <input value={value.exchange} onChange={(e) => onChange({ exchange: e.target.value })} aria-invalid={!!errors.exchange} data-testid={`${idPrefix}-exchange`} />
        {errors.exchange && <span className="field-error">{errors.exchange}</span>}
      </label>
      <label className="field">
        <span>Symbol</span>
        <input value={value.symbol} placeholder="BTCUSDT" onChange={(e) => onChange({ symbol: e.target.value })} aria-invalid={!!errors.symbol} data-testid={`${idPrefix}-symbol`} />
        {errors.symbol && <span className="field-error">{errors.symbol}</span>}
      </label>
      <label className="field">
        <span>Interval</span>
        <select value={value.interval} onChange={(e) => onChange({ interval: e.target.value })} aria-invalid={!!errors.interval} data-testid={`${idPrefix}-interval`}>
          {STANDARD_INTERVALS.map((iv) => <option key={iv} value={iv}>{iv}</option>)}
        </select>
        {errors.interval && <span className="field-error">{errors.interval}</span>}
      </label>
    </div>
  );
}
