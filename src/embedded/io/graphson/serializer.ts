import { stringify, type JsonTree } from '../json-text';
import {
  normalizeArgs,
  RequestDecodeError,
  type MaterializeProperties,
  type MessageSerializer,
  type RequestMessage,
  type ResponseMessage,
} from '../messages';
import { readGraphSON, type Json } from './reader';
import { writeGraphSON } from './writer';

export const GRAPHSON3_MIME = 'application/vnd.gremlin-v3.0+json';

/**
 * The GraphSON 3 envelope: requests `{requestId, op, processor, args}` with a typed or plain UUID, responses
 * `{requestId, status: {code, message, attributes}, result: {data, meta}}` as text frames.
 */
export const graphSON3: MessageSerializer = {
  mimeType: GRAPHSON3_MIME,
  binary: false,

  decodeRequest(payload: Buffer): RequestMessage {
    let json: Json;
    try {
      json = JSON.parse(payload.toString('utf8')) as Json;
    } catch (err) {
      throw new RequestDecodeError(`the request is not valid JSON: ${(err as Error).message}`, null);
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new RequestDecodeError('the request must be a JSON object', null);
    }
    const requestId = readRequestId(json.requestId);
    if (requestId === null) throw new RequestDecodeError('the request has no requestId (a UUID)', null);
    try {
      const { op, processor, args } = json;
      if (typeof op !== 'string') throw new Error('the request has no op');
      if (processor !== undefined && processor !== null && typeof processor !== 'string') throw new Error('processor must be a string');
      if (args !== undefined && (args === null || typeof args !== 'object' || Array.isArray(args))) {
        throw new Error('args must be a JSON object');
      }
      // Top-level args are untyped JSON members; their values are GraphSON.
      const entries = Object.entries(args ?? {}).map(([k, v]): [string, unknown] => [k, readGraphSON(v)]);
      return { requestId, op, processor: processor ?? '', args: normalizeArgs(entries) };
    } catch (err) {
      throw new RequestDecodeError(`the request could not be read: ${(err as Error).message}`, requestId);
    }
  },

  encodeResponse(response: ResponseMessage, materialize: MaterializeProperties): string {
    const tree: JsonTree = {
      requestId: response.requestId,
      status: {
        message: response.status.message,
        code: response.status.code,
        attributes: writeGraphSON(response.status.attributes, materialize),
      },
      result: {
        data: response.data === null ? null : writeGraphSON(response.data, materialize),
        meta: writeGraphSON(new Map(), materialize),
      },
    };
    return stringify(tree);
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readRequestId(value: Json | undefined): string | null {
  const raw = value !== null && typeof value === 'object' && !Array.isArray(value) ? value['@value'] : value;
  return typeof raw === 'string' && UUID.test(raw) ? raw.toLowerCase() : null;
}
