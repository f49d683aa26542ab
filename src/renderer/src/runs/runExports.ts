/**
 * A saved run as files the user keeps: its trades as CSV, the whole run as JSON, its
 * equity chart as PNG. Built in the renderer and handed over as an anchor download,
 * which Chromium and Electron's window both save without a server round trip.
 */
import type { RunDetail, TradeRecord } from '../../../shared/backtestTypes';

const TRADE_COLUMNS = ['side', 'size', 'entry_time_utc', 'exit_time_utc', 'entry_price', 'exit_price', 'pnl', 'return_pct', 'commission', 'exit_reason', 'tag'] as const;

/** One line per trade; times ISO-8601 UTC, return in percent (the engine keeps a fraction). */
export function tradesCsv(trades: readonly TradeRecord[]): string {
  const lines = [TRADE_COLUMNS.join(',')];
  for (const t of trades) {
    lines.push(
      [t.side, t.size, iso(t.entryTime), iso(t.exitTime), t.entryPrice, t.exitPrice, t.pnl, t.returnPct * 100, t.commission, t.exitReason, t.tag ?? '']
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The run as stored, equity as a plain array (a typed array would serialize as an object). */
export function runJson(run: RunDetail): string {
  const { warnings: _notStored, ...rest } = run;
  return `${JSON.stringify({ ...rest, equity: Array.from(run.equity) }, null, 2)}\n`;
}

/** A file name that says which run it is: run-12-sma_cross-trades.csv. */
export function exportName(run: Pick<RunDetail, 'id' | 'strategy'>, what: string, ext: string): string {
  return `run-${run.id}-${run.strategy.replace(/[^\w.-]+/g, '_')}-${what}.${ext}`;
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser has taken the blob once the click is handled; free it on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

/** RFC 4180: quote a field holding a comma, quote or line break. */
function csvField(v: string | number): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
