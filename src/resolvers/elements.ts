import { notFound } from '../errors';
import type { EdgeConnectionResolvers, EdgeResolvers, VertexConnectionResolvers, VertexResolvers } from '../generated/graphql';
import type { ConnectionRecord, EdgeRecord, VertexRecord } from '../operations/records';
import { degreeHop, planNeighbours, selectedKeys } from '../planner/plan';
import { connectionResolvers, cursorEdge } from './connections';
import { propertiesOf, propertyOf } from './properties';

function neighbours<T extends VertexRecord | EdgeRecord>(): NonNullable<VertexResolvers['out']> {
  return (vertex, args, context, info) =>
    context.loaders.neighbours<T>(vertex.id, context.planned(info, () => planNeighbours(args, info))) as Promise<ConnectionRecord<never>>;
}

export const Vertex: VertexResolvers = {
  properties: (vertex, { keys }, context) => propertiesOf(vertex, 'vertex', keys ?? undefined, context),
  property: (vertex, { key }, context) => propertyOf(vertex, 'vertex', key, context),
  out: neighbours<VertexRecord>(),
  in: neighbours<VertexRecord>(),
  both: neighbours<VertexRecord>(),
  outE: neighbours<EdgeRecord>() as NonNullable<VertexResolvers['outE']>,
  inE: neighbours<EdgeRecord>() as NonNullable<VertexResolvers['inE']>,
  bothE: neighbours<EdgeRecord>() as NonNullable<VertexResolvers['bothE']>,
  degree: (vertex, { direction, labels }, context, info) =>
    context.loaders.degree(vertex.id, context.planned(info, () => degreeHop(direction, labels))),
  // Without a typed schema no label maps to a typed type; src/typed replaces this resolver when serving one.
  typed: () => null,
};

function endpoint(pick: (edge: EdgeRecord) => string): NonNullable<EdgeResolvers['outV']> {
  return async (edge, _args, context, info) => {
    const keys = context.planned(info, () => selectedKeys(info, info.fieldNodes, 'Vertex'));
    const vertex = await context.loaders.vertex(pick(edge), keys);
    if (!vertex) throw notFound(`Vertex ${pick(edge)} of edge ${edge.id} no longer exists`);
    return vertex;
  };
}

export const Edge: EdgeResolvers = {
  properties: (edge, { keys }, context) => propertiesOf(edge, 'edge', keys ?? undefined, context),
  property: (edge, { key }, context) => propertyOf(edge, 'edge', key, context),
  outV: endpoint((e) => e.outV),
  inV: endpoint((e) => e.inV),
};

export const VertexConnection: VertexConnectionResolvers = connectionResolvers(cursorEdge<VertexRecord>);
export const EdgeConnection: EdgeConnectionResolvers = connectionResolvers(cursorEdge<EdgeRecord>);
