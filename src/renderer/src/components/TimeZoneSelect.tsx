/** The time zone every time on screen is shown and typed in (a setting, UTC by default). */
import { updateSettings, useSettings, type TimeZoneSetting } from '../store/settingsStore';
import { zoneLabel } from '../time';

export function TimeZoneSelect() {
  const tz = useSettings((s) => s.timeZone);
  return (
    <label className="field" title="Time zone of every time shown and of the dates you type">
      <span>Time zone</span>
      <select value={tz} onChange={(e) => updateSettings({ timeZone: e.target.value as TimeZoneSetting })} data-testid="tz-select">
        <option value="utc">UTC</option>
        <option value="local">{zoneLabel('local')} (this computer)</option>
      </select>
    </label>
  );
}
