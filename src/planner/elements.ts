import { GraphQLError, isAbstractType, isObjectType, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import { signature, type NestedField, type NestedNode } from '../operations/nested';
import { unionKeys, type KeySelection, type ProjectionNode } from '../operations/projection';
import { selectedFields, type SelectedField } from './selection';

/**
 * The whole-request planner's core: a selection on an element type becomes ONE ProjectionNode — the property
 * keys it reads and every field below it that can be read from the element in the same traversal (pages of
 * neighbours, degrees, edge end points, typed relationships, @gremlin fields), each planned recursively
 * the same way. The operation that fetches the element compiles it to `project(...).by(...)`, so a query of
 * any depth costs the request of its root field.
 *
 * A nested field is named after its response key (its alias, else its name); its resolver finds its value
 * under that name on the parent record (src/resolvers/nested.ts). Where several object types share a position
 * (an interface, a union) and plan one key differently, the name is qualified by the type (`User.x`). A field
 * that cannot be planned here — its arguments are wrong, its shape can't be nested — is left out, and its
 * resolver falls back to the per-request loaders, which report the error at the field's own path.
 */

/** What one selected field contributes to its parent's projection. */
export interface FieldPlan {
  readonly keys?: KeySelection;
  readonly nested?: NestedNode;
}

/** Plans the fields of one object type; undefined for a field that reads nothing from the element (`id`). */
export type FieldPlanner = (field: SelectedField, info: GraphQLResolveInfo) => FieldPlan | undefined;

/** What the planner knows of a served schema's object types, by type name. */
export interface PlannerTable {
  /** The field planners of each object type, generic ones (Vertex, Edge) and a typed schema's. */
  readonly fields: ReadonlyMap<string, FieldPlanner>;
  /** The vertex label each typed type maps, to keep a member's branches to that member's vertices. */
  readonly labels: ReadonlyMap<string, string>;
}

/** Nested plans by name; null marks a name two positions disagree on, or whose planning failed: not nested. */
type NestedPlans = Map<string, NestedNode | null>;

interface ElementPlan {
  keys: KeySelection;
  nested: NestedPlans;
}

/** The projection a selection on `typeName` (an object type, an interface or a union) needs. */
export function planElement(
  info: GraphQLResolveInfo,
  nodes: readonly FieldNode[],
  typeName: string,
  element: 'vertex' | 'edge',
  table: PlannerTable,
): ProjectionNode {
  return projectionOf(element, planSelection(info, nodes, typeName, table));
}

/** Several selections of the same elements (`nodes` and `edges.node` of a connection) as one projection. */
export function mergeProjections(element: 'vertex' | 'edge', projections: readonly ProjectionNode[]): ProjectionNode {
  const plan: ElementPlan = { keys: [], nested: new Map() };
  for (const p of projections) {
    plan.keys = unionKeys(plan.keys, p.keys);
    for (const field of p.nested ?? []) mergeNested(plan.nested, field.name, field.node);
  }
  return projectionOf(element, plan);
}

function projectionOf(element: 'vertex' | 'edge', plan: ElementPlan): ProjectionNode {
  const nested: NestedField[] = [];
  for (const [name, node] of plan.nested) if (node) nested.push({ name, node });
  return nested.length === 0 ? { element, keys: plan.keys } : { element, keys: plan.keys, nested };
}

function planSelection(info: GraphQLResolveInfo, nodes: readonly FieldNode[], typeName: string, table: PlannerTable): ElementPlan {
  const type = info.schema.getType(typeName);
  if (!isAbstractType(type)) return planObject(info, nodes, typeName, table);
  const perType = info.schema.getPossibleTypes(type).map((t) => ({ name: t.name, plan: planObject(info, nodes, t.name, table) }));
  const plan: ElementPlan = { keys: [], nested: new Map() };
  const names = new Set(perType.flatMap((t) => [...t.plan.nested.keys()]));
  for (const name of names) {
    const planned = perType.filter((t) => t.plan.nested.has(name));
    const signatures = new Set(planned.map((t) => signature(t.plan.nested.get(name))));
    const shared = signatures.size === 1 && planned[0].plan.nested.get(name) !== null;
    if (shared) {
      // Every member alike runs unguarded; a field only some members select runs on their vertices only.
      const node = planned[0].plan.nested.get(name)!;
      mergeNested(plan.nested, name, planned.length === perType.length ? node : guarded(node, planned.map((t) => t.name), table));
      continue;
    }
    for (const t of planned) {
      const node = t.plan.nested.get(name) ?? null;
      mergeNested(plan.nested, `${t.name}.${name}`, node && guarded(node, [t.name], table));
    }
  }
  for (const t of perType) plan.keys = unionKeys(plan.keys, t.plan.keys);
  return plan;
}

/**
 * A member's branch kept to the member's vertices: run on another member's, an author's @gremlin text may fail
 * (a property of another type there) and any branch is wasted work. Unguarded where a type maps no label.
 */
function guarded(node: NestedNode, typeNames: readonly string[], table: PlannerTable): NestedNode {
  const labels = typeNames.map((name) => table.labels.get(name));
  if (labels.some((label) => label === undefined)) return node;
  return { kind: 'member', labels: [...new Set(labels as string[])].sort(), node };
}

function planObject(info: GraphQLResolveInfo, nodes: readonly FieldNode[], typeName: string, table: PlannerTable): ElementPlan {
  const plan: ElementPlan = { keys: [], nested: new Map() };
  const planner = table.fields.get(typeName);
  if (!planner || !isObjectType(info.schema.getType(typeName))) return plan;
  for (const field of selectedFields(info, nodes, typeName)) {
    let planned: FieldPlan | undefined;
    try {
      planned = planner(field, info);
    } catch (err) {
      // Left to the field's resolver, which plans it again and reports the error at the field's own path.
      if (!(err instanceof GraphQLError)) throw err;
      mergeNested(plan.nested, field.key, null);
      continue;
    }
    if (planned?.keys) plan.keys = unionKeys(plan.keys, planned.keys);
    if (planned?.nested) mergeNested(plan.nested, field.key, planned.nested);
  }
  return plan;
}

function mergeNested(nested: NestedPlans, name: string, node: NestedNode | null): void {
  if (!nested.has(name)) {
    nested.set(name, node);
    return;
  }
  const existing = nested.get(name);
  if (existing === null || node === null || signature(existing) !== signature(node)) nested.set(name, null);
}
