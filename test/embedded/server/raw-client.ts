import gremlin from 'gremlin';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { GremlinServer } from '../../../src/embedded/server';
import { GRAPHBINARY } from './helpers';

export const { graphBinaryReader, graphBinaryWriter } = require('gremlin/lib/structure/io/binary/GraphBinary');
const graphSONWriter = new (gremlin.structure.io as unknown as { GraphSONWriter: new () => { writeRequest(r: object): Buffer } }).GraphSONWriter();
const graphSONReader = new (gremlin.structure.io as unknown as { GraphSONReader: new () => { readResponse(b: Buffer): Response } }).GraphSONReader();
export const g = () => gremlin.process.traversal().withGraph(new gremlin.structure.Graph());

export interface Response {
  requestId: string | null;
  status: { code: number; message: string };
  result: { data: unknown };
}

/** A raw WebSocket client: frames as the driver builds them, or broken on purpose. */
export class RawClient {
  private readonly inbox: Buffer[] = [];
  private waiter: (() => void) | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.inbox.push(Buffer.from(data));
      this.waiter?.();
    });
  }

  static async connect(server: GremlinServer): Promise<RawClient> {
    const ws = new WebSocket(server.url);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new RawClient(ws);
  }

  send(frame: Buffer): void {
    this.ws.send(frame);
  }

  request(mimeType: string, request: { requestId?: string; op: string; processor: string; args: object }): string {
    const requestId = request.requestId ?? randomUUID();
    const writer = mimeType === GRAPHBINARY ? graphBinaryWriter : graphSONWriter;
    this.send(frame(mimeType, writer.writeRequest({ ...request, requestId })));
    return requestId;
  }

  async response(mimeType: string): Promise<Response> {
    while (this.inbox.length === 0) await new Promise<void>((resolve) => (this.waiter = resolve));
    const reader = mimeType === GRAPHBINARY ? graphBinaryReader : graphSONReader;
    return reader.readResponse(this.inbox.shift()!);
  }

  /** The connection still works: a well-formed request is answered with its result. */
  async expectServing(mimeType = GRAPHBINARY): Promise<void> {
    const requestId = this.request(mimeType, { op: 'bytecode', processor: 'traversal', args: { gremlin: g().inject(42).getBytecode(), aliases: { g: 'g' } } });
    const response = await this.response(mimeType);
    expect(response).toMatchObject({ requestId, status: { code: 200 } });
    expect((response.result.data as Array<{ object: unknown }>)[0].object).toBe(42);
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

export function frame(mimeType: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([mimeType.length]), Buffer.from(mimeType), payload]);
}

