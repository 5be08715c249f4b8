/** `extensions.gremlin` as the gateway reports it outside production (see the README's "What is served"). */
export interface GremlinStats {
  requests: number;
  ms: number;
  /** One per Gremlin request, when the server reports them. */
  traversals?: { gremlin: string; bindings?: Record<string, unknown>; endpoint: 'reader' | 'writer'; ms: number }[];
}

/** The Gremlin behind the last result: how many requests it cost, how long they took, and their text. */
export function GremlinPanel({ stats }: { stats?: GremlinStats }) {
  if (!stats) {
    return (
      <section className="nx-gremlin" data-testid="gremlin">
        <h2>Gremlin</h2>
        <p>No Gremlin statistics for this result (the server reports them outside production, or with --stats).</p>
      </section>
    );
  }
  const traversals = stats.traversals ?? [];
  return (
    <section className="nx-gremlin" data-testid="gremlin">
      <h2>Gremlin</h2>
      <p data-testid="gremlin-summary">
        {stats.requests} request{stats.requests === 1 ? '' : 's'}, {stats.ms} ms waiting on the graph
      </p>
      {traversals.length > 0 ? (
        <ol>
          {traversals.map((t, i) => (
            <li key={i}>
              <span className="nx-meta">
                {t.endpoint}, {t.ms} ms
              </span>
              <pre>{t.gremlin}</pre>
              {t.bindings && Object.keys(t.bindings).length > 0 ? <pre className="nx-bindings">{JSON.stringify(t.bindings, null, 1)}</pre> : null}
            </li>
          ))}
        </ol>
      ) : stats.requests > 0 ? (
        <p className="nx-meta">This server does not report the traversals' text.</p>
      ) : null}
    </section>
  );
}
