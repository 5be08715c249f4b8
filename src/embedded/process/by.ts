import { Edge, Property, Vertex, VertexProperty } from '../structure';
import { arity, isBytecode, wrongArgument } from './args';
import { byShortcut, RUN_TRAVERSAL, type ByShortcut } from './by-shortcuts';
import { order } from './compare';
import { resolveElement, valueOf } from './elements';
import { malformedQuery } from '../errors';
import { StepDef, type CompileContext, type Plan } from './plan';
import type { Runtime } from './runtime';
import { Path } from './path';
import { MISSING } from './scope';
import { isEnum } from './tokens';
import { PathMode, type Traverser } from './traverser';
import { MapEntry } from './values';

/**
 * The by() modulator: what a step should look at instead of the object itself. Forms: by() (the object),
 * by('key') (a property value, or a map's entry), by(T.id/label/key/value), by(Column.keys/values), by(traversal)
 * (its first result), each optionally with an Order for order()-like steps. A by() that finds nothing is
 * "unproductive": MISSING, which steps treat per Gremlin's rules (mostly: drop the traverser), unless
 * ProductiveByStrategy is on, which turns it into null.
 */
export type ByValue =
  | { readonly kind: 'identity' }
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'column'; readonly column: string }
  | { readonly kind: 'traversal'; readonly plan: Plan; readonly shortcut?: ByShortcut };

export type OrderDirection = 'asc' | 'desc' | 'shuffle';

export interface By {
  readonly value: ByValue;
  readonly order: OrderDirection;
}

export const IDENTITY: By = { value: { kind: 'identity' }, order: 'asc' };

function parseBy(step: string, args: readonly unknown[], c: CompileContext, allowOrder = false): By {
  arity('by', args, 0, 2);
  let value: ByValue = { kind: 'identity' };
  let direction: OrderDirection = 'asc';
  const [first, second] = args;
  if (args.length >= 1) {
    if (isEnum(first, 'Order') && args.length === 1) {
      if (!allowOrder) wrongArgument(`${step}().by`, 'no Order', first);
      direction = orderOf(first.elementName);
    } else value = byValue(step, first, c);
  }
  if (args.length === 2) {
    if (!allowOrder || !isEnum(second, 'Order')) wrongArgument(`${step}().by`, allowOrder ? 'an Order as second argument' : 'one argument', second);
    direction = orderOf(second.elementName);
  }
  return { value, order: direction };
}

function orderOf(name: string): OrderDirection {
  if (name === 'asc' || name === 'incr') return 'asc';
  if (name === 'desc' || name === 'decr') return 'desc';
  return 'shuffle';
}

function byValue(step: string, x: unknown, c: CompileContext): ByValue {
  if (typeof x === 'string') return { kind: 'key', key: x };
  if (isEnum(x, 'T')) return { kind: 'token', token: x.elementName };
  if (isEnum(x, 'Column')) return { kind: 'column', column: x.elementName };
  if (isBytecode(x)) return { kind: 'traversal', plan: c.child(x, `${step}().by`), shortcut: byShortcut(x) };
  return wrongArgument(`${step}().by`, 'a key, a token, or a traversal', x);
}

export type ByFn = (t: Traverser, value?: unknown) => unknown;

/**
 * The by() as a function of a traverser, or of another value (select/path/group keys apply by() to values
 * they found, not to the traverser's object). Returns MISSING when unproductive and ProductiveBy is off.
 */
export function byFunction(by: ByValue, rt: Runtime): ByFn {
  const productive = (x: unknown) => (x === MISSING && rt.options.productiveBy ? null : x);
  switch (by.kind) {
    case 'identity':
      return (t, value) => (value === undefined ? t.object : value);
    case 'key': {
      const key = by.key;
      return (t, value) => productive(keyValue(value === undefined ? t.object : value, key, rt));
    }
    case 'token': {
      const token = by.token;
      return (t, value) => productive(tokenValue(value === undefined ? t.object : value, token, rt));
    }
    case 'column': {
      const column = by.column;
      return (t, value) => productive(columnValue(value === undefined ? t.object : value, column));
    }
    case 'traversal': {
      const shortcut = by.shortcut?.(rt);
      let pipeline = shortcut ? undefined : rt.pipeline(by.plan);
      return (t, value) => {
        if (shortcut) {
          const answer = shortcut(value === undefined ? t.object : value, t.bulk);
          if (answer !== RUN_TRAVERSAL) return answer;
        }
        pipeline ??= rt.pipeline(by.plan);
        // A value found elsewhere (a select key, a path object) is walked from with the traverser's own state.
        const start = value === undefined ? t : t.split(value, [], PathMode.None);
        const r = pipeline.first(start);
        return productive(r ? r.object : MISSING);
      };
    }
  }
}

function keyValue(x: unknown, key: string, rt: Runtime): unknown {
  if (x instanceof Map) return x.has(key) ? x.get(key) : MISSING;
  const v = valueOf(x, key, rt);
  return v === undefined ? MISSING : v;
}

function tokenValue(x: unknown, token: string, rt: Runtime): unknown {
  const e = resolveElement(x, rt) ?? x;
  switch (token) {
    case 'id':
      return e instanceof Vertex || e instanceof Edge || e instanceof VertexProperty ? e.id : MISSING;
    case 'label':
      return e instanceof Vertex || e instanceof Edge ? e.label : e instanceof VertexProperty ? e.key : MISSING;
    case 'key':
      return e instanceof VertexProperty || e instanceof Property ? e.key : MISSING;
    case 'value':
      return e instanceof VertexProperty || e instanceof Property ? e.value : MISSING;
  }
  return MISSING;
}

export function columnValue(x: unknown, column: string): unknown {
  if (x instanceof MapEntry) return column === 'keys' ? x.key : x.value;
  if (x instanceof Map) return column === 'keys' ? [...x.keys()] : [...x.values()];
  if (x instanceof Path) return column === 'keys' ? x.labels.map((l) => new Set(l)) : [...x.objects];
  return MISSING;
}

/** Sorting by a list of by()s, Gremlin's orderability within each; shuffle handled by the caller. */
export function compareKeys(a: readonly unknown[], b: readonly unknown[], bys: readonly By[]): number {
  for (let i = 0; i < bys.length; i++) {
    const direction = bys[i].order;
    if (direction === 'shuffle') continue;
    const c = order(a[i], b[i]);
    if (c !== 0) return direction === 'desc' ? -c : c;
  }
  return 0;
}

/** Round-robin assignment of by()s to the n things a step modulates (select keys, path objects, ...). */
export function byFor<T>(bys: readonly T[], i: number): T | undefined {
  return bys.length === 0 ? undefined : bys[i % bys.length];
}

/** A step that takes any number of by() modulators (order, group, project, select, path, dedup, ...). */
export abstract class ByModulatedDef extends StepDef {
  // Assigned in the constructor, not initialised where declared: see StepDef.
  declare readonly bys: By[];
  private declare readonly allowOrder: boolean;
  private declare readonly maxBys: number;

  constructor(name: string, allowOrder = false, maxBys = Infinity) {
    super(name);
    this.bys = [];
    this.allowOrder = allowOrder;
    this.maxBys = maxBys;
  }

  override modulate(modulator: string, args: readonly unknown[], c: CompileContext): boolean {
    if (modulator !== 'by') return false;
    if (this.bys.length >= this.maxBys) throw malformedQuery(`${this.name}() takes at most ${this.maxBys} by() modulator${this.maxBys === 1 ? '' : 's'}`);
    this.bys.push(parseBy(this.name, args, c, this.allowOrder));
    return true;
  }
}
