import gremlin from 'gremlin';
import { Kind, type FieldDefinitionNode, type InputValueDefinitionNode, type TypeNode } from 'graphql';
import { GremlinSyntaxError, compileTraversal, type CompiledTraversal } from '../embedded/language';
import { MAX_PAGE_SIZE } from '../operations/page';
import type { GremlinField, GremlinResult, ValueKind, WindowArgument } from './model';

const { Bytecode } = gremlin.process;

/** Steps that write; a field is a read, so its traversal may contain none of them, however deeply nested. */
const WRITING_STEPS = new Set(['addV', 'addE', 'property', 'drop', 'mergeV', 'mergeE', 'io', 'call']);

/** Stands in for the parent id while the text is checked at build time, so its uses can be found. */
export const PARENT_ID = '\u0000nereid:parent-id';

/** What the reader knows about the schema when checking a field's types. */
export interface GremlinFieldContext {
  /** The @vertex type the field belongs to, or `Query`. */
  readonly typeName: string;
  /** A field of Query: no parent, so no `id`. */
  readonly root: boolean;
  /** A @vertex type, or a union or interface of them. */
  isVertexType(name: string): boolean;
  valueKind(name: string): ValueKind | undefined;
  problem(message: string, node: FieldDefinitionNode): void;
}

/**
 * Reads a `@gremlin(traversal:)` field: parses the text once (later calls only bind values), checks that every
 * variable is `id` (not at the root) or an argument of the field, that nothing writes, and what the field returns.
 */
export function readGremlinField(field: FieldDefinitionNode, text: string, ctx: GremlinFieldContext): GremlinField | undefined {
  const path = `${ctx.typeName}.${field.name.value}`;
  const where = `@gremlin traversal of ${path}`;
  let compiled: CompiledTraversal;
  try {
    compiled = compileTraversal(text);
  } catch (err) {
    if (err instanceof GremlinSyntaxError) return fail(`${where} does not parse: ${err.message}`);
    throw err;
  }
  if (compiled.terminal) return fail(`${where} ends with ${compiled.terminal.name}(): leave it out, the gateway iterates the traversal`);
  const args = field.arguments ?? [];
  // Bound at the root too, to find its uses: `id` means the parent's id in every @gremlin text, never T.id.
  const bindings: Record<string, unknown> = { id: PARENT_ID };
  for (const arg of args) {
    if (arg.name.value === 'id') return fail(`${where}: an argument may not be called "id", which @gremlin text reserves for the parent's id`);
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
    if (err instanceof GremlinSyntaxError) return fail(`${where}: ${err.problem} (only ${ctx.root ? '' : '"id" and '}the field's arguments can be bound)`);
    throw err;
  }
  if (ctx.root && mentionsParent(bytecode)) {
    return fail(`${where} uses id, the parent's id, but a field of Query has no parent; take what it needs as an argument (e.g. airportId: ID!), and write T.id for the token`);
  }
  if (bytecode.sourceInstructions.length > 0) {
    return fail(`${where} configures the traversal source (${String(bytecode.sourceInstructions[0][0])}); start directly with a step such as g.V(id)`);
  }
  const writer = findWritingStep(bytecode);
  if (writer) return fail(`${where} writes (${writer}()); fields are reads`);
  const result = resultOf(field.type, ctx);
  if (!result) return fail(`${where}: ${path} must return a @vertex type (or a union or interface of them), TypedVertex, Vertex, a scalar or an enum (or a list of one)`);
  const many = isList(field.type);
  const window = windowArgument(args, many, path);
  if (typeof window === 'string') return fail(window);
  return {
    kind: 'gremlin',
    name: field.name.value,
    path,
    text,
    compiled,
    shape: ctx.root ? 'root' : isKeyed(bytecode) ? 'keyed' : 'union',
    args,
    window,
    result,
    many,
    nonNull: field.type.kind === 'NonNullType',
    node: field,
  };

  function fail(message: string): undefined {
    ctx.problem(message, field);
    return undefined;
  }
}

/**
 * The argument that sizes a list field's result, or a problem. The gateway applies it itself (the text may use it
 * too) because the query-cost estimate (src/gateway/limits.ts) trusts any `first` or `limit` argument to bound
 * what a field returns.
 */
function windowArgument(args: readonly InputValueDefinitionNode[], many: boolean, path: string): WindowArgument | undefined | string {
  const declared = args.filter((a) => a.name.value === 'first' || a.name.value === 'limit');
  if (declared.length === 0) return undefined;
  const [arg] = declared;
  const name = arg.name.value as WindowArgument['name'];
  if (declared.length > 1) return `${path} declares both first and limit; declare one`;
  if (!many) return `${path} declares "${name}", which sizes list fields; ${path} is not a list`;
  if (namedType(arg.type) !== 'Int' || isList(arg.type)) return `${path}: "${name}" sizes the list and must be an Int`;
  if (arg.defaultValue === undefined) return { name };
  const defaultValue = arg.defaultValue.kind === Kind.INT ? Number(arg.defaultValue.value) : NaN;
  if (!(defaultValue >= 0 && defaultValue <= MAX_PAGE_SIZE)) return `${path}: the default of "${name}" must be from 0 to ${MAX_PAGE_SIZE}`;
  return { name, defaultValue };
}

/** `V(id)` first, and the parent id nowhere after it: then all parents can share one `g.V(ids...)`. */
function isKeyed(bytecode: gremlin.process.Bytecode): boolean {
  const [first, ...rest] = bytecode.stepInstructions;
  return first !== undefined && first[0] === 'V' && first.length === 2 && first[1] === PARENT_ID && !rest.some((i) => mentionsParent(i));
}

export function mentionsParent(value: unknown): boolean {
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
