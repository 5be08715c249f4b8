import gremlin from 'gremlin';
import type { FieldDefinitionNode, TypeNode } from 'graphql';
import { GremlinSyntaxError, compileTraversal, type CompiledTraversal } from '../embedded/language';
import type { GremlinField, GremlinResult, ValueKind } from './model';

const { Bytecode } = gremlin.process;

/** Steps that write; a field is a read, so its traversal may contain none of them, however deeply nested. */
const WRITING_STEPS = new Set(['addV', 'addE', 'property', 'drop', 'mergeV', 'mergeE', 'io', 'call']);

/** Stands in for the parent id while the text is checked at build time, so its uses can be found. */
export const PARENT_ID = '\u0000nereid:parent-id';

/** What the reader knows about the schema when checking a field's types. */
export interface GremlinFieldContext {
  readonly typeName: string;
  isVertexType(name: string): boolean;
  valueKind(name: string): ValueKind | undefined;
  problem(message: string, node: FieldDefinitionNode): void;
}

/**
 * Reads a `@gremlin(traversal:)` field: parses the text once (later calls only bind values), checks that every
 * variable is `id` or an argument of the field, that nothing writes, and what the field returns.
 */
export function readGremlinField(field: FieldDefinitionNode, text: string, ctx: GremlinFieldContext): GremlinField | undefined {
  const where = `@gremlin traversal of ${ctx.typeName}.${field.name.value}`;
  let compiled: CompiledTraversal;
  try {
    compiled = compileTraversal(text);
  } catch (err) {
    if (err instanceof GremlinSyntaxError) return fail(`${where} does not parse: ${err.message}`);
    throw err;
  }
  if (compiled.terminal) return fail(`${where} ends with ${compiled.terminal.name}(): leave it out, the gateway iterates the traversal`);
  const args = field.arguments ?? [];
  const bindings: Record<string, unknown> = { id: PARENT_ID };
  for (const arg of args) {
    if (arg.name.value === 'id') return fail(`${where}: an argument may not be called "id", which is bound to the parent's id`);
    const named = namedType(arg.type);
    if (!ctx.valueKind(named) && named !== 'JSON') {
      return fail(`${where}: argument "${arg.name.value}" has type ${named}; arguments must be scalars, enums or lists of them`);
    }
    // A date-shaped stand-in satisfies datetime(arg) as well as any other position.
    bindings[arg.name.value] = '1970-01-01T00:00:00Z';
  }
  let bytecode: gremlin.process.Bytecode;
  try {
    bytecode = compiled.bind(bindings);
  } catch (err) {
    if (err instanceof GremlinSyntaxError) return fail(`${where}: ${err.problem} (only "id" and the field's arguments can be bound)`);
    throw err;
  }
  if (bytecode.sourceInstructions.length > 0) {
    return fail(`${where} configures the traversal source (${String(bytecode.sourceInstructions[0][0])}); start directly with a step such as g.V(id)`);
  }
  const writer = findWritingStep(bytecode);
  if (writer) return fail(`${where} writes (${writer}()); fields are reads`);
  const result = resultOf(field.type, ctx);
  if (!result) return fail(`${where}: ${ctx.typeName}.${field.name.value} must return a @vertex type, TypedVertex, Vertex, a scalar or an enum (or a list of one)`);
  return {
    kind: 'gremlin',
    name: field.name.value,
    text,
    compiled,
    shape: isKeyed(bytecode) ? 'keyed' : 'union',
    args,
    result,
    many: isList(field.type),
    nonNull: field.type.kind === 'NonNullType',
    node: field,
  };

  function fail(message: string): undefined {
    ctx.problem(message, field);
    return undefined;
  }
}

/** `V(id)` first, and the parent id nowhere after it: then all parents can share one `g.V(ids...)`. */
function isKeyed(bytecode: gremlin.process.Bytecode): boolean {
  const [first, ...rest] = bytecode.stepInstructions;
  return first !== undefined && first[0] === 'V' && first.length === 2 && first[1] === PARENT_ID && !rest.some((i) => mentionsParent(i));
}

function mentionsParent(value: unknown): boolean {
  if (value === PARENT_ID) return true;
  if (value instanceof Bytecode) return [...value.sourceInstructions, ...value.stepInstructions].some(mentionsParent);
  if (Array.isArray(value)) return value.some(mentionsParent);
  if (value instanceof Map) return [...value].some(([k, v]) => mentionsParent(k) || mentionsParent(v));
  if (value instanceof Set) return [...value].some(mentionsParent);
  if (value !== null && typeof value === 'object') return Object.values(value).some(mentionsParent);
  return false;
}

function findWritingStep(bytecode: gremlin.process.Bytecode): string | undefined {
  for (const [name, ...args] of bytecode.stepInstructions) {
    if (WRITING_STEPS.has(String(name))) return String(name);
    for (const arg of args) {
      const nested = arg instanceof Bytecode ? arg : (arg as { getBytecode?: () => gremlin.process.Bytecode })?.getBytecode?.();
      const found = nested instanceof Bytecode ? findWritingStep(nested) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

function resultOf(type: TypeNode, ctx: GremlinFieldContext): GremlinResult | undefined {
  const named = namedType(type);
  if (ctx.isVertexType(named)) return { kind: 'typed', type: named };
  if (named === 'TypedVertex') return { kind: 'anyTyped' };
  if (named === 'Vertex') return { kind: 'vertex' };
  if (named === 'JSON') return { kind: 'value', value: { kind: 'json' } };
  const value = ctx.valueKind(named);
  return value ? { kind: 'value', value } : undefined;
}

export function namedType(type: TypeNode): string {
  return type.kind === 'NamedType' ? type.name.value : namedType(type.type);
}

export function isList(type: TypeNode): boolean {
  return type.kind === 'ListType' || (type.kind === 'NonNullType' && type.type.kind === 'ListType');
}
