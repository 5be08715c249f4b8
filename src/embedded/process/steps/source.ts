import { Edge, Vertex } from '../../structure';
import { wrongArgument } from '../args';
import { elementKind, idString, ValueMap } from '../compare';
import { allEdges, allVertices, resolveElement } from '../elements';
import { StepDef, type StepFactory } from '../plan';
import type { Runtime } from '../runtime';
import { FlatMapStep, Step } from '../step';
import { SEED, type Traverser } from '../traverser';
import { IdFilterDef, LabelFilterDef } from './has';

/**
 * V() and E(), at the start or in the middle of a traversal (where they run once per incoming traverser),
 * by id through the id index, by label through the label index when a hasLabel() follows, else a scan.
 */
export class GraphStepDef extends StepDef {
  private labelFilter: string[] | undefined;

  constructor(
    readonly kind: 'vertex' | 'edge',
    private ids: string[] | undefined,
  ) {
    super(kind === 'vertex' ? 'V' : 'E');
    this.isSourceCapable = true;
  }

  /** hasLabel()/hasId() right after V()/E() become label-index and id-index lookups. */
  override absorb(next: StepDef): boolean {
    if (next instanceof LabelFilterDef && next.plainLabels && !this.labelFilter) {
      this.labelFilter = next.plainLabels;
      return true;
    }
    if (next instanceof IdFilterDef && next.plainIds && !this.ids) {
      this.ids = next.plainIds;
      return true;
    }
    return false;
  }

  /** The labels of a V()/E() over all elements with the given labels (or all of them); undefined when it names ids. */
  get scan(): { readonly labels: readonly string[] | undefined } | undefined {
    return this.ids ? undefined : { labels: this.labelFilter };
  }

  create(rt: Runtime): Step {
    const { ids, labelFilter } = this;
    if (this.kind === 'vertex') {
      return new FlatMapStep(rt, this.labels, () => (ids ? byId(rt, ids, (id) => rt.graph.vertex(id), labelFilter) : allVertices(rt, labelFilter)));
    }
    return new FlatMapStep(rt, this.labels, () => (ids ? byId(rt, ids, (id) => rt.graph.edge(id), labelFilter) : allEdges(rt, labelFilter)));
  }
}

function* byId<E extends Vertex | Edge>(rt: Runtime, ids: readonly string[], lookup: (id: string) => E | undefined, labels: readonly string[] | undefined): IterableIterator<E> {
  for (const id of ids) {
    rt.tick();
    const e = lookup(id);
    if (!e || e.removed || !rt.visible(e)) continue;
    if (labels && !labels.some((l) => (e instanceof Vertex ? e.hasLabel(l) : e.label === l))) continue;
    yield e;
  }
}

/** Ids as V()/E() accept them: strings, numbers (their decimal spelling), element references, lists of these. */
function elementIds(step: string, args: readonly unknown[]): string[] {
  const ids: string[] = [];
  const add = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(add);
    else if (x === null) return;
    else if (typeof x === 'string' || typeof x === 'number' || typeof x === 'bigint') ids.push(idString(x));
    else if (elementKind(x)) ids.push(idString((x as { id: unknown }).id));
    else wrongArgument(step, 'element ids', x);
  };
  args.forEach(add);
  return ids;
}

/**
 * inject(): whatever flows in passes through unchanged (at the start of a traversal, that is nothing: the
 * root's seed traverser is not passed on), then come its values.
 */
class InjectDef extends StepDef {
  constructor(private readonly values: readonly unknown[]) {
    super('inject');
    this.isSourceCapable = true;
  }

  create(rt: Runtime): Step {
    return new InjectStep(rt, this.labels, this.values);
  }
}

class InjectStep extends Step {
  private index = 0;
  /** Equal values go out as one traverser with their count as bulk, as in TinkerPop's start traverser set. */
  private readonly values: [unknown, number][];

  constructor(rt: Runtime, labels: readonly string[], values: readonly unknown[]) {
    super(rt, labels);
    if (!rt.mergesTraversers) {
      this.values = values.map((v) => [v, 1]);
      return;
    }
    const counted = new ValueMap<[unknown, number]>();
    for (const v of values) {
      const seen = counted.get(v);
      if (seen) seen[1]++;
      else counted.set(v, [v, 1]);
    }
    this.values = [...counted].map(([, entry]) => entry);
  }

  next(): Traverser | undefined {
    for (let t = this.prev.next(); t; t = this.prev.next()) if (t.object !== SEED) return this.pass(t);
    if (this.index < this.values.length) {
      const [value, bulk] = this.values[this.index++];
      return this.rt.fresh(this.injection(value), this.labels).withBulk(bulk);
    }
    return undefined;
  }

  /** An injected driver element reference becomes the store's element when it exists, so steps can walk from it. */
  private injection(x: unknown): unknown {
    return elementKind(x) ? (resolveElement(x, this.rt) ?? x) : x;
  }

  override reset(): void {
    this.index = 0;
  }
}

export const sourceSteps: Record<string, StepFactory> = {
  V: (args) => new GraphStepDef('vertex', args.length === 0 ? undefined : elementIds('V', args)),
  E: (args) => new GraphStepDef('edge', args.length === 0 ? undefined : elementIds('E', args)),
  inject: (args) => new InjectDef(args),
};
