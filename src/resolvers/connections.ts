import { gatewayError } from '../errors';
import type { ConnectionRecord } from '../operations/records';

/**
 * The fields of every connection type, generic (`VertexConnection`) and typed (`UserConnection`,
 * `UserFollowsConnection`): the record already holds the page, so they only read it. `edge` builds the i-th
 * item of `edges` (a cursor and a node, and whatever else the connection's edge type has).
 */
export function connectionResolvers<C extends ConnectionRecord<unknown>, E>(edge: (c: C, i: number) => E) {
  return {
    // The page as it is (graphql-js only reads it): the generated types ask for a mutable array.
    nodes: (c: C): C['nodes'][number][] => c.nodes as C['nodes'][number][],
    edges: (c: C): E[] => c.nodes.map((_, i) => edge(c, i)),
    pageInfo: (c: C) => c.pageInfo,
    totalCount: (c: C): number => {
      if (c.totalCount === undefined) throw gatewayError('INTERNAL_SERVER_ERROR', 'totalCount was not planned for this selection');
      return c.totalCount;
    },
  };
}

/** The i-th item of `edges` in a connection whose edge type has only `cursor` and `node`. */
export function cursorEdge<T>(c: ConnectionRecord<T>, i: number): { cursor: string; node: T } {
  return { cursor: c.cursors[i], node: c.nodes[i] };
}
