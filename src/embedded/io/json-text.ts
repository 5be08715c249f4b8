/**
 * JSON text with exact integers: JSON.stringify cannot write a bigint, and Node 20 has no JSON.rawJSON, so
 * the writers build a tree in which such numbers are RawJson and this prints it.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

export type JsonTree = null | boolean | number | string | RawJson | JsonTree[] | { [key: string]: JsonTree };

export function stringify(tree: JsonTree): string {
  if (tree === null || typeof tree !== 'object') return JSON.stringify(tree);
  if (tree instanceof RawJson) return tree.text;
  if (Array.isArray(tree)) return `[${tree.map(stringify).join(',')}]`;
  return `{${Object.entries(tree)
    .map(([k, v]) => `${JSON.stringify(k)}:${stringify(v)}`)
    .join(',')}}`;
}
