import gremlin from 'gremlin';
import type { Serializer } from './config';
import { graphBinaryReader } from './graphbinary-reader';

export interface ResponseReader {
  readResponse(data: Buffer): unknown;
}

/**
 * JanusGraph's edge id (RelationIdentifier), which its GraphSON 3 serializer sends as
 * `{"@type":"janusgraph:RelationIdentifier","@value":{"relationId":"4r3-..."}}`: read as that string, the id's
 * own text form, which JanusGraph accepts back wherever an edge id goes (`g.E(id)`, `hasId`). Ids are strings
 * to the gateway on every backend. (Neither GraphBinary reader, ours nor the driver's, reads custom types: GraphSON for JanusGraph.)
 */
const JANUSGRAPH_RELATION_ID = {
  deserialize: (obj: { '@value': { relationId: string } }) => obj['@value'].relationId,
};

/** TinkerPop's status for a response that cannot be serialized; here, one that cannot be read. */
export const UNREADABLE_STATUS = 599;

/**
 * The response reader (for GraphBinary our own, graphbinary-reader.ts; for GraphSON the driver's), guarded: the
 * driver decodes frames inside the socket's message handler, where a decoding error would be an uncaught
 * exception and take the process down. An unreadable frame
 * instead becomes a response without request id, which the driver answers by failing every request
 * pending on that connection, and `onUnreadable` lets the connection be retired.
 */
export function guardedResponseReader(serializer: Serializer, onUnreadable: (err: unknown) => void): ResponseReader {
  const reader =
    serializer === 'graphbinary'
      ? graphBinaryReader
      : (new gremlin.structure.io.GraphSONReader({ serializers: { 'janusgraph:RelationIdentifier': JANUSGRAPH_RELATION_ID } }) as unknown as ResponseReader);
  return {
    readResponse(data) {
      try {
        return reader.readResponse(data);
      } catch (err) {
        onUnreadable(err);
        return {
          requestId: null,
          status: { code: UNREADABLE_STATUS, message: 'the gateway could not decode a response frame', attributes: new Map() },
          result: { data: [] },
        };
      }
    },
  };
}
