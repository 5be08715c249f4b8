import { badInput } from '../errors';
import type { RequestContext } from '../gateway/context';
import { FetchElements } from '../operations/read/fetch-elements';
import { MAX_BATCH } from '../operations/write/batch-create';
import type { NewEdgesNode } from '../operations/write/relationship-writes';
import { checkId } from '../planner/plan';
import { explainMissingEnds, type WriteEnd } from '../resolvers/write-errors';
import { labelsOf, type RelationshipField, type TypedModel, type VertexType } from './model';
import { toGraph } from './values';

type Input = Readonly<Record<string, unknown>>;

/** One relationship of a create input (`follows: { connect: [...] }`): its new edges and where each id came from. */
export interface NestedConnect {
  readonly edges: NewEdgesNode;
  readonly ends: readonly WriteEnd[];
  readonly noun: string;
}

/**
 * The relationships a create input connects, checked as connectX checks its `to` (at least one id, at most
 * MAX_BATCH, a repeated id connected once), and at most MAX_BATCH new edges in all, so one create stays one
 * bounded traversal.
 */
export function nestedConnects(model: TypedModel, type: VertexType, input: Input, argument: string): NestedConnect[] {
  const connects: NestedConnect[] = [];
  for (const field of type.fields) {
    if (field.kind !== 'relationship') continue;
    const given = input[field.name] as { connect: string | string[]; properties?: Input | null } | null | undefined;
    if (given === null || given === undefined) continue;
    const path = `${argument}.${field.name}`;
    const ends = field.many ? manyEnds(given.connect as string[], `${path}.connect`) : [{ id: checkId(given.connect as string, `${path}.connect`), argument: `${path}.connect` }];
    const target = model.target(field.target)!;
    connects.push({
      edges: {
        edgeLabel: field.edgeLabel,
        direction: field.direction,
        targetLabels: labelsOf(target),
        targets: [...new Set(ends.map((e) => e.id))],
        properties: edgeProperties(model, field, given.properties, `${path}.properties`),
      },
      ends,
      noun: target.name,
    });
  }
  if (connects.reduce((n, c) => n + c.edges.targets.length, 0) > MAX_BATCH) throw badInput(`At most ${MAX_BATCH} new edges in one create`, argument);
  return connects;
}

function manyEnds(ids: readonly string[], argument: string): WriteEnd[] {
  if (ids.length === 0) throw badInput('Give at least one id', argument);
  if (ids.length > MAX_BATCH) throw badInput(`At most ${MAX_BATCH} ids at once`, argument);
  return ids.map((id, i) => ({ id: checkId(id, `${argument}[${i}]`), argument: `${argument}[${i}]` }));
}

/** An edge-properties input (`FollowInput`) as the keys and values to set on each edge. */
export function edgeProperties(model: TypedModel, field: RelationshipField, input: Input | null | undefined, argument: string): Map<string, unknown> {
  const properties = new Map<string, unknown>();
  const edgeType = field.properties ? model.edgeType(field.properties) : undefined;
  if (!edgeType || !input) return properties;
  for (const f of edgeType.fields) {
    const value = input[f.name];
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) throw badInput('Edge properties hold a single value, not a list', `${argument}.${f.name}`);
    properties.set(f.key, toGraph(f, value));
  }
  return properties;
}

/**
 * NOT_FOUND naming the first connected id, in the order of the type's fields, that does not exist or has a
 * label its relationship does not accept. Each relationship accepts other labels, so each is explained in turn,
 * but from one lookup of every id: a failed create costs one request more, however many relationships it has.
 */
export async function explainNestedConnects(err: unknown, context: RequestContext, connects: readonly NestedConnect[]): Promise<unknown> {
  const ids = [...new Set(connects.flatMap((c) => c.edges.targets))];
  let lookup: Promise<unknown> | undefined;
  const oneLookup = {
    ...context,
    run: (operation: unknown) =>
      operation instanceof FetchElements ? (lookup ??= context.run(new FetchElements(ids, operation.projection))) : context.run(operation as never),
  } as RequestContext;
  for (const c of connects) {
    const expected = { noun: c.noun, labels: c.edges.targetLabels, outcome: 'nothing was created' };
    const explained = await explainMissingEnds(err, oneLookup, c.ends, expected);
    if (explained !== err) return explained;
  }
  return err;
}
