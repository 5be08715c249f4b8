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
