import gremlin from 'gremlin';
import { startGremlinServer, type GremlinServer, type GremlinServerOptions } from '../../../src/embedded/server';
import { Graph } from '../../../src/embedded/structure';

export const GRAPHSON = 'application/vnd.gremlin-v3.0+json';
export const GRAPHBINARY = 'application/vnd.graphbinary-v1.0';
export const FORMATS: Array<[string, string]> = [
  ['GraphSON 3', GRAPHSON],
  ['GraphBinary', GRAPHBINARY],
];

export const { t, P, cardinality, direction, order, Traverser } = gremlin.process;
export const __ = gremlin.process.statics;
export type G = gremlin.process.GraphTraversalSource;
type Closable = { close(): Promise<unknown> };

/**
 * Servers and driver connections opened through a Harness are all closed by `closeAll`, so each suite ends
 * with no open handles.
 */
export class Harness {
  private readonly closables: Closable[] = [];

  async server(options: GremlinServerOptions = {}): Promise<GremlinServer> {
    const server = await startGremlinServer(options);
    this.closables.push(server);
    return server;
  }

  remote(server: GremlinServer, mimeType: string, options: Record<string, unknown> = {}): { g: G; connection: gremlin.driver.DriverRemoteConnection } {
    const connection = new gremlin.driver.DriverRemoteConnection(server.url, { mimeType, ...options });
    this.closables.unshift(connection);
    return { g: gremlin.process.traversal().withRemote(connection), connection };
  }

  client(server: GremlinServer, mimeType: string, options: Record<string, unknown> = {}): gremlin.driver.Client {
    const client = new gremlin.driver.Client(server.url, { mimeType, ...options });
    this.closables.unshift(client as unknown as Closable);
    return client;
  }

  async closeAll(): Promise<void> {
    for (const c of this.closables.splice(0)) await c.close();
  }
}

/** The driver's ResponseError (not in @types/gremlin). */
export interface ServerError extends Error {
  statusCode: number;
  statusMessage: string;
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<ServerError> {
  try {
    await promise;
  } catch (err) {
    return err as ServerError;
  }
  throw new Error('expected the request to fail');
}

/** Neptune's JSON error body, from the status message of a failed request. */
export function neptuneError(err: ServerError): { requestId: string; code: string; detailedMessage: string } {
  return JSON.parse(String(err.statusMessage));
}

/**
 * A complete graph on `n` vertices: simple paths over it grow as n!/(n-k)!, and simplePath() keeps every
 * traverser distinct (no bulking), so a few hops take far longer than a test allows.
 */
export function denseGraph(n: number): Graph {
  const graph = new Graph();
  graph.transact((tx) => {
    const vs = [...Array(n).keys()].map((i) => tx.addVertex(['node'], `n${i}`));
    for (const a of vs) for (const b of vs) if (a !== b) tx.addEdge('link', a, b);
  });
  return graph;
}
