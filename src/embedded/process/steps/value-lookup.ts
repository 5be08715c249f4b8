import type { Edge, Graph, Vertex } from '../../structure';
import { allEdges, allVertices } from '../elements';
import { StepDef, type PlanRewrite } from '../plan';
import type { Runtime } from '../runtime';
import { FlatMapStep, type Step } from '../step';
import { HasDef, type ValueLookup } from './has';
import { GraphStepDef } from './source';

/**
 * `V().has(key, value)` (also after hasLabel(), with a label, P.eq or P.within) answered from the graph's
 * property-value index instead of a scan of every vertex; `E().has(key, value)` likewise.
 *
 * The rewrite only replaces where V() gets its vertices: the has() stays after it and tests each one, so the
 * index need only name a superset of the vertices that pass (see Graph.verticesWithValue), and what strategies
 * hide (PartitionStrategy's key, SubgraphStrategy's vertex properties) is hidden as before. The candidates
 * come in the graph's iteration order, per label in the order hasLabel() named them, as the scan yields them,
 * so results are the scan's in the scan's order. A traversal that writes sees the graph change as it
 * iterates (a vertex may come to match before the scan reaches it): it uses the lookup only while the key's
 * values stay as they were (see whileUnchanged), and scans where that is not enough (lookupsHoldWhileWriting).
 */
export const valueLookups: PlanRewrite = (defs, root) =>
  defs.map((def, i) => {
    const scan = def instanceof GraphStepDef ? def.scan : undefined;
    const lookup = scan && firstLookup(defs, i + 1, root);
    return lookup ? new ValueLookupDef(def as GraphStepDef, scan.labels, lookup) : def;
  });

/**
 * The first equality among the has() steps right after V() (the gateway writes `has(a, gt(1)).has(b, eq(2))`
 * for an and of comparisons): a vertex passing them all holds it. Steps before it then test fewer vertices
 * than after a scan, which must not show: so only plain tests are looked past (no nested traversal, which
 * might have side effects), and only in the root traversal, as in a traversal nested in not() a comparison
 * that cannot be made is an error that decides the outcome (see predicate.ts).
 */
function firstLookup(defs: readonly StepDef[], from: number, root: boolean): ValueLookup | undefined {
  const end = root ? defs.length : Math.min(defs.length, from + 1);
  for (let i = from; i < end; i++) {
    const def = defs[i];
    if (!(def instanceof HasDef) || def.nested.length > 0) return undefined;
    if (def.lookup) return def.lookup;
  }
  return undefined;
}

type Element = Vertex | Edge;

/** Where each kind of element is found: by value, all of them, by label; and the scan to fall back on. */
const ELEMENTS = {
  vertex: {
    withValue: (graph: Graph, key: string, value: unknown): readonly Element[] | undefined => graph.verticesWithValue(key, value),
    all: (graph: Graph): Iterable<Element> => graph.vertices(),
    withLabel: (graph: Graph, label: string): Iterable<Element> => graph.verticesWithLabel(label),
    scan: (rt: Runtime, labels?: readonly string[]): Iterable<Element> => allVertices(rt, labels),
  },
  edge: {
    withValue: (graph: Graph, key: string, value: unknown): readonly Element[] | undefined => graph.edgesWithValue(key, value),
    all: (graph: Graph): Iterable<Element> => graph.edges(),
    withLabel: (graph: Graph, label: string): Iterable<Element> => graph.edgesWithLabel(label),
    scan: (rt: Runtime, labels?: readonly string[]): Iterable<Element> => allEdges(rt, labels),
  },
};

class ValueLookupDef extends StepDef {
  private readonly elements: (typeof ELEMENTS)['vertex'];

  constructor(
    private readonly scan: GraphStepDef,
    private readonly labelFilter: readonly string[] | undefined,
    private readonly lookup: ValueLookup,
  ) {
    super(scan.name);
    this.isSourceCapable = true;
    this.labels.push(...scan.labels);
    this.nested.push(...scan.nested);
    this.elements = ELEMENTS[scan.kind];
  }

  create(rt: Runtime): Step {
    if (!rt.graph.useValueIndex || (rt.snapshot && !lookupsHoldWhileWriting(rt, this.labelFilter))) return this.scan.create(rt);
    return new FlatMapStep(rt, this.labels, () => this.candidates(rt));
  }

  private *candidates(rt: Runtime): IterableIterator<Element> {
    const found = this.lookUp(rt);
    if (!found) {
      yield* this.elements.scan(rt, this.labelFilter);
      return;
    }
    if (rt.snapshot) {
      yield* this.whileUnchanged(rt, found);
      return;
    }
    const labels = this.labelFilter ? [...new Set(this.labelFilter)] : [undefined];
    const seen = labels.length > 1 ? new Set<Element>() : undefined;
    for (const wanted of labels) {
      for (const e of found) {
        rt.tick();
        if (!this.fits(e, wanted)) continue;
        if (seen) {
          if (seen.has(e)) continue;
          seen.add(e);
        }
        if (rt.visible(e)) yield e;
      }
    }
  }

  /**
   * For a traversal that writes, whose scan would test each element when it gets to it: the lookup's answer
   * while no value of the key has changed since, then, from the first change on, the scan itself from where
   * it would stand (after the last element handed out, among those the graph held at the start).
   */
  private *whileUnchanged(rt: Runtime, found: readonly Element[]): IterableIterator<Element> {
    const { graph } = rt;
    const { key } = this.lookup;
    const kind = this.scan.kind;
    const changes = graph.valueChangesOf(key, kind);
    const last = graph.lastPosition;
    const wanted = this.labelFilter?.[0];
    let after = 0;
    for (const e of found) {
      if (graph.valueChangesOf(key, kind) !== changes) break;
      rt.tick();
      after = e.position;
      if (this.fits(e, wanted) && rt.visible(e)) yield e;
    }
    if (graph.valueChangesOf(key, kind) === changes) return;
    for (const e of [...(wanted === undefined ? this.elements.all(graph) : this.elements.withLabel(graph, wanted))]) {
      if (e.position <= after || e.position > last) continue;
      rt.tick();
      if (!e.removed && rt.visible(e)) yield e;
    }
  }

  private fits(e: Element, wanted: string | undefined): boolean {
    const { label } = this.lookup;
    return !e.removed && (wanted === undefined || e.hasLabel(wanted)) && (label === undefined || e.hasLabel(label));
  }

  /** The elements holding any of the values, in the graph's order; undefined when the index cannot tell. */
  private lookUp(rt: Runtime): readonly Element[] | undefined {
    const { key, values } = this.lookup;
    if (values.length === 1) return this.elements.withValue(rt.graph, key, values[0]);
    const union = new Set<Element>();
    for (const value of values) {
      const found = this.elements.withValue(rt.graph, key, value);
      if (!found) return undefined;
      for (const e of found) union.add(e);
    }
    return [...union].sort((a, b) => a.position - b.position);
  }
}

/**
 * Whether a traversal that writes may use a lookup: not when strategies filter what it sees (SubgraphStrategy
 * remembers each vertex's verdict from when the scan first met it, which a lookup would not meet when it
 * does), nor after several labels (the scan's per-label passes would have to be replayed).
 */
export function lookupsHoldWhileWriting(rt: Runtime, labels?: readonly string[]): boolean {
  return rt.policy === undefined && (labels?.length ?? 0) <= 1;
}
