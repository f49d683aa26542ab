/**
 * While a research view is shown, Ctrl+Enter runs its job and Esc cancels it, wherever the
 * focus is. Listened for in the capture phase and stopped there, so the app-wide
 * shortcuts (Ctrl+Enter runs a backtest) do not fire as well.
 */
import { useEffect, useRef } from 'react';
import { cancelResearch } from './researchActions';
import { getResearch } from './researchStore';

export function useResearchKeys(run: () => void): void {
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        e.stopImmediatePropagation();
        if (!getResearch().job) runRef.current();
      } else if (e.key === 'Escape' && getResearch().job) {
        e.preventDefault();
        e.stopImmediatePropagation();
        void cancelResearch();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
