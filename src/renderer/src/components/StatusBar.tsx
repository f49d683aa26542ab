/** The bottom line: the data the form runs on, the live feed's state and lag, and the jobs running with their progress. */
import { useApp } from '../store/appStore';
import { useResearch } from '../research/researchStore';
import { aliveWorkers, usePolledResearchWorkers, useResearchWorkers } from '../research/researchWorkersStore';
import { fmtDuration, fmtNum, tzLabel } from '../format';

export function StatusBar() {
  const data = useApp((s) => s.form.data);
  const source = useApp((s) => s.sources.find((x) => x.spec === s.form.data));
  const live = useApp((s) => s.live);
  const job = useApp((s) => s.job);
  const research = useResearch((s) => s.job);
  usePolledResearchWorkers();
  const cluster = useResearchWorkers((s) => s.result);
  const feed = live?.available ? (live.feed?.state ?? 'connecting') : 'off';
  const jobs: string[] = [];
  if (job) {
    const p = job.progress;
    const pct = p && p.total > 0 ? ` ${Math.round((100 * p.done) / p.total)}%` : '';
    jobs.push(`backtest${pct}${p?.etaMs != null ? ` · ${fmtDuration(p.etaMs)} left` : ''}`);
  }
  if (research) {
    const p = research.progress;
    const pct = p && p.total > 0 ? ` ${Math.round((100 * p.done) / p.total)}%` : '';
    jobs.push(`${research.kind}${pct}${research.cancelling ? ' · cancelling' : ''}`);
  }
  return (
    <footer className="statusbar" data-testid="status-bar">
      <span title="Data the backtest form runs on" data-testid="status-data">
        Data: {source?.label ?? data}
        {source?.bars ? ` · ${source.bars.toLocaleString()} bars` : ''}
      </span>
      <span className={`feed-dot feed-${feed}`} title={live?.feed?.message ?? live?.reason ?? ''} data-testid="status-feed">
        Feed: {feed}
        {live?.feed?.lag ? ` · lag ${fmtNum(live.feed.lag, 0)}` : ''}
      </span>
      {cluster && (
        <span title={`Research workers heard on ${cluster.brokers.join(', ')} (Settings lists them)`} data-testid="status-workers">
          Workers: {aliveWorkers(cluster)}
        </span>
      )}
      <span data-testid="status-jobs">{jobs.length ? `Running: ${jobs.join(' · ')}` : 'No job running'}</span>
      <span className="statusbar-right dim">Times in {tzLabel()} · press ? for shortcuts</span>
    </footer>
  );
}
