/**
 * Multi-version reads: what lets a read-only traversal see the last committed state as of its start while a
 * writer changes the graph beside it, as Neptune's snapshot isolation does.
 *
 * Every commit, on any Graph of the process, takes the next version number. Vertices and edges carry the
 * version that created them (`born`) and the one that removed them (`died`); a change by the open transaction
 * carries PENDING until its commit stamps it. Code reads at a version (`readAt`): the latest state, uncommitted
 * writes included, unless a ReadView is running; an element is there for it when born <= readAt < died.
 * A removed element stays in the graph's maps and adjacency until no open view can see it (then it is
 * purged); properties about to change are copied first (a Past), and kept as long as a view older than
 * the change is open. Both cost nothing while no view is open: a commit then purges at once.
 *
 * JavaScript runs one piece of code at a time, so the version is ambient: a ReadView sets it around each
 * synchronous slice of its traversal (`run`), and code in between, writers included, reads the latest.
 */

/** `died` of an element in the graph. Versions stay small integers (V8 keeps them unboxed). */
export const ALIVE = 0x3fffffff;
/** `born`/`died` of a change the open transaction made; also the version writers read at. */
export const PENDING = 0x3ffffffe;

export interface Versioned {
  born: number;
  died: number;
}

/**
 * An element's properties as they stood before the changes of the version `until` (PENDING while they are
 * open): a copy of the vertex's map, or of the edge's key-value pairs.
 */
export interface Past {
  until: number;
  readonly properties: unknown;
}

class Clock {
  /** The last committed version. */
  committed = 0;
  readAt = PENDING;
  /** Open views per version. */
  readonly views = new Map<number, number>();
  /** Saved property maps, per element, oldest first. */
  readonly pasts = new Map<object, Past[]>();
  /**
   * Graphs that hold elements not every reader sees (an open transaction, or removals and pasts kept for
   * open views). While there are none, an adjacency set's size is every reader's degree.
   */
  readonly unsettled = new Set<{ settle(oldestView: number | undefined): boolean }>();

  oldestView(): number | undefined {
    let oldest: number | undefined;
    for (const version of this.views.keys()) if (oldest === undefined || version < oldest) oldest = version;
    return oldest;
  }
}

export const clock = new Clock();

export function visible(x: Versioned): boolean {
  return x.born <= clock.readAt && clock.readAt < x.died;
}

/** The saved properties (see Past) the running code sees instead of the element's live ones, if any. */
export function pastAt<P>(element: object): P | undefined {
  if (clock.readAt === PENDING || clock.pasts.size === 0) return undefined;
  const pasts = clock.pasts.get(element);
  if (pasts) for (const past of pasts) if (past.until > clock.readAt) return past.properties as P;
  return undefined;
}

/** Runs `fn` reading the latest state whatever view is running (index maintenance, builds). */
export function atLatest<T>(fn: () => T): T {
  const previous = clock.readAt;
  clock.readAt = PENDING;
  try {
    return fn();
  } finally {
    clock.readAt = previous;
  }
}

/**
 * A consistent read of every graph as of the last commit before it opened. Open one per read-only traversal,
 * `run` each synchronous slice of it inside, and `close` it when done, so what it kept alive can go.
 */
export class ReadView {
  readonly version = clock.committed;
  private open = true;

  constructor() {
    clock.views.set(this.version, (clock.views.get(this.version) ?? 0) + 1);
  }

  run<T>(fn: () => T): T {
    const previous = clock.readAt;
    clock.readAt = this.version;
    try {
      return fn();
    } finally {
      clock.readAt = previous;
    }
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    const left = (clock.views.get(this.version) ?? 1) - 1;
    if (left > 0) clock.views.set(this.version, left);
    else clock.views.delete(this.version);
    const oldest = clock.oldestView();
    for (const graph of [...clock.unsettled]) if (graph.settle(oldest)) clock.unsettled.delete(graph);
  }
}
