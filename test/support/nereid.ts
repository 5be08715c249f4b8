import { Graph, type Transaction } from '../../src/embedded/structure';
import { serve, type Nereid, type ServeOptions } from '../../src/serve';
import { clearRemote, copyFromRemote, copyToRemote, remote } from '../peers/copy-graph';
import { startReferenceServer, type ReferenceServer } from '../peers/gremlin-server';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: { gremlin?: { requests: number; ms: number } };
}

export interface TestNereid extends Nereid {
  /** The graph served; on the TinkerPop backend a copy read back from the server after each mutation. */
  readonly graph: Graph;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

/**
 * The Gremlin server behind the gateway in these tests: `embedded` (the default), or `tinkerpop` for Apache
 * TinkerPop's Gremlin Server with TinkerGraph (test/peers; `NEREID_TEST_BACKEND=tinkerpop npx jest`).
 */
export const TEST_BACKEND: 'embedded' | 'tinkerpop' = process.env.NEREID_TEST_BACKEND === 'tinkerpop' ? 'tinkerpop' : 'embedded';

/**
 * A whole nereid on loopback ports: the embedded Gremlin Server holding `graph`, the gateway talking to it
 * through the real driver over WebSocket, and a `gql` helper that POSTs over HTTP. The environment is left out
 * so a developer's NEPTUNE_ENDPOINT can't redirect a test.
 *
 * On the TinkerPop backend the same data is written through the driver into the worker's reference server
 * instead, and the gateway is pointed at it with GREMLIN_ENDPOINT.
 */
export async function startNereid(fill?: (tx: Transaction, graph: Graph) => void, options: ServeOptions = {}): Promise<TestNereid> {
  if (TEST_BACKEND === 'tinkerpop' && !options.env?.GREMLIN_ENDPOINT) return startOnReference(fill, options);
  const graph = new Graph();
  if (fill) graph.transact((tx) => fill(tx, graph));
  const nereid = await serve({ port: 0, host: '127.0.0.1', env: {}, embeddedGraph: graph, ...options });
  return { ...nereid, graph, gql: (query, variables) => postGraphQL(nereid.url, query, variables) };
}

async function postGraphQL<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

/** Reference servers of this test file: the worker's shared one first, more if several gateways run at once. */
const references: { url: string; inUse: boolean; own?: ReferenceServer }[] = [];
let ownStopper = false;

async function acquireReference(): Promise<(typeof references)[number]> {
  if (references.length === 0) {
    const urls = (process.env.NEREID_TINKERPOP_URLS ?? '').split(',').filter(Boolean);
    const worker = Number(process.env.JEST_WORKER_ID ?? '1');
    if (urls.length > 0) references.push({ url: urls[(worker - 1) % urls.length], inUse: false });
  }
  const free = references.find((r) => !r.inUse);
  if (free) return free;
  const own = await startReferenceServer();
  if (!ownStopper) {
    ownStopper = true;
    afterAll(() => Promise.all(references.map((r) => r.own?.stop())));
  }
  const reference = { url: own.url, inUse: false, own };
  references.push(reference);
  return reference;
}

async function startOnReference(fill: ((tx: Transaction, graph: Graph) => void) | undefined, options: ServeOptions): Promise<TestNereid> {
  let graph: Graph;
  if (typeof options.embeddedGraph === 'function') graph = await options.embeddedGraph();
  else graph = options.embeddedGraph ?? new Graph();
  if (fill) graph.transact((tx) => fill(tx, graph));
  const reference = await acquireReference();
  reference.inUse = true;
  const peer = remote(reference.url);
  await clearRemote(peer.g);
  await copyToRemote(graph, peer.g);
  const { embeddedGraph: _unused, ...rest } = options;
  const nereid = await serve({ port: 0, host: '127.0.0.1', ...rest, env: { ...options.env, GREMLIN_ENDPOINT: reference.url } });
  let mirror = graph;
  return {
    ...nereid,
    get graph() {
      return mirror;
    },
    async gql(query, variables) {
      const res = await postGraphQL<any>(nereid.url, query, variables);
      if (/\bmutation\b/.test(query)) mirror = await copyFromRemote(peer.g);
      return res;
    },
    async stop() {
      await nereid.stop();
      await peer.close();
      reference.inUse = false;
    },
  };
}
