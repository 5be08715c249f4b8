/**
 * The bytecode interpreter of the embedded Gremlin server.
 *
 * Design
 * - Compile, then run. `compileTraversal` reads the driver's Bytecode once into a Plan (plan.ts): a list of
 *   StepDefs whose arguments, modulators (by/with/option/from/to/times/until/emit) and nested traversals are
 *   already checked, so a malformed traversal fails before anything runs or writes. Unknown steps, wrong
 *   arities and argument types are MalformedQueryException; lambdas, GraphComputer-only steps and io() are
 *   UnsupportedOperationException, each naming the step (compiler.ts, args.ts, steps/refused.ts).
 * - Registry. Step names map to factories in one file per family under steps/ (steps/registry.ts), which
 *   also lists the rewrites of multi-step forms (infix and()/or()); the core knows no individual step. A
 *   StepDef may absorb the step after it (V().hasLabel()/hasId() become index lookups, addV().property()
 *   sets properties at creation). Source instructions and strategies: sources.ts, strategies.ts.
 * - Value lookups. `V().has(key, value)` (after hasLabel(), with a label, P.eq, P.within, past other plain
 *   has() steps) gets its vertices from the store's property-value index instead of a scan, in the scan's
 *   order, the has() still testing each (steps/value-lookup.ts); E().has() and mergeV() likewise.
 *   A traversal that writes trusts the lookup only until a value of its key changes, then scans on.
 * - Requirements. While compiling, factories declare what traversers must carry: nothing, `as()`-labelled
 *   history (select, where, match), or the full history (path, simplePath, otherV). The strongest across all
 *   nested traversals fixes the PathMode of the execution (traverser.ts), so traversals that never look back
 *   allocate no history. Loop counters and sacks are fields that cost nothing until repeat()/withSack().
 *   Labelled histories are then trimmed as TinkerPop's PathRetractionStrategy trims them: after each step that
 *   reads labels, the labels its analysis finds unread later are dropped (retraction.ts), which across
 *   repeat() passes is observable.
 * - Execution. `execute` instantiates the Plan into a Pipeline of Steps (pipeline.ts, step.ts), pulled one
 *   traverser at a time (Volcano style) from the end, so results stream lazily to the server's batches.
 *   Generic step shapes (map, filter, flatMap, side effect, collecting and reducing barriers) take plain
 *   functions; families only supply those. Nested traversals are pipelines owned by their step: local ones
 *   are reset and run per traverser (by(), where(), local(), map()), global ones are fed the stream (union,
 *   choose/branch options, repeat bodies). Everything one execution shares (graph, transaction, side
 *   effects, strategy hooks, random source, deadline) is in Runtime (runtime.ts).
 * - Bulk. Equal traversers merge into one with a bulk count (TraverserSet): after graph hops when no full
 *   history is kept (TinkerPop's lazy barrier), in repeat() waves, and for equal inject() values, so walks
 *   over dense graphs grow with distinct vertices rather than paths.
 * - Semantics. Gremlin equality, comparability (ternary predicate logic) and orderability are in
 *   compare.ts and predicate.ts; arithmetic and Operator tokens in operators.ts; by() rules in by.ts;
 *   select()'s lookup (map key, history with Pop, side effect) in scope.ts; match()/where() patterns in
 *   steps/patterns.ts.
 * - Mutation. Writes go through the caller's Transaction; a mutating execution iterates snapshots of the
 *   graph and of adjacency, so it never visits what it adds. The server commits or rolls back.
 * - Limits. Sources, hops, barriers and loops call `Runtime.tick()`, which looks at the clock every 1024
 *   ticks and throws TimeLimitExceededException past the deadline; barriers and repeat waves holding more
 *   than MAX_BUFFERED traversers, or lists holding more values (a bulk expanded by fold, aggregate, group),
 *   throw MemoryLimitExceededException. Work repeated per unit of bulk ticks once per unit.
 */
import type gremlin from 'gremlin';
import { GraphError } from '../errors';
import type { Graph, Transaction } from '../structure';
import { Compiler } from './compiler';
import { Runtime } from './runtime';

export { Path } from './path';
export { MapEntry } from './values';

export interface ExecutionContext {
  graph: Graph;
  /** Present (and required) when the traversal is `mutating`; the server commits or rolls back. */
  tx?: Transaction;
  /** A Date.now() limit; past it, execution throws GraphError('TimeLimitExceededException'). */
  deadline?: number;
}

export interface Traverser {
  readonly object: unknown;
  readonly bulk: number;
}

export interface CompiledTraversal {
  /** True if any step, nested ones included, can write: the server takes the write lock. */
  readonly mutating: boolean;
  /** The results, lazily; errors surface as GraphError from `next()`. */
  execute(ctx: ExecutionContext): Iterator<Traverser>;
}

/** Compiles driver bytecode; throws GraphError for anything that cannot run. */
export function compileTraversal(bytecode: gremlin.process.Bytecode): CompiledTraversal {
  const compiled = new Compiler().compileRoot(bytecode);
  return {
    mutating: compiled.mutating,
    execute(ctx: ExecutionContext): Iterator<Traverser> {
      const rt = new Runtime(ctx.graph, ctx.tx, ctx.deadline, compiled.options);
      if (compiled.mutating && !ctx.tx) throw new GraphError('InternalFailureException', 'A mutating traversal was executed without a transaction');
      let pipeline: ReturnType<Runtime['pipeline']> | undefined;
      let done = false;
      return {
        next(): IteratorResult<Traverser> {
          if (done) return { done: true, value: undefined };
          try {
            if (!pipeline) {
              rt.checkDeadline();
              pipeline = rt.pipeline(compiled.plan);
              pipeline.addStart(rt.seed());
            }
            const t = pipeline.next();
            if (!t) {
              done = true;
              return { done: true, value: undefined };
            }
            return { done: false, value: { object: t.object, bulk: t.bulk } };
          } catch (err) {
            done = true;
            throw executionError(err);
          }
        },
      };
    },
  };
}

/** Errors the steps did not anticipate still reach the server as Neptune errors. */
function executionError(err: unknown): GraphError {
  if (err instanceof GraphError) return err;
  if (err instanceof RangeError) return new GraphError('MemoryLimitExceededException', `Traversal exceeded a resource limit: ${err.message}`);
  return new GraphError('InternalFailureException', err instanceof Error ? err.message : String(err));
}
