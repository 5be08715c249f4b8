import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import gremlin from 'gremlin';
import { WebSocketServer, type WebSocket } from 'ws';
import { neptuneErrorBody, verifySigV4, type VerifyOptions } from '../../../src/embedded/server/sigv4';

/**
 * A Gremlin Server that speaks just enough of the WebSocket protocol (GraphSON 3 only) to answer each
 * request as a test script says: results, an error status with a Neptune JSON message, a dropped socket,
 * or silence. It exists to make real failures for the client's retry, timeout and reconnect paths
 * until the embedded server has a fault-injection hook; the real driver talks to it over a real socket.
 */

export interface ReceivedRequest {
  readonly connection: number;
  readonly requestId: string;
  readonly op: string;
  readonly args: Record<string, unknown>;
  /** The bytecode's steps as GraphSON sent them (the driver's GraphSON reader has no Bytecode deserializer). */
  readonly steps: unknown;
  /** Its source instructions likewise: `[['tx', 'commit']]` for a commit. */
  readonly source: unknown;
  /** Running count over the server's life, from 1. */
  readonly seq: number;
}

export type Reply =
  | { readonly data: readonly unknown[] }
  | { readonly status: number; readonly code?: string; readonly message: string }
  | { readonly drop: true }
  | { readonly silence: true }
  /** A frame no serializer can read. */
  | { readonly garbage: true };

export interface ScriptedServerOptions {
  readonly reply: (request: ReceivedRequest) => Reply | Promise<Reply>;
  /** Verify the upgrade's SigV4 signature and refuse with Neptune's 403 body when it fails. */
  readonly sigv4?: VerifyOptions;
  /** Refuse the n-th upgrade request (from 1) with this HTTP status and Neptune error body, when given one. */
  readonly refuseUpgrade?: (n: number) => { readonly status: number; readonly code: string } | undefined;
}

export interface ScriptedServer {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Upgrade request headers of every accepted connection, in order. */
  readonly upgrades: http.IncomingHttpHeaders[];
  readonly refusedUpgrades: number;
  /** Connections currently open. */
  openConnections(): number;
  /** Drop every open socket without a close handshake. */
  dropAll(): void;
  close(): Promise<void>;
}

const reader = new gremlin.structure.io.GraphSONReader();
const writer = new gremlin.structure.io.GraphSONWriter();

export async function startScriptedServer(options: ScriptedServerOptions): Promise<ScriptedServer> {
  const requests: ReceivedRequest[] = [];
  const upgrades: http.IncomingHttpHeaders[] = [];
  const sockets = new Set<WebSocket>();
  let refusedUpgrades = 0;
  let connections = 0;

  const httpServer = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });

  let upgradeRequests = 0;
  const refuse = (socket: Duplex, status: number, body: string) => {
    refusedUpgrades += 1;
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };

  httpServer.on('upgrade', (req, socket, head) => {
    const refusal = options.refuseUpgrade?.(++upgradeRequests);
    if (refusal) return refuse(socket, refusal.status, JSON.stringify({ requestId: 'r-upgrade', code: refusal.code, detailedMessage: 'refused by the test script' }));
    if (options.sigv4) {
      const verdict = verifySigV4({ method: req.method, url: req.url, headers: req.headers }, options.sigv4);
      if (!verdict.ok) return refuse(socket, 403, JSON.stringify(neptuneErrorBody(verdict)));
    }
    upgrades.push(req.headers);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = ++connections;
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data: Buffer) => void answer(ws, connection, data));
    });
  });

  async function answer(ws: WebSocket, connection: number, frame: Buffer): Promise<void> {
    const mimeLength = frame[0]!;
    const message = JSON.parse(frame.subarray(1 + mimeLength).toString('utf8'));
    const request: ReceivedRequest = {
      connection,
      requestId: reader.read(message.requestId),
      op: message.op,
      args: reader.read(message.args),
      steps: message.args?.gremlin?.['@value']?.step,
      source: message.args?.gremlin?.['@value']?.source,
      seq: requests.length + 1,
    };
    requests.push(request);
    const reply = await options.reply(request);
    if ('drop' in reply) return void ws.terminate();
    if ('silence' in reply) return;
    if ('garbage' in reply) return void ws.send('this is not a Gremlin response');
    const status =
      'data' in reply
        ? { code: reply.data.length ? 200 : 204, message: '' }
        : {
            code: reply.status,
            message: reply.code ? JSON.stringify({ requestId: request.requestId, code: reply.code, detailedMessage: reply.message }) : reply.message,
          };
    ws.send(
      JSON.stringify({
        requestId: request.requestId,
        status: { ...status, attributes: { '@type': 'g:Map', '@value': [] } },
        result: {
          data: writer.adaptObject('data' in reply ? reply.data : []),
          meta: { '@type': 'g:Map', '@value': [] },
        },
      }),
    );
  }

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}/gremlin`,
    requests,
    upgrades,
    get refusedUpgrades() {
      return refusedUpgrades;
    },
    openConnections: () => sockets.size,
    dropAll: () => sockets.forEach((ws) => ws.terminate()),
    async close() {
      sockets.forEach((ws) => ws.terminate());
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
