import type { Graph } from '../../../src/embedded/structure';

/**
 * Random Gremlin traversals for differential testing: the step families the gateway emits (V/E by id and
 * label, has with predicates, hops, values/valueMap/elementMap/project, order by id with range, count, dedup,
 * where/not, coalesce, path) and more the embedded engine supports (repeat/emit, union, optional, choose,
 * group/groupCount, fold/unfold, local, select, aggregate/cap, sum/min/max/mean, math, simplePath).
 *
 * A traversal is a list of steps, printable as Gremlin text and applied to the driver's traversal API, so both
 * servers get the same bytecode. Generation tracks what the stream holds, so each step fits its input; a
 * range step only follows a total order (order().by(id)), since without one each server may rightly pick
 * different elements.
 */
export type Arg =
  | string
  | number
  | boolean
  | { readonly p: string; readonly values: readonly unknown[] }
  | { readonly token: 'T.id' | 'T.label' | 'Order.asc' | 'Order.desc' | 'Scope.local' | 'Column.keys' | 'Column.values' }
  | { readonly anon: readonly Step[] };

export interface Step {
  readonly name: string;
  readonly args: readonly Arg[];
}

export interface Traversal {
  readonly source: Step;
  readonly steps: readonly Step[];
  /** The results come in an order Gremlin defines (a total order as the last ordering step). */
  readonly ordered: boolean;
}

/** What a dataset offers the generator, read from the embedded graph. */
export interface Vocabulary {
  readonly vertexIds: readonly string[];
  readonly edgeIds: readonly string[];
  readonly vertexLabels: readonly string[];
  readonly edgeLabels: readonly string[];
  /** Vertex property keys with sample values. */
  readonly vertexKeys: ReadonlyMap<string, readonly unknown[]>;
  readonly edgeKeys: ReadonlyMap<string, readonly unknown[]>;
}

export function vocabularyOf(graph: Graph): Vocabulary {
  const keys = (elements: Iterable<{ properties: Map<string, unknown> }>, values: (p: unknown) => unknown[]) => {
    const out = new Map<string, unknown[]>();
    for (const e of elements) {
      for (const [key, p] of e.properties) {
        const list = out.get(key) ?? [];
        if (list.length < 12) for (const v of values(p)) if (!list.includes(v) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) list.push(v);
        out.set(key, list);
      }
    }
    return out;
  };
  const vertices = [...graph.vertices()];
  const edges = [...graph.edges()];
  return {
    vertexIds: vertices.map((v) => v.id),
    edgeIds: edges.map((e) => e.id),
    vertexLabels: [...new Set(vertices.map((v) => v.label))].sort(),
    edgeLabels: [...new Set(edges.map((e) => e.label))].sort(),
    vertexKeys: keys(vertices as never, (ps) => (ps as { value: unknown }[]).map((p) => p.value)),
    edgeKeys: keys(edges as never, (p) => [(p as { value: unknown }).value]),
  };
}

/** The sample graph's seeded PRNG (Mulberry32): the same sequence everywhere for a seed. */
export { mulberry32 as random } from '../../../src/sample/social-graph';

type Kind = 'vertex' | 'edge' | 'value' | 'number' | 'map' | 'list' | 'path';

const step = (name: string, ...args: Arg[]): Step => ({ name, args });
const anon = (...steps: Step[]): Arg => ({ anon: steps });
const T_ID: Arg = { token: 'T.id' };
const T_LABEL: Arg = { token: 'T.label' };

export function generate(rand: () => number, vocab: Vocabulary): Traversal {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number) => rand() < p;
  const some = <T>(xs: readonly T[], max: number): T[] => {
    const n = 1 + Math.floor(rand() * max);
    return Array.from({ length: n }, () => pick(xs));
  };
  const keyOf = (kind: 'vertex' | 'edge') => pick([...(kind === 'vertex' ? vocab.vertexKeys : vocab.edgeKeys).keys()]);
  const valueOf = (kind: 'vertex' | 'edge', key: string) => pick((kind === 'vertex' ? vocab.vertexKeys : vocab.edgeKeys).get(key) ?? ['none']);
  const numericKeys = (kind: 'vertex' | 'edge') =>
    [...(kind === 'vertex' ? vocab.vertexKeys : vocab.edgeKeys)].filter(([, vs]) => vs.length > 0 && vs.every((v) => typeof v === 'number')).map(([k]) => k);

  const predicate = (kind: 'vertex' | 'edge', key: string): Arg => {
    const v = valueOf(kind, key) as string | number | boolean;
    if (typeof v === 'number') {
      const w = valueOf(kind, key) as number;
      return pick<Arg>([
        { p: 'eq', values: [v] },
        { p: 'neq', values: [v] },
        { p: 'gt', values: [v] },
        { p: 'gte', values: [v] },
        { p: 'lt', values: [v] },
        { p: 'lte', values: [v] },
        { p: 'between', values: [Math.min(v, typeof w === 'number' ? w : v), Math.max(v, typeof w === 'number' ? w : v) + 1] },
        { p: 'within', values: [v, valueOf(kind, key)] },
        { p: 'without', values: [v] },
      ]);
    }
    if (typeof v === 'string') {
      return pick<Arg>([
        { p: 'eq', values: [v] },
        { p: 'neq', values: [v] },
        { p: 'within', values: [v, valueOf(kind, key)] },
        { p: 'without', values: [v] },
        { p: 'TextP.startingWith', values: [v.slice(0, 1)] },
        { p: 'TextP.containing', values: [v.slice(1, 3)] },
        { p: 'gt', values: [v] },
      ]);
    }
    return { p: 'eq', values: [v] };
  };

  /** A filter on elements of `kind`, as a step or, inside where/not/and/or, an anonymous traversal. */
  const elementFilter = (kind: 'vertex' | 'edge', depth: number): Step => {
    const key = keyOf(kind);
    const options: (() => Step)[] = [
      () => step('has', key),
      () => step('has', key, valueOf(kind, key) as Arg),
      () => step('has', key, predicate(kind, key)),
      () => step('hasNot', key),
      () => step('hasLabel', ...some(kind === 'vertex' ? vocab.vertexLabels : vocab.edgeLabels, 2)),
      () => step('hasId', ...some(kind === 'vertex' ? vocab.vertexIds : vocab.edgeIds, 3)),
    ];
    if (kind === 'vertex' && depth < 2) {
      options.push(
        () => step('where', anon(hop(), ...(chance(0.5) ? [elementFilter('vertex', depth + 1)] : []))),
        () => step('not', anon(hop())),
        () => step('and', anon(hop()), anon(elementFilter('vertex', depth + 1))),
        () => step('or', anon(elementFilter('vertex', depth + 1)), anon(elementFilter('vertex', depth + 1))),
        () => step('filter', anon(step('outE'), step('count'), step('is', { p: 'gt', values: [Math.floor(rand() * 3)] }))),
      );
    }
    return pick(options)();
  };

  const window = (): Step => {
    const n = 1 + Math.floor(rand() * 3);
    return pick([step('limit', n), step('range', 1, 1 + n), step('tail', n), step('skip', n)]);
  };
  const hop = (): Step => {
    const name = pick(['out', 'in_', 'both']);
    return chance(0.6) ? step(name, pick(vocab.edgeLabels)) : step(name);
  };
  const edgeHop = (): Step => {
    const name = pick(['outE', 'inE', 'bothE']);
    return chance(0.6) ? step(name, pick(vocab.edgeLabels)) : step(name);
  };

  const source = pick<() => [Step, Kind]>([
    () => [step('V'), 'vertex'],
    () => [step('V', ...some(vocab.vertexIds, 4)), 'vertex'],
    () => [step('V', ...some(vocab.vertexIds, 2)), 'vertex'],
    () => [step('E'), 'edge'],
    () => [step('E', ...some(vocab.edgeIds, 3)), 'edge'],
  ])();
  let [start, kind] = source;
  const steps: Step[] = [];
  if (kind === 'vertex' && chance(0.4)) steps.push(step('hasLabel', pick(vocab.vertexLabels)));
  let ordered = false;
  const length = 1 + Math.floor(rand() * 5);
  for (let i = 0; i < length; i++) {
    const next = (): [Step[], Kind, boolean?] => {
      switch (kind) {
        case 'vertex':
          return pick<() => [Step[], Kind, boolean?]>([
            () => [[hop()], 'vertex'],
            () => [[hop()], 'vertex'],
            () => [[edgeHop()], 'edge'],
            () => [[elementFilter('vertex', 0)], 'vertex'],
            () => [[elementFilter('vertex', 0)], 'vertex'],
            () => [[step('values', keyOf('vertex'))], 'value'],
            () => [[step('values', ...some([...vocab.vertexKeys.keys()], 2))], 'value'],
            () => [[step('id')], 'value'],
            () => [[step('label')], 'value'],
            () => [[step('valueMap', ...some([...vocab.vertexKeys.keys()], 2))], 'map'],
            () => [[step('elementMap')], 'map'],
            () => [[step('properties', keyOf('vertex')), step('value')], 'value'],
            () => [[step('dedup')], 'vertex'],
            () => [[step('order'), step('by', T_ID)], 'vertex', true],
            () => [[step('order'), step('by', T_ID), window()], 'vertex', true],
            () => [[step('order'), step('by', keyOf('vertex'), { token: 'Order.desc' }), step('by', T_ID)], 'vertex', true],
            () => [[step('project', 'k', 'n'), step('by', T_ID), step('by', anon(step('bothE'), step('count')))], 'map'],
            () => [[step('project', 'l', 'v'), step('by', T_LABEL), step('by', anon(step('values', keyOf('vertex')), step('fold')))], 'map'],
            () => [[step('count')], 'number'],
            () => [[step('groupCount'), step('by', T_LABEL)], 'map'],
            () => [[step('group'), step('by', T_LABEL), step('by', anon(step('count')))], 'map'],
            () => [[step('groupCount'), step('by', keyOf('vertex'))], 'map'],
            () => [[step('repeat', anon(hop())), step('times', 1 + Math.floor(rand() * 2))], 'vertex'],
            () => [[step('repeat', anon(step('out'))), step('emit'), step('times', 2)], 'vertex'],
            () => [[step('repeat', anon(step('both'), step('simplePath'))), step('until', anon(step('hasLabel', pick(vocab.vertexLabels)))), step('limit', 20), step('count')], 'number'],
            () => [[step('union', anon(hop()), anon(hop()))], 'vertex'],
            () => [[step('optional', anon(hop()))], 'vertex'],
            () => [[step('coalesce', anon(step('values', keyOf('vertex'))), anon(step('constant', 'none')))], 'value'],
            () => [[step('choose', anon(step('has', keyOf('vertex'))), anon(step('constant', 'yes')), anon(step('constant', 'no')))], 'value'],
            () => [[step('local', anon(step('bothE'), step('count')))], 'number'],
            () => [[step('as', 'a'), hop(), step('as', 'b'), step('select', 'a', 'b'), step('by', T_ID)], 'map'],
            () => [[step('aggregate', 'x'), step('cap', 'x')], 'list'],
            () => [[step('fold')], 'list'],
            () => [[step('path')], 'path'],
            () => [[hop(), step('simplePath')], 'vertex'],
            () => [[step('where', anon(step('out'), step('count'), step('is', { p: 'gt', values: [1] })))], 'vertex'],
            () => (numericKeys('vertex').length ? [[step('values', pick(numericKeys('vertex'))), step(pick(['sum', 'min', 'max', 'mean']))], 'number'] : [[step('count')], 'number']),
            () => [[step('outE'), step('otherV')], 'vertex'],
          ])();
        case 'edge':
          return pick<() => [Step[], Kind, boolean?]>([
            () => [[step(pick(['inV', 'outV', 'bothV']))], 'vertex'],
            () => [[step('otherV')], 'vertex'],
            () => [[elementFilter('edge', 0)], 'edge'],
            () => [[step('values', keyOf('edge'))], 'value'],
            () => [[step('id')], 'value'],
            () => [[step('label')], 'value'],
            () => [[step('elementMap')], 'map'],
            () => [[step('valueMap')], 'map'],
            () => [[step('order'), step('by', T_ID)], 'edge', true],
            () => [[step('order'), step('by', T_ID), step('limit', 1 + Math.floor(rand() * 3))], 'edge', true],
            () => [[step('project', 'e', 'o', 'i'), step('by', T_ID), step('by', anon(step('outV'), step('id'))), step('by', anon(step('inV'), step('id')))], 'map'],
            () => [[step('count')], 'number'],
            () => [[step('groupCount'), step('by', T_LABEL)], 'map'],
            () => [[step('path')], 'path'],
            () => (numericKeys('edge').length ? [[step('values', pick(numericKeys('edge'))), step(pick(['sum', 'min', 'max', 'mean']))], 'number'] : [[step('count')], 'number']),
          ])();
        case 'value':
          return pick<() => [Step[], Kind, boolean?]>([
            () => [[step('dedup')], 'value'],
            () => [[step('count')], 'number'],
            () => [[step('fold')], 'list'],
            () => [[step('order')], 'value', true],
            () => [[step('groupCount')], 'map'],
            () => [[step('is', { p: 'neq', values: ['none'] })], 'value'],
          ])();
        case 'number':
          return pick<() => [Step[], Kind, boolean?]>([
            () => [[step('math', '_ * 2 + 1')], 'number'],
            () => [[step('is', { p: 'gt', values: [1] })], 'number'],
            () => [[step('fold')], 'list'],
            () => [[step('sum')], 'number'],
          ])();
        case 'map':
          return pick<() => [Step[], Kind, boolean?]>([
            () => [[step('select', { token: 'Column.keys' })], 'list'],
            () => [[step('unfold')], 'value'],
            () => [[step('count', { token: 'Scope.local' })], 'number'],
          ])();
        case 'list':
          return pick<() => [Step[], Kind, boolean?]>([
            () => [[step('unfold')], 'value'],
            () => [[step('count', { token: 'Scope.local' })], 'number'],
          ])();
        case 'path':
          return pick<() => [Step[], Kind, boolean?]>([
            () => [[step('count', { token: 'Scope.local' })], 'number'],
            () => [[step('unfold'), step('id')], 'value'],
          ])();
      }
    };
    const [added, nextKind, isOrdered] = next();
    steps.push(...added);
    kind = nextKind;
    ordered = isOrdered === true || (ordered && added.every((s) => ORDER_KEEPING.has(s.name)));
  }
  return { source: start, steps, ordered };
}

/** Steps that map or filter one to one, so a total order before them still holds after them. */
const ORDER_KEEPING = new Set(['id', 'label', 'elementMap', 'valueMap', 'project', 'by', 'is', 'math', 'has', 'hasLabel', 'hasId', 'hasNot', 'where', 'not', 'and', 'or', 'filter', 'dedup', 'limit', 'range', 'tail', 'skip', 'inV', 'outV', 'otherV']);

const NAME_TEXT: Record<string, string> = { in_: 'in' };

export function printArg(arg: Arg): string {
  if (typeof arg === 'string') return `'${arg.replace(/'/g, "\\'")}'`;
  if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
  if ('token' in arg) return arg.token;
  if ('anon' in arg) return `__.${arg.anon.map(printStep).join('.')}`;
  return `${arg.p.includes('.') ? arg.p : `P.${arg.p}`}(${arg.values.map((v) => printArg(v as Arg)).join(', ')})`;
}

export function printStep(s: Step): string {
  return `${NAME_TEXT[s.name] ?? s.name}(${s.args.map(printArg).join(', ')})`;
}

export function print(t: Traversal): string {
  return ['g', printStep(t.source), ...t.steps.map(printStep)].join('.');
}
