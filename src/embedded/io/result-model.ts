import gremlin from 'gremlin';
import { Path } from '../process/path';
import { Edge, Property, Vertex, VertexProperty } from '../structure';
import type { MaterializeProperties } from './messages';

/**
 * The shapes results take on the wire, shared by both serializers: our store's elements, the interpreter's
 * Path, and the driver's own structure classes (values a client sent, e.g. `inject(vertex)`, come back as
 * they came) all reduce to these views.
 */
export interface VertexView {
  readonly id: unknown;
  readonly label: string;
  /** Undefined when properties are not materialized. */
  readonly properties?: readonly VertexPropertyView[];
}

export interface VertexPropertyView {
  readonly id: unknown;
  readonly key: string;
  readonly value: unknown;
}

export interface EdgeView {
  readonly id: unknown;
  readonly label: string;
  readonly outV: { readonly id: unknown; readonly label: string };
  readonly inV: { readonly id: unknown; readonly label: string };
  readonly properties?: readonly PropertyView[];
}

export interface PropertyView {
  readonly key: string;
  readonly value: unknown;
}

export interface PathView {
  readonly labels: ReadonlyArray<readonly string[]>;
  readonly objects: readonly unknown[];
}

const driver = gremlin.structure;

export function vertexView(v: unknown, materialize: MaterializeProperties): VertexView | undefined {
  if (v instanceof Vertex) {
    if (materialize === 'tokens') return { id: v.id, label: v.label };
    return { id: v.id, label: v.label, properties: [...v.properties.values()].flat().map(vertexPropertyOf) };
  }
  if (v instanceof driver.Vertex) {
    const { id, label } = v as unknown as { id: unknown; label: string };
    return { id, label };
  }
  return undefined;
}

export function edgeView(e: unknown, materialize: MaterializeProperties): EdgeView | undefined {
  if (e instanceof Edge) {
    const view = {
      id: e.id,
      label: e.label,
      outV: { id: e.outV.id, label: e.outV.label },
      inV: { id: e.inV.id, label: e.inV.label },
    };
    if (materialize === 'tokens') return view;
    return { ...view, properties: [...e.properties.values()].map((p) => ({ key: p.key, value: p.value })) };
  }
  if (e instanceof driver.Edge) {
    const d = e as unknown as { id: unknown; label: string; outV: { id: unknown; label: string }; inV: { id: unknown; label: string } };
    return { id: d.id, label: d.label, outV: { id: d.outV.id, label: d.outV.label }, inV: { id: d.inV.id, label: d.inV.label } };
  }
  return undefined;
}

export function vertexPropertyView(p: unknown): VertexPropertyView | undefined {
  if (p instanceof VertexProperty) return vertexPropertyOf(p);
  if (p instanceof driver.VertexProperty) {
    const d = p as unknown as { id: unknown; label: string; value: unknown };
    return { id: d.id, key: d.label, value: d.value };
  }
  return undefined;
}

export function propertyView(p: unknown): PropertyView | undefined {
  if (p instanceof Property || p instanceof driver.Property) {
    const d = p as unknown as PropertyView;
    return { key: d.key, value: d.value };
  }
  return undefined;
}

export function pathView(p: unknown): PathView | undefined {
  if (p instanceof Path) return p;
  if (p instanceof driver.Path) {
    const d = p as unknown as { labels: unknown[]; objects: unknown[] };
    return { labels: d.labels.map((l) => (Array.isArray(l) ? l : l instanceof Set ? [...l] : [])), objects: d.objects };
  }
  return undefined;
}

function vertexPropertyOf(p: VertexProperty): VertexPropertyView {
  return { id: p.id, key: p.key, value: p.value };
}
