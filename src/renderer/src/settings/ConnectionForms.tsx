/**
 * TimescaleDB and Kafka connections: the fields (saved beside the store), the password
 * (stored through the credentials API, never shown again), Save (Enter), Test, and Esc to
 * go back to what is saved. Test tries the values as typed with the stored password.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { KafkaConnection, TimescaleConnection } from '../../../shared/dataManagementTypes';
import { clearPassword, saveConnection, testConnection, useConnections, type ConnectionKind } from './connectionActions';

const PG_ENV = ['PGHOST', 'PGPORT', 'PGDATABASE', 'PGUSER', 'PGSSLMODE'];
const KAFKA_ENV = ['KAFKA_BROKERS', 'KAFKA_SSL', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_MECHANISM'];

export function TimescaleForm() {
  const saved = useConnections((s) => s.saved?.timescale);
  const [v, setV] = useState({ host: '', port: '', database: '', user: '', ssl: '' });
  const [portError, setPortError] = useState<string | null>(null);
  const reset = () => setV({ host: saved?.host ?? '', port: saved?.port?.toString() ?? '', database: saved?.database ?? '', user: saved?.user ?? '', ssl: saved?.ssl ?? '' });
  useEffect(reset, [saved]);
  const values = (): TimescaleConnection | null => {
    const port = v.port.trim() === '' ? undefined : Number(v.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
      setPortError(`"${v.port}" is not a port number (1-65535)`);
      return null;
    }
    setPortError(null);
    return clean({ host: v.host.trim(), port, database: v.database.trim(), user: v.user.trim(), ssl: (v.ssl || undefined) as TimescaleConnection['ssl'] });
  };
  return (
    <ConnectionCard kind="timescale" title="TimescaleDB (market data source)" envNames={PG_ENV} values={values} onRevert={reset}>
      <Field label="Host" hint="default localhost"><input value={v.host} placeholder="localhost" onChange={(e) => setV({ ...v, host: e.target.value })} data-testid="pg-host" /></Field>
      <Field label="Port" error={portError}><input value={v.port} inputMode="numeric" placeholder="5432" onChange={(e) => setV({ ...v, port: e.target.value })} aria-invalid={!!portError} data-testid="pg-port" /></Field>
      <Field label="Database"><input value={v.database} placeholder="market_data" onChange={(e) => setV({ ...v, database: e.target.value })} data-testid="pg-database" /></Field>
      <Field label="User"><input value={v.user} placeholder="your login name" onChange={(e) => setV({ ...v, user: e.target.value })} data-testid="pg-user" /></Field>
      <Field label="SSL">
        <select value={v.ssl} onChange={(e) => setV({ ...v, ssl: e.target.value })} data-testid="pg-ssl">
          <option value="">default (off)</option>
          <option value="off">off</option>
          <option value="prefer">prefer (SSL if offered)</option>
          <option value="allow">allow (plain unless required)</option>
          <option value="no-verify">on, no certificate check</option>
          <option value="on">on, verify certificate</option>
        </select>
      </Field>
    </ConnectionCard>
  );
}

export function KafkaForm() {
  const saved = useConnections((s) => s.saved?.kafka);
  const [v, setV] = useState({ brokers: '', ssl: false, saslUsername: '', saslMechanism: 'plain' });
  const reset = () => setV({ brokers: saved?.brokers ?? '', ssl: saved?.ssl ?? false, saslUsername: saved?.saslUsername ?? '', saslMechanism: saved?.saslMechanism ?? 'plain' });
  useEffect(reset, [saved]);
  const values = (): KafkaConnection => clean({
    brokers: v.brokers.trim(),
    ssl: v.ssl || undefined,
    saslUsername: v.saslUsername.trim(),
    saslMechanism: v.saslUsername.trim() ? (v.saslMechanism as KafkaConnection['saslMechanism']) : undefined,
  });
  return (
    <ConnectionCard kind="kafka" title="Kafka (live feed)" envNames={KAFKA_ENV} values={values} onRevert={reset} footnote="The live feed starts with these settings when the app starts again.">
      <Field label="Brokers" hint="host:port, comma separated"><input value={v.brokers} placeholder="localhost:9092" onChange={(e) => setV({ ...v, brokers: e.target.value })} data-testid="kafka-brokers" /></Field>
      <label className="field field-check"><input type="checkbox" checked={v.ssl} onChange={(e) => setV({ ...v, ssl: e.target.checked })} data-testid="kafka-ssl" /><span>TLS</span></label>
      <Field label="SASL user" hint="empty: no SASL"><input value={v.saslUsername} onChange={(e) => setV({ ...v, saslUsername: e.target.value })} data-testid="kafka-user" /></Field>
      <Field label="SASL mechanism">
        <select value={v.saslMechanism} onChange={(e) => setV({ ...v, saslMechanism: e.target.value })} disabled={v.saslUsername.trim() === ''} data-testid="kafka-mechanism">
          <option value="plain">PLAIN</option>
          <option value="scram-sha-256">SCRAM-SHA-256</option>
          <option value="scram-sha-512">SCRAM-SHA-512</option>
        </select>
      </Field>
    </ConnectionCard>
  );
}

function ConnectionCard({ kind, title, envNames, values, onRevert, footnote, children }: {
  kind: ConnectionKind;
  title: string;
  envNames: string[];
  values: () => TimescaleConnection | KafkaConnection | null;
  onRevert: () => void;
  footnote?: string;
  children: ReactNode;
}) {
  const [password, setPassword] = useState('');
  const busy = useConnections((s) => s.busy[kind]);
  const error = useConnections((s) => s.errors[kind]);
  const notice = useConnections((s) => s.notices[kind]);
  const test = useConnections((s) => s.tests[kind]);
  const secrets = useConnections((s) => s.secrets);
  // Select the stored array itself (a new array per call would re-render forever), then filter.
  const envOverrides = useConnections((s) => s.saved?.envOverrides);
  const overrides = (envOverrides ?? []).filter((n) => envNames.includes(n));
  const stored = secrets?.stored[kind === 'timescale' ? 'postgres.password' : 'kafka.password'] ?? false;
  const where = secrets?.store === 'safeStorage' ? 'the OS keychain' : 'an owner-only file';
  return (
    <form
      className="data-card conn-card"
      aria-label={title}
      data-testid={`conn-${kind}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const v = values();
        if (v) void saveConnection(kind, v, password).then((ok) => { if (ok) setPassword(''); });
      }}
      onKeyDown={(e) => { if (e.key === 'Escape') { onRevert(); setPassword(''); } }}
    >
      <header className="data-card-head"><h3>{title}</h3></header>
      <div className="conn-fields">
        {children}
        <Field label="Password" hint={stored ? `stored in ${where}; type to replace` : secrets?.available === false ? 'cannot be stored here: set it in the environment' : 'not stored'}>
          <input type="password" autoComplete="new-password" value={password} placeholder={stored ? '••••••••' : ''} onChange={(e) => setPassword(e.target.value)} disabled={secrets?.available === false} data-testid={`${kind}-password`} />
        </Field>
      </div>
      {overrides.length > 0 && <p className="warn-text small">Set in this app's environment, and used instead of the saved value: {overrides.join(', ')}</p>}
      <div className="data-actions">
        <button type="submit" className="btn btn-accent" disabled={busy !== undefined} data-testid={`${kind}-save`}>{busy === 'saving' ? 'Saving…' : 'Save'} <kbd>Enter</kbd></button>
        <button type="button" className="btn" disabled={busy !== undefined} onClick={() => { const v = values(); if (v) void testConnection(kind, v); }} title="Tries the values as typed, with the stored password" data-testid={`${kind}-test`}>
          {busy === 'testing' ? 'Testing…' : 'Test'}
        </button>
        {stored && <button type="button" className="btn btn-small" onClick={() => void clearPassword(kind)} data-testid={`${kind}-clear-password`}>Clear password</button>}
        <span className="dim small">Esc: back to saved</span>
      </div>
      {error && <p className="field-error" role="alert" data-testid={`${kind}-error`}>{error}</p>}
      {notice && <p className="data-ok" data-testid={`${kind}-notice`}>✓ {notice}</p>}
      {test && !test.ok && (
        <div className="data-failure" role="alert" data-testid={`${kind}-test-error`}>
          <span className="kind-badge">{test.kind.replace('_', ' ')}</span><span>{test.message}</span>
        </div>
      )}
      {test?.ok && (
        <p className="data-ok" data-testid={`${kind}-test-ok`}>
          ✓ {'server' in test ? `${test.server}: ${test.tables.length} kline table(s)` : `${test.brokers.join(', ')}: ${test.topics} topic(s)${test.marketTopic ? '' : ', no market_data_stream topic yet'}`}
        </p>
      )}
      {footnote && <p className="dim small">{footnote}</p>}
    </form>
  );
}

function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string | null; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}{hint && <em className="dim"> · {hint}</em>}</span>
      {children}
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}

/** Empty text means "not set" (the default applies), never an empty host or user. */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined && x !== '')) as T;
}
