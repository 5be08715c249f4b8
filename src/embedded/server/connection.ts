import type { Logger } from 'pino';
import type WebSocket from 'ws';
import {
  GRAPHSON3_MIME,
  RequestDecodeError,
  serializerFor,
  SUPPORTED_MIME_TYPES,
  type MaterializeProperties,
  type MessageSerializer,
  type RequestMessage,
  type ResponseMessage,
} from '../io';
import { failureOf, malformedRequest, neptuneMessage } from './errors';
import { runJob, type ServerState } from './dispatch';
import { Cancelled, response, type Channel, type Frame } from './execute';
import { jobOf } from './requests';

/**
 * One client WebSocket. Each binary frame is `<mime length byte><mime type><request>`, as the driver's
 * Connection sends it; requests run concurrently (the driver multiplexes by request id) and every one gets
 * an answer: results, or an error naming the problem. A frame too broken to yield a request id is answered
 * with a null request id, which the driver reports to all requests it has pending, as with Gremlin Server.
 * Nothing a client sends closes the connection or stops the server.
 */
export class Connection {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly channels = new Map<MessageSerializer, Channel>();
  private readonly log: Logger;

  constructor(
    private readonly ws: WebSocket,
    private readonly state: ServerState,
    remote: string,
  ) {
    this.log = state.log.child({ remote });
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => this.track(this.onFrame(toBuffer(data))));
    ws.on('error', (err) => this.log.warn({ err }, 'websocket error'));
  }

  /** Resolves when the requests under way have ended (they stop at their next batch once the socket closes). */
  async drained(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async onFrame(frame: Buffer): Promise<void> {
    const mimeLength = frame.length > 0 ? frame[0] : 0;
    const mimeType = frame.subarray(1, 1 + mimeLength).toString('utf8');
    const serializer = frame.length > mimeLength ? serializerFor(mimeType) : undefined;
    if (!serializer) {
      const problem = frame.length === 0 ? 'an empty frame' : `a frame for the unknown mime type ${JSON.stringify(mimeType)}`;
      // The client's serializer is unknown: answer in GraphSON, the protocol's default.
      await this.fail(this.channel(serializerFor(GRAPHSON3_MIME)!), null, malformedRequest(`Received ${problem}; this server speaks ${SUPPORTED_MIME_TYPES.join(' and ')}.`));
      return;
    }
    const channel = this.channel(serializer);
    let request: RequestMessage;
    try {
      request = serializer.decodeRequest(frame.subarray(1 + mimeLength));
    } catch (err) {
      const id = err instanceof RequestDecodeError ? err.requestId : null;
      await this.fail(channel, id, malformedRequest(err instanceof Error ? err.message : String(err)));
      return;
    }
    await this.handle(request, channel);
  }

  private async handle(request: RequestMessage, channel: Channel): Promise<void> {
    const started = Date.now();
    const log = this.log.child({ requestId: request.requestId, op: request.op, processor: request.processor });
    try {
      const job = jobOf(request, this.state, started);
      const status = await runJob(job, request.requestId, channel, this.state, this);
      log.debug({ status, ms: Date.now() - started }, 'request done');
    } catch (err) {
      if (err instanceof Cancelled) {
        log.debug('request abandoned: connection closed');
        return;
      }
      await this.fail(channel, request.requestId, err, log);
    }
  }

  private async fail(channel: Channel, requestId: string | null, err: unknown, log: Logger = this.log): Promise<void> {
    const failure = failureOf(err);
    const level = failure.status === 500 || failure.status === 599 ? 'error' : 'info';
    log[level]({ status: failure.status, code: failure.code, detail: failure.detailedMessage }, 'request failed');
    try {
      await channel.write(channel.encode(response(requestId, failure.status, null, neptuneMessage(requestId, failure)), 'tokens'));
    } catch (sendErr) {
      log.warn({ err: sendErr }, 'could not send the error response');
    }
  }

  private channel(serializer: MessageSerializer): Channel {
    let channel = this.channels.get(serializer);
    if (!channel) this.channels.set(serializer, (channel = new SocketChannel(this.ws, serializer, this.state.latencyMs)));
    return channel;
  }
}

/** Responses in the serializer the request came in. Waiting for each send to reach the socket is the backpressure. */
class SocketChannel implements Channel {
  constructor(
    private readonly ws: WebSocket,
    private readonly serializer: MessageSerializer,
    private readonly latencyMs: number,
  ) {}

  get closed(): boolean {
    return this.ws.readyState !== this.ws.OPEN;
  }

  encode(message: ResponseMessage, materialize: MaterializeProperties): Frame {
    return this.serializer.encodeResponse(message, materialize);
  }

  drop(): void {
    this.ws.terminate();
  }

  async write(frame: Frame, deadline?: number): Promise<void> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (this.closed) return;
    return new Promise((resolve) => {
      const stalled = deadline === undefined ? undefined : setTimeout(() => this.ws.terminate(), Math.max(0, deadline - Date.now()));
      this.ws.send(frame, { binary: this.serializer.binary }, () => {
        clearTimeout(stalled);
        resolve();
      });
    });
  }
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
