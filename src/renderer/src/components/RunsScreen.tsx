/** Runs: the saved runs (tick two or more) and their comparison side by side. */
import { RunHistory } from './RunHistory';
import { ComparePanel } from './ComparePanel';

export function RunsScreen() {
  return (
    <div className="runs-screen" data-testid="runs-screen">
      <section className="runs-list" aria-label="Saved runs">
        <RunHistory />
      </section>
      <section className="runs-compare" aria-label="Comparison">
        <ComparePanel />
      </section>
    </div>
  );
}
