import type { GraphQLResolveInfo } from 'graphql';
import { notFound } from '../errors';
import type { RequestContext } from '../request/context';
import type { EdgeConnectionResolvers, EdgeResolvers, VertexConnectionResolvers, VertexResolvers } from '../generated/graphql';
import type { NestedNode } from '../operations/nested';
import { emptyConnection, type ConnectionRecord, type EdgeRecord, type VertexRecord } from '../operations/records';
import { degreeHop, planFieldProjection, planNeighbours } from '../planner/plan';
import { fieldOf } from '../planner/selection';
import { connectionResolvers, cursorEdge } from './connections';
import { nestedOr } from './nested';
import { propertiesOf, propertyOf } from './properties';

function neighbours(): NonNullable<VertexResolvers['out']> {
  return (vertex, _args, context, info) =>
    nestedOr(vertex, info, () => {
      const node: NestedNode = { kind: 'neighbours', query: context.planned(info, () => planNeighbours(fieldOf(info), info)) };
      return context.loaders.nested(vertex.id, node, emptyConnection(node.query.count));
    }) as Promise<ConnectionRecord<never>>;
}

export const Vertex: VertexResolvers = {
  properties: (vertex, { keys }, context) => propertiesOf(vertex, 'vertex', keys ?? undefined, context),
  property: (vertex, { key }, context) => propertyOf(vertex, 'vertex', key, context),
  out: neighbours(),
  in: neighbours(),
  both: neighbours(),
  outE: neighbours() as NonNullable<VertexResolvers['outE']>,
  inE: neighbours() as NonNullable<VertexResolvers['inE']>,
  bothE: neighbours() as NonNullable<VertexResolvers['bothE']>,
  degree: (vertex, { direction, labels }, context, info) =>
    nestedOr(vertex, info, () => context.loaders.nested(vertex.id, { kind: 'degree', hop: context.planned(info, () => degreeHop(direction, labels)) }, 0)),
  // Without a typed schema no label maps to a typed type; src/resolvers/typed.ts replaces this resolver when serving one.
  typed: () => null,
};

function endpoint(end: 'outV' | 'inV'): NonNullable<EdgeResolvers['outV']> {
  return async (edge: EdgeRecord, _args: unknown, context: RequestContext, info: GraphQLResolveInfo) => {
    const vertex = await nestedOr(edge, info, () => context.loaders.vertex(edge[end], context.planned(info, () => planFieldProjection(info, 'Vertex'))));
    if (!vertex) throw notFound(`Vertex ${edge[end]} of edge ${edge.id} no longer exists`);
    return vertex as VertexRecord;
  };
}

export const Edge: EdgeResolvers = {
  properties: (edge, { keys }, context) => propertiesOf(edge, 'edge', keys ?? undefined, context),
  property: (edge, { key }, context) => propertyOf(edge, 'edge', key, context),
  outV: endpoint('outV'),
  inV: endpoint('inV'),
};

export const VertexConnection: VertexConnectionResolvers = connectionResolvers(cursorEdge<VertexRecord>);
export const EdgeConnection: EdgeConnectionResolvers = connectionResolvers(cursorEdge<EdgeRecord>);
