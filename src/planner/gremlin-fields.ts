import gremlin from 'gremlin';
import type { GraphQLResolveInfo } from 'graphql';
import { badInput } from '../errors';
import { anonymous, type GraphTraversal } from '../gremlin/source';
import type { NestedNode } from '../operations/nested';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../operations/page';
import type { ProjectionNode } from '../operations/projection';
import type { GremlinField, WindowArgument } from '../typed/model';
import { PARENT_ID, mentionsParent } from '../typed/read-gremlin';
import { planProjection } from './plan';
import type { SelectedField } from './selection';

const { Bytecode, P } = gremlin.process;

/** The parent, labelled at the start of a nested union-shaped field, where its text used the parent's id. */
const PARENT_LABEL = 'nereid_parent';

/** The most a list field without `first`/`limit` returns per parent; a traversal yielding more is an error. */
export const MAX_GREMLIN_ITEMS = MAX_PAGE_SIZE;

/** One `@gremlin` field's arguments: what is bound, what is projected, and how much is fetched. */
export interface GremlinPlan {
  readonly bindings: Record<string, unknown>;
  readonly projection?: ProjectionNode;
  /** The `limit()` appended to each parent's traversal, so no parent's results are ever streamed unbounded. */
  readonly fetch: number;
}

/**
 * A `@gremlin` field of a vertex type as a nested node: the traversal from the parent on runs inside the
 * parent's `by()`, the limit inside it too, so per parent. A keyed field (`V(id)` first, `id` nowhere else) always
 * nests; a union-shaped one nests when its other uses of the id can be said of the parent itself (see
 * `labelledTraversal`). Undefined otherwise: such a field needs the id as a value and is batched by the loaders.
 */
export function planGremlinNested(field: GremlinField, selected: SelectedField, info: GraphQLResolveInfo): NestedNode | undefined {
  if (field.shape === 'root') return undefined;
  const plan = planGremlinField(field, selected, info);
  const traversal = field.shape === 'keyed' ? keyedTraversal(field, plan) : labelledTraversal(field, plan);
  return traversal && { kind: 'custom', field: field.path, traversal, projection: plan.projection };
}

export function planGremlinField(field: GremlinField, selected: SelectedField, info: GraphQLResolveInfo): GremlinPlan {
  const bindings: Record<string, unknown> = {};
  for (const arg of field.args) bindings[arg.name.value] = selected.args[arg.name.value] ?? null;
  let fetch = field.many ? MAX_GREMLIN_ITEMS + 1 : 2;
  if (field.window) {
    fetch = windowSize(field.window, selected.args[field.window.name]);
    // Bound as applied, so a text using it (`limit(first)`) agrees with the gateway when it was not given.
    bindings[field.window.name] = fetch;
  }
  return { bindings, projection: projectionFor(field, selected, info), fetch };
}

/** The traversal from the parent on, for a keyed field: the text without its leading `V(id)`. */
export function keyedTraversal(field: GremlinField, plan: GremlinPlan): GraphTraversal {
  const bound = field.compiled.bind({ ...plan.bindings, id: PARENT_ID });
  return traversalOf(bound.stepInstructions.slice(1)).limit(plan.fetch);
}

/**
 * A union-shaped text that starts at the parent, `V(id)`, from the parent on, with the parent labelled first and
 * each later use of its id said of the labelled parent: `hasId(id)` and `has(T.id, id | eq(id) | neq(id))` as
 * `where(eq | neq(parent))`, `V(id)` as `select(parent)`. Undefined for any other use (`constant(id)`,
 * `within(id, x)`), or a text starting elsewhere.
 */
function labelledTraversal(field: GremlinField, plan: GremlinPlan): GraphTraversal | undefined {
  const [first, ...rest] = field.compiled.bind({ ...plan.bindings, id: PARENT_ID }).stepInstructions;
  if (first === undefined || first[0] !== 'V' || first.length !== 2 || first[1] !== PARENT_ID) return undefined;
  const steps = parentUses(rest);
  return steps && traversalOf([['as', PARENT_LABEL], ...steps]).limit(plan.fetch);
}

function parentUses(steps: readonly unknown[][]): unknown[][] | undefined {
  const out: unknown[][] = [];
  for (const [name, ...args] of steps) {
    const idTest = name === 'hasId' && args.length === 1 ? args[0] : name === 'has' && args.length === 2 && isIdToken(args[0]) ? args[1] : undefined;
    const test = idTest === undefined ? undefined : parentTest(idTest);
    if (test) {
      out.push(['where', test]);
      continue;
    }
    if (name === 'V' && args.length === 1 && args[0] === PARENT_ID) {
      out.push(['select', PARENT_LABEL]);
      continue;
    }
    const rewritten: unknown[] = [];
    for (const arg of args) {
      if (arg instanceof Bytecode && arg.sourceInstructions.length === 0) {
        const inner = parentUses(arg.stepInstructions);
        if (!inner) return undefined;
        const child = new Bytecode();
        for (const [step, ...stepArgs] of inner) child.addStep(String(step), stepArgs);
        rewritten.push(child);
      } else if (mentionsParent(arg)) {
        return undefined;
      } else {
        rewritten.push(arg);
      }
    }
    out.push([name, ...rewritten]);
  }
  return out;
}

/** `id`, `eq(id)` or `neq(id)` as the same test of the labelled parent; undefined for anything else. */
function parentTest(value: unknown): gremlin.process.P | undefined {
  if (value === PARENT_ID) return P.eq(PARENT_LABEL);
  if (!(value instanceof P) || value.value !== PARENT_ID || value.other !== undefined) return undefined;
  if (value.operator === 'eq') return P.eq(PARENT_LABEL);
  if (value.operator === 'neq') return P.neq(PARENT_LABEL);
  return undefined;
}

function isIdToken(value: unknown): boolean {
  const token = value as { typeName?: string; elementName?: string } | null;
  return token?.typeName === 'T' && token.elementName === 'id';
}

/** The whole text bound to one parent id (a `union` field), or to none (a field of Query). */
export function boundTraversal(field: GremlinField, plan: GremlinPlan, parentId?: string): GraphTraversal {
  const bindings = parentId === undefined ? plan.bindings : { ...plan.bindings, id: parentId };
  return traversalOf(field.compiled.bind(bindings).stepInstructions).limit(plan.fetch);
}

function windowSize(window: WindowArgument, given: unknown): number {
  const size = given ?? window.defaultValue ?? DEFAULT_PAGE_SIZE;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) throw badInput(`"${window.name}" must be zero or more`, window.name);
  if (size > MAX_PAGE_SIZE) throw badInput(`"${window.name}" may be at most ${MAX_PAGE_SIZE}`, window.name);
  return size;
}

function projectionFor(field: GremlinField, selected: SelectedField, info: GraphQLResolveInfo): ProjectionNode | undefined {
  switch (field.result.kind) {
    case 'typed':
      return planProjection(info, selected.nodes, field.result.type, 'vertex');
    case 'anyTyped':
      return planProjection(info, selected.nodes, 'TypedVertex', 'vertex');
    case 'vertex':
      return planProjection(info, selected.nodes, 'Vertex', 'vertex');
    case 'value':
      return undefined;
  }
}

function traversalOf(steps: readonly unknown[][]): GraphTraversal {
  const bytecode = new Bytecode();
  for (const [name, ...args] of steps) bytecode.addStep(String(name), args);
  return anonymous(bytecode);
}
