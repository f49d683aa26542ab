/** Settings: the research workers heard on the configured Kafka (host, cores, version, tasks done, last seen). */
import { aliveWorkers, refreshResearchWorkers, useResearchWorkers } from '../research/researchWorkersStore';

export function ResearchWorkersPanel() {
  const { result, reason, loading } = useResearchWorkers();
  return (
    <section className="data-card" aria-label="Research workers on Kafka" data-testid="research-workers">
      <header className="data-card-head">
        <h3>Research workers on Kafka</h3>
        <button type="button" className="btn" onClick={() => void refreshResearchWorkers()} disabled={loading} data-testid="research-workers-refresh">
          {loading ? 'Looking…' : 'Refresh'}
        </button>
      </header>
      {result ? (
        <>
          <p className="dim small">
            {aliveWorkers(result)} of {result.workers.length} heard on {result.brokers.join(', ')} take tasks now. Start more with <code>cryptota worker --brokers {result.brokers.join(',')}</code>.
          </p>
          {result.workers.length > 0 && (
            <table className="table" data-testid="research-workers-table">
              <thead>
                <tr><th>Host</th><th>PID</th><th>Cores</th><th>Threads</th><th>Version</th><th>Group</th><th>Tasks done</th><th>Last seen</th></tr>
              </thead>
              <tbody>
                {result.workers.map((w) => (
                  <tr key={w.id} className={w.alive ? '' : 'dim'}>
                    <td>{w.host}</td><td>{w.pid}</td><td>{w.cores}</td><td>{w.threads}</td><td>{w.version}</td><td>{w.group}</td><td>{w.tasksDone}</td>
                    <td title={new Date(w.lastSeen).toISOString()}>{w.alive ? 'now' : `${Math.round((Date.now() - w.lastSeen) / 1000)} s ago`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : (
        <p className="dim small" data-testid="research-workers-reason">{reason ?? 'Looking for workers…'}</p>
      )}
    </section>
  );
}
