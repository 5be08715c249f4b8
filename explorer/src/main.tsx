import { GraphiQL, type GraphiQLProps } from 'graphiql';
import 'graphiql/style.css';
import { buildClientSchema, print, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { StrictMode, useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphView, MAX_DRAWN_VERTICES, type AddedCounts } from './graph-view';
import { GremlinPanel, type GremlinStats } from './gremlin-panel';
import { readResult, withElementKeys, type ResultGraph } from './result-graph';
import { DISCOVERY_QUERY, NEIGHBOURS_QUERY, starterQuery, type Discovery } from './starter';
import './explorer.css';
import { setUpWorkers } from './workers';

/** The page's own address decides where the API is: `/explorer` is served beside `/graphql`. */
const ENDPOINT = new URL('graphql', new URL('.', location.href)).href;

interface GraphQLResponse {
  data?: unknown;
  errors?: unknown[];
  extensions?: { gremlin?: GremlinStats };
}

type FetcherResult = Awaited<ReturnType<GraphiQLProps['fetcher']>>;
/** GraphiQL shows a response as it came; its fetcher type wants graphql-js's ExecutionResult. */
const forGraphiQL = (response: GraphQLResponse) => response as FetcherResult;

async function post(query: string, variables?: Record<string, unknown> | null, operationName?: string | null, headers?: Record<string, string>): Promise<GraphQLResponse> {
  const res = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return (await res.json()) as GraphQLResponse;
}

/** What the side panel shows for the last result. */
interface Shown {
  note: string;
  gremlin?: GremlinStats;
}

function Explorer({ initialQuery }: { initialQuery: string }) {
  const schema = useRef<GraphQLSchema | undefined>(undefined);
  const view = useRef<GraphView | undefined>(undefined);
  const graphBox = useRef<HTMLDivElement>(null);
  const tooltip = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<Shown>({ note: 'Run a query: the vertices, edges and paths in its result are drawn here.' });
  const [legend, setLegend] = useState<[string, string][]>([]);

  const draw = useCallback((graph: ResultGraph, counts: AddedCounts, prefix: string) => {
    const parts = [`${prefix}${graph.vertices.size} vertices, ${graph.edges.size} edges`];
    if (graph.paths.length) parts.push(`${graph.paths.length} path${graph.paths.length > 1 ? 's' : ''} (numbered in order)`);
    if (counts.skippedVertices || counts.skippedEdges) {
      parts.push(`not drawn: ${counts.skippedVertices} vertices, ${counts.skippedEdges} edges (at most ${MAX_DRAWN_VERTICES} vertices are drawn; narrow the query or page it)`);
    }
    if (graph.edgesWithoutEnds) parts.push(`${graph.edgesWithoutEnds} edges without known ends (select outV { id } and inV { id } to draw them)`);
    setLegend(view.current!.legend());
    return parts.join('; ');
  }, []);

  const expand = useCallback(async (id: string) => {
    if (!schema.current || !view.current) return;
    setShown((s) => ({ ...s, note: `Fetching the neighbours of ${id}…` }));
    try {
      const prepared = withElementKeys(NEIGHBOURS_QUERY, schema.current);
      const response = await post(print(prepared.document), { id });
      if (response.errors?.length) throw new Error(JSON.stringify(response.errors[0]));
      const { graph } = readResult(response.data, prepared, schema.current, 'ExplorerNeighbours', { id });
      const counts = view.current.add(graph, id);
      view.current.markExpanded(id);
      const cost = response.extensions?.gremlin ? ` with ${response.extensions.gremlin.requests} Gremlin requests` : '';
      setShown((s) => ({ ...s, note: `${id}: added ${counts.vertices} vertices and ${counts.edges} edges${cost}. ${draw(graph, counts, 'Its neighbourhood: ')}` }));
    } catch (err) {
      setShown((s) => ({ ...s, note: `Could not fetch the neighbours of ${id}: ${(err as Error).message}` }));
    }
  }, [draw]);

  useEffect(() => {
    view.current = new GraphView(graphBox.current!, tooltip.current!, (id) => void expand(id));
    // A handle for browser tests and for poking at the drawing from the console.
    (window as unknown as { nereidExplorer: unknown }).nereidExplorer = { cy: view.current.cy };
    return () => view.current?.cy.destroy();
  }, [expand]);

  const fetcher = useCallback<GraphiQLProps['fetcher']>(async (params, options) => {
    const headers = options?.headers as Record<string, string> | undefined;
    if (params.operationName === 'IntrospectionQuery') {
      const response = await post(params.query, params.variables, params.operationName, headers);
      if (response.data) schema.current = buildClientSchema(response.data as IntrospectionQuery);
      return forGraphiQL(response);
    }
    if (!schema.current) {
      const response = await post(params.query, params.variables, params.operationName, headers);
      setShown({ note: 'Not drawn: the graph view reads results with the schema, and this server does not allow introspection.', gremlin: response.extensions?.gremlin });
      return forGraphiQL(response);
    }
    let prepared;
    try {
      prepared = withElementKeys(params.query, schema.current);
    } catch {
      // Let the server word the syntax error.
      const response = await post(params.query, params.variables, params.operationName, headers);
      setShown({ note: 'Not drawn: the query does not parse.', gremlin: response.extensions?.gremlin });
      return forGraphiQL(response);
    }
    const response = await post(print(prepared.document), params.variables, params.operationName, headers);
    const { graph, shown: data } = readResult(response.data, prepared, schema.current, params.operationName, params.variables ?? {});
    const counts = view.current!.show(graph);
    setShown({ note: draw(graph, counts, 'Drawn: '), gremlin: response.extensions?.gremlin ?? undefined });
    return forGraphiQL({ ...response, data });
  }, [draw]);

  return (
    <div className="nx-page">
      <div className="nx-graphiql">
        <GraphiQL fetcher={fetcher} defaultQuery={initialQuery} defaultEditorToolsVisibility={false}>
          <GraphiQL.Logo>nereid explorer</GraphiQL.Logo>
        </GraphiQL>
      </div>
      <aside className="nx-side">
        <div className="nx-graph-box">
          <div className="nx-graph" ref={graphBox} data-testid="graph" />
          <div className="nx-tooltip" ref={tooltip} hidden />
          <ul className="nx-legend">
            {legend.map(([label, colour]) => (
              <li key={label}>
                <span style={{ background: colour }} /> {label}
              </li>
            ))}
          </ul>
        </div>
        <p className="nx-note" data-testid="graph-note">
          {shown.note}
        </p>
        <GremlinPanel stats={shown.gremlin} />
      </aside>
    </div>
  );
}

async function main() {
  setUpWorkers();
  // Without an answer (the graph is down) the editor still opens, on the query for a graph without edges.
  const discovery = await post(DISCOVERY_QUERY, null, 'ExplorerDiscovery').catch(() => undefined);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Explorer initialQuery={starterQuery(discovery as Discovery | undefined)} />
    </StrictMode>,
  );
}

void main();
