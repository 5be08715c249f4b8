import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { notFound } from '../errors';
import type { RequestContext } from '../request/context';
import type { ProjectionNode } from '../operations/projection';
import { DeleteElement } from '../operations/write/delete-element';
import { ConnectVertices, DisconnectVertices } from '../operations/write/relationship-writes';
import { CreateVertex, UpdateVertex } from '../operations/write/vertex-writes';
import { checkId } from '../planner/arguments';
import { planFieldProjection } from '../planner/plan';
import { edgeProperties, nestedRelationships, propertyWrites, relationshipNode, type NestedConnect } from '../planner/typed-mutations';
import { idFieldOf, labelsOf, type TypedModel } from '../typed/model';
import { names } from '../typed/names';
import { explainConflict, explainMissingEnds, written } from './write-errors';

type Input = Readonly<Record<string, unknown>>;
type MutationResolver = (root: unknown, args: any, context: RequestContext, info: GraphQLResolveInfo) => Promise<unknown>;

/**
 * Typed mutations, each one traversal (so all of it or none of it is written), with the core's error
 * conventions: CONFLICT naming the taken id, NOT_FOUND naming the missing vertex and the argument it came
 * from, BAD_USER_INPUT naming the offending argument. They only ever touch vertices of their own type.
 */
export function typedMutations(model: TypedModel): Record<string, MutationResolver> {
  const resolvers: Record<string, MutationResolver> = {};
  for (const type of model.vertexTypes) {
    const projection = (info: GraphQLResolveInfo): ProjectionNode => planFieldProjection(info, type.name);
    const idName = idFieldOf(type)?.name ?? 'id';
    const missing = (id: string) => notFound(`${type.name} "${id}" does not exist`);

    resolvers[names.create(type)] = async (_root, { input }: { input: Input }, context, info) => {
      const id = input[idName] === null || input[idName] === undefined ? undefined : checkId(input[idName] as string, `input.${idName}`);
      const node = { id, label: type.label, properties: propertyWrites(type, input, 'input', true) };
      const { connect } = nestedRelationships(model, type, input, 'input');
      try {
        return written(await context.run(new CreateVertex(node, projection(info), connect.map((c) => c.edges))));
      } catch (err) {
        if (err instanceof GraphQLError && err.extensions.code === 'CONFLICT') throw await explainConflict(err, context, id === undefined ? [] : [id]);
        throw await explainNestedConnects(err, context, connect, 'nothing was created');
      }
    };

    if (type.fields.some((f) => f.kind === 'property' || f.kind === 'relationship')) {
      resolvers[names.update(type)] = async (_root, { id, set }: { id: string; set: Input }, context, info) => {
        const vertexId = checkId(id, 'id');
        const writes = propertyWrites(type, set, 'set', false);
        const { connect, disconnect } = nestedRelationships(model, type, set, 'set');
        const changes = { connect: connect.map((c) => c.edges), disconnect };
        let updated;
        try {
          updated = await context.run(new UpdateVertex(vertexId, writes, projection(info), type.label, changes));
        } catch (err) {
          throw await explainNestedConnects(err, context, connect, 'nothing was updated');
        }
        if (!updated) throw missing(id);
        return updated;
      };
    }

    resolvers[names.delete(type)] = async (_root, { id }: { id: string }, context) => ({
      id,
      deleted: await context.run(new DeleteElement('vertex', checkId(id, 'id'), type.label)),
    });

    for (const field of type.fields) {
      if (field.kind !== 'relationship') continue;
      const target = model.target(field.target)!;
      resolvers[names.connect(type, field)] = async (_root, args: { id: string; to: string[]; properties?: Input | null }, context, info) => {
        const node = relationshipNode(type, field, target, args.id, args.to, 'to');
        const properties = edgeProperties(model, field, args.properties, 'properties');
        let connected;
        try {
          connected = await context.run(new ConnectVertices(node, properties, projection(info)));
        } catch (err) {
          const ends = args.to.map((id, i) => ({ id, argument: `to[${i}]` }));
          const expected = { noun: target.name, labels: labelsOf(target), outcome: 'nothing was connected' };
          throw await explainMissingEnds(err, context, ends, expected);
        }
        if (!connected) throw missing(args.id);
        return connected;
      };
      resolvers[names.disconnect(type, field)] = async (_root, args: { id: string; from: string[] }, context, info) => {
        const node = relationshipNode(type, field, target, args.id, args.from, 'from');
        const disconnected = await context.run(new DisconnectVertices(node, projection(info)));
        if (!disconnected) throw missing(args.id);
        return disconnected;
      };
    }
  }
  return resolvers;
}

/**
 * NOT_FOUND naming the first connected id, in the order of the type's fields, that does not exist or has a
 * label its relationship does not accept; one lookup, however many relationships the mutation connects.
 */
function explainNestedConnects(err: unknown, context: RequestContext, connects: readonly NestedConnect[], outcome: string): Promise<unknown> {
  const ends = connects.flatMap((c) => c.ends.map((end) => ({ ...end, noun: c.noun, labels: c.edges.targetLabels })));
  return explainMissingEnds(err, context, ends, { noun: 'Vertex', outcome });
}
