import { invalidParameter } from '../../errors';
import { Edge, Vertex, type Cardinality, type Transaction } from '../../structure';
import { arity, isBytecode, wrongArgument } from '../args';
import { elementKind, equals, idString } from '../compare';
import { allEdges, allVertices, asVertex, isElement } from '../elements';
import { StepDef, type CompileContext, type Plan, type StepFactory } from '../plan';
import type { Runtime } from '../runtime';
import { FlatMapStep, type Step } from '../step';
import { isEnum, describe } from '../tokens';
import { PathMode, SEED, type Traverser } from '../traverser';
import { cardinalityOf, cardinalityValue, creationCardinality, writeProperty } from './mutation';
import { lookupsHoldWhileWriting } from './value-lookup';

/**
 * mergeV()/mergeE(): find the elements matching a map of criteria (T.id, T.label, property values, and for
 * edges Direction.OUT/IN), apply option(Merge.onMatch) to each, or create one from the criteria and
 * option(Merge.onCreate). The map comes from the argument (a value or a traversal on the incoming
 * traverser) or, without one, is the incoming object. Merge.outV/inV placeholders in an edge map are
 * filled from option(Merge.outV/inV).
 */

type MapSource = { kind: 'none' } | { kind: 'value'; value: unknown } | { kind: 'traversal'; plan: Plan };

function mapSource(x: unknown, step: string, c: CompileContext): MapSource {
  if (isBytecode(x)) return { kind: 'traversal', plan: c.child(x, step) };
  if (x !== null && !(x instanceof Map)) wrongArgument(step, 'a map or a traversal', x);
  return { kind: 'value', value: x };
}

type Resolved = (t: Traverser) => unknown;

function resolver(source: MapSource, rt: Runtime): Resolved {
  switch (source.kind) {
    case 'none':
      return (t) => t.object;
    case 'value': {
      const value = source.value;
      return () => value;
    }
    case 'traversal': {
      const pipeline = rt.pipeline(source.plan);
      return (t) => {
        const r = pipeline.first(t);
        return r ? r.object : null;
      };
    }
  }
}

class MergeDef extends StepDef {
  protected onCreate: MapSource | undefined;
  protected onMatch: MapSource | undefined;
  protected onMatchCardinality: Cardinality | undefined;
  protected onCreateCardinality: Cardinality | undefined;
  protected readonly ends: { outV?: MapSource; inV?: MapSource } = {};

  constructor(
    name: 'mergeV' | 'mergeE',
    protected readonly search: MapSource,
    private readonly atStart: boolean,
  ) {
    super(name);
    this.isSourceCapable = true;
  }

  override modulate(modulator: string, args: readonly unknown[], c: CompileContext): boolean {
    if (modulator !== 'option') return false;
    arity('option', args, 2, 3);
    const [token, value, card] = args;
    if (!isEnum(token, 'Merge')) return wrongArgument('option', 'a Merge token', token);
    const source = value === null ? ({ kind: 'value', value: null } as MapSource) : mapSource(value, `${this.name}().option`, c);
    if (value instanceof Map && token.elementName.startsWith('on')) checkKeys(value);
    const cardinality = card === undefined ? undefined : cardinalityOf(card, 'option');
    switch (token.elementName) {
      case 'onCreate':
        this.onCreate = source;
        this.onCreateCardinality = cardinality;
        return true;
      case 'onMatch':
        this.onMatch = source;
        this.onMatchCardinality = cardinality;
        return true;
      case 'outV':
      case 'inV':
        if (this.name !== 'mergeE') return wrongArgument('option', 'Merge.onCreate or Merge.onMatch', token);
        this.ends[token.elementName] = isBytecode(value) ? { kind: 'traversal', plan: c.child(value, 'option') } : { kind: 'value', value };
        return true;
    }
    return wrongArgument('option', 'a Merge token', token);
  }

  create(rt: Runtime): Step {
    const search = resolver(this.search, rt);
    const onCreate = this.onCreate && resolver(this.onCreate, rt);
    const onMatch = this.onMatch && resolver(this.onMatch, rt);
    const matchIsTraversal = this.onMatch?.kind === 'traversal';
    const ends = { outV: this.ends.outV && resolver(this.ends.outV, rt), inV: this.ends.inV && resolver(this.ends.inV, rt) };
    const stepClass = this.name === 'mergeV' ? 'MergeVertexStep' : 'MergeEdgeStep';
    return new FlatMapStep(rt, this.labels, (t) => {
      const tx = rt.tx(this.name);
      const criteria = new Map(asMap(search(t), this.name, 'merge() argument'));
      checkKeys(criteria);
      if (this.name === 'mergeE') fillEnds(criteria, ends, t, rt);
      const found = this.name === 'mergeV' ? findVertices(criteria, rt) : findEdges(criteria, rt);
      if (found.length > 0) {
        if (!onMatch) return found;
        if (matchIsTraversal && !this.atStart && isElement(t.object)) throw invalidParameter(`The incoming traverser for ${stepClass} cannot be an Element`);
        for (const element of found) {
          // At the start there is no incoming object, so option(onMatch) traversals read the matched element.
          const updates = asMap(onMatch(this.atStart ? t.split(element, [], PathMode.None) : t), this.name, 'option(onMatch)');
          if (!updates) continue;
          checkKeys(updates);
          for (const [k, v] of updates) {
            if (typeof k !== 'string') throw invalidParameter(`option(onMatch) cannot set ${describe(k)} of an existing element`);
            const cv = cardinalityValue(v);
            writeProperty(tx, element, k, cv ? cv.value : v, cv ? cv.cardinality : this.onMatchCardinality, rt);
          }
        }
        return found;
      }
      let extra = onCreate && asMap(onCreate(t), this.name, 'option(onCreate)');
      const all = new Map(criteria);
      if (extra) {
        extra = new Map(extra);
        checkKeys(extra);
        if (this.name === 'mergeE') fillEnds(extra, ends, t, rt);
        for (const [k, v] of extra) {
          const existing = [...criteria].find(([ck]) => sameKey(ck, k));
          if (existing && !equals(existing[1], v)) throw invalidParameter('option(onCreate) cannot override values from merge() argument');
          if (!existing) all.set(k, v);
        }
      }
      const created = this.name === 'mergeV' ? createVertex(tx, all, rt, this.onCreateCardinality) : createEdge(tx, all, rt);
      return [created];
    });
  }
}

function asMap(x: unknown, step: string, what: string): Map<unknown, unknown> | undefined {
  if (x === null || x === undefined || x === SEED) return undefined;
  if (x instanceof Map) return x;
  throw invalidParameter(`${step}(): ${what} must be a map, got ${describe(x)}`);
}

const sameKey = (a: unknown, b: unknown): boolean => a === b || (isEnum(a) && isEnum(b) && a.typeName === b.typeName && directionName(a.elementName) === directionName(b.elementName));
const directionName = (n: string) => (n === 'from' ? 'OUT' : n === 'to' ? 'IN' : n.toUpperCase());

function tokenOf(k: unknown): string | undefined {
  if (isEnum(k, 'T')) return k.elementName;
  if (isEnum(k, 'Direction')) return directionName(k.elementName);
  return undefined;
}

function checkKeys(map: Map<unknown, unknown>): void {
  for (const [k, v] of map) {
    if (typeof k === 'string') {
      if (k.startsWith('~')) throw invalidParameter(`Property key can not be a hidden key: ${k}`);
      continue;
    }
    const token = tokenOf(k);
    if (!token) throw invalidParameter(`merge keys must be strings, T tokens or Directions, got ${describe(k)}`);
    if (token === 'label') {
      if (typeof v !== 'string') throw invalidParameter(`T.label must be a string, got ${describe(v)}`);
      if (v.startsWith('~')) throw invalidParameter(`Label can not be a hidden key: ${v}`);
    }
  }
}

function value(map: Map<unknown, unknown>, token: string): unknown {
  for (const [k, v] of map) if (tokenOf(k) === token) return v;
  return undefined;
}

function properties(map: Map<unknown, unknown>): [string, unknown][] {
  return [...map].filter((e): e is [string, unknown] => typeof e[0] === 'string');
}

function matchesProperties(element: Vertex | Edge, map: Map<unknown, unknown>, rt: Runtime): boolean {
  for (const [k, v] of properties(map)) {
    const cv = cardinalityValue(v);
    const wanted = cv ? cv.value : v;
    if (element instanceof Vertex) {
      if (!element.propertiesOf(k).some((p) => rt.visible(p) && equals(p.value, wanted))) return false;
    } else if (!equals(element.value(k), wanted)) return false;
  }
  return true;
}

function findVertices(criteria: Map<unknown, unknown>, rt: Runtime): Vertex[] {
  const id = value(criteria, 'id');
  const label = value(criteria, 'label') as string | undefined;
  let candidates: Iterable<Vertex>;
  if (id !== undefined) {
    const v = rt.graph.vertex(idString(id));
    candidates = v && !v.removed && rt.visible(v) ? [v] : [];
  } else candidates = withValue(criteria, rt) ?? allVertices(rt, label === undefined ? undefined : [label]);
  const out: Vertex[] = [];
  for (const v of candidates) if ((label === undefined || v.hasLabel(label)) && matchesProperties(v, criteria, rt)) out.push(v);
  return out;
}

/**
 * The vertices holding the first property value of the criteria, from the graph's property-value index, in
 * the order a scan meets them (a superset, which the caller tests); undefined when no value can be looked up.
 * The lookup and a scan see the graph at the same moment, so no write comes between them as it can for
 * V().has(); strategies' filters call for the same caution (lookupsHoldWhileWriting).
 */
function withValue(criteria: Map<unknown, unknown>, rt: Runtime): Vertex[] | undefined {
  if (!rt.graph.useValueIndex || !lookupsHoldWhileWriting(rt)) return undefined;
  for (const [k, v] of properties(criteria)) {
    const cv = cardinalityValue(v);
    const found = rt.graph.verticesWithValue(k, cv ? cv.value : v);
    if (found) return found.filter((vertex) => !vertex.removed && rt.visible(vertex));
  }
  return undefined;
}

function findEdges(criteria: Map<unknown, unknown>, rt: Runtime): Edge[] {
  const id = value(criteria, 'id');
  const label = value(criteria, 'label') as string | undefined;
  const outV = value(criteria, 'OUT');
  const inV = value(criteria, 'IN');
  let candidates: Iterable<Edge>;
  if (id !== undefined) {
    const e = rt.graph.edge(idString(id));
    candidates = e && !e.removed && rt.visible(e) ? [e] : [];
  } else if (outV !== undefined) {
    const v = endVertex(outV, rt);
    candidates = v ? [...v.edges('OUT', label === undefined ? undefined : [label])] : [];
  } else if (inV !== undefined) {
    const v = endVertex(inV, rt);
    candidates = v ? [...v.edges('IN', label === undefined ? undefined : [label])] : [];
  } else candidates = allEdges(rt, label === undefined ? undefined : [label]);
  const out: Edge[] = [];
  for (const e of candidates) {
    if (e.removed || !rt.visible(e)) continue;
    if (label !== undefined && e.label !== label) continue;
    if (outV !== undefined && !sameVertex(e.outV, outV)) continue;
    if (inV !== undefined && !sameVertex(e.inV, inV)) continue;
    if (matchesProperties(e, criteria, rt)) out.push(e);
  }
  return out;
}

const sameVertex = (v: Vertex, ref: unknown): boolean => (elementKind(ref) ? equals(v, ref) : v.id === idString(ref));

function endVertex(ref: unknown, rt: Runtime): Vertex | undefined {
  if (elementKind(ref)) return asVertex(ref, rt);
  if (ref === null || ref === undefined) return undefined;
  return rt.graph.vertex(idString(ref));
}

/** Replaces Merge.outV/inV placeholders with the vertices option(Merge.outV/inV) give. */
function fillEnds(map: Map<unknown, unknown>, ends: { outV?: Resolved; inV?: Resolved }, t: Traverser, rt: Runtime): void {
  for (const [k, v] of map) {
    if (!isEnum(v, 'Merge')) continue;
    const which = v.elementName as 'outV' | 'inV';
    const fn = ends[which];
    if (!fn) throw invalidParameter(`mergeE(): Merge.${which} is used but option(Merge.${which}) is not given`);
    let end = fn(t);
    if (end instanceof Map) end = findVertices(end, rt)[0] ?? value(end, 'id');
    map.set(k, end);
  }
}

function createVertex(tx: Transaction, map: Map<unknown, unknown>, rt: Runtime, cardinality: Cardinality | undefined): Vertex {
  const id = value(map, 'id');
  const label = value(map, 'label');
  const v = tx.addVertex([label === undefined ? 'vertex' : (label as string)], id === undefined || id === null ? undefined : idString(id));
  for (const [k, val] of rt.policy?.createProperties ?? []) tx.addVertexProperty(v, k, val, 'single');
  for (const [k, raw] of properties(map)) {
    const cv = cardinalityValue(raw);
    writeProperty(tx, v, k, cv ? cv.value : raw, cv ? cv.cardinality : (cardinality ?? creationCardinality(rt)), rt);
  }
  return v;
}

function createEdge(tx: Transaction, map: Map<unknown, unknown>, rt: Runtime): Edge {
  const outRef = value(map, 'OUT');
  const inRef = value(map, 'IN');
  if (outRef === undefined || outRef === null) throw invalidParameter('Out Vertex not specified');
  if (inRef === undefined || inRef === null) throw invalidParameter('In Vertex not specified');
  const outV = endVertex(outRef, rt);
  const inV = endVertex(inRef, rt);
  if (!outV) throw invalidParameter(`Vertex id could not be resolved from mergeE: ${describe(outRef)}`);
  if (!inV) throw invalidParameter(`Vertex id could not be resolved from mergeE: ${describe(inRef)}`);
  const id = value(map, 'id');
  const label = value(map, 'label');
  const e = tx.addEdge(label === undefined ? 'edge' : (label as string), outV, inV, id === undefined || id === null ? undefined : idString(id));
  for (const [k, val] of rt.policy?.createProperties ?? []) tx.setEdgeProperty(e, k, val);
  for (const [k, raw] of properties(map)) writeProperty(tx, e, k, raw, undefined, rt);
  return e;
}

function merge(name: 'mergeV' | 'mergeE'): StepFactory {
  return (args, c) => {
    arity(name, args, 0, 1);
    c.mutates(name);
    const source: MapSource = args.length === 0 ? { kind: 'none' } : mapSource(args[0], name, c);
    return new MergeDef(name, source, c.atStart);
  };
}

export const mergeSteps: Record<string, StepFactory> = {
  mergeV: merge('mergeV'),
  mergeE: merge('mergeE'),
};
