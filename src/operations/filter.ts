import { badInput } from '../errors';
import { printValue } from '../gremlin/print';
import { P, TextP, anonymous, type GraphTraversal } from '../gremlin/source';
import { applyHop, printHop, type HopNode } from './hop';
import { checkKey, checkScalar } from './values';

/** The `PropertyFilter` input as GraphQL hands it to us. */
export interface PropertyFilterInput {
  key?: string | null;
  eq?: unknown;
  neq?: unknown;
  gt?: unknown;
  gte?: unknown;
  lt?: unknown;
  lte?: unknown;
  in?: readonly unknown[] | null;
  notIn?: readonly unknown[] | null;
  contains?: string | null;
  startsWith?: string | null;
  endsWith?: string | null;
  exists?: boolean | null;
  and?: readonly PropertyFilterInput[] | null;
  or?: readonly PropertyFilterInput[] | null;
  not?: PropertyFilterInput | null;
}

/** Comparisons map one to one onto Gremlin predicates, so printing and compiling can't disagree. */
const COMPARISONS = {
  eq: (v: unknown) => P.eq(v),
  neq: (v: unknown) => P.neq(v),
  gt: (v: unknown) => P.gt(v),
  gte: (v: unknown) => P.gte(v),
  lt: (v: unknown) => P.lt(v),
  lte: (v: unknown) => P.lte(v),
  in: (v: unknown) => P.within(v as unknown[]),
  notIn: (v: unknown) => P.without(v as unknown[]),
  contains: (v: unknown) => TextP.containing(v),
  startsWith: (v: unknown) => TextP.startingWith(v),
  endsWith: (v: unknown) => TextP.endingWith(v),
} as const;

export type Comparison = keyof typeof COMPARISONS;

/** A condition on one element's properties, as a small tree that compiles to has()/and()/or()/not(). */
export type FilterNode =
  | { readonly kind: 'compare'; readonly key: string; readonly op: Comparison; readonly value: unknown }
  | { readonly kind: 'exists'; readonly key: string; readonly exists: boolean }
  | { readonly kind: 'and' | 'or'; readonly children: readonly FilterNode[] }
  | { readonly kind: 'not'; readonly child: FilterNode }
  /** On the element's id rather than a property (`hasId`). */
  | { readonly kind: 'id'; readonly op: IdComparison; readonly value: unknown }
  /**
   * On the vertices one hop away: some of them match, none do, or every one does (vacuously true with none).
   * Without `filter`, "some" means the vertex has at least one such neighbour.
   */
  | { readonly kind: 'related'; readonly hop: HopNode; readonly quantifier: 'some' | 'none' | 'every'; readonly filter?: FilterNode };

export type IdComparison = 'eq' | 'neq' | 'in' | 'notIn';

/** Keeps one request's traversal (and the work of compiling it) bounded, typed filters included. */
const MAX_DEPTH = 16;

export function checkFilterDepth(depth: number, argument: string): void {
  if (depth > MAX_DEPTH) throw badInput(`Filter is nested more than ${MAX_DEPTH} levels deep`, argument);
}

/**
 * Validates a PropertyFilter and turns it into a FilterNode; `argument` names where it came from so an error
 * can point at the exact offending field (`where.or[1].gt`).
 */
export function filterFromInput(input: PropertyFilterInput, argument = 'where', depth = 0): FilterNode {
  checkFilterDepth(depth, argument);
  const parts: FilterNode[] = [];
  const key = input.key ?? undefined;
  const needKey = (field: string) => {
    if (key === undefined || key === '') throw badInput(`"${field}" needs a "key" to compare`, `${argument}.${field}`);
    return checkKey(key, `${argument}.key`);
  };
  for (const op of Object.keys(COMPARISONS) as Comparison[]) {
    const value = input[op];
    if (value === undefined || value === null) continue;
    const at = `${argument}.${op}`;
    if (op === 'in' || op === 'notIn') {
      (value as unknown[]).forEach((item, i) => checkScalar(item, `${at}[${i}]`));
    } else {
      checkScalar(value, at);
    }
    parts.push({ kind: 'compare', key: needKey(op), op, value });
  }
  if (input.exists !== undefined && input.exists !== null) {
    parts.push({ kind: 'exists', key: needKey('exists'), exists: input.exists });
  }
  for (const kind of ['and', 'or'] as const) {
    const list = input[kind];
    if (!list) continue;
    if (list.length === 0) throw badInput(`"${kind}" needs at least one filter`, `${argument}.${kind}`);
    parts.push({ kind, children: list.map((f, i) => filterFromInput(f, `${argument}.${kind}[${i}]`, depth + 1)) });
  }
  if (input.not) parts.push({ kind: 'not', child: filterFromInput(input.not, `${argument}.not`, depth + 1) });
  if (parts.length === 0) {
    throw badInput(key ? `Filter on "${key}" has no comparison` : 'Filter is empty', argument);
  }
  return parts.length === 1 ? parts[0] : { kind: 'and', children: parts };
}

/** Appends the filter's steps to `t` (which yields elements) and returns it. */
export function applyFilter(t: GraphTraversal, node: FilterNode): GraphTraversal {
  switch (node.kind) {
    case 'compare':
      return t.has(node.key, COMPARISONS[node.op](node.value));
    case 'exists':
      return node.exists ? t.has(node.key) : t.hasNot(node.key);
    case 'and':
      // Consecutive has() steps are an implicit and, which Neptune optimises better than and(...).
      if (node.children.every((c) => c.kind === 'compare' || c.kind === 'exists')) {
        return node.children.reduce(applyFilter, t);
      }
      return t.and(...node.children.map(child));
    case 'or':
      return t.or(...node.children.map(child));
    case 'not':
      return t.not(child(node.child));
    case 'id':
      return t.hasId(COMPARISONS[node.op](node.value));
    case 'related':
      return applyRelated(t, node);
  }
}

/** `where(__.out('FOLLOWS').has(...))` and its negations: the neighbours are never fetched, only tested. */
function applyRelated(t: GraphTraversal, node: Extract<FilterNode, { kind: 'related' }>): GraphTraversal {
  const reach = () => applyHop(anonymous(), node.hop);
  const matching = () => (node.filter ? applyFilter(reach(), node.filter) : reach());
  switch (node.quantifier) {
    case 'some':
      return t.where(matching());
    case 'none':
      return t.not(matching());
    case 'every':
      return node.filter ? t.not(reach().not(child(node.filter))) : t;
  }
}

function child(node: FilterNode): GraphTraversal {
  return applyFilter(anonymous(), node);
}

export function printFilter(node: FilterNode): string {
  switch (node.kind) {
    case 'compare':
      return `${node.key} ${node.op} ${printValue(node.value)}`;
    case 'exists':
      return `${node.exists ? 'has' : 'hasNot'} ${node.key}`;
    case 'and':
    case 'or':
      return `(${node.children.map(printFilter).join(` ${node.kind} `)})`;
    case 'not':
      return `not ${printFilter(node.child)}`;
    case 'id':
      return `id ${node.op} ${printValue(node.value)}`;
    case 'related':
      return `${node.quantifier} ${printHop(node.hop)}${node.filter ? ` ${printFilter(node.filter)}` : ''}`;
  }
}
