import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { badInput, notFound } from '../errors';
import type { RequestContext } from '../gateway/context';
import type { ProjectionNode } from '../operations/projection';
import { DeleteElement } from '../operations/write/delete-element';
import { MAX_BATCH } from '../operations/write/batch-create';
import type { PropertyWritesNode } from '../operations/write/property-writes';
import { ConnectVertices, DisconnectVertices, type RelationshipWriteNode } from '../operations/write/relationship-writes';
import { CreateVertex, UpdateVertex } from '../operations/write/vertex-writes';
import { checkId } from '../planner/arguments';
import { planFieldProjection } from '../planner/plan';
import { explainConflict, explainMissingEnds, written } from '../resolvers/write-errors';
import { idFieldOf, labelsOf, type PropertyField, type RelationshipField, type TargetType, type TypedModel, type VertexType } from './model';
import { names } from './names';
import { edgeProperties, explainNestedConnects, nestedRelationships } from './nested-relationships';
import { toGraph } from './values';

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
 * Property fields of a create or update input as writes. A list replaces all values of its key (an empty one
 * removes it); in an update, null removes the property, which a non-null field does not allow.
 */
function propertyWrites(type: VertexType, input: Input, argument: string, fresh: boolean): PropertyWritesNode {
  const set = new Map<string, PropertyWritesNode['set'] extends ReadonlyMap<string, infer V> ? V : never>();
  const remove: string[] = [];
  for (const field of type.fields) {
    if (field.kind !== 'property' || !(field.name in input)) continue;
    const value = input[field.name];
    const empty = value === null || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (fresh) continue;
      if (field.nonNull) throw badInput(`${type.name}.${field.name} is never null, so it can't be removed`, `${argument}.${field.name}`);
      remove.push(field.key);
      continue;
    }
    set.set(field.key, stored(field, value) as never);
  }
  return { set, remove };
}

function stored(field: PropertyField, value: unknown): unknown {
  return Array.isArray(value) ? value.map((v) => toGraph(field, v)) : toGraph(field, value);
}

function relationshipNode(
  type: VertexType,
  field: RelationshipField,
  target: TargetType,
  id: string,
  targets: readonly string[],
  argument: string,
): RelationshipWriteNode {
  if (targets.length === 0) throw badInput('Give at least one id', argument);
  if (targets.length > MAX_BATCH) throw badInput(`At most ${MAX_BATCH} ids at once`, argument);
  targets.forEach((t, i) => checkId(t, `${argument}[${i}]`));
  return {
    id: checkId(id, 'id'),
    label: type.label,
    edgeLabel: field.edgeLabel,
    direction: field.direction,
    targetLabels: labelsOf(target),
    targets: [...new Set(targets)],
  };
}
