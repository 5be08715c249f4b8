import { invalidParameter } from '../../errors';
import { Edge, Property, Vertex, VertexProperty } from '../../structure';
import { arity, integerArg, isBytecode, stringArg, wrongArgument } from '../args';
import { byFor, byFunction, ByModulatedDef } from '../by';
import { valueOf } from '../elements';
import type { CompileContext, Plan, StepDef, StepFactory } from '../plan';
import { param, paramValue, type Param } from '../params';
import { Path } from '../path';
import type { Runtime } from '../runtime';
import { MISSING, scopedValue } from '../scope';
import { defineStep, FILTERED, MapStep, type Step } from '../step';
import { isEnum } from '../tokens';
import type { Traverser } from '../traverser';
import { scoped } from './range';

/**
 * The string steps of TinkerPop 3.7: concat, asString, format, toUpper/toLower, trim/lTrim/rTrim, length,
 * substring, replace, split, reverse. Null passes through as null; anything else that is not a string is an
 * error with TinkerPop's message. With Scope.local they apply to each item of a list.
 */

/** Java's String.valueOf for the values Gremlin has, which asString() and conjoin() print. */
export function javaString(x: unknown): string {
  if (x === null || x === undefined) return 'null';
  if (typeof x === 'string') return x;
  if (typeof x === 'number') return String(x);
  if (typeof x === 'bigint' || typeof x === 'boolean') return String(x);
  if (x instanceof Date) return x.toISOString();
  if (x instanceof Vertex) return `v[${x.id}]`;
  if (x instanceof Edge) return `e[${x.id}][${x.outV.id}-${x.label}->${x.inV.id}]`;
  if (x instanceof VertexProperty) return `vp[${x.key}->${javaString(x.value)}]`;
  if (x instanceof Property) return `p[${x.key}->${javaString(x.value)}]`;
  if (x instanceof Path) return `path[${x.objects.map(javaString).join(', ')}]`;
  if (Array.isArray(x) || x instanceof Set) return `[${[...x].map(javaString).join(', ')}]`;
  if (x instanceof Map) return `{${[...x].map(([k, v]) => `${javaString(k)}=${javaString(v)}`).join(', ')}}`;
  if (isEnum(x)) return x.elementName;
  return String(x);
}

type StringFn = (s: string) => unknown;

/** A string step over strings (null passes), or with Scope.local over a list of them. */
function stringDef(name: string, local: boolean, fn: StringFn): StepDef {
  return defineStep(name, (rt, labels) =>
      new MapStep(rt, labels, (t) => {
        const x = t.object;
        if (local && (Array.isArray(x) || x instanceof Set)) {
          return [...x].map((item) => {
            if (item === null) return null;
            if (typeof item !== 'string') throw invalidParameter(`The ${name}(local) step can only take string or list of strings, encountered: ${javaString(item)}`);
            return fn(item);
          });
        }
        if (x === null) return null;
        if (typeof x !== 'string') {
          throw invalidParameter(local ? `The ${name}(local) step can only take string or list of strings, encountered: ${javaString(x)}` : `The ${name}() step can only take string as argument, encountered: ${javaString(x)}`);
        }
        return fn(x);
      }),
  );
}

function stringStep(name: string, fn: StringFn): StepFactory {
  return (all) => {
    const [local, args] = scoped(all);
    arity(name, args, 0);
    return stringDef(name, local, fn);
  };
}

/** A string step taking arguments; `make` checks them and returns the per-string function. */
function stringStepWith(name: string, min: number, max: number, make: (args: readonly unknown[]) => StringFn): StepFactory {
  return (all) => {
    const [local, args] = scoped(all);
    arity(name, args, min, max);
    return stringDef(name, local, make(args));
  };
}

/** Java's substring with Gremlin's negative indexes (from the end); an empty string when start > end. */
function substring(s: string, start: number, end?: number): string {
  const n = s.length;
  const from = Math.min(n, Math.max(0, start < 0 ? n + start : start));
  const to = end === undefined ? n : Math.min(n, Math.max(0, end < 0 ? n + end : end));
  return from >= to ? '' : s.slice(from, to);
}

/** Java's Character.isWhitespace (used by trim() in TinkerPop) includes the ideographic space U+3000. */
const WHITESPACE = /[\s\u3000]/;
const trimStart = (s: string) => {
  let i = 0;
  while (i < s.length && WHITESPACE.test(s[i])) i++;
  return s.slice(i);
};
const trimEnd = (s: string) => {
  let i = s.length;
  while (i > 0 && WHITESPACE.test(s[i - 1])) i--;
  return s.slice(0, i);
};

class ConcatDef extends ByModulatedDef {
  constructor(private readonly parts: readonly Param[]) {
    super('concat', false, 0);
  }

  create(rt: Runtime): Step {
    const parts = this.parts.map((p) => ('plan' in p ? optionalParam(p, rt) : paramValue(p, rt, 'concat')));
    return new MapStep(rt, this.labels, (t) => {
      const x = t.object;
      if (x !== null && typeof x !== 'string') throw invalidParameter(`String concat() can only take string as argument, encountered: ${javaString(x)}`);
      if (parts.length === 0) return x;
      let out = x ?? '';
      for (const part of parts) {
        const v = part(t);
        if (v === null || v === MISSING) continue;
        if (typeof v !== 'string') throw invalidParameter(`String concat() can only take string as argument, encountered: ${javaString(v)}`);
        out += v;
      }
      return out;
    });
  }
}

/** A traversal argument's first result, or MISSING when it has none. */
function optionalParam(p: { readonly plan: Plan }, rt: Runtime): (t: Traverser) => unknown {
  const pipeline = rt.pipeline(p.plan);
  return (t) => {
    const r = pipeline.first(t);
    return r ? r.object : MISSING;
  };
}

/**
 * format("%{name} is %{_}"): variables are looked up as a property of the current element, a key of the
 * current map, or a label in scope; `%{_}` takes the next by() value. A missing value drops the traverser.
 */
class FormatDef extends ByModulatedDef {
  constructor(private readonly template: string) {
    super('format');
    this.retracts = true;
  }

  override readsLabels(): readonly string[] {
    return [...this.template.matchAll(/%\{([^}]*)\}/g)].map((m) => m[1]).filter((v) => v !== '_');
  }

  create(rt: Runtime): Step {
    const fns = this.bys.map((b) => byFunction(b.value, rt));
    const pieces = this.template.split(/(%\{[^}]*\})/);
    return new MapStep(rt, this.labels, (t) => {
      let positional = 0;
      let out = '';
      for (const piece of pieces) {
        const m = /^%\{([^}]*)\}$/.exec(piece);
        if (!m) {
          out += piece;
          continue;
        }
        let v: unknown;
        if (m[1] === '_') {
          const fn = byFor(fns, positional++);
          v = fn ? fn(t) : t.object;
        } else v = formatVariable(t.object, m[1], t, rt);
        if (v === MISSING || v === undefined) return FILTERED;
        out += javaString(v);
      }
      return out;
    });
  }
}

function formatVariable(x: unknown, name: string, t: Traverser, rt: Runtime): unknown {
  if (x instanceof Map) {
    if (x.has(name)) return x.get(name);
  } else {
    const v = valueOf(x, name, rt);
    if (v !== undefined) return v;
  }
  return scopedValue(t, name, 'last', rt);
}

function split(s: string, separator: unknown): string[] {
  if (separator === null) return s.split(/\s+/).filter((p) => p !== '');
  return s.split(separator as string);
}

export const stringSteps: Record<string, StepFactory> = {
  concat: (args, c: CompileContext) => {
    const parts = args.map((a) => {
      if (a !== null && typeof a !== 'string' && !isBytecode(a)) wrongArgument('concat', 'strings or traversals', a);
      return param(a, 'concat', c);
    });
    return new ConcatDef(parts);
  },
  asString: (all) => {
    const [local, args] = scoped(all);
    arity('asString', args, 0);
    return defineStep('asString', (rt, labels) =>
      new MapStep(rt, labels, (t) => {
        const x = t.object;
        if (local && (Array.isArray(x) || x instanceof Set)) return [...x].map((i) => (i === null ? null : javaString(i)));
        return x === null ? null : javaString(x);
      }),
    );
  },
  format: (args, c) => {
    arity('format', args, 1);
    const template = stringArg('format', args[0], 'a format string');
    if (/%\{(?!_\})[^}]*\}/.test(template)) c.requirePath('labeled');
    return new FormatDef(template);
  },
  toUpper: stringStep('toUpper', (s) => s.toUpperCase()),
  toLower: stringStep('toLower', (s) => s.toLowerCase()),
  trim: stringStep('trim', (s) => trimEnd(trimStart(s))),
  lTrim: stringStep('lTrim', trimStart),
  rTrim: stringStep('rTrim', trimEnd),
  length: stringStep('length', (s) => s.length),
  substring: stringStepWith('substring', 1, 2, (args) => {
    const start = integerArg('substring', args[0]);
    const end = args.length > 1 ? integerArg('substring', args[1]) : undefined;
    return (s) => substring(s, start, end);
  }),
  replace: stringStepWith('replace', 2, 2, (args) => {
    const [from, to] = args;
    if (from !== null && typeof from !== 'string') wrongArgument('replace', 'strings', from);
    if (to !== null && typeof to !== 'string') wrongArgument('replace', 'strings', to);
    return (s) => (from === null ? s : s.split(from as string).join((to as string | null) ?? ''));
  }),
  split: stringStepWith('split', 1, 1, (args) => {
    const separator = args[0];
    if (separator !== null && typeof separator !== 'string') wrongArgument('split', 'a separator string', separator);
    return (s) => split(s, separator);
  }),
  reverse: (args) => {
    arity('reverse', args, 0);
    return defineStep('reverse', (rt, labels) =>
      new MapStep(rt, labels, (t) => {
        const x = t.object;
        if (typeof x === 'string') return [...x].reverse().join('');
        if (Array.isArray(x)) return [...x].reverse();
        if (x instanceof Set) return [...x].reverse();
        if (x instanceof Path) return [...x.objects].reverse();
        return x;
      }),
    );
  },
};
