import { getHeapStatistics } from 'node:v8';
import { GraphError, unsupported } from '../errors';
import type { Graph, Transaction } from '../structure';
import type { Plan, StepDef } from './plan';
import { Pipeline } from './pipeline';
import { JavaRandom, unseeded, type Random } from './random';
import { SideEffects, type Reducer } from './side-effects';
import { PathMode, PathNode, SEED, Traverser } from './traverser';

/** Hooks strategies install into the steps that read or write elements (see strategies.ts). */
export interface ElementPolicy {
  /** Whether a vertex/edge/vertex property read from the graph is visible to this traversal. */
  visible?(element: unknown): boolean;
  /** Property keys that reads do not report (PartitionStrategy's partition key). */
  readonly hiddenKeys?: ReadonlySet<string>;
  /** Properties every element this traversal creates gets (PartitionStrategy's write partition). */
  readonly createProperties?: ReadonlyArray<readonly [string, unknown]>;
}

/** Policies hold per-execution state (their filter pipelines), so options carry factories. */
export type PolicyFactory = (rt: Runtime) => ElementPolicy;

export interface RuntimeOptions {
  readonly pathMode: PathMode;
  readonly mutating: boolean;
  readonly sideEffects: ReadonlyArray<readonly [string, unknown, Reducer?]>;
  readonly sack?: { readonly initial: unknown; readonly merge?: string };
  readonly seed?: number;
  readonly policy?: PolicyFactory;
  /** ProductiveByStrategy: a by() that yields nothing gives null instead of filtering the traverser. */
  readonly productiveBy?: boolean;
  /** withBulk(false): merged traversers count once. */
  readonly bulk?: boolean;
  /** The history labels each label-reading step keeps, dropping the others (see retraction.ts). */
  readonly keptLabels?: ReadonlyMap<StepDef, ReadonlySet<string>>;
}

const DEADLINE_CHECK_INTERVAL = 1024;

/**
 * How much of V8's heap may be in use before a traversal fails with MemoryLimitExceededException. What a
 * traversal holds that no count caps (dedup()'s seen values, group() keys, long histories) must not grow
 * until V8 aborts the process, and every client with it. The headroom is generous because heap_size_limit
 * counts the young generation too (48 MB on 64-bit), which the old space, where a traversal's state ends
 * up, can never use.
 */
const HEAP_LIMIT = (() => {
  const limit = getHeapStatistics().heap_size_limit;
  return limit - Math.max(64 * 2 ** 20, limit * 0.1);
})();

/**
 * How many traversers one barrier, repeat wave or fold may hold before the execution is stopped with
 * MemoryLimitExceededException: a runaway traversal must fail, not take the server's memory with it.
 */
export const MAX_BUFFERED = 1_000_000;

/**
 * Everything one execution of a compiled traversal shares: the graph and transaction, side effects, the
 * traverser shape (path mode), strategy hooks, random sources, and the deadline.
 */
export class Runtime {
  readonly sideEffects: SideEffects;
  readonly pathMode: PathMode;
  /** Mutating traversals iterate snapshots so they never visit what they add. */
  readonly snapshot: boolean;
  readonly policy: ElementPolicy | undefined;
  private policyOff = false;
  /** How many not() are evaluating their traversal: comparison errors then propagate (see predicate.ts). */
  insideNot = 0;
  private ticks = 0;

  constructor(
    readonly graph: Graph,
    private readonly transaction: Transaction | undefined,
    private readonly deadline: number | undefined,
    readonly options: RuntimeOptions,
  ) {
    this.pathMode = options.pathMode;
    this.snapshot = options.mutating;
    this.sideEffects = new SideEffects(options.sideEffects, this);
    this.policy = options.policy?.(this);
  }

  /** Called for every unit of work; checks the clock and the heap every so often, cheaply. */
  tick(): void {
    if (++this.ticks % DEADLINE_CHECK_INTERVAL !== 0) return;
    this.checkDeadline();
    if (getHeapStatistics().used_heap_size > HEAP_LIMIT) {
      throw new GraphError('MemoryLimitExceededException', 'Query exceeded the memory limit: the server is running out of memory');
    }
  }

  /**
   * Whether equal traversers may merge into one with a bulk: not when they carry full histories (they never
   * are equal), a sack (merging would need its operator), or when the traversal writes (one write per
   * traverser must stay one write per walk).
   */
  get mergesTraversers(): boolean {
    return this.pathMode !== PathMode.Full && this.options.sack === undefined && !this.snapshot;
  }

  /** A random source for one step: seeded per step under SeedStrategy, as TinkerPop seeds each step. */
  newRandom(): Random {
    return this.options.seed === undefined ? unseeded : new JavaRandom(this.options.seed);
  }

  /** Called by steps that hold traversers, with how many they hold. */
  checkBuffered(count: number): void {
    if (count > MAX_BUFFERED) throw new GraphError('MemoryLimitExceededException', `Query exceeded the memory limit: more than ${MAX_BUFFERED} traversers held at once`);
  }

  /**
   * Appends `value` once per unit of `bulk`. Bulks grow exponentially in walks over dense graphs, so the
   * memory cap is checked before expanding: after, the array may already be past what V8 can allocate.
   */
  pushBulk(list: unknown[], value: unknown, bulk: number): void {
    this.checkBuffered(list.length + bulk);
    for (let i = 0; i < bulk; i++) list.push(value);
  }

  /** Applies `op` once per unit of `bulk`; for the same reason, each application is work the deadline bounds. */
  foldBulk<A>(acc: A, bulk: number, op: (acc: A) => A): A {
    let result = acc;
    for (let i = 0; i < bulk; i++) {
      this.tick();
      result = op(result);
    }
    return result;
  }

  checkDeadline(): void {
    if (this.deadline !== undefined && Date.now() > this.deadline) {
      throw new GraphError('TimeLimitExceededException', 'A timeout occurred within the script or was otherwise cancelled directly during evaluation of [traversal]');
    }
  }

  tx(step: string): Transaction {
    if (!this.transaction) throw unsupported(`${step}() needs a write transaction, and none was given`);
    return this.transaction;
  }

  pipeline(plan: Plan): Pipeline {
    return new Pipeline(this, plan);
  }

  /** A traverser that starts a history of its own (the output of a reducing barrier, a start step). */
  fresh(object: unknown, labels: readonly string[]): Traverser {
    const path = this.pathMode === PathMode.Full || (this.pathMode === PathMode.Labeled && labels.length > 0) ? new PathNode(object, labels, undefined) : undefined;
    return new Traverser(object, 1, path, undefined, this.initialSack());
  }

  /** The traverser a root traversal is started with: no object, no history. */
  seed(): Traverser {
    return new Traverser(SEED, 1, undefined, undefined, this.initialSack());
  }

  initialSack(): unknown {
    const initial = this.options.sack?.initial;
    if (initial instanceof Map) return new Map(initial);
    if (Array.isArray(initial)) return [...initial];
    return initial;
  }

  /** Elements from the graph, through the strategies' visibility filter. */
  visible(element: unknown): boolean {
    return this.policyOff || !this.policy?.visible || this.policy.visible(element);
  }

  /** Property keys visible to reads. */
  visibleKey(key: string): boolean {
    return this.policyOff || !this.policy?.hiddenKeys?.has(key);
  }

  withoutPolicy<T>(fn: () => T): T {
    const previous = this.policyOff;
    this.policyOff = true;
    try {
      return fn();
    } finally {
      this.policyOff = previous;
    }
  }
}
