import gremlin from 'gremlin';
import { RawJson, stringify, type JsonTree } from '../json-text';
import { describeValue, SerializationError, type MaterializeProperties, type MessageSerializer, type ResponseMessage } from '../messages';
import { edgeView, pathView, propertyView, vertexPropertyView, vertexView } from '../result-model';
import { graphSON3 } from './serializer';

export const GRAPHSON3_UNTYPED_MIME = 'application/vnd.gremlin-v3.0+json;types=false';

/**
 * GraphSON 3 without types (Gremlin Server's GraphSONUntypedMessageSerializerV3), for people reading results
 * with curl or jq: plain JSON values, collections as arrays, maps as objects with their keys as text, and
 * elements marked by a `type` field (`vertex`, `edge`) since no `@type` says what they are. Requests read as
 * typed GraphSON does; plain JSON is the same in both.
 */
export const graphSON3Untyped: MessageSerializer = {
  mimeType: GRAPHSON3_UNTYPED_MIME,
  binary: false,
  decodeRequest: graphSON3.decodeRequest,

  encodeResponse(response: ResponseMessage, materialize: MaterializeProperties): string {
    return stringify({
      requestId: response.requestId,
      status: { message: response.status.message, code: response.status.code, attributes: writeUntyped(response.status.attributes, materialize) },
      result: { data: response.data === null ? null : writeUntyped(response.data, materialize), meta: {} },
    });
  },
};

const { EnumValue, Traverser } = gremlin.process;

function writeUntyped(value: unknown, materialize: MaterializeProperties): JsonTree {
  const write = (v: unknown): JsonTree => writeUntyped(v, materialize);
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'bigint':
      return new RawJson(value.toString());
    case 'number':
      // JSON has no NaN or infinities; typed GraphSON writes them as text too.
      return Number.isFinite(value) ? value : String(value);
  }
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value) || value instanceof Set) return [...value].map(write);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [keyText(k, materialize), write(v)]));
  if (value instanceof Traverser) {
    const { object, bulk } = value as unknown as { object: unknown; bulk: number };
    return { bulk, value: write(object) };
  }
  if (value instanceof EnumValue) return value.elementName;

  const vertex = vertexView(value, materialize);
  if (vertex) {
    const body: { [key: string]: JsonTree } = { id: write(vertex.id), label: vertex.label, type: 'vertex' };
    if (vertex.properties && vertex.properties.length > 0) {
      const byKey: { [key: string]: JsonTree[] } = {};
      for (const p of vertex.properties) (byKey[p.key] ??= []).push({ id: write(p.id), value: write(p.value) });
      body.properties = byKey;
    }
    return body;
  }
  const edge = edgeView(value, materialize);
  if (edge) {
    const body: { [key: string]: JsonTree } = {
      id: write(edge.id),
      label: edge.label,
      type: 'edge',
      inVLabel: edge.inV.label,
      outVLabel: edge.outV.label,
      inV: write(edge.inV.id),
      outV: write(edge.outV.id),
    };
    if (edge.properties && edge.properties.length > 0) body.properties = Object.fromEntries(edge.properties.map((p) => [p.key, write(p.value)]));
    return body;
  }
  const vp = vertexPropertyView(value);
  if (vp) return { id: write(vp.id), value: write(vp.value), label: vp.key };
  const property = propertyView(value);
  if (property) return { key: property.key, value: write(property.value) };
  const path = pathView(value);
  if (path) return { labels: path.labels.map((l) => [...l]), objects: path.objects.map(write) };
  throw new SerializationError(`a result of type ${describeValue(value)} has no untyped GraphSON 3 form`);
}

/** JSON keys are text: an element is keyed by its id, a token by its name, anything else by its JSON. */
function keyText(key: unknown, materialize: MaterializeProperties): string {
  if (typeof key === 'string') return key;
  if (key instanceof EnumValue) return key.elementName;
  const element = vertexView(key, 'tokens') ?? edgeView(key, 'tokens');
  if (element) return String(element.id);
  const tree = writeUntyped(key, materialize);
  return typeof tree === 'string' ? tree : stringify(tree);
}
