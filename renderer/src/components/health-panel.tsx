// Host status: version, execution providers (with the measured `auto` choices) and the demo pack's state.
import { useAppStore } from '../store/store-context.tsx';

export function HealthPanel() {
  const health = useAppStore((s) => s.health);
  return (
    <section className="panel health-panel" aria-labelledby="health-heading">
      <h2 id="health-heading">Engine</h2>
      {!health ? (
        <p className="muted">Connecting…</p>
      ) : (
        <>
          <dl className="facts">
            <dt>Version</dt>
            <dd>{health.version}</dd>
            <dt>Host</dt>
            <dd>{health.host === 'web' ? 'local web host' : health.host}</dd>
            <dt>Provider setting</dt>
            <dd>{health.providerSetting}</dd>
            <dt>Demo pack</dt>
            <dd>{health.demoPack.state}</dd>
          </dl>
          <h3>Execution providers</h3>
          <ul className="provider-list" aria-label="Execution providers">
            {health.providers.map((p) => (
              <li key={p.provider} aria-label={`${p.provider} ${p.available ? 'available' : 'unavailable'}`}>
                <span className={`chip ${p.available ? 'usable' : 'unusable'}`}>{p.available ? 'available' : 'unavailable'}</span>
                <span className="provider-name">{p.provider}</span>
                {p.reason && <span className="muted small">{p.reason}</span>}
              </li>
            ))}
          </ul>
          <h3>Measured choices</h3>
          {health.providerChoices.length === 0 ? (
            <p className="muted small">None yet: `auto` times the providers on the first use of each model kind.</p>
          ) : (
            <ul className="choice-list" aria-label="Measured provider choices">
              {health.providerChoices.map((c) => (
                <li key={c.kind}>
                  <span className="provider-name">{c.kind}</span> → <strong>{c.chosen}</strong>{' '}
                  <span className="muted small">{c.measurements.map((m) => `${m.provider}: ${m.medianMs === null ? 'failed' : `${m.medianMs.toFixed(1)} ms`}`).join(', ')}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
