import type { QueryResolvers } from '../generated/graphql';
import { ElementPage } from '../operations/read/element-page';
import type { EdgeRecord, VertexRecord } from '../operations/records';
import { checkId, planRootConnection, selectedKeys } from '../planner/plan';

export const Query: QueryResolvers = {
  vertex: (_root, { id }, context, info) => context.loaders.vertex(checkId(id, 'id'), selectedKeys(info, info.fieldNodes, 'Vertex')),
  edge: (_root, { id }, context, info) => context.loaders.edge(checkId(id, 'id'), selectedKeys(info, info.fieldNodes, 'Edge')),
  vertices: (_root, args, context, info) => context.run(new ElementPage<VertexRecord>(planRootConnection('Vertex', args, info))),
  edges: (_root, args, context, info) => context.run(new ElementPage<EdgeRecord>(planRootConnection('Edge', args, info))),
};
