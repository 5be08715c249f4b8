import { invalidParameter, unsupported } from '../../errors';
import { Edge, LABEL_SEPARATOR, Property, Vertex, VertexProperty, type Cardinality, type Transaction } from '../../structure';
import { arity, asBytecode, isBytecode, notApplicable, stringArg, wrongArgument } from '../args';
import { idString } from '../compare';
import { asVertex, resolveElement } from '../elements';
import { StepDef, type CompileContext, type StepFactory } from '../plan';
import { param, paramValue, type Param, type ParamValue } from '../params';
import type { Runtime } from '../runtime';
import { scopedValue, MISSING } from '../scope';
import { FilterStep, MapStep, SideEffectStep, type Step } from '../step';
import { describe, isEnum } from '../tokens';
import type { Traverser } from '../traverser';

/**
 * Writes: addV, addE (with from/to), property, drop. All go through the execution's Transaction, so the
 * server can roll a failed traversal back. property() right after addV/addE is folded into it (as
 * TinkerPop does), so T.id and properties are set when the element is created, from the incoming traverser.
 */

/** `Cardinality.list(v)` arrives as the driver's CardinalityValue: a bytecode with one source instruction. */
export function cardinalityValue(x: unknown): { cardinality: Cardinality; value: unknown } | undefined {
  const bytecode = asBytecode(x);
  if (!bytecode || bytecode.stepInstructions.length > 0) return undefined;
  const [instruction] = bytecode.sourceInstructions;
  if (!instruction || instruction[0] !== 'CardinalityValueTraversal') return undefined;
  return { cardinality: cardinalityOf(instruction[1], 'property'), value: instruction[2] };
}

export function cardinalityOf(x: unknown, step: string): Cardinality {
  if (!isEnum(x, 'Cardinality')) wrongArgument(step, 'a Cardinality', x);
  return x.elementName as Cardinality;
}

type Key = string | typeof ID | typeof LABEL;

interface PropertySpec {
  readonly cardinality: Cardinality | undefined;
  /** A property key, T.id / T.label, or a traversal giving the key. */
  readonly key: Key | Param;
  readonly value: Param;
}

const ID = Symbol('T.id');
const LABEL = Symbol('T.label');

function propertySpecs(args: readonly unknown[], c: CompileContext): PropertySpec[] {
  let cardinality: Cardinality | undefined;
  let rest = args;
  if (args.length > 0 && isEnum(args[0], 'Cardinality')) {
    cardinality = cardinalityOf(args[0], 'property');
    rest = args.slice(1);
  }
  if (rest.length === 1) {
    const map = rest[0];
    if (map === null) return [];
    if (!(map instanceof Map)) wrongArgument('property', 'a key and a value, or a map', map);
    return [...map].map(([k, v]) => {
      const cv = cardinalityValue(v);
      return spec(k, cv ? cv.value : v, cv ? cv.cardinality : cardinality, c);
    });
  }
  if (rest.length < 2) throw invalidParameter('property() needs a key and a value');
  if (rest.length > 2) {
    throw unsupported('Meta-properties are not supported: property() was given key/value pairs after the value');
  }
  return [spec(rest[0], rest[1], cardinality, c)];
}

function spec(key: unknown, value: unknown, cardinality: Cardinality | undefined, c: CompileContext): PropertySpec {
  let k: PropertySpec['key'];
  if (isEnum(key, 'T')) {
    if (key.elementName === 'id') k = ID;
    else if (key.elementName === 'label') k = LABEL;
    else throw invalidParameter(`property() cannot set T.${key.elementName}`);
  } else if (isBytecode(key)) k = param(key, 'property', c);
  else k = stringArg('property', key, 'a property key or a traversal');
  return { cardinality, key: k, value: param(value, 'property', c) };
}

type BoundSpec = { readonly cardinality: Cardinality | undefined; readonly key: (t: Traverser) => Key; readonly value: ParamValue };

const bind = (specs: readonly PropertySpec[], rt: Runtime): BoundSpec[] => specs.map((s) => ({ cardinality: s.cardinality, key: keyOf(s.key, rt), value: paramValue(s.value, rt, 'property') }));

function keyOf(key: PropertySpec['key'], rt: Runtime): (t: Traverser) => Key {
  if (typeof key !== 'object') return () => key;
  const value = paramValue(key, rt, 'property');
  return (t) => {
    const k = value(t);
    if (typeof k !== 'string') throw invalidParameter(`property(): the key traversal must give a string, got ${describe(k)}`);
    return k;
  };
}

/** Applies property specs to an element; null values remove the key (TinkerPop's null semantics). */
function writeProperties(tx: Transaction, element: unknown, specs: readonly BoundSpec[], t: Traverser, rt: Runtime, cardinality?: Cardinality): void {
  for (const s of specs) writeProperty(tx, element, s.key(t), s.value(t), s.cardinality ?? cardinality, rt);
}

export function writeProperty(tx: Transaction, element: unknown, key: Key, value: unknown, cardinality: Cardinality | undefined, rt: Runtime): void {
  if (typeof key !== 'string') throw invalidParameter(`property(): T.${key === ID ? 'id' : 'label'} can only be set when the element is created`);
  const target = resolveElement(element, rt);
  if (target instanceof Vertex) {
    if (value === null || value === undefined) {
      if (cardinality === undefined || cardinality === 'single') for (const p of target.propertiesOf(key)) tx.removeVertexProperty(p);
      return;
    }
    const card = cardinality ?? rt.graph.profile.defaultCardinality;
    if (card !== 'single' && (Array.isArray(value) || value instanceof Set) && !rt.graph.profile.allowCompositeValues) {
      for (const v of value) tx.addVertexProperty(target, key, v, card);
      return;
    }
    tx.addVertexProperty(target, key, value, card);
  } else if (target instanceof Edge) {
    if (value === null || value === undefined) {
      const p = target.property(key);
      if (p) tx.removeEdgeProperty(p);
      return;
    }
    tx.setEdgeProperty(target, key, value);
  } else if (target instanceof VertexProperty) {
    throw unsupported('Meta-properties are not supported: property() on a vertex property');
  } else {
    notApplicable('property', 'elements', element);
  }
}

export const creationCardinality = (rt: Runtime): Cardinality | undefined => (rt.graph.profile.allowListCardinality ? 'list' : undefined);

function labelsOf(label: unknown, step: string): string[] {
  if (typeof label !== 'string') wrongArgument(step, 'a label string', label);
  return label.split(LABEL_SEPARATOR);
}

function newId(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return idString(value);
  throw invalidParameter('T.id must be a string or a number');
}

class AddVertexDef extends StepDef {
  private readonly properties: PropertySpec[] = [];

  constructor(private readonly label: Param) {
    super('addV');
    this.isSourceCapable = true;
  }

  override absorb(next: StepDef): boolean {
    if (!(next instanceof PropertyDef)) return false;
    this.properties.push(...next.specs);
    return true;
  }

  create(rt: Runtime): Step {
    const label = paramValue(this.label, rt, 'addV');
    const specs = bind(this.properties, rt);
    return new MapStep(rt, this.labels, (t) => {
      const tx = rt.tx('addV');
      let labels = labelsOf(label(t), 'addV');
      let id: string | undefined;
      const rest: BoundSpec[] = [];
      for (const s of specs) {
        const key = s.key(t);
        if (key === ID) id = newId(s.value(t));
        else if (key === LABEL) labels = labelsOf(s.value(t), 'addV');
        else rest.push(s);
      }
      const v = tx.addVertex(labels, id);
      for (const [k, value] of rt.policy?.createProperties ?? []) tx.addVertexProperty(v, k, value, 'single');
      // Properties given at creation accumulate (TinkerGraph creates them with list cardinality).
      writeProperties(tx, v, rest, t, rt, creationCardinality(rt));
      return v;
    });
  }
}

/** addE's from()/to(): a step label (select from history), a vertex, or a traversal giving one. */
type EndSpec = { label: string } | Param;

class AddEdgeDef extends StepDef {
  private readonly properties: PropertySpec[] = [];
  private from: EndSpec | undefined;
  private to: EndSpec | undefined;

  constructor(
    private readonly label: Param,
    private readonly atStart: boolean,
  ) {
    super('addE');
    this.isSourceCapable = true;
  }

  override modulate(modulator: string, args: readonly unknown[], c: CompileContext): boolean {
    if (modulator !== 'from' && modulator !== 'to') return false;
    arity(modulator, args, 1);
    const arg = args[0];
    let end: EndSpec;
    if (typeof arg === 'string') {
      c.requirePath('labeled');
      end = { label: arg };
    } else end = param(arg, modulator, c);
    if (modulator === 'from') this.from = end;
    else this.to = end;
    return true;
  }

  override absorb(next: StepDef): boolean {
    if (!(next instanceof PropertyDef)) return false;
    this.properties.push(...next.specs);
    return true;
  }

  override readsLabels(): readonly string[] {
    return [this.from, this.to].flatMap((end) => (end && 'label' in end ? [end.label] : []));
  }

  override finish(): void {
    if (this.atStart && (!this.from || !this.to)) throw invalidParameter('addE() at the start of a traversal needs both from() and to()');
  }

  create(rt: Runtime): Step {
    const label = paramValue(this.label, rt, 'addE');
    const specs = bind(this.properties, rt);
    const from = this.from && endValue(this.from, rt);
    const to = this.to && endValue(this.to, rt);
    return new MapStep(rt, this.labels, (t) => {
      const tx = rt.tx('addE');
      const l = label(t);
      if (typeof l !== 'string') wrongArgument('addE', 'a label string', l);
      const outV = vertexEnd(from ? from(t) : t.object, 'from', rt);
      const inV = vertexEnd(to ? to(t) : t.object, 'to', rt);
      let id: string | undefined;
      const rest: BoundSpec[] = [];
      for (const s of specs) {
        const key = s.key(t);
        if (key === ID) id = newId(s.value(t));
        else if (key === LABEL) throw invalidParameter('addE(): the label is given as the argument of addE()');
        else rest.push(s);
      }
      const e = tx.addEdge(l, outV, inV, id);
      for (const [k, value] of rt.policy?.createProperties ?? []) tx.setEdgeProperty(e, k, value);
      writeProperties(tx, e, rest, t, rt);
      return e;
    });
  }
}

function endValue(end: EndSpec, rt: Runtime): ParamValue {
  if ('label' in end) {
    const key = end.label;
    return (t) => {
      const v = scopedValue(t, key, 'last', rt);
      if (v === MISSING) throw invalidParameter(`addE(): no vertex is labelled ${key}`);
      return v;
    };
  }
  return paramValue(end, rt, 'addE');
}

function vertexEnd(x: unknown, which: string, rt: Runtime): Vertex {
  const v = asVertex(x, rt);
  if (!v) throw invalidParameter(`addE(): the ${which}() vertex ${x instanceof Object && 'id' in x ? `with id ${String((x as { id: unknown }).id)} does not exist` : 'is not a vertex'}`);
  return v;
}

class PropertyDef extends StepDef {
  constructor(readonly specs: readonly PropertySpec[]) {
    super('property');
  }

  create(rt: Runtime): Step {
    const specs = bind(this.specs, rt);
    return new SideEffectStep(rt, this.labels, (t) => writeProperties(rt.tx('property'), t.object, specs, t, rt));
  }
}

function drop(rt: Runtime, x: unknown): void {
  const tx = rt.tx('drop');
  const target = resolveElement(x, rt) ?? x;
  if (target instanceof Vertex) tx.removeVertex(target);
  else if (target instanceof Edge) tx.removeEdge(target);
  else if (target instanceof VertexProperty) tx.removeVertexProperty(target);
  else if (target instanceof Property) tx.removeEdgeProperty(target);
  else notApplicable('drop', 'elements and properties', x);
}

const labelParam = (step: string, args: readonly unknown[], fallback: string | undefined, c: CompileContext): Param => {
  arity(step, args, fallback === undefined ? 1 : 0, 1);
  if (args.length === 0) return { constant: fallback };
  if (typeof args[0] === 'string' || isBytecode(args[0])) return param(args[0], step, c);
  return wrongArgument(step, 'a label or a traversal', args[0]);
};

export const mutationSteps: Record<string, StepFactory> = {
  addV: (args, c) => {
    c.mutates('addV');
    return new AddVertexDef(labelParam('addV', args, 'vertex', c));
  },
  addE: (args, c) => {
    c.mutates('addE');
    return new AddEdgeDef(labelParam('addE', args, undefined, c), c.atStart);
  },
  property: (args, c) => {
    c.mutates('property');
    arity('property', args, 1, Infinity);
    return new PropertyDef(propertySpecs(args, c));
  },
  drop: (args, c) => {
    arity('drop', args, 0);
    c.mutates('drop');
    return new (class extends StepDef {
      create(rt: Runtime): Step {
        return new FilterStep(rt, this.labels, (t) => (drop(rt, t.object), false));
      }
    })('drop');
  },
};
