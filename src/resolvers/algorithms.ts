import type { PathResolvers, QueryResolvers } from '../generated/graphql';
import { pageRank, topRanked } from '../operations/read/page-rank';
import { ShortestPath } from '../operations/read/shortest-path';
import { fetchSubgraph } from '../operations/read/subgraph';
import { Traverse } from '../operations/read/traverse';
import type { RankedVertexRecord } from '../operations/records';
import { planPageRank, planShortestPath, planTraverse } from '../planner/algorithms';

export const AlgorithmQueries: Pick<QueryResolvers, 'traverse' | 'shortestPath' | 'pageRank'> = {
  traverse: (_root, args, context, info) => context.run(new Traverse(planTraverse(args, info))),
  shortestPath: (_root, args, context, info) => context.run(new ShortestPath(planShortestPath(args, info))),
  pageRank: async (_root, args, context, info) => {
    const plan = planPageRank(args, info);
    const top = topRanked(pageRank(await fetchSubgraph(context.run, plan.subgraph), plan), plan.limit);
    // One batched lookup for all of them; a vertex deleted since the subgraph was read drops out.
    const vertices = await Promise.all(top.map(({ id }) => context.loaders.vertex(id, plan.vertex)));
    return top.flatMap(({ rank }, i): RankedVertexRecord[] => (vertices[i] ? [{ vertex: vertices[i], rank }] : []));
  },
};

export const Path: PathResolvers = {
  // From the vertices, which every path selection fetches, so it holds when edges were not walked.
  length: (path) => path.vertices.length - 1,
};
