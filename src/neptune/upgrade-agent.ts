import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

export interface UpgradeAgent {
  /** Passed to the driver, which hands it to `ws` for the upgrade request. */
  readonly agent: http.Agent;
  /** Destroys the sockets this agent opened, for a socket whose close handshake never completes. */
  destroySockets(): void;
}

/**
 * The agent of one connection's WebSocket upgrade. The driver passes `ws` neither a handshake timeout nor
 * its socket, but it does pass an agent, which gives both: the socket times out when it stays silent for
 * `connectTimeoutMs` before the upgrade completes (a dropped SYN, or a server that accepts and never
 * answers; `ws` clears the timeout once upgraded, so established connections may idle), and it can be
 * destroyed when a graceful close hangs.
 */
export function createUpgradeAgent(secure: boolean, connectTimeoutMs: number): UpgradeAgent {
  const agent = secure ? new https.Agent() : new http.Agent();
  const sockets = new Set<Socket>();
  const create = agent.createConnection.bind(agent) as (...args: Parameters<http.Agent['createConnection']>) => Socket;
  agent.createConnection = (options, callback) => {
    const socket = create(options, callback);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.setTimeout(connectTimeoutMs, () => {
      const err: NodeJS.ErrnoException = new Error(`no answer within ${connectTimeoutMs} ms while connecting`);
      err.code = 'ETIMEDOUT';
      socket.destroy(err);
    });
    return socket;
  };
  return { agent, destroySockets: () => sockets.forEach((socket) => socket.destroy()) };
}
