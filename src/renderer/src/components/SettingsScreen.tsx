/**
 * Settings kept in this browser (time zone, theme), then ../settings/ConnectionSettingsPanel.tsx:
 * TimescaleDB and Kafka connections with stored passwords, the data folder, worker count
 * and default costs.
 */
import { updateSettings, useSettings, type ThemeSetting } from '../store/settingsStore';
import { TimeZoneSelect } from './TimeZoneSelect';
import { ConnectionSettingsPanel } from '../settings/ConnectionSettingsPanel';
import { ResearchWorkersPanel } from '../settings/ResearchWorkersPanel';

export function SettingsScreen() {
  const theme = useSettings((s) => s.theme);
  return (
    <section className="screen-pad" aria-label="Settings" data-testid="settings-screen">
      <h2 className="screen-title">Settings</h2>
      <div className="settings-grid">
        <TimeZoneSelect />
        <label className="field">
          <span>Theme (Alt+T)</span>
          <select value={theme} onChange={(e) => updateSettings({ theme: e.target.value as ThemeSetting })} data-testid="theme-select">
            <option value="dark">Dark</option>
            <option value="light">Light</option>
          </select>
        </label>
      </div>
      <ConnectionSettingsPanel />
      <ResearchWorkersPanel />
    </section>
  );
}
