/**
 * Settings kept in this browser (time zone, theme). Connections (TimescaleDB, Kafka) with
 * stored passwords, the data folder, worker count and default costs come with the
 * server-side settings API.
 */
import { updateSettings, useSettings, type ThemeSetting } from '../store/settingsStore';
import { TimeZoneSelect } from './TimeZoneSelect';

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
      <div className="placeholder">
        <strong>Coming to this screen</strong>
        <p>TimescaleDB and Kafka connections with a test button and the password stored through the credentials API, the data folder, worker count and default costs. Until then the app reads <code>PGHOST</code>… and <code>KAFKA_BROKERS</code> from its environment.</p>
      </div>
    </section>
  );
}
