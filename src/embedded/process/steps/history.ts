import { malformedQuery } from '../../errors';
import { arity, isBytecode, stringArg, wrongArgument } from '../args';
import { byFor, byFunction, ByModulatedDef, columnValue, type ByFn } from '../by';
import { findEntry, ValueMap } from '../compare';
import type { CompileContext, Plan, StepFactory } from '../plan';
import { Path } from '../path';
import type { Runtime } from '../runtime';
import { MISSING, scopedValue, type Pop } from '../scope';
import { FILTERED, FilterStep, MapStep, type Step } from '../step';
import { isEnum } from '../tokens';
import type { PathNode, Traverser } from '../traverser';

/**
 * Steps that read a traverser's history: path(), simplePath(), cyclicPath(), and select() (labels, map
 * keys, side effects, columns). Each declares the history it needs at compile time.
 */

/** from()/to() of path-like steps: the part of the history between two labels (inclusive). */
abstract class PathRangeDef extends ByModulatedDef {
  protected from: string | undefined;
  protected to: string | undefined;

  override modulate(modulator: string, args: readonly unknown[], c: CompileContext): boolean {
    if (modulator === 'from' || modulator === 'to') {
      arity(modulator, args, 1);
      const label = stringArg(`${this.name}().${modulator}`, args[0], 'a step label');
      if (modulator === 'from') this.from = label;
      else this.to = label;
      return true;
    }
    return super.modulate(modulator, args, c);
  }

  /** History entries oldest first, cut to from()/to(). */
  protected entries(t: Traverser): PathNode[] {
    const nodes: PathNode[] = [];
    for (let n = t.path; n; n = n.previous) nodes.push(n);
    nodes.reverse();
    if (this.from === undefined && this.to === undefined) return nodes;
    let start = 0;
    let end = nodes.length - 1;
    if (this.from !== undefined) {
      start = nodes.findIndex((n) => n.labels.includes(this.from!));
      if (start < 0) return [];
    }
    if (this.to !== undefined) {
      end = -1;
      for (let i = nodes.length - 1; i >= start; i--) if (nodes[i].labels.includes(this.to)) end = i;
      if (end < 0) return [];
    }
    return nodes.slice(start, end + 1);
  }

  protected byFns(rt: Runtime): ByFn[] {
    return this.bys.map((b) => byFunction(b.value, rt));
  }
}

class PathDef extends PathRangeDef {
  create(rt: Runtime): Step {
    const fns = this.byFns(rt);
    return new MapStep(rt, this.labels, (t) => {
      const nodes = this.entries(t);
      const objects: unknown[] = [];
      for (let i = 0; i < nodes.length; i++) {
        const fn = byFor(fns, i);
        const v = fn ? fn(t, nodes[i].object ?? null) : nodes[i].object;
        if (v === MISSING) return FILTERED;
        objects.push(v);
      }
      return new Path(nodes.map((n) => n.labels), objects);
    });
  }
}

/** simplePath() keeps traversers whose history has no repeated object; cyclicPath() the others. */
class PathShapeDef extends PathRangeDef {
  constructor(
    name: string,
    private readonly wantSimple: boolean,
  ) {
    super(name, false, 1);
  }

  create(rt: Runtime): Step {
    const fns = this.byFns(rt);
    return new FilterStep(rt, this.labels, (t) => {
      const seen = new ValueMap<true>();
      let simple = true;
      for (const n of this.entries(t)) {
        const v = fns.length ? fns[0](t, n.object ?? null) : n.object;
        if (v === MISSING) return false;
        if (!seen.add(v, true)) {
          simple = false;
          break;
        }
      }
      return simple === this.wantSimple;
    });
  }
}

type SelectKeys = { kind: 'column'; column: string } | { kind: 'labels'; keys: string[] } | { kind: 'traversal'; plan: Plan };

class SelectDef extends ByModulatedDef {
  constructor(
    private readonly pop: Pop,
    private readonly keys: SelectKeys,
  ) {
    super('select');
    this.retracts = keys.kind !== 'column';
  }

  override readsLabels(): readonly string[] | undefined {
    return this.keys.kind === 'labels' ? this.keys.keys : this.keys.kind === 'column' ? [] : undefined;
  }

  create(rt: Runtime): Step {
    const fns = this.bys.map((b) => byFunction(b.value, rt));
    const pop = this.pop;
    const modulate = (t: Traverser, i: number, v: unknown): unknown => {
      const fn = byFor(fns, i);
      return fn ? fn(t, v) : v;
    };
    const keys = this.keys;
    switch (keys.kind) {
      case 'column':
        return new MapStep(rt, this.labels, (t) => {
          const v = columnValue(t.object, keys.column);
          return v === MISSING ? FILTERED : v;
        });
      case 'traversal': {
        const pipeline = rt.pipeline(keys.plan);
        return new MapStep(rt, this.labels, (t) => {
          const r = pipeline.first(t);
          if (!r) return FILTERED;
          const v = scopedKey(t, r.object, pop, rt);
          if (v === MISSING) return FILTERED;
          const m = modulate(t, 0, v);
          return m === MISSING ? FILTERED : m;
        });
      }
      case 'labels':
        if (keys.keys.length === 1) {
          const key = keys.keys[0];
          return new MapStep(rt, this.labels, (t) => {
            const v = scopedValue(t, key, pop, rt);
            if (v === MISSING) return FILTERED;
            const m = modulate(t, 0, v);
            return m === MISSING ? FILTERED : m;
          });
        }
        return new MapStep(rt, this.labels, (t) => {
          const out = new Map<unknown, unknown>();
          for (let i = 0; i < keys.keys.length; i++) {
            const key = keys.keys[i];
            const v = scopedValue(t, key, pop, rt);
            if (v === MISSING) return FILTERED;
            const m = modulate(t, i, v);
            if (m === MISSING) return FILTERED;
            out.set(key, m);
          }
          return out;
        });
    }
  }
}

/** A key produced by a traversal: a label string, or a key of the current map of another type. */
function scopedKey(t: Traverser, key: unknown, pop: Pop, rt: Runtime): unknown {
  if (typeof key === 'string') return scopedValue(t, key, pop, rt);
  const entry = t.object instanceof Map ? findEntry(t.object, key) : undefined;
  return entry ? entry[1] : MISSING;
}

function popOf(x: unknown): Pop {
  return (x as { elementName: string }).elementName as Pop;
}

function select(args: readonly unknown[], c: CompileContext) {
  arity('select', args, 1, Infinity);
  if (args.length === 1 && isEnum(args[0], 'Column')) return new SelectDef('last', { kind: 'column', column: args[0].elementName });
  let pop: Pop = 'last';
  let rest = args;
  if (isEnum(args[0], 'Pop')) {
    pop = popOf(args[0]);
    rest = args.slice(1);
  }
  if (rest.length === 0) throw malformedQuery('select() needs a key');
  c.requirePath('labeled');
  if (rest.length === 1 && isBytecode(rest[0])) return new SelectDef(pop, { kind: 'traversal', plan: c.child(rest[0], 'select') });
  const keys = rest.map((k) => (typeof k === 'string' ? k : wrongArgument('select', 'keys (strings)', k)));
  return new SelectDef(pop, { kind: 'labels', keys });
}

export const historySteps: Record<string, StepFactory> = {
  path: (args, c) => {
    arity('path', args, 0);
    c.requirePath('full');
    return new PathDef('path');
  },
  simplePath: (args, c) => {
    arity('simplePath', args, 0);
    c.requirePath('full');
    return new PathShapeDef('simplePath', true);
  },
  cyclicPath: (args, c) => {
    arity('cyclicPath', args, 0);
    c.requirePath('full');
    return new PathShapeDef('cyclicPath', false);
  },
  select,
};
