import { Edge, EnumValue, Path, Property, Vertex, VertexProperty } from './driver';

/**
 * A driver value written close to the suite's notation, so a failure report puts expected and actual side
 * by side in the same terms: `v[1]`, `e[7][1-knows->2]`, `d[29]`, `m[{...}]`, `"marko"` (strings quoted so
 * that `"29"` and `d[29]` differ visibly).
 */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return `d[${value}]`;
  if (typeof value === 'bigint') return `d[${value}]n`;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return `dt[${value.toISOString()}]`;
  if (value instanceof Edge) return `e[${String(value.id)}][${String(value.outV?.id)}-${value.label}->${String(value.inV?.id)}]`;
  if (value instanceof VertexProperty) return `vp[${value.label}->${describe(value.value)}]`;
  if (value instanceof Vertex) return `v[${String(value.id)}]`;
  if (value instanceof Property) return `p[${value.key}->${describe(value.value)}]`;
  if (value instanceof Path) return `p[${value.objects.map(describe).join(',')}]`;
  if (value instanceof EnumValue) return `${value.typeName}.${value.elementName}`;
  if (Array.isArray(value)) return `l[${value.map(describe).join(',')}]`;
  if (value instanceof Set) return `s[${[...value].map(describe).join(',')}]`;
  if (value instanceof Map) return `m[{${[...value].map(([k, v]) => `${describe(k)}:${describe(v)}`).join(', ')}}]`;
  if (value instanceof Error) return `error: ${value.message}`;
  return `${(value as object).constructor?.name ?? 'object'} ${JSON.stringify(value)}`;
}
