/** The run's trades, newest last, coloured by outcome. */
import type { TradeRecord } from '../../../shared/backtestTypes';
import { fmtDate, fmtNum, signClass, tzLabel } from '../format';
import { fmtPrice } from '../charts/theme';

export function TradeList({ trades }: { trades: readonly TradeRecord[] }) {
  if (trades.length === 0) return <p className="empty">No trades in this run.</p>;
  return (
    <div className="table-wrap">
      <table className="grid" data-testid="trade-list">
        <thead>
          <tr>
            <th>#</th><th>Side</th><th>Entry ({tzLabel()})</th><th className="num">Entry px</th><th>Exit ({tzLabel()})</th><th className="num">Exit px</th>
            <th className="num">Size</th><th className="num">PnL</th><th className="num">Return %</th><th className="num">Fees</th><th>Exit reason</th>
          </tr>
        </thead>
        <tbody>
          {trades.map((t, i) => (
            <tr key={i}>
              <td className="dim">{i + 1}</td>
              <td className={t.side === 'long' ? 'pos' : 'neg'}>{t.side}</td>
              <td>{fmtDate(t.entryTime)}</td>
              <td className="num">{fmtPrice(t.entryPrice)}</td>
              <td>{fmtDate(t.exitTime)}</td>
              <td className="num">{fmtPrice(t.exitPrice)}</td>
              <td className="num">{fmtNum(t.size, 6)}</td>
              <td className={`num ${signClass(t.pnl)}`}>{fmtNum(t.pnl)}</td>
              {/* returnPct is a fraction (backtesting.py's ReturnPct); the column is in percent. */}
              <td className={`num ${signClass(t.returnPct)}`}>{fmtNum(t.returnPct * 100)}</td>
              <td className="num dim">{fmtNum(t.commission)}</td>
              <td className="dim">{t.exitReason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
