import { Edge, Property, PropertyIndex, Vertex, VertexProperty } from '../../structure';
import { arity, isBytecode, isPredicate, stringArg, wrongArgument } from '../args';
import { equals, idString } from '../compare';
import { propertiesOf, resolveElement } from '../elements';
import { StepDef, type CompileContext, type Plan, type StepFactory } from '../plan';
import { anyHolds, compilePredicate, holds, type Predicate, type PredicateLike } from '../predicate';
import type { Runtime } from '../runtime';
import { FilterStep, type Step } from '../step';
import { isEnum } from '../tokens';
import { PathMode, type Traverser } from '../traverser';

/**
 * The has() family and is(): filters on an element's id, label, properties, or on the object itself.
 * Tests are built at compile time; a test that needs a nested traversal gets its pipeline per execution.
 */
type Test = (x: unknown, t: Traverser) => boolean;
type TestFactory = (rt: Runtime) => Test;

export class HasDef extends StepDef {
  constructor(
    name: string,
    private readonly tests: readonly TestFactory[],
    /** For has(key, value) and its kin: the equality a property-value index can answer (see value-lookup.ts). */
    readonly lookup?: ValueLookup,
  ) {
    super(name);
  }

  create(rt: Runtime): Step {
    const tests = this.tests.map((f) => f(rt));
    return new FilterStep(rt, this.labels, (t) => tests.every((test) => test(t.object, t)));
  }
}

/** A label (if any) and property values (any of them) that every element passing has() holds. */
export interface ValueLookup {
  readonly label?: string;
  readonly key: string;
  readonly values: readonly unknown[];
}

/**
 * The values a has() value argument is satisfied by equality with: a scalar, P.eq(scalar), P.within(scalars);
 * undefined for anything else (other predicates, traversals, lists and maps).
 */
function equalityValues(x: unknown): unknown[] | undefined {
  let values: unknown[];
  if (!isPredicate(x)) values = [x];
  else {
    const p = x as PredicateLike;
    if (p.operator === 'eq') values = [p.value];
    else if (p.operator === 'within') values = Array.isArray(p.value) ? p.value : p.value instanceof Set ? [...p.value] : p.value === undefined ? [] : [p.value];
    else return undefined;
  }
  return values.every((v) => PropertyIndex.accepts(v)) ? values : undefined;
}

function valueLookup(key: unknown, value: unknown, label?: string): ValueLookup | undefined {
  if (typeof key !== 'string') return undefined;
  const values = equalityValues(value);
  return values && { label, key, values };
}

/** hasLabel(), remembered as plain labels when it can be answered from the label index (see V()). */
export class LabelFilterDef extends HasDef {
  constructor(
    tests: readonly TestFactory[],
    readonly plainLabels: string[] | undefined,
  ) {
    super('hasLabel', tests);
  }
}

/** hasId(), remembered as plain ids when V()/E() can answer it from the id index. */
export class IdFilterDef extends HasDef {
  constructor(
    name: string,
    tests: readonly TestFactory[],
    readonly plainIds: string[] | undefined,
  ) {
    super(name, tests);
  }
}

function plainIds(values: readonly unknown[]): string[] | undefined {
  const flat = values.flat();
  if (flat.length === 0 || flat.some((v) => isPredicate(v) || isBytecode(v) || v === null)) return undefined;
  return flat.map((v) => idValue(v) as string).filter((v) => typeof v === 'string');
}

/** A value matcher: an equality, a predicate, or a nested traversal over the value. */
type Matcher = { kind: 'predicate'; p: Predicate } | { kind: 'traversal'; plan: Plan };

function matcher(step: string, x: unknown, c: CompileContext): Matcher {
  if (isBytecode(x)) return { kind: 'traversal', plan: c.child(x, step) };
  if (isPredicate(x)) return { kind: 'predicate', p: compilePredicate(x, step) };
  return { kind: 'predicate', p: (v) => equals(v, x) };
}

/** A matcher over several candidate values of one traverser (e.g. the values of a multi-valued key). */
function anyOf(m: Matcher): (rt: Runtime) => (values: readonly unknown[], t: Traverser) => boolean {
  if (m.kind === 'predicate') return (rt) => (values) => anyHolds(m.p, values, rt.insideNot > 0);
  return (rt) => {
    const pipeline = rt.pipeline(m.plan);
    return (values, t) => values.some((v) => pipeline.first(t.split(v, [], PathMode.None)) !== undefined);
  };
}

/** Ids are strings here; numbers in id arguments and predicates mean their decimal spelling. */
const idValue = (x: unknown): unknown => (typeof x === 'number' || typeof x === 'bigint' ? idString(x) : isElementRef(x) ? idString((x as { id: unknown }).id) : x);
const isElementRef = (x: unknown): boolean => typeof x === 'object' && x !== null && 'id' in x && 'label' in x;

function normalisePredicate(p: PredicateLike, fn: (v: unknown) => unknown): PredicateLike {
  const map = (v: unknown): unknown => (isPredicate(v) ? normalisePredicate(v as PredicateLike, fn) : Array.isArray(v) ? v.map(fn) : fn(v));
  return { operator: p.operator, value: map(p.value), other: p.other === undefined || p.other === null ? p.other : map(p.other) };
}

function idOf(x: unknown, rt: Runtime): unknown {
  const e = resolveElement(x, rt) ?? x;
  if (e instanceof Vertex || e instanceof Edge || e instanceof VertexProperty) return e.id;
  return undefined;
}

function labelOf(x: unknown, rt: Runtime): string[] | undefined {
  const e = resolveElement(x, rt) ?? x;
  if (e instanceof Vertex) return [...e.labels];
  if (e instanceof Edge) return [e.label];
  if (e instanceof VertexProperty || e instanceof Property) return [e.key];
  return undefined;
}

/** hasId(a), hasId(a, b), hasId([a, b]) and hasId(P): ids compared as strings. */
function idTest(step: string, values: readonly unknown[]): TestFactory {
  let p: Predicate;
  if (values.length === 1 && isPredicate(values[0])) {
    p = compilePredicate(normalisePredicate(values[0] as PredicateLike, idValue), step);
  } else {
    const ids = values.flat().map(idValue);
    p = (id) => ids.some((i) => equals(i, id));
  }
  return (rt) => (x) => {
    const id = idOf(x, rt);
    return id !== undefined && holds(p, id);
  };
}

function labelTest(step: string, labels: readonly unknown[], c: CompileContext): TestFactory {
  const matchers = labels.map((l) => matcher(step, l, c)).map(anyOf);
  return (rt) => {
    const tests = matchers.map((m) => m(rt));
    return (x, t) => {
      const ls = labelOf(x, rt);
      return ls !== undefined && tests.some((test) => test(ls, t));
    };
  };
}

function propertyTest(step: string, key: string, value: unknown, c: CompileContext): TestFactory {
  const test = anyOf(matcher(step, value, c));
  return (rt) => {
    const f = test(rt);
    return (x, t) => {
      const props = propertiesOf(x, [key], rt);
      return props.length > 0 && f(props.map((p) => p.value), t);
    };
  };
}

function tokenTest(step: string, token: string, value: unknown, c: CompileContext): TestFactory {
  switch (token) {
    case 'id':
      return idTest(step, [value]);
    case 'label':
      return labelTest(step, [value], c);
    case 'key': {
      const test = anyOf(matcher(step, value, c));
      return (rt) => {
        const f = test(rt);
        return (x, t) => (x instanceof VertexProperty || x instanceof Property ? f([x.key], t) : false);
      };
    }
    case 'value': {
      const test = anyOf(matcher(step, value, c));
      return (rt) => {
        const f = test(rt);
        return (x, t) => (x instanceof VertexProperty || x instanceof Property ? f([x.value], t) : false);
      };
    }
  }
  return wrongArgument(step, 'a T token', token);
}

function keyOrToken(step: string, key: unknown, value: unknown, c: CompileContext): TestFactory {
  if (isEnum(key, 'T')) return tokenTest(step, key.elementName, value, c);
  return propertyTest(step, stringArg(step, key, 'a property key or T token'), value, c);
}

function has(args: readonly unknown[], c: CompileContext): StepDef {
  arity('has', args, 1, 3);
  // A null key names no property: nothing has it.
  if (args.length <= 2 && args[0] === null) return new HasDef('has', [() => () => false]);
  if (args.length === 1) {
    const key = args[0];
    if (isEnum(key, 'T')) {
      const token = key.elementName;
      return new HasDef('has', [(rt) => (x) => (token === 'id' ? idOf(x, rt) !== undefined : labelOf(x, rt) !== undefined)]);
    }
    const k = stringArg('has', key, 'a property key');
    return new HasDef('has', [(rt) => (x) => propertiesOf(x, [k], rt).length > 0]);
  }
  if (args.length === 2) {
    if (isEnum(args[0], 'T') && args[0].elementName === 'id') return new IdFilterDef('has', [idTest('has', [args[1]])], plainIds([args[1]]));
    return new HasDef('has', [keyOrToken('has', args[0], args[1], c)], valueLookup(args[0], args[1]));
  }
  const label = args[0];
  const labelMatch = typeof label === 'string' ? labelTest('has', [label], c) : wrongArgument('has', 'a label string as first of three arguments', label);
  return new HasDef('has', [labelMatch, keyOrToken('has', args[1], args[2], c)], valueLookup(args[1], args[2], label as string));
}

function hasLabel(args: readonly unknown[], c: CompileContext): StepDef {
  arity('hasLabel', args, 1, Infinity);
  const labels = args.flat();
  for (const l of labels) if (typeof l !== 'string' && !isPredicate(l) && l !== null) wrongArgument('hasLabel', 'labels or a predicate', l);
  const plain = labels.every((l) => typeof l === 'string') ? (labels as string[]) : undefined;
  return new LabelFilterDef([labelTest('hasLabel', labels, c)], plain);
}

function hasId(args: readonly unknown[]): StepDef {
  arity('hasId', args, 1, Infinity);
  return new IdFilterDef('hasId', [idTest('hasId', args)], plainIds(args));
}

function onProperty(step: string, part: 'key' | 'value', args: readonly unknown[], c: CompileContext): StepDef {
  arity(step, args, 1, Infinity);
  const matchers = args.flat().map((a) => anyOf(matcher(step, a, c)));
  return new HasDef(step, [
    (rt) => {
      const tests = matchers.map((m) => m(rt));
      return (x, t) => {
        if (!(x instanceof VertexProperty || x instanceof Property)) return false;
        const v = part === 'key' ? x.key : x.value;
        return tests.some((test) => test([v], t));
      };
    },
  ]);
}

function hasNot(args: readonly unknown[]): StepDef {
  arity('hasNot', args, 1);
  const k = stringArg('hasNot', args[0], 'a property key');
  return new HasDef('hasNot', [(rt) => (x) => propertiesOf(x, [k], rt).length === 0]);
}

function is(args: readonly unknown[], c: CompileContext): StepDef {
  arity('is', args, 1);
  const test = anyOf(matcher('is', args[0], c));
  return new HasDef('is', [(rt) => {
    const f = test(rt);
    return (x, t) => f([x], t);
  }]);
}

export const hasSteps: Record<string, StepFactory> = {
  has,
  hasLabel,
  hasId,
  hasKey: (args, c) => onProperty('hasKey', 'key', args, c),
  hasValue: (args, c) => onProperty('hasValue', 'value', args, c),
  hasNot,
  is,
};
