/**
 * The Settings screen's server-side part: TimescaleDB and Kafka connections with their
 * passwords and tests, the data folder and worker count, and default costs. Time zone and
 * theme stay where the Settings screen already has them.
 */
import { useEffect } from 'react';
import { KafkaForm, TimescaleForm } from './ConnectionForms';
import { AppFacts } from './AppFacts';
import { CostDefaultsForm } from './CostDefaultsForm';
import { loadConnections, useConnections } from './connectionActions';
import '../data/data.css';
import './settings.css';

export function ConnectionSettingsPanel() {
  const loadError = useConnections((s) => s.loadError);
  useEffect(() => {
    void loadConnections();
  }, []);
  return (
    <div className="settings-panels" data-testid="connection-settings">
      {loadError && <p className="field-error" role="alert">{loadError}</p>}
      <TimescaleForm />
      <KafkaForm />
      <CostDefaultsForm />
      <AppFacts />
    </div>
  );
}
