import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

/**
 * An agent for the WebSocket upgrade request that gives up when the socket stays silent for `timeoutMs`
 * before the upgrade completes (a dropped SYN, or a server that accepts and never answers). The driver
 * does not pass `ws` its handshake timeout, but it does pass an agent; `ws` clears the socket timeout
 * once the upgrade succeeds, so established connections may idle.
 */
export function connectTimeoutAgent(secure: boolean, timeoutMs: number): http.Agent {
  const agent = secure ? new https.Agent() : new http.Agent();
  const create = agent.createConnection.bind(agent) as (...args: Parameters<http.Agent['createConnection']>) => Socket;
  agent.createConnection = (options, callback) => {
    const socket = create(options, callback);
    socket.setTimeout(timeoutMs, () => {
      const err: NodeJS.ErrnoException = new Error(`no answer within ${timeoutMs} ms while connecting`);
      err.code = 'ETIMEDOUT';
      socket.destroy(err);
    });
    return socket;
  };
  return agent;
}
