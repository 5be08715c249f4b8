import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  OperationTypeNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Generated GraphQL requests for fuzzing the gateway through HTTP: operations built from the live schema
 * (valid shapes with hostile values, and invalid ones), hostile strings, huge numbers, deep nesting, many
 * aliases, and plain garbage. Shared by the seeded slice in test/observability/fuzz.test.ts and the full count
 * in bench/fuzz.ts.
 */
export interface FuzzRequest {
  readonly kind: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\udbffb', '\udc00\ud800'];

/** Strings meant to break something: quoting, Gremlin and injection look-alikes, control characters, odd Unicode, size. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '"',
    "'",
    '\\',
    '\\"',
    "'); g.V().drop().iterate(); ('",
    'g.V().drop()',
    "x').drop().V('",
    '${7*7}',
    '%s%n%x',
    '\u0000',
    'a\u0000b',
    '\u0007\u001b[31m',
    '\r\n',
    '\u2028\u2029',
    '\ufeff',
    '\u202etxt.exe',
    'ゼロ',
    '👩‍👩‍👧‍👦',
    '~id',
    '~label',
    'T.id',
    '__proto__',
    'constructor',
    '{"a":1}',
    'null',
    '<script>alert(1)</script>',
    ...LONE_SURROGATES,
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => `x${String.fromCharCode(c)}y`),
  fc.constantFrom('x'.repeat(10_000), '\u0000'.repeat(5_000), 'é'.repeat(100_000)),
);

/** Numbers at and past every boundary a 32-bit int, a double, a 64-bit long or JSON has. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 2 ** 63, 1e19, -1e19, 1e308, -1e308, 5e-324, 0.1),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Literal number text, including ones no double holds. */
const numberLiteral: fc.Arbitrary<string> = fc.oneof(
  hostileNumber.map((n) => String(n)),
  fc.constantFrom('99999999999999999999999999999999', '-1e999', '1e999', '0.0000000000000000000000001'),
);

interface Built {
  text: string;
  variables: Record<string, unknown>;
  definitions: string[];
}

/** Requests built from `schema`, plus shapes that break its rules. */
export function requestArbitrary(schema: GraphQLSchema): fc.Arbitrary<FuzzRequest> {
  const roots = [OperationTypeNode.QUERY, OperationTypeNode.MUTATION].filter((op) => schema.getRootType(op));
  const operation = fc
    .tuple(fc.constantFrom(...roots), fc.integer({ min: 1, max: 3 }), fc.infiniteStream(fc.integer({ min: 0, max: 2 ** 30 })), fc.array(hostileString, { minLength: 30, maxLength: 30 }), fc.array(hostileNumber, { minLength: 30, maxLength: 30 }), fc.boolean())
    .map(([op, count, stream, strings, numbers, useVariables]) => {
      const pick = picker(stream, strings, numbers);
      const built: Built = { text: '', variables: {}, definitions: [] };
      const root = schema.getRootType(op)!;
      const fields = Object.values(root.getFields());
      const parts: string[] = [];
      for (let i = 0; i < count; i += 1) parts.push(fieldText(pick.one(fields), 0, pick, built, useVariables, `a${i}`));
      const defs = built.definitions.length > 0 ? `(${built.definitions.join(', ')})` : '';
      return { kind: `schema ${op}`, query: `${op} Fuzz${defs} { ${parts.join(' ')} }`, variables: built.variables };
    });
  return fc.oneof(
    { weight: 6, arbitrary: operation },
    { weight: 1, arbitrary: operation.chain((r) => mangled(r)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 80 }).map((depth) => ({ kind: 'deep', query: `{ vertex(id: "user:1") ${'{ out { nodes '.repeat(depth)}{ id }${' } }'.repeat(depth)} }` })) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map((n) => ({ kind: 'aliases', query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }` })) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom('{', '}', '(', ')', '[', ']', ':', '$', '...', '@', '"', 'query', 'mutation', 'subscription', 'fragment', 'on', 'vertex', 'id', 'x', '1', '!', '=', '#', '\u0000', '"""'), { maxLength: 60 }).map((tokens) => ({ kind: 'garbage', query: tokens.join(' ') })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((query) => ({ kind: 'garbage', query })) },
    { weight: 1, arbitrary: numberLiteral.map((n) => ({ kind: 'number', query: `{ vertices(first: ${n}, where: { key: "age", gt: ${n} }) { totalCount } }` })) },
    { weight: 1, arbitrary: fc.constantFrom(`subscription { vertex(id: "a") { id } }`, `query A { __typename } query A { __typename }`, `fragment F on Vertex { ...F } { vertex(id: "a") { ...F } }`).map((query) => ({ kind: 'rule', query })) },
  );
}

/** One edit that makes a valid-looking operation invalid: a field or argument that does not exist, a cut, a wrong variable. */
function mangled(request: FuzzRequest): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    fc.integer({ min: 1, max: Math.max(1, request.query.length - 1) }).map((n) => ({ ...request, kind: 'cut', query: request.query.slice(0, n) })),
    fc.constant({ ...request, kind: 'unknown field', query: request.query.replace(/\{ /, '{ nope ') }),
    fc.constant({ ...request, kind: 'unknown argument', query: request.query.replace(/\(/, '(nope: 1, ') }),
    hostileString.map((s) => ({ ...request, kind: 'wrong variable', variables: Object.fromEntries(Object.keys(request.variables ?? {}).map((k) => [k, { nested: [s] }])) })),
  );
}

interface Picker {
  one<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  string(): string;
  number(): number;
}

function picker(stream: fc.Stream<number>, strings: string[], numbers: number[]): Picker {
  const next = () => stream.next().value as number;
  return {
    one: (items) => items[next() % items.length],
    chance: (p) => next() / 2 ** 30 < p,
    string: () => strings[next() % strings.length],
    number: () => numbers[next() % numbers.length],
  };
}

const MAX_DEPTH = 3;

function fieldText(field: GraphQLField<unknown, unknown>, depth: number, pick: Picker, built: Built, useVariables: boolean, alias?: string): string {
  const args = field.args.filter((a) => isNonNullType(a.type) || pick.chance(0.4)).map((a) => `${a.name}: ${argumentText(a, pick, built, useVariables)}`);
  const head = `${alias && pick.chance(0.5) ? `${alias}: ` : ''}${field.name}${args.length > 0 ? `(${args.join(', ')})` : ''}`;
  const selection = selectionText(field.type, depth + 1, pick, built, useVariables);
  return selection ? `${head} ${selection}` : head;
}

function selectionText(type: GraphQLOutputType, depth: number, pick: Picker, built: Built, useVariables: boolean): string {
  const named = getNamedType(type) as GraphQLNamedType;
  if (isLeafType(named)) return '';
  if (isUnionType(named) || depth > MAX_DEPTH) return '{ __typename }';
  if (!isObjectType(named) && !isInterfaceType(named)) return '{ __typename }';
  const fields = Object.values(named.getFields());
  const chosen = new Set<GraphQLField<unknown, unknown>>();
  const count = 1 + (pick.one([0, 1, 2, 3]) as number);
  for (let i = 0; i < count; i += 1) chosen.add(pick.one(fields));
  let n = 0;
  return `{ ${[...chosen].map((f) => fieldText(f, depth, pick, built, useVariables, `f${depth}_${n++}`)).join(' ')} }`;
}

function argumentText(arg: GraphQLArgument, pick: Picker, built: Built, useVariables: boolean): string {
  const named = getNamedType(arg.type);
  // JSON values have object keys a literal cannot spell: always a variable.
  if ((useVariables && pick.chance(0.5)) || named.name === 'JSON') {
    const name = `v${built.definitions.length}`;
    built.definitions.push(`$${name}: ${String(arg.type)}`);
    built.variables[name] = jsonValue(arg.type, pick, 0);
    return `$${name}`;
  }
  return literal(arg.type, pick, 0);
}

function literal(type: GraphQLInputType, pick: Picker, depth: number): string {
  if (!isNonNullType(type) && pick.chance(0.05)) return 'null';
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    const n = pick.one([0, 1, 2, 3]);
    return `[${Array.from({ length: n }, () => literal(inner.ofType as GraphQLInputType, pick, depth + 1)).join(', ')}]`;
  }
  if (isEnumType(inner)) return pick.chance(0.9) ? pick.one(inner.getValues()).name : 'NOT_A_VALUE';
  if (isInputObjectType(inner)) {
    if (depth > 3) return '{}';
    const fields = Object.values(inner.getFields()).filter((f) => isNonNullType(f.type) || pick.chance(0.3));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type, pick, depth + 1)}`).join(', ')} }`;
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'Int':
      case 'Float':
        return pick.chance(0.9) ? numberText(pick.number()) : JSON.stringify(pick.string());
      case 'Boolean':
        return pick.chance(0.5) ? 'true' : 'false';
      default:
        // Mostly well-formed: a literal with a lone surrogate is a parse error, which would end most operations at the parser.
        return pick.chance(0.7) ? JSON.stringify(pick.chance(0.85) ? wellFormed(pick.string()) : pick.string()) : pick.chance(0.5) ? JSON.stringify(`user:${1 + (pick.number() >>> 0) % 250}`) : numberText(pick.number());
    }
  }
  return 'null';
}

function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function numberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

function jsonValue(type: GraphQLInputType, pick: Picker, depth: number): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return Array.from({ length: pick.one([0, 1, 2]) }, () => jsonValue(inner.ofType as GraphQLInputType, pick, depth + 1));
  if (isEnumType(inner)) return pick.one(inner.getValues()).name;
  if (isInputObjectType(inner)) {
    if (depth > 3) return {};
    const fields = Object.values(inner.getFields()).filter((f) => isNonNullType(f.type) || pick.chance(0.3));
    return Object.fromEntries(fields.map((f) => [f.name, jsonValue(f.type, pick, depth + 1)]));
  }
  switch (inner.name) {
    case 'Int':
    case 'Float':
      return pick.number();
    case 'Boolean':
      return pick.chance(0.5);
    case 'JSON':
      return pick.one([() => ({ [pick.string()]: pick.string(), n: pick.number() }), () => [pick.string(), pick.number()], () => pick.string(), () => ({ k: { nested: pick.string() } })])();
    default:
      return pick.chance(0.7) ? pick.string() : `user:${1 + (pick.number() >>> 0) % 250}`;
  }
}

/** What a response broke, if anything: a 5xx, a body that is not JSON, an error without a code, an internal error, a stack. */
export function problemOf(status: number, text: string): string | undefined {
  if (status >= 500) return `HTTP ${status}`;
  let body: { data?: unknown; errors?: { message?: unknown; extensions?: Record<string, unknown> }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return `HTTP ${status} with a body that is not JSON`;
  }
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string') return 'an error without extensions.code';
    if (code === 'INTERNAL_SERVER_ERROR') return `INTERNAL_SERVER_ERROR: ${String(error.message)}`;
    if (error.extensions?.stacktrace !== undefined || /node_modules|\.[jt]s:\d+/.test(String(error.message))) return 'a stack trace';
  }
  if (body.errors === undefined && body.data === undefined) return 'neither data nor errors';
  return undefined;
}

/** The error codes of a response, or `ok`. */
export function codesOf(text: string): string[] {
  try {
    const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    return body.errors?.length ? [...new Set(body.errors.map((e) => String(e.extensions?.code)))] : ['ok'];
  } catch {
    return ['not JSON'];
  }
}
