import {
  normalizeArgs,
  RequestDecodeError,
  type MaterializeProperties,
  type MessageSerializer,
  type RequestMessage,
  type ResponseMessage,
} from '../messages';
import { createIoc } from './ioc';

export const GRAPHBINARY_MIME = 'application/vnd.graphbinary-v1.0';

const VERSION = 0x81;
const ioc = createIoc();

/**
 * The GraphBinary 1.0 envelope. Request: version 0x81, request id (UUID, 16 bytes), op, processor (Strings),
 * args (Map), as the driver's GraphBinaryWriter writes it. Response: version, nullable request id, status code
 * (Int), nullable status message, status attributes and result meta (Maps), result data (fully qualified).
 */
export const graphBinary: MessageSerializer = {
  mimeType: GRAPHBINARY_MIME,
  binary: true,

  decodeRequest(payload: Buffer): RequestMessage {
    if (payload.length < 1 || payload[0] !== VERSION) {
      throw new RequestDecodeError(`unsupported GraphBinary request version ${payload.length ? `0x${payload[0].toString(16)}` : '(empty frame)'}`, null);
    }
    if (payload.length < 17) throw new RequestDecodeError('the request is cut short before its request id', null);
    const requestId = ioc.uuidSerializer.deserialize(payload.subarray(1), false).v as string;
    try {
      let cursor = payload.subarray(17);
      const op = ioc.stringSerializer.deserialize(cursor, false);
      cursor = cursor.subarray(op.len);
      const processor = ioc.stringSerializer.deserialize(cursor, false);
      cursor = cursor.subarray(processor.len);
      const args = ioc.mapSerializer.deserialize(cursor, false);
      if (args.len !== cursor.length) throw new Error(`${cursor.length - args.len} unexpected bytes after the arguments`);
      return { requestId, op: op.v, processor: processor.v, args: normalizeArgs(args.v as Map<unknown, unknown>) };
    } catch (err) {
      throw new RequestDecodeError(`the request could not be read: ${(err as Error).message}`, requestId);
    }
  },

  encodeResponse(response: ResponseMessage, materialize: MaterializeProperties): Buffer {
    ioc.materialize = materialize;
    const { requestId, status } = response;
    return Buffer.concat([
      Buffer.from([VERSION]),
      requestId === null ? Buffer.from([0x01]) : Buffer.concat([Buffer.from([0x00]), ioc.uuidSerializer.serialize(requestId, false)]),
      ioc.intSerializer.serialize(status.code, false),
      status.message === '' && status.code < 400
        ? Buffer.from([0x01])
        : Buffer.concat([Buffer.from([0x00]), ioc.stringSerializer.serialize(status.message, false)]),
      ioc.mapSerializer.serialize(status.attributes, false),
      ioc.mapSerializer.serialize(new Map(), false),
      ioc.anySerializer.serialize(response.data),
    ]);
  },
};
