/**
 * One instrument's cache on a shared time axis: fetched ranges as filled bars, gaps
 * marked by kind (outage: the source had no bars either; not synced: never fetched).
 * Positions are percentages of [axisFrom, axisTo), so every row lines up and it scales
 * with the width it is given. A gap is at least 2 px wide so one missing bar is visible.
 */
import type { InstrumentCoverage } from '../../../shared/dataManagementTypes';
import { fmtDate } from '../format';

export function CoverageTimeline({ c, axisFrom, axisTo }: { c: InstrumentCoverage; axisFrom: number; axisTo: number }) {
  const span = Math.max(1, axisTo - axisFrom);
  const pos = (ms: number) => `${(((ms - axisFrom) / span) * 100).toFixed(3)}%`;
  const width = (a: number, b: number) => `${(((b - a) / span) * 100).toFixed(3)}%`;
  return (
    <div className="cov-timeline" role="img" aria-label={`${c.instrument}: ${c.ranges.length} fetched range(s), ${c.gapCount} gap(s)`} data-testid={`timeline-${c.instrument}`}>
      {c.ranges.map((r) => (
        <div key={`r${r.fromMs}`} className="cov-range" style={{ left: pos(r.fromMs), width: width(r.fromMs, r.toMs) }} title={`fetched ${fmtDate(r.fromMs)} → ${fmtDate(r.toMs)}`} />
      ))}
      {c.gaps.map((g) => (
        <div
          key={`g${g.fromMs}`}
          className={`cov-gap cov-gap-${g.kind}`}
          data-kind={g.kind}
          style={{ left: pos(g.fromMs), width: width(g.fromMs, g.toMs) }}
          title={`${g.kind === 'outage' ? 'outage (the source has no bars here)' : 'not synced (sync this span to fill it)'}: ${fmtDate(g.fromMs)} → ${fmtDate(g.toMs)}, ${g.missingBars.toLocaleString('en-US')} bar(s)`}
        />
      ))}
    </div>
  );
}
