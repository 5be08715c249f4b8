import { Edge, Property, Vertex, VertexProperty } from '../../structure';
import { arity, notApplicable, stringArgs } from '../args';
import { propertiesOf, resolveElement } from '../elements';
import type { StepFactory } from '../plan';
import type { Runtime } from '../runtime';
import { defineStep, FlatMapStep, MapStep } from '../step';

/** Reading an element: id, label, its properties and their values, and a property's key and value. */

export function idOf(x: unknown, rt: Runtime, step = 'id'): unknown {
  const e = resolveElement(x, rt) ?? x;
  if (e instanceof Vertex || e instanceof Edge || e instanceof VertexProperty) return e.id;
  return notApplicable(step, 'elements', x);
}

export function labelOf(x: unknown, rt: Runtime, step = 'label'): string {
  const e = resolveElement(x, rt) ?? x;
  if (e instanceof Vertex || e instanceof Edge) return e.label;
  if (e instanceof VertexProperty) return e.key;
  return notApplicable(step, 'elements', x);
}

function elementOnly(step: string, x: unknown, rt: Runtime): unknown {
  const e = resolveElement(x, rt) ?? x;
  if (e instanceof Vertex || e instanceof Edge || e instanceof VertexProperty) return e;
  return notApplicable(step, 'elements', x);
}

function propertyPart(step: string, x: unknown, part: 'key' | 'value'): unknown {
  if (x instanceof VertexProperty || x instanceof Property) return x[part];
  return notApplicable(step, 'properties', x);
}

export const elementSteps: Record<string, StepFactory> = {
  id: (args) => (arity('id', args, 0), defineStep('id', (rt, labels) => new MapStep(rt, labels, (t) => idOf(t.object, rt)))),
  label: (args) => (arity('label', args, 0), defineStep('label', (rt, labels) => new MapStep(rt, labels, (t) => labelOf(t.object, rt)))),
  key: (args) => (arity('key', args, 0), defineStep('key', (rt, labels) => new MapStep(rt, labels, (t) => propertyPart('key', t.object, 'key')))),
  value: (args) => (arity('value', args, 0), defineStep('value', (rt, labels) => new MapStep(rt, labels, (t) => propertyPart('value', t.object, 'value')))),
  values: (args) => {
    const keys = stringArgs('values', args.filter((k) => k !== null));
    return defineStep('values', (rt, labels) => new FlatMapStep(rt, labels, (t) => (elementOnly('values', t.object, rt), propertiesOf(t.object, keys, rt).map((p) => p.value))));
  },
  properties: (args) => {
    const keys = stringArgs('properties', args.filter((k) => k !== null));
    return defineStep('properties', (rt, labels) => new FlatMapStep(rt, labels, (t) => (elementOnly('properties', t.object, rt), propertiesOf(t.object, keys, rt))));
  },
  constant: (args) => {
    arity('constant', args, 1);
    const value = args[0];
    return defineStep('constant', (rt, labels) => new MapStep(rt, labels, () => value));
  },
};
