/**
 * The embedded Gremlin Server's wire formats: the two serializers the `gremlin` driver can be set to, keyed by
 * the mime type that prefixes each request frame, and the GraphSON adjacency-list dataset reader.
 */
import { graphBinary, GRAPHBINARY_MIME } from './graphbinary/serializer';
import { graphSON3, GRAPHSON3_MIME } from './graphson/serializer';
import type { MessageSerializer } from './messages';

export { GRAPHBINARY_MIME, GRAPHSON3_MIME };
export { loadGraphSONAdjacency, type AdjacencyLoadSummary } from './graphson-adjacency';
export { GRAPHSON3_UNTYPED_MIME, graphSON3Untyped } from './graphson/untyped';
export { Lambda } from './lambda';
export {
  RequestDecodeError,
  SerializationError,
  type MaterializeProperties,
  type MessageSerializer,
  type RequestMessage,
  type ResponseMessage,
} from './messages';

const SERIALIZERS = new Map<string, MessageSerializer>([
  [GRAPHSON3_MIME, graphSON3],
  [GRAPHBINARY_MIME, graphBinary],
]);

export function serializerFor(mimeType: string): MessageSerializer | undefined {
  return SERIALIZERS.get(mimeType);
}

export const SUPPORTED_MIME_TYPES: readonly string[] = [...SERIALIZERS.keys()];
