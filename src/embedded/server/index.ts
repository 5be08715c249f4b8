import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { LevelWithSilent, Logger } from 'pino';
import { logger } from '../../logger';
import { WebSocketServer } from 'ws';
import type { MaterializeProperties } from '../io';
import { Graph } from '../structure';
import { Connection } from './connection';
import type { ServerState } from './dispatch';
import { FaultInjector } from './faults';
import { HttpGremlinEndpoint, isGremlinHttpPath, sendJson } from './http';
import { WriteLock } from './lock';
import { SessionRegistry } from './sessions';
import { neptuneErrorBody, verifySigV4, type UpgradeRequest, type VerifyOptions } from './sigv4';
import { statusBody } from './status';

export { FaultInjector } from './faults';

/**
 * The embedded Gremlin Server: Gremlin Server's WebSocket protocol at ws://HOST:PORT/gremlin as the `gremlin`
 * 3.7 driver speaks it (GraphSON 3 and GraphBinary 1, ops bytecode/eval/close, sessions and tx()), Neptune's
 * HTTP interface for Gremlin (`POST /gremlin`, `GET /gremlin?gremlin=`), Neptune's error bodies and
 * `GET /status`, and optional SigV4 (IAM) verification of the upgrade and of HTTP requests.
 */
export interface GremlinServerOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Defaults to 127.0.0.1. */
  readonly host?: string;
  /** Traversal sources by name; requests pick one through their `aliases` (default `{ g: new Graph() }`). */
  readonly graphs?: Record<string, Graph>;
  /** Per-request default, overridden by the request's `evaluationTimeout`; 0 is none. Neptune's default: 120 s. */
  readonly evaluationTimeoutMs?: number;
  /** Results per response frame unless the request says `batchSize`; Gremlin Server's default: 64. */
  readonly batchSize?: number;
  /** A session with nothing to do for this long is rolled back and closed. Neptune's limit: 10 minutes. */
  readonly sessionTimeoutMs?: number;
  /**
   * `tokens` (default): vertices and edges are references (id and label), as Neptune returns them, since it
   * ignores TinkerPop 3.7's materializeProperties. `all`: with their properties, as Gremlin Server 3.7 does by
   * default; requests may then ask for `tokens`.
   */
  readonly materializeProperties?: MaterializeProperties;
  /** Require a valid SigV4 signature (service neptune-db) on the WebSocket upgrade and on every HTTP request. */
  readonly iam?: { readonly region: string; readonly credentials: VerifyOptions['credentials']; readonly maxSkewMs?: number };
  /** Defaults to the process logger (src/logger.ts), whose level LOG_LEVEL sets. */
  readonly logger?: Logger;
  /** A level for the default logger, e.g. `silent` for a server started inside another command. */
  readonly logLevel?: LevelWithSilent;
  /**
   * Delay before each WebSocket response frame, to model the network round trip to Neptune inside a VPC
   * (benchmarks compare strategies that differ in round trips, which a loopback socket hides). Default 0.
   */
  readonly latencyMs?: number;
}

export interface GremlinServer {
  /** ws://host:port/gremlin */
  readonly url: string;
  readonly port: number;
  readonly graphs: Readonly<Record<string, Graph>>;
  /** Fault injection for tests of clients' retries: `server.faults.failNext(2, 'ConcurrentModificationException')`. */
  readonly faults: FaultInjector;
  /** Closes client connections (rolling back their open transactions) and stops listening. */
  close(): Promise<void>;
}

export async function startGremlinServer(options: GremlinServerOptions = {}): Promise<GremlinServer> {
  const graphs = options.graphs ?? { g: new Graph() };
  const log = options.logger ?? logger.child({ component: 'gremlin-server' }, options.logLevel ? { level: options.logLevel } : {});
  const evaluationTimeoutMs = options.evaluationTimeoutMs ?? 120_000;
  const startTime = Date.now();
  const locks = new Map<Graph, WriteLock>();
  const state: ServerState = {
    graphs,
    evaluationTimeoutMs,
    batchSize: options.batchSize ?? 64,
    materializeProperties: options.materializeProperties ?? 'tokens',
    latencyMs: options.latencyMs ?? 0,
    log,
    faults: new FaultInjector(),
    sessions: new SessionRegistry(options.sessionTimeoutMs ?? 600_000, (s) => log.info({ session: s.id }, 'session timed out')),
    lockOf: (graph) => {
      let lock = locks.get(graph);
      if (!lock) locks.set(graph, (lock = new WriteLock()));
      return lock;
    },
  };
  const iam = options.iam;
  const refusal = (req: UpgradeRequest) => {
    if (!iam) return undefined;
    const result = verifySigV4(req, { region: iam.region, credentials: iam.credentials, maxSkewMs: iam.maxSkewMs });
    return result.ok ? undefined : neptuneErrorBody(result);
  };

  const gremlinHttp = new HttpGremlinEndpoint(state, refusal);
  const http = createServer((req, res) => {
    // Checked once the body is in: the signature covers it.
    if (isGremlinHttpPath(pathOf(req))) return gremlinHttp.handle(req, res);
    const refused = refusal(req);
    if (refused) return sendJson(res, 403, refused);
    if (req.method === 'GET' && pathOf(req) === '/status') {
      return sendJson(res, 200, statusBody({ startTime, iam: iam !== undefined, evaluationTimeoutMs }));
    }
    sendJson(res, 404, neptuneErrorBody({ code: 'BadRequestException', message: `No such endpoint: ${req.method} ${pathOf(req)}; try GET /status, POST /gremlin or a WebSocket to /gremlin` }));
  });

  const wss = new WebSocketServer({ noServer: true });
  const connections = new Set<Connection>();
  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const refused = refusal(req);
    if (refused) return refuseUpgrade(socket, 403, refused);
    if (pathOf(req) !== '/gremlin') {
      return refuseUpgrade(socket, 404, neptuneErrorBody({ code: 'BadRequestException', message: 'The Gremlin endpoint is /gremlin' }));
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new Connection(ws, state, `${req.socket.remoteAddress}:${req.socket.remotePort}`);
      connections.add(connection);
      ws.on('close', () => {
        connections.delete(connection);
        void state.sessions.closeOwnedBy(connection);
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  log.info({ url: `ws://${host}:${address.port}/gremlin`, http: `http://${host}:${address.port}/gremlin`, graphs: Object.keys(graphs) }, 'gremlin server listening');

  return {
    url: `ws://${host}:${address.port}/gremlin`,
    port: address.port,
    graphs,
    faults: state.faults,
    async close() {
      const closing = [...connections];
      for (const client of wss.clients) client.terminate();
      await Promise.all(closing.map((c) => c.drained()));
      await state.sessions.closeAll();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await gremlinHttp.drained();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0];
}

/** An upgrade is refused with a plain HTTP response on the raw socket, as Neptune refuses one. */
function refuseUpgrade(socket: Socket, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  const reason = status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}
