/** App-wide keys (listed in ./screens.ts and the help overlay). */
import { useEffect } from 'react';
import { cancelBacktest, runBacktest } from '../store/actions';
import { getLiveView, showView, toggleView } from '../store/liveViewStore';
import { getSettings, updateSettings } from '../store/settingsStore';
import { SCREENS } from './screens';

export function useShortcuts(toggleHelp: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
      // Alt shortcuts match the physical key (e.code), so they work on every keyboard layout.
      if (e.altKey && !e.ctrlKey && !e.metaKey) {
        const screen = SCREENS.find((s) => e.code === `Digit${s.digit}`);
        if (screen) {
          e.preventDefault();
          showView(screen.id);
        } else if (e.code === 'KeyL') {
          e.preventDefault();
          toggleView();
        } else if (e.code === 'KeyT') {
          e.preventDefault();
          updateSettings({ theme: getSettings().theme === 'dark' ? 'light' : 'dark' });
        }
      } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        if (getLiveView().view === 'backtest') void runBacktest();
      } else if (e.key === 'Escape') {
        void cancelBacktest();
      } else if (e.key === '?' && !typing) {
        e.preventDefault();
        toggleHelp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleHelp]);
}
