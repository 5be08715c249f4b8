/**
 * Gremlin text → driver bytecode.
 *
 * Reads the Gremlin language of TinkerPop's grammar (gremlin-language's Gremlin.g4, not Groovy) and yields exactly
 * the `Bytecode` the `gremlin` 3.7 driver builds for the same traversal written with its API, with the driver's own
 * objects inside: P/TextP, EnumValue singletons, TraversalStrategy instances, CardinalityValue, Vertex, JS Map/Set/
 * Date; nested anonymous traversals are nested Bytecode.
 *
 * Design. A hand-written lexer and recursive-descent parser produce a small tree (ast.ts) that binding turns into
 * bytecode; `compileTraversal` parses once and `bind` builds fresh objects per call, which is what the
 * @gremlin(traversal:) directive needs. The parser is generic over step names: any `name(args)` after a step is
 * an instruction, and the interpreter decides what it knows. Only the traversal-source position is checked (source
 * modulators, then one spawn step), as are the closed sets: predicates, tokens, strategies.
 *
 * Grammar subset and choices:
 * - queries: `g...` (any identifier as source name), optional terminal method (`toList()`, `next(n)`, `iterate()`
 *   which like the driver appends `none()`), optional `;`; `g.tx().commit()`/`rollback()` become the driver's
 *   GraphOp bytecode. `g.with(k, v)` becomes an OptionsStrategy, merged as the driver's `with_` does.
 * - arguments: strings ('…' or "…", Java escapes), numbers (suffixes b s i l n f d m, hex, octal, `_`, exponents;
 *   all JS numbers, bigint beyond 2^53, so the Java type the suffix names is not kept), NaN, ±Infinity, null,
 *   booleans, lists `[…]`, maps `[k: v]`/`[:]` as JS Map (bare keys are strings except T and Direction tokens,
 *   `(expr)` keys), sets `{…}`, `datetime("ISO")` (no offset = UTC), `Vertex(id, label)`, tokens qualified or
 *   bare (`Order.desc`, `desc`), WithOptions/IO/PageRank/... constants, P/TextP predicates qualified or bare with
 *   `.and/.or/.negate()` (negate is sent as P.not, the driver having no negate), `Cardinality.list(v)`,
 *   strategies `ReadOnlyStrategy`/`new SubgraphStrategy(vertices: __.has(...))`, child traversals with `__.` or
 *   bare (`by(values("name"))`); bare `not(...)` is P.not when its argument is a predicate, else the step.
 * - variables: any other identifier, taken from the bindings; a binding also wins over a bare token of the same
 *   name (`g.V(id)`). Unbound variables, lambdas (Groovy closures, `Lambda.*`, function-valued bindings) and
 *   ranges `1..3` are GremlinSyntaxErrors with line and column.
 */
import type gremlin from 'gremlin';
import type { TerminalMethod } from './ast';
import { bindQuery } from './bind';
import { parseQuery } from './parser';

export { GremlinSyntaxError } from './syntax-error';
export type { TerminalMethod } from './ast';

export interface ParsedTraversal {
  /** The traversal source name, e.g. "g". */
  source: string;
  bytecode: gremlin.process.Bytecode;
  terminal?: TerminalMethod;
}

export interface CompiledTraversal {
  readonly source: string;
  readonly terminal?: TerminalMethod;
  /** The variables the text needs bound, in order of first use (names that are also tokens are optional). */
  readonly variables: readonly string[];
  bind(bindings?: Readonly<Record<string, unknown>>): gremlin.process.Bytecode;
}

export function compileTraversal(text: string): CompiledTraversal {
  const query = parseQuery(text);
  return {
    source: query.source,
    terminal: query.terminal,
    variables: query.variables,
    bind: (bindings = {}) => bindQuery(query, bindings),
  };
}

export function parseTraversal(text: string, bindings: Readonly<Record<string, unknown>> = {}): ParsedTraversal {
  const compiled = compileTraversal(text);
  const parsed: ParsedTraversal = { source: compiled.source, bytecode: compiled.bind(bindings) };
  if (compiled.terminal) parsed.terminal = compiled.terminal;
  return parsed;
}
