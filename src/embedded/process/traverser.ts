import { Path } from './path';

/**
 * One entry of a traverser's history. Histories are immutable linked lists, so splitting a traverser shares
 * its past and extending costs one node; they exist only when the compiled traversal needs them.
 */
export class PathNode {
  constructor(
    readonly object: unknown,
    readonly labels: readonly string[],
    readonly previous: PathNode | undefined,
  ) {}

  /** Objects oldest first. */
  toPath(): Path {
    const objects: unknown[] = [];
    const labels: (readonly string[])[] = [];
    for (let n: PathNode | undefined = this; n; n = n.previous) {
      objects.push(n.object);
      labels.push(n.labels);
    }
    return new Path(labels.reverse(), objects.reverse());
  }
}

/**
 * A labelled history without the labels outside `kept`; entries left with no label go. The same history
 * when nothing is dropped.
 */
export function retainLabels(path: PathNode | undefined, kept: ReadonlySet<string>): PathNode | undefined {
  const nodes: PathNode[] = [];
  let dropping = false;
  for (let n = path; n; n = n.previous) {
    nodes.push(n);
    dropping ||= n.labels.some((l) => !kept.has(l));
  }
  if (!dropping) return path;
  let out: PathNode | undefined;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const labels = nodes[i].labels.filter((l) => kept.has(l));
    if (labels.length > 0) out = new PathNode(nodes[i].object, labels, out);
  }
  return out;
}

/** The object of the single traverser a root traversal starts from; start steps ignore it. */
export const SEED: unique symbol = Symbol('seed');

/** A repeat() nesting level: its name (for loops('name')) and how many times the body ran. */
export interface LoopCounter {
  readonly name: string | undefined;
  readonly count: number;
}

/**
 * How much history traversers carry, decided once per compiled traversal: nothing; only the entries a step
 * labelled with as() (enough for select/where by label); or every step's object (path(), simplePath, ...).
 */
export enum PathMode {
  None = 0,
  Labeled = 1,
  Full = 2,
}

/**
 * A traverser: the current object, how many identical traversers it stands for (bulk), and optional state.
 * Fields are mutable only while a step builds a traverser; once handed downstream it is treated as a value.
 */
export class Traverser {
  constructor(
    public object: unknown,
    public bulk: number,
    public path: PathNode | undefined,
    public loops: readonly LoopCounter[] | undefined,
    public sack: unknown,
  ) {}

  /** A traverser at a new object, carrying this one's state; history extended according to `mode`. */
  split(object: unknown, labels: readonly string[], mode: PathMode): Traverser {
    let path = this.path;
    if (mode === PathMode.Full || (mode === PathMode.Labeled && labels.length > 0)) path = new PathNode(object, labels, path);
    return new Traverser(object, this.bulk, path, this.loops, this.sack);
  }

  /** The same traverser with labels attached to its current history entry (filters and side effects). */
  labelled(labels: readonly string[], mode: PathMode): Traverser {
    if (labels.length === 0 || mode === PathMode.None) return this;
    const head = this.path;
    const path =
      head && head.object === this.object && (mode === PathMode.Full || head.labels.length > 0)
        ? new PathNode(head.object, [...head.labels, ...labels.filter((l) => !head.labels.includes(l))], head.previous)
        : new PathNode(this.object, labels, head);
    return new Traverser(this.object, this.bulk, path, this.loops, this.sack);
  }

  clone(): Traverser {
    return new Traverser(this.object, this.bulk, this.path, this.loops, this.sack);
  }

  withBulk(bulk: number): Traverser {
    return new Traverser(this.object, bulk, this.path, this.loops, this.sack);
  }

  withSack(sack: unknown): Traverser {
    return new Traverser(this.object, this.bulk, this.path, this.loops, sack);
  }

  withPath(path: PathNode | undefined): Traverser {
    return new Traverser(this.object, this.bulk, path, this.loops, this.sack);
  }

  withLoops(loops: readonly LoopCounter[] | undefined): Traverser {
    return new Traverser(this.object, this.bulk, this.path, loops, this.sack);
  }
}

/**
 * Traversers merged by equality: the same object, the same history (by reference: merging only ever meets
 * histories shared through splitting), the same loop counters, no sack. A merged traverser carries the sum
 * of the bulks. Insertion order is kept.
 */
export class TraverserSet {
  /** Candidates for merging, by object and then by history. */
  private readonly byObject = new Map<unknown, Map<PathNode | undefined, Traverser[]>>();
  private order: Traverser[] = [];

  get size(): number {
    return this.order.length;
  }

  add(t: Traverser): void {
    if (t.sack !== undefined) {
      this.order.push(t);
      return;
    }
    let byPath = this.byObject.get(t.object);
    if (!byPath) this.byObject.set(t.object, (byPath = new Map()));
    const same = byPath.get(t.path);
    const match = same?.find((s) => sameLoops(s.loops, t.loops));
    if (match) {
      match.bulk += t.bulk;
      return;
    }
    const copy = t.clone();
    if (same) same.push(copy);
    else byPath.set(t.path, [copy]);
    this.order.push(copy);
  }

  /** The merged traversers, emptying the set. */
  drain(): Traverser[] {
    const out = this.order;
    this.order = [];
    this.byObject.clear();
    return out;
  }
}

function sameLoops(a: readonly LoopCounter[] | undefined, b: readonly LoopCounter[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((l, i) => l.count === b[i].count && l.name === b[i].name);
}
