import type { GraphQLResolveInfo } from 'graphql';
import { badInput, gatewayError, notFound } from '../errors';
import type { MutationResolvers } from '../generated/graphql';
import type { ProjectionNode } from '../operations/projection';
import { BatchCreate } from '../operations/write/batch-create';
import { DeleteElement } from '../operations/write/delete-element';
import { CreateEdge, UpdateEdge } from '../operations/write/edge-writes';
import { CreateVertex, UpdateVertex, UpsertVertex } from '../operations/write/vertex-writes';
import { batchOf, edgeWrites, newEdge, newVertex, vertexWrites } from '../planner/mutations';
import { checkId } from '../planner/arguments';
import { planFieldProjection } from '../planner/plan';
import { explainConflict, explainMissingEnds, written } from './write-errors';

/** Each mutation is one traversal, so the backend applies all of it or none of it (see ./write-errors). */
export const Mutation: MutationResolvers = {
  createVertex: async (_root, { input }, context, info) => {
    const node = newVertex(input);
    try {
      return written(await context.run(new CreateVertex(node, projection(info, 'vertex'))));
    } catch (err) {
      throw await explainConflict(err, context, node.id === undefined ? [] : [node.id]);
    }
  },

  upsertVertex: async (_root, { input }, context, info) => {
    const node = newVertex(input);
    if (node.id === undefined) throw badInput('upsertVertex needs an id to match on', 'input.id');
    const record = await context.run(new UpsertVertex({ ...node, id: node.id }, projection(info, 'vertex')));
    if (!record) throw gatewayError('CONFLICT', `Vertex "${node.id}" exists with a label other than "${node.label}"`);
    return record;
  },

  updateVertex: async (_root, { id, set, remove }, context, info) => {
    const record = await context.run(new UpdateVertex(checkId(id, 'id'), vertexWrites(set, remove), projection(info, 'vertex')));
    if (!record) throw notFound(`Vertex "${id}" does not exist`);
    return record;
  },

  deleteVertex: async (_root, { id }, context) => ({
    id,
    deleted: await context.run(new DeleteElement('vertex', checkId(id, 'id'))),
  }),

  createEdge: async (_root, { input }, context, info) => {
    const node = newEdge(input);
    try {
      return written(await context.run(new CreateEdge(node, projection(info, 'edge'))));
    } catch (err) {
      const ends = [{ id: node.from, argument: 'input.from' }, { id: node.to, argument: 'input.to' }];
      throw await explainMissingEnds(err, context, ends, CREATED);
    }
  },

  updateEdge: async (_root, { id, set, remove }, context, info) => {
    const record = await context.run(new UpdateEdge(checkId(id, 'id'), edgeWrites(set, remove), projection(info, 'edge')));
    if (!record) throw notFound(`Edge "${id}" does not exist`);
    return record;
  },

  deleteEdge: async (_root, { id }, context) => ({
    id,
    deleted: await context.run(new DeleteElement('edge', checkId(id, 'id'))),
  }),

  batchCreateVertices: async (_root, { inputs }, context, info) => {
    const nodes = batchOf(inputs, newVertex);
    try {
      return await context.run(new BatchCreate('vertex', nodes, projection(info, 'vertex')));
    } catch (err) {
      throw await explainConflict(err, context, nodes.flatMap((n) => (n.id === undefined ? [] : [n.id])));
    }
  },

  batchCreateEdges: async (_root, { inputs }, context, info) => {
    const nodes = batchOf(inputs, newEdge);
    try {
      return await context.run(new BatchCreate('edge', nodes, projection(info, 'edge')));
    } catch (err) {
      const ends = nodes.flatMap((n, i) => [
        { id: n.from, argument: `inputs[${i}].from` },
        { id: n.to, argument: `inputs[${i}].to` },
      ]);
      throw await explainMissingEnds(err, context, ends, CREATED);
    }
  },
};

const CREATED = { noun: 'Vertex', outcome: 'nothing was created' };

function projection(info: GraphQLResolveInfo, element: 'vertex' | 'edge'): ProjectionNode {
  return planFieldProjection(info, element === 'vertex' ? 'Vertex' : 'Edge');
}
