import type { Runtime } from './runtime';
import type { Step } from './step';

/**
 * The compiled, validated, not yet running form of a traversal: a list of step definitions. A plan holds
 * no execution state, so it can be instantiated into fresh pipelines (see Runtime.pipeline) as often as
 * needed: once per execution, and once per nested traversal instance.
 */
export class Plan {
  constructor(readonly steps: readonly StepDef[]) {}

  get isEmpty(): boolean {
    return this.steps.length === 0;
  }

  /** True when some step (not counting nested ones) must see all of its input before producing output. */
  get hasBarrier(): boolean {
    return this.steps.some((s) => s.barrier);
  }

  /** A leading `as('x')` of a nested traversal, which where()/match() read as "start from x". */
  get startLabels(): readonly string[] {
    const first = this.steps[0];
    return first && first.name === 'identity' && first.isStart ? first.labels : [];
  }
}

/**
 * One step as written in the bytecode, after its arguments (and later modulators: by, with, option, from,
 * to, times, until, emit) were checked. Step families subclass it or build one with `defineStep`.
 */
export abstract class StepDef {
  // Fields are declared, and assigned in the constructor, rather than initialised where declared: every step
  // family subclasses StepDef, and defining class fields on objects of that many shapes takes V8's slow path,
  // where compiling a long traversal spent half its time (assignments take the ordinary property stores).
  declare readonly name: string;
  declare readonly labels: string[];
  /** Collecting or reducing barrier: needs all input before output (matters for global children). */
  declare barrier: boolean;
  /**
   * Gathers its input in TinkerPop's OLAP model although it streams here (global dedup() and range()): with
   * the barriers, TinkerPop's Barrier steps, where group() splits a value traversal (see steps/group.ts).
   */
  declare gathers: boolean;
  /**
   * Drops from traversers' histories, once it has read them, the labels no later step reads: TinkerPop's
   * PathProcessor steps under PathRetractionStrategy (see retraction.ts).
   */
  declare retracts: boolean;
  /** The nested traversals this step was given (arguments and modulators), in the order written. */
  declare readonly nested: Plan[];
  /** Synthesised for a nested traversal's leading as(). */
  declare isStart: boolean;
  /** May begin a root traversal (V, E, inject, addV, ...). */
  declare isSourceCapable: boolean;
  /** Walks the graph (out, inE, ...): its output is worth bulking before the next step (see Pipeline). */
  declare hops: boolean;

  constructor(name: string) {
    this.name = name;
    this.labels = [];
    this.barrier = false;
    this.gathers = false;
    this.retracts = false;
    this.nested = [];
    this.isStart = false;
    this.isSourceCapable = false;
    this.hops = false;
  }

  /**
   * Applies a modulator that follows this step in the bytecode. Returns false when this step does not
   * take that modulator (the compiler then reports it); throws for a wrong argument.
   */
  modulate(_modulator: string, _args: readonly unknown[], _c: CompileContext): boolean {
    return false;
  }

  /** False for markers that are not steps of their own (infix and()/or()): as() after them starts anew. */
  get labelable(): boolean {
    return true;
  }

  /**
   * The labels this step reads from traversers' histories (TinkerPop's Scoping keys), not counting those its
   * nested traversals read; undefined when they are known only at run time (select(traversal)).
   */
  readsLabels(): readonly string[] | undefined {
    return [];
  }

  /**
   * The steps TinkerPop's strategies replace this one with before PathRetractionStrategy looks at the
   * traversal (see retraction.ts), or undefined when it stays.
   */
  inlined(): readonly StepDef[] | undefined {
    return undefined;
  }

  /** Its nested traversals, as TinkerPop's TraversalParent lists its children. */
  nestedPlans(): readonly Plan[] {
    return this.nested;
  }

  /** Lets a step fold the step after it into itself (e.g. V().hasLabel() into a label-index scan). */
  absorb(_next: StepDef): boolean {
    return false;
  }

  /** Called once the whole traversal has been read: refuse what is incomplete (e.g. repeat() without body). */
  finish(_c: CompileContext): void {}

  abstract create(rt: Runtime): Step;
}

/** What step factories may ask of the compiler. */
export interface CompileContext {
  /** Compiles a nested traversal argument (a driver Bytecode) into a plan. */
  child(bytecode: unknown, step: string): Plan;
  /** Declares that the traversal needs histories of at least this detail. */
  requirePath(mode: 'labeled' | 'full'): void;
  /** Declares that executing this step may write to the graph. */
  mutates(step: string): void;
  /** Whether this step is the first of the root traversal (a start step of `g`). */
  readonly atStart: boolean;
}

export type StepFactory = (args: readonly unknown[], c: CompileContext) => StepDef;

/**
 * A rewrite of a traversal's step list once it is read, for forms that span several steps (infix and()/or()).
 * `root` says whether the list belongs to the root traversal, whose first step is its start step.
 */
export type PlanRewrite = (defs: StepDef[], root: boolean) => StepDef[];
