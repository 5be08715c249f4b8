import { Edge, Property, Vertex, VertexProperty } from '../../structure';
import { arity, notApplicable, stringArg, wrongArgument } from '../args';
import { byFor, byFunction, ByModulatedDef } from '../by';
import { propertiesOf, resolveElement } from '../elements';
import { StepDef, type CompileContext, type StepFactory } from '../plan';
import { Path } from '../path';
import type { Runtime } from '../runtime';
import { MISSING } from '../scope';
import { defineStep, FILTERED, FlatMapStep, MapStep, type Step } from '../step';
import { DIRECTION, T } from '../tokens';
import { MapEntry } from '../values';

/**
 * Steps that build maps or take collections apart: valueMap, propertyMap, elementMap, project, unfold,
 * element, index.
 */

/** WithOptions as the driver spells them (gremlin.process.withOptions). */
const TOKENS_OPTION = '~tinkerpop.valueMap.tokens';
const INDEXER_OPTION = '~tinkerpop.index.indexer';
const WITH_IDS = 1;
const WITH_LABELS = 2;
const WITH_ALL = 15;

class PropertyMapDef extends ByModulatedDef {
  private tokens: number;

  constructor(
    name: 'valueMap' | 'propertyMap',
    private readonly keys: readonly string[],
    includeTokens: boolean,
  ) {
    super(name);
    this.tokens = includeTokens ? WITH_ALL : 0;
  }

  override modulate(modulator: string, args: readonly unknown[], c: CompileContext): boolean {
    if (modulator === 'with' && this.name === 'valueMap') {
      arity('with', args, 1, 2);
      if (args[0] !== TOKENS_OPTION) wrongArgument('valueMap().with', 'WithOptions.tokens', args[0]);
      this.tokens = args.length === 2 ? Number(args[1]) : WITH_ALL;
      return true;
    }
    return super.modulate(modulator, args, c);
  }

  create(rt: Runtime): Step {
    const fns = this.bys.map((b) => byFunction(b.value, rt));
    const { keys, tokens } = this;
    const values = this.name === 'valueMap';
    return new MapStep(rt, this.labels, (t) => {
      const element = resolveElement(t.object, rt);
      if (!element) return notApplicable(this.name, 'elements', t.object);
      const out = new Map<unknown, unknown>();
      if (tokens & WITH_IDS) out.set(T.id, element.id);
      if (tokens & WITH_LABELS) out.set(T.label, element instanceof VertexProperty ? element.key : element.label);
      let i = 0;
      for (const p of propertiesOf(element, keys, rt)) {
        const key = p.key;
        const item = values ? p.value : p;
        if (element instanceof Edge) {
          out.set(key, item);
          continue;
        }
        const list = out.get(key) as unknown[] | undefined;
        if (list) list.push(item);
        else out.set(key, [item]);
      }
      if (fns.length > 0) {
        for (const [key, v] of out) {
          if (key === T.id || key === T.label) continue;
          const fn = byFor(fns, i++)!;
          const r = fn(t, v);
          if (r === MISSING) out.delete(key);
          else out.set(key, r);
        }
      }
      return out;
    });
  }
}

function propertyMapKeys(step: string, args: readonly unknown[]): [boolean, string[]] {
  let include = false;
  let rest = args;
  if (typeof args[0] === 'boolean') {
    include = args[0];
    rest = args.slice(1);
  }
  return [include, rest.filter((k) => k !== null).map((k) => stringArg(step, k, 'property keys'))];
}

function elementMap(rt: Runtime, x: unknown, keys: readonly string[]): Map<unknown, unknown> {
  const element = resolveElement(x, rt);
  if (!element) return notApplicable('elementMap', 'elements', x);
  const out = new Map<unknown, unknown>();
  out.set(T.id, element.id);
  out.set(T.label, element instanceof VertexProperty ? element.key : element.label);
  if (element instanceof Edge) {
    out.set(DIRECTION.in, new Map<unknown, unknown>([[T.id, element.inV.id], [T.label, element.inV.label]]));
    out.set(DIRECTION.out, new Map<unknown, unknown>([[T.id, element.outV.id], [T.label, element.outV.label]]));
  }
  for (const p of propertiesOf(element, keys, rt)) if (!out.has(p.key)) out.set(p.key, p.value);
  return out;
}

class ProjectDef extends ByModulatedDef {
  constructor(private readonly keys: readonly string[]) {
    super('project');
  }

  create(rt: Runtime): Step {
    const fns = this.bys.map((b) => byFunction(b.value, rt));
    const keys = this.keys;
    return new MapStep(rt, this.labels, (t) => {
      const out = new Map<unknown, unknown>();
      keys.forEach((key, i) => {
        const fn = byFor(fns, i);
        const v = fn ? fn(t) : t.object;
        if (v !== MISSING) out.set(key, v);
      });
      return out;
    });
  }
}

/** unfold(): lists and sets into items, maps into entries, paths into objects; anything else as is. */
function* unfolded(x: unknown): IterableIterator<unknown> {
  if (Array.isArray(x) || x instanceof Set) yield* x;
  else if (x instanceof MapEntry) yield x;
  else if (x instanceof Map) for (const [k, v] of x) yield new MapEntry(k, v);
  else if (x instanceof Path) yield* x.objects;
  else yield x;
}

class IndexDef extends StepDef {
  private asMap = false;

  constructor() {
    super('index');
  }

  override modulate(modulator: string, args: readonly unknown[]): boolean {
    if (modulator !== 'with') return false;
    arity('with', args, 1, 2);
    if (args[0] !== INDEXER_OPTION) wrongArgument('index().with', 'WithOptions.indexer', args[0]);
    this.asMap = args[1] === 1;
    return true;
  }

  create(rt: Runtime): Step {
    const asMap = this.asMap;
    return new MapStep(rt, this.labels, (t) => {
      const items = Array.isArray(t.object) ? t.object : t.object instanceof Set ? [...t.object] : [t.object];
      return asMap ? new Map(items.map((x, i) => [i, x])) : items.map((x, i) => [x, i]);
    });
  }
}

export const mapSteps: Record<string, StepFactory> = {
  valueMap: (args) => {
    const [include, keys] = propertyMapKeys('valueMap', args);
    return new PropertyMapDef('valueMap', keys, include);
  },
  propertyMap: (args) => new PropertyMapDef('propertyMap', propertyMapKeys('propertyMap', args)[1], false),
  elementMap: (args) => {
    const keys = args.filter((k) => k !== null).map((k) => stringArg('elementMap', k, 'property keys'));
    return defineStep('elementMap', (rt, labels) => new MapStep(rt, labels, (t) => elementMap(rt, t.object, keys)));
  },
  project: (args) => {
    arity('project', args, 1, Infinity);
    return new ProjectDef(args.map((k) => stringArg('project', k, 'keys')));
  },
  unfold: (args) => (arity('unfold', args, 0), defineStep('unfold', (rt, labels) => new FlatMapStep(rt, labels, (t) => unfolded(t.object)))),
  element: (args) => {
    arity('element', args, 0);
    return defineStep('element', (rt, labels) => new MapStep(rt, labels, (t) => {
      const x = t.object;
      if (x instanceof VertexProperty) return x.vertex;
      if (x instanceof Property) return x.element;
      if (x instanceof Vertex || x instanceof Edge) return FILTERED;
      return notApplicable('element', 'properties', x);
    }));
  },
  index: (args) => (arity('index', args, 0), new IndexDef()),
};
