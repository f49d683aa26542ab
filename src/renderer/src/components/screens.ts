/**
 * The screens of the left navigation and every keyboard shortcut, in one list: the
 * navigation, the key handler and the help overlay (`?`) all read it.
 */
import type { CenterView } from '../store/liveViewStore';

export interface Screen {
  id: CenterView;
  label: string;
  /** A glyph for the narrow navigation (below 1200 px only icons show). */
  icon: string;
  /** Alt+<digit> opens the screen. */
  digit: string;
}

export const SCREENS: readonly Screen[] = [
  { id: 'data', label: 'Data', icon: '⛁', digit: '1' },
  { id: 'backtest', label: 'Backtest', icon: '▶', digit: '2' },
  { id: 'optimize', label: 'Optimize', icon: '▦', digit: '3' },
  { id: 'walkforward', label: 'Walk-forward', icon: '⇥', digit: '4' },
  { id: 'runs', label: 'Runs', icon: '☰', digit: '5' },
  { id: 'live', label: 'Live', icon: '●', digit: '6' },
  { id: 'settings', label: 'Settings', icon: '⚙', digit: '7' },
];

export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  ...SCREENS.map((s) => ({ keys: `Alt+${s.digit}`, what: `Go to ${s.label}` })),
  { keys: 'Alt+L', what: 'Switch between Backtest and Live' },
  { keys: 'Ctrl+Enter', what: 'Run the backtest (on Optimize / Walk-forward: start the job)' },
  { keys: 'Esc', what: 'Cancel the running job, close a form or this help' },
  { keys: 'Alt+T', what: 'Switch between dark and light theme' },
  { keys: 'Wheel / + −', what: 'Chart: zoom time (around the cursor with the wheel; keys need the chart focused)' },
  { keys: 'Drag / ← →', what: 'Chart: pan time (every pane follows)' },
  { keys: 'Shift+drag', what: 'Chart: zoom to the box drawn' },
  { keys: 'Double-click / 0', what: 'Chart: show all data' },
  { keys: '↑ ↓ / PgUp PgDn', what: 'Runs: move through the list / change page' },
  { keys: 'Enter', what: 'Runs: open the focused run in the Backtest view' },
  { keys: 'Space', what: 'Runs: tick the focused run for the comparison' },
  { keys: 'F2', what: 'Runs: rename the focused run (Enter saves, Esc cancels)' },
  { keys: 'Delete', what: 'Runs, or a saved optimization or walk-forward: delete the focused one (asks first)' },
  { keys: '?', what: 'Show this list' },
];
