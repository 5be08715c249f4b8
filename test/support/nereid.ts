import { Graph, type Transaction } from '../../src/embedded/structure';
import { serve, type Nereid, type ServeOptions } from '../../src/serve';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: { gremlin?: { requests: number; ms: number; traversals: { gremlin: string; endpoint: 'reader' | 'writer'; ms: number }[] } };
}

export interface TestNereid extends Nereid {
  readonly graph: Graph;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

/**
 * A whole nereid on loopback ports: the embedded Gremlin Server holding `graph`, the gateway talking to it
 * through the real driver over WebSocket, and a `gql` helper that POSTs over HTTP. The environment is left out
 * so a developer's NEPTUNE_ENDPOINT can't redirect a test.
 */
export async function startNereid(fill?: (tx: Transaction, graph: Graph) => void, options: ServeOptions = {}): Promise<TestNereid> {
  const graph = new Graph();
  if (fill) graph.transact((tx) => fill(tx, graph));
  const nereid = await serve({ port: 0, host: '127.0.0.1', env: {}, embeddedGraph: graph, ...options });
  return {
    ...nereid,
    graph,
    async gql(query, variables) {
      const res = await fetch(nereid.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
  };
}
