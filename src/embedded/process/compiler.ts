import { GraphError, malformedQuery, unsupported } from '../errors';
import { asBytecode, refuseLambdas, stringArg, type BytecodeLike } from './args';
import { Plan, StepDef, type CompileContext } from './plan';
import type { RuntimeOptions } from './runtime';
import { identityStart } from './steps/identity';
import { keptLabels as keptLabelsOf } from './retraction';
import { planRewrites, stepFactory } from './steps/registry';
import { applySources } from './sources';
import { PathMode } from './traverser';

/** Modulators: instructions that configure the step before them instead of adding a step. */
const MODULATORS = new Set(['by', 'with', 'option', 'from', 'to', 'times', 'until', 'emit', 'read', 'write']);

export interface CompiledPlan {
  readonly plan: Plan;
  readonly mutating: boolean;
  readonly options: RuntimeOptions;
}

/**
 * Reads driver bytecode into a Plan. Source instructions (withSideEffect, withStrategies, ...) become runtime
 * options; step instructions become StepDefs through the registry; modulators configure the step before
 * them; requirements (path mode) and the mutating flag are collected across all nested traversals.
 */
export class Compiler implements CompileContext {
  private pathMode = PathMode.None;
  private readonly writers: string[] = [];
  private depth = 0;
  private first = false;
  /** The nested traversals compiled for each instruction being read, innermost last. */
  private readonly nesting: Plan[][] = [];

  get atStart(): boolean {
    return this.first;
  }

  get mutating(): boolean {
    return this.writers.length > 0;
  }

  get mutatingSteps(): readonly string[] {
    return this.writers;
  }

  compileRoot(input: unknown): CompiledPlan {
    const bytecode = asBytecode(input);
    if (!bytecode) throw malformedQuery('Expected traversal bytecode');
    const sources = applySources(bytecode.sourceInstructions, this);
    const plan = this.steps(bytecode, true);
    if (plan.isEmpty) throw malformedQuery('The traversal has no steps');
    if (!plan.steps[0].isSourceCapable) throw malformedQuery(`A traversal must start with a start step such as V(), E(), inject(), addV(); got ${plan.steps[0].name}()`);
    sources.verify(this);
    const keptLabels = this.pathMode === PathMode.Labeled ? keptLabelsOf(plan) : undefined;
    return { plan, mutating: this.mutating, options: { ...sources.options, pathMode: this.pathMode, mutating: this.mutating, keptLabels } };
  }

  child(input: unknown, step: string): Plan {
    const bytecode = asBytecode(input);
    if (!bytecode) throw malformedQuery(`${step}() expects a traversal, got something else`);
    if (bytecode.sourceInstructions.length > 0) throw malformedQuery(`${step}(): a nested traversal must be anonymous (built from __)`);
    const first = this.first;
    try {
      const plan = this.steps(bytecode, false);
      this.nesting.at(-1)?.push(plan);
      return plan;
    } finally {
      this.first = first;
    }
  }

  requirePath(mode: 'labeled' | 'full'): void {
    const wanted = mode === 'full' ? PathMode.Full : PathMode.Labeled;
    if (wanted > this.pathMode) this.pathMode = wanted;
  }

  mutates(step: string): void {
    this.writers.push(step);
  }

  private steps(bytecode: BytecodeLike, root: boolean): Plan {
    if (++this.depth > 64) throw malformedQuery('Traversal nesting is too deep');
    try {
      const defs: StepDef[] = [];
      for (const instruction of bytecode.stepInstructions) {
        if (!Array.isArray(instruction) || typeof instruction[0] !== 'string') throw malformedQuery('Malformed step instruction');
        const [name, ...args] = instruction as [string, ...unknown[]];
        this.first = root && defs.length === 0;
        this.instruction(defs, name, args);
      }
      let steps = defs;
      for (const rewrite of planRewrites) steps = rewrite(steps, root);
      for (const def of steps) def.finish(this);
      return new Plan(steps);
    } catch (err) {
      throw asGraphError(err);
    } finally {
      this.depth--;
    }
  }

  private instruction(defs: StepDef[], name: string, args: unknown[]): void {
    refuseLambdas(name, args);
    const last = defs[defs.length - 1];
    if (name === 'as') {
      if (args.length === 0) throw malformedQuery('as() needs at least one label');
      const labels = args.map((a) => stringArg('as', a));
      const target = last && last.labelable ? last : pushed(defs, identityStart());
      for (const l of labels) if (!target.labels.includes(l)) target.labels.push(l);
      return;
    }
    const nested: Plan[] = [];
    this.nesting.push(nested);
    try {
      if (last && last.modulate(name, args, this)) {
        last.nested.push(...nested);
        return;
      }
      const factory = stepFactory(name);
      if (!factory) {
        if (MODULATORS.has(name)) {
          throw malformedQuery(last ? `${name}() cannot modulate ${last.name}()` : `${name}() must follow a step it modulates`);
        }
        throw malformedQuery(`Unknown step: ${name}()`);
      }
      const def = factory(args, this);
      if (last && last.labels.length === 0 && last.absorb(def)) {
        last.nested.push(...nested);
      } else {
        def.nested.push(...nested);
        defs.push(def);
      }
    } finally {
      this.nesting.pop();
    }
  }
}

function pushed(defs: StepDef[], def: StepDef): StepDef {
  defs.push(def);
  return def;
}

/** Anything thrown while compiling is reported as a Neptune error. */
function asGraphError(err: unknown): GraphError {
  if (err instanceof GraphError) return err;
  if (err instanceof RangeError) return malformedQuery(`Traversal too large or too deep: ${err.message}`);
  return unsupported(`Could not compile traversal: ${err instanceof Error ? err.message : String(err)}`);
}
