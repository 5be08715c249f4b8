import { Graph, type Transaction } from '../../src/embedded/structure';
import { serve, type Nereid, type ServeOptions } from '../../src/serve';
import { EdgeIdMap } from '../peers/edge-ids';
import { JanusGraphSchemaLog } from '../peers/janusgraph-schema';
import { clearRemote, copyFromRemote, copyToRemote, remote, type G } from '../peers/copy-graph';
import { startBackendServer, testBackend, wireFormat, type RemoteBackend } from '../peers/gremlin-server';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: { gremlin?: { requests: number; ms: number; traversals: { gremlin: string; endpoint: 'reader' | 'writer'; ms: number }[] } };
}

export interface TestNereid extends Nereid {
  /** The graph served; on the TinkerPop backend a copy read back from the server after each request that could write (afterRequest). */
  readonly graph: Graph;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

/**
 * The Gremlin server behind the gateway in these tests: `embedded` (the default), `tinkerpop` for Apache
 * TinkerPop's Gremlin Server with TinkerGraph, or `janusgraph` for JanusGraph's with its in-memory backend
 * (test/peers; `NEREID_TEST_BACKEND=tinkerpop npx jest`).
 */
export const TEST_BACKEND = testBackend();

/**
 * A vertex id the server generated: Neptune's form, a UUID; the JanusGraph peer's (test/peers/janusgraph) leaves
 * out the dashes, which JanusGraph reserves in string vertex ids.
 */
export const GENERATED_ID = TEST_BACKEND === 'janusgraph' ? /^[0-9a-f]{32}$/ : /^[0-9a-f-]{36}$/;

/** Whether the backend takes edge ids from the client; JanusGraph assigns every edge id itself (KNOWN difference). */
export const CLIENT_EDGE_IDS = TEST_BACKEND !== 'janusgraph';

/**
 * A whole nereid on loopback ports: the embedded Gremlin Server holding `graph`, the gateway talking to it
 * through the real driver over WebSocket, and a `gql` helper that POSTs over HTTP. The environment is left out
 * so a developer's NEPTUNE_ENDPOINT can't redirect a test.
 *
 * On the TinkerPop backend the same data is written through the driver into the worker's reference server
 * instead, and the gateway is pointed at it with GREMLIN_ENDPOINT.
 */
export async function startNereid(fill?: (tx: Transaction, graph: Graph) => void, options: ServeOptions = {}): Promise<TestNereid> {
  if (TEST_BACKEND !== 'embedded' && !options.env?.GREMLIN_ENDPOINT) return startOnReference(fill, options);
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
  const answer = { status: res.status, ...((await res.json()) as object) };
  await afterRequest(url, { query });
  return answer;
}

/** Reads the served graph back into `nereid.graph`, by gateway URL: TinkerPop-backend gateways only. */
const mirrors = new Map<string, () => Promise<void>>();

/**
 * To be awaited by any helper that POSTs to a gateway, once the answer is in: on the TinkerPop backend, when the
 * request could have written, `nereid.graph` is read back from the server, so the test sees what the gateway
 * wrote whichever helper sent it. Only mutations and the raw `gremlin` field write; a request without a query
 * text (a trusted document's hash) might be either. Over-approximated: a refresh too many costs a few ms.
 */
export async function afterRequest(url: string, body: { query?: unknown }): Promise<void> {
  const refresh = mirrors.get(url);
  if (refresh && (typeof body.query !== 'string' || /\b(mutation|gremlin)\b/.test(body.query))) await refresh();
}

/**
 * The worker's reference server (global setup), shared by this file's gateways one at a time; a gateway
 * started while another holds it gets a server of its own, stopped with it.
 */
const shared = { url: '', inUse: false };

async function acquireReference(graph: Graph): Promise<{ url: string; release(g: G): Promise<void> }> {
  if (!shared.url) {
    const urls = (process.env.NEREID_TINKERPOP_URLS ?? '').split(',').filter(Boolean);
    if (urls.length === 0) throw new Error(`NEREID_TEST_BACKEND=${TEST_BACKEND} needs the servers of test/peers/jest-global-setup.ts`);
    shared.url = urls[(Number(process.env.JEST_WORKER_ID ?? '1') - 1) % urls.length]!;
  }
  const schema = TEST_BACKEND === 'janusgraph' ? new JanusGraphSchemaLog(shared.url) : undefined;
  if (!shared.inUse && !schema?.clashes(graph)) {
    shared.inUse = true;
    return {
      url: shared.url,
      release: async (g) => {
        await schema?.record(g);
        shared.inUse = false;
      },
    };
  }
  const own = await startBackendServer(TEST_BACKEND as RemoteBackend);
  return { url: own.url, release: () => own.stop() };
}

/** Graphs up to this size are read back after each mutation, for tests that look at `nereid.graph`. */
const MIRRORED_ELEMENTS = 5_000;

async function startOnReference(fill: ((tx: Transaction, graph: Graph) => void) | undefined, options: ServeOptions): Promise<TestNereid> {
  let graph: Graph;
  if (typeof options.embeddedGraph === 'function') graph = await options.embeddedGraph();
  else graph = options.embeddedGraph ?? new Graph();
  if (fill) graph.transact((tx) => fill(tx, graph));
  const reference = await acquireReference(graph);
  const peer = remote(reference.url, wireFormat(TEST_BACKEND as RemoteBackend));
  await clearRemote(peer.g);
  await copyToRemote(graph, peer.g);
  const ids = TEST_BACKEND === 'janusgraph' ? await EdgeIdMap.read(graph, peer.g) : EdgeIdMap.identity;
  const { embeddedGraph: _unused, ...rest } = options;
  const nereid = await serve({ port: 0, host: '127.0.0.1', ...rest, env: { GREMLIN_SERIALIZER: wireFormat(TEST_BACKEND as RemoteBackend), ...options.env, GREMLIN_ENDPOINT: reference.url } });
  const mirrored = graph.vertexCount + graph.edgeCount <= MIRRORED_ELEMENTS;
  let mirror: Graph | undefined = graph;
  mirrors.set(nereid.url, async () => void (mirror = mirrored ? await copyFromRemote(peer.g, (id) => ids.testId(id)) : undefined));
  return {
    ...nereid,
    get graph(): Graph {
      if (!mirror) throw new Error(`nereid.graph: a graph over ${MIRRORED_ELEMENTS} elements is not read back from the reference server after a write`);
      return mirror;
    },
    async gql(query, variables) {
      return ids.answer(await postGraphQL<any>(nereid.url, ids.query(query), ids.variables(variables)));
    },
    async stop() {
      mirrors.delete(nereid.url);
      await nereid.stop();
      await reference.release(peer.g);
      await peer.close();
    },
  };
}
