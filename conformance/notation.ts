/**
 * The result notation of TinkerPop's Gherkin suite, parsed into a tree that names what a value is without
 * yet knowing the graph: `v[marko]` is "the vertex named marko", resolved to an id later (resolve.ts), so one
 * parse serves both parameters (sent to the server) and expected results (compared with the driver's).
 *
 * Forms: null, true, false; `d[29].i` and the other number suffixes (b s i l f d m n; `d[NaN]`, `d[Infinity]`,
 * `d[-Infinity]` bare); `v[name]`, `v[name].id`, `v[name].sid`; `e[out-label->in]` (+ `.id`, `.sid`);
 * `vp[key->value]` and `vp[owner-key->value]`; `p[...]` path; `l[...]` list; `s[...]` set; `m[{json}]` map
 * (JSON strings, keys included, are themselves notation); `t[id]` T; `D[OUT]` Direction (`from`/`to` aliases);
 * `M[outV]` Merge; `dt[ISO]` date; `str[...]` a string taken literally; `c[...]` a lambda. Anything else is a
 * plain string. As in TinkerPop's own runners, a bracketed form must span the whole text, and list items are
 * separated by commas, here only at bracket depth 0 so that lists nest.
 */

export type NumberType = 'b' | 's' | 'i' | 'l' | 'f' | 'd' | 'm' | 'n';

export type Notation =
  | { readonly kind: 'null' }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number | bigint; readonly type: NumberType | 'json'; readonly text: string }
  | { readonly kind: 'vertex'; readonly name: string }
  | { readonly kind: 'vertexId'; readonly name: string; readonly asString: boolean }
  | { readonly kind: 'edge'; readonly key: string }
  | { readonly kind: 'edgeId'; readonly key: string; readonly asString: boolean }
  | { readonly kind: 'vertexProperty'; readonly key: string; readonly value: Notation; readonly valueText: string }
  | { readonly kind: 'path'; readonly items: readonly Notation[] }
  | { readonly kind: 'list'; readonly items: readonly Notation[] }
  | { readonly kind: 'set'; readonly items: readonly Notation[] }
  | { readonly kind: 'map'; readonly entries: readonly (readonly [Notation, Notation])[] }
  | { readonly kind: 'token'; readonly type: 'T' | 'Direction' | 'Merge'; readonly name: string }
  | { readonly kind: 'date'; readonly value: Date }
  | { readonly kind: 'lambda'; readonly source: string };

export class NotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotationError';
  }
}

export function parseNotation(text: string): Notation {
  switch (text) {
    case 'null':
      return { kind: 'null' };
    case 'true':
      return { kind: 'boolean', value: true };
    case 'false':
      return { kind: 'boolean', value: false };
    case 'd[NaN]':
      return { kind: 'number', value: NaN, type: 'd', text: 'NaN' };
    case 'd[Infinity]':
      return { kind: 'number', value: Infinity, type: 'd', text: 'Infinity' };
    case 'd[-Infinity]':
      return { kind: 'number', value: -Infinity, type: 'd', text: '-Infinity' };
  }
  const form = /^(vp|str|dt|[vedplsmctDM])\[/.exec(text);
  if (!form) return { kind: 'string', value: text };
  const prefix = form[1];
  const body = (end: number) => text.slice(prefix.length + 1, text.length - end);

  if (prefix === 'd') {
    const number = /^d\[(.*)\]\.([bsilfdmn])$/.exec(text);
    return number ? parseNumber(number[1], number[2] as NumberType) : { kind: 'string', value: text };
  }
  if (prefix === 'v' || prefix === 'e') {
    const id = /\]\.(s?id)$/.exec(text);
    if (id) {
      const inner = text.slice(2, text.length - id[0].length);
      const asString = id[1] === 'sid';
      return prefix === 'v' ? { kind: 'vertexId', name: inner, asString } : { kind: 'edgeId', key: inner, asString };
    }
  }
  if (!text.endsWith(']')) return { kind: 'string', value: text };
  const inner = body(1);
  switch (prefix) {
    case 'v':
      return { kind: 'vertex', name: inner };
    case 'e':
      return { kind: 'edge', key: inner };
    case 'vp':
      return vertexProperty(inner);
    case 'p':
      return { kind: 'path', items: splitItems(inner).map(parseNotation) };
    case 'l':
      return { kind: 'list', items: splitItems(inner).map(parseNotation) };
    case 's':
      return { kind: 'set', items: splitItems(inner).map(parseNotation) };
    case 'm':
      return fromJson(parseJson(inner));
    case 't':
      return { kind: 'token', type: 'T', name: inner };
    case 'D':
      return { kind: 'token', type: 'Direction', name: direction(inner) };
    case 'M':
      return { kind: 'token', type: 'Merge', name: inner };
    case 'dt':
      return date(inner);
    case 'str':
      return { kind: 'string', value: inner };
    case 'c':
      return { kind: 'lambda', source: inner };
  }
  return { kind: 'string', value: text };
}

/** True when any part of the value is a lambda, which Neptune refuses and the runner skips. */
export function containsLambda(n: Notation): boolean {
  switch (n.kind) {
    case 'lambda':
      return true;
    case 'path':
    case 'list':
    case 'set':
      return n.items.some(containsLambda);
    case 'map':
      return n.entries.some(([k, v]) => containsLambda(k) || containsLambda(v));
    case 'vertexProperty':
      return containsLambda(n.value);
    default:
      return false;
  }
}

function parseNumber(text: string, type: NumberType): Notation {
  const integer = type === 'b' || type === 's' || type === 'i' || type === 'l' || type === 'n';
  if (integer) {
    if (!/^-?\d+$/.test(text)) throw new NotationError(`d[${text}].${type} is not an integer`);
    const big = BigInt(text);
    const safe = big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER);
    return { kind: 'number', value: safe ? Number(big) : big, type, text };
  }
  const value = Number(text);
  if (Number.isNaN(value) && text !== 'NaN') throw new NotationError(`d[${text}].${type} is not a number`);
  return { kind: 'number', value, type, text };
}

function vertexProperty(inner: string): Notation {
  const arrow = inner.indexOf('->');
  if (arrow < 0) throw new NotationError(`vp[${inner}] needs key->value`);
  // `owner-key->value` names the owning vertex too; the driver's VertexProperty does not carry it.
  const head = inner.slice(0, arrow);
  const key = head.includes('-') ? head.slice(head.indexOf('-') + 1) : head;
  const valueText = inner.slice(arrow + 2);
  return { kind: 'vertexProperty', key, value: parseNotation(valueText), valueText };
}

function direction(name: string): string {
  if (name === 'from') return 'OUT';
  if (name === 'to') return 'IN';
  return name.toUpperCase();
}

function date(inner: string): Notation {
  const value = new Date(inner);
  if (Number.isNaN(value.getTime())) throw new NotationError(`dt[${inner}] is not an ISO-8601 date`);
  return { kind: 'date', value };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new NotationError(`m[${text}] is not JSON: ${(err as Error).message}`);
  }
}

function fromJson(value: unknown): Notation {
  if (value === null) return { kind: 'null' };
  if (typeof value === 'string') return parseNotation(value);
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'number') return { kind: 'number', value, type: 'json', text: String(value) };
  if (Array.isArray(value)) return { kind: 'list', items: value.map(fromJson) };
  if (typeof value === 'object') {
    return { kind: 'map', entries: Object.entries(value as Record<string, unknown>).map(([k, v]) => [parseNotation(k), fromJson(v)] as const) };
  }
  throw new NotationError(`unexpected JSON value ${String(value)}`);
}

/**
 * Splits list items on commas outside brackets and braces (and outside JSON strings within braces), so
 * `l[l[a,b],m[{"x":"1,2"}]]` has two items. An empty body is an empty list.
 */
export function splitItems(body: string): string[] {
  if (body === '') return [];
  const items: string[] = [];
  let depth = 0;
  let braces = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"' && braces > 0) inString = true;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === '{') braces++;
    else if (ch === '}') braces--;
    else if (ch === ',' && depth === 0 && braces === 0) {
      items.push(body.slice(start, i));
      start = i + 1;
    }
  }
  items.push(body.slice(start));
  return items;
}
