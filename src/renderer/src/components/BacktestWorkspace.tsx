/**
 * The Backtest screen's centre: the open run's figures, the chart panes sharing the
 * height they are given (price first), and its stats and trades below in one scroll area.
 */
import { useMemo, useRef } from 'react';
import { setState, useApp, type BottomTab } from '../store/appStore';
import { KpiBar } from './KpiBar';
import { StatsTable } from './StatsTable';
import { TradeList } from './TradeList';
import { OverlayPicker } from './OverlayPicker';
import { PriceChart } from '../charts/PriceChart';
import { EquityChart } from '../charts/EquityChart';
import { paperTradeRun } from '../store/liveViewStore';

const TABS: { id: BottomTab; label: string }[] = [
  { id: 'stats', label: 'Stats' },
  { id: 'trades', label: 'Trades' },
];

export function BacktestWorkspace() {
  const run = useApp((s) => s.run);
  const candles = useApp((s) => s.candles);
  const overlays = useApp((s) => s.overlays);
  const overlaySeriesById = useApp((s) => s.overlaySeries);
  const tab = useApp((s) => s.tab);
  // In chip order; the same array while the same series are shown (a new run on the same
  // data finds its overlays' series cached), so the chart is rebuilt only when a series changed.
  const overlaySeries = useSameItems(useMemo(() => overlays.flatMap((o) => overlaySeriesById[o.id] ?? []), [overlays, overlaySeriesById]));

  if (!run || !candles) {
    return (
      <div className="welcome">
        <h1>Research a strategy</h1>
        <p>Pick data and a strategy on the left, then press <kbd>Ctrl+Enter</kbd>. The bundled sample is real Binance data.</p>
      </div>
    );
  }
  return (
    <div className="workspace">
      <KpiBar run={run} />
      <div className="chart-toolbar">
        <OverlayPicker />
        {run.kind === 'backtest' && (
          <button
            type="button"
            className="btn btn-small paper-trade-run"
            title="Start a paper session with this run's strategy, parameters, instrument, cash and costs (you confirm it on the Live screen)"
            onClick={() => paperTradeRun(run.id)}
            data-testid="paper-trade-run"
          >
            Paper trade this
          </button>
        )}
        <span className="dim small chart-hint" title="wheel: zoom · drag: pan · Shift+drag: zoom to a box · double-click or 0: all data · + − ← → with the chart focused">wheel zoom · drag pan · Shift+drag box · dbl-click all</span>
      </div>
      <div className="chart-area">
        <PriceChart candles={candles} trades={run.trades} overlays={overlaySeries} />
        <EquityChart x={candles.x} equity={run.equity} />
      </div>
      <section className="details">
        <nav className="tabs" role="tablist">
          {TABS.map((t) => (
            <button key={t.id} role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'tab active' : 'tab'} onClick={() => setState({ tab: t.id })}>
              {t.label}
              {t.id === 'trades' ? <span className="badge">{run.trades.length}</span> : null}
            </button>
          ))}
        </nav>
        {/* The one scroll area of the details: the trade list's header sticks to its top. */}
        <div className="tab-body" data-testid="details-body">
          {tab === 'stats' ? <StatsTable stats={run.stats} /> : <TradeList trades={run.trades} />}
        </div>
      </section>
    </div>
  );
}

/** `items`, or the array this hook returned last time when that holds the very same items in the same order. */
function useSameItems<T>(items: readonly T[]): readonly T[] {
  const last = useRef(items);
  const prev = last.current;
  if (prev !== items && (prev.length !== items.length || prev.some((x, k) => x !== items[k]))) last.current = items;
  return last.current;
}
