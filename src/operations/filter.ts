import { printValue } from '../gremlin/print';
import { P, TextP, anonymous, type GraphTraversal } from '../gremlin/source';
import { applyHop, printHop, type HopNode } from './hop';

/** Comparisons map one to one onto Gremlin predicates, so printing and compiling can't disagree. */
export const COMPARISONS = {
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
