/**
 * The Data screen's management part: the upstream source and its tables, cache coverage
 * with gaps, sync with progress and cancel, range refresh/delete, CSV import. Esc cancels
 * a running sync wherever the focus is on this screen.
 */
import { useEffect } from 'react';
import { SourcePanel } from './SourcePanel';
import { SyncPanel } from './SyncPanel';
import { CoveragePanel } from './CoveragePanel';
import { ImportPanel } from './ImportPanel';
import { cancelSync, loadCoverage } from './dataActions';
import './data.css';

export function DataManager() {
  useEffect(() => {
    void loadCoverage();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') void cancelSync();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="data-manager" data-testid="data-manager">
      <CoveragePanel />
      <div className="data-columns">
        <SourcePanel />
        <SyncPanel />
        <ImportPanel />
      </div>
    </div>
  );
}
