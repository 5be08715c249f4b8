import gremlin from 'gremlin';
import { RawJson, type JsonTree } from '../json-text';
import { describeValue, SerializationError, type MaterializeProperties } from '../messages';
import { wireNumberType } from '../numbers';
import { edgeView, pathView, propertyView, vertexPropertyView, vertexView } from '../result-model';

/**
 * Result values as GraphSON 3, the way Gremlin Server 3.7 writes them: numbers typed by value (see numbers.ts),
 * elements as g:Vertex/g:Edge with `properties` only when materialized. The driver's GraphSON writer covers
 * the request direction only (it has no g:Vertex properties, g:Path, g:Set or typed Int32), so this is ours.
 */
const { EnumValue, Traverser } = gremlin.process;

export function writeGraphSON(value: unknown, materialize: MaterializeProperties): JsonTree {
  const write = (v: unknown): JsonTree => writeGraphSON(v, materialize);
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
    case 'bigint':
      return number(value);
  }
  if (value instanceof Date) return typed('g:Date', value.getTime());
  if (Array.isArray(value)) return typed('g:List', value.map(write));
  if (value instanceof Set) return typed('g:Set', [...value].map(write));
  if (value instanceof Map) return typed('g:Map', [...value].flatMap(([k, v]) => [write(k), write(v)]));
  if (value instanceof Traverser) {
    const { object, bulk } = value as unknown as { object: unknown; bulk: number };
    return typed('g:Traverser', { bulk: typed('g:Int64', bulk), value: write(object) });
  }
  if (value instanceof EnumValue) return typed(`g:${value.typeName}`, value.elementName);

  const vertex = vertexView(value, materialize);
  if (vertex) {
    const body: { [key: string]: JsonTree } = { id: write(vertex.id), label: vertex.label };
    if (vertex.properties) {
      const byKey: { [key: string]: JsonTree[] } = {};
      for (const p of vertex.properties) {
        (byKey[p.key] ??= []).push(typed('g:VertexProperty', { id: write(p.id), value: write(p.value), label: p.key }));
      }
      body.properties = byKey;
    }
    return typed('g:Vertex', body);
  }
  const edge = edgeView(value, materialize);
  if (edge) {
    const body: { [key: string]: JsonTree } = {
      id: write(edge.id),
      label: edge.label,
      inVLabel: edge.inV.label,
      outVLabel: edge.outV.label,
      inV: write(edge.inV.id),
      outV: write(edge.outV.id),
    };
    if (edge.properties) {
      body.properties = Object.fromEntries(
        edge.properties.map((p) => [p.key, typed('g:Property', { key: p.key, value: write(p.value) })]),
      );
    }
    return typed('g:Edge', body);
  }
  const vp = vertexPropertyView(value);
  if (vp) return typed('g:VertexProperty', { id: write(vp.id), value: write(vp.value), label: vp.key });
  const property = propertyView(value);
  if (property) return typed('g:Property', { key: property.key, value: write(property.value) });
  const path = pathView(value);
  if (path) {
    return typed('g:Path', {
      labels: typed('g:List', path.labels.map((l) => typed('g:Set', [...l]))),
      objects: typed('g:List', path.objects.map(write)),
    });
  }
  throw new SerializationError(`a result of type ${describeValue(value)} has no GraphSON 3 form`);
}

function number(value: number | bigint): JsonTree {
  switch (wireNumberType(value)) {
    case 'Int32':
      return typed('g:Int32', value as number);
    case 'Int64':
      return typed('g:Int64', typeof value === 'bigint' ? new RawJson(value.toString()) : value);
    case 'BigInteger':
      return typed('gx:BigInteger', new RawJson(value.toString()));
    case 'Double': {
      const n = value as number;
      return typed('g:Double', Number.isFinite(n) ? n : String(n));
    }
  }
}

const typed = (type: string, value: JsonTree): JsonTree => ({ '@type': type, '@value': value });
