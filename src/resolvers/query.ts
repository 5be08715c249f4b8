import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../request/context';
import type { QueryResolvers } from '../generated/graphql';
import { ElementPage } from '../operations/read/element-page';
import { emptyConnection, type ConnectionRecord, type EdgeRecord, type VertexRecord } from '../operations/records';
import { checkId } from '../planner/arguments';
import { planFieldProjection, planRootConnection, type ElementType, type RootConnectionArgs } from '../planner/plan';

/** Each root field is one request, its whole selection nested in it (see src/planner/elements.ts). */
export const Query: QueryResolvers = {
  vertex: (_root, { id }, context, info) => context.loaders.vertex(checkId(id, 'id'), context.planned(info, () => planFieldProjection(info, 'Vertex'))),
  edge: (_root, { id }, context, info) => context.loaders.edge(checkId(id, 'id'), context.planned(info, () => planFieldProjection(info, 'Edge'))),
  vertices: (_root, args, context, info) => rootPage<VertexRecord>('Vertex', args, context, info),
  edges: (_root, args, context, info) => rootPage<EdgeRecord>('Edge', args, context, info),
};

async function rootPage<T extends VertexRecord | EdgeRecord>(
  type: ElementType,
  args: RootConnectionArgs,
  context: RequestContext,
  info: GraphQLResolveInfo,
): Promise<ConnectionRecord<T>> {
  const query = context.planned(info, () => planRootConnection(type, args, info));
  // `V()` with no ids means every vertex, so an empty id list is answered here, without asking the graph.
  if (query.ids?.length === 0) return emptyConnection(query.count);
  return context.run(new ElementPage<T>(query));
}
