import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The guide's "no folder cycles", checked on src/: a folder (or a file directly in src/) is one node, and every
 * relative import, `import type` included, is an edge between the nodes of the two files.
 */
const SRC = join(__dirname, '..', '..', 'src');

type Edges = Map<string, Map<string, string[]>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The node a file belongs to: its top folder under src/, or the file itself when it sits in src/. */
function nodeOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 ? parts[0] : parts[0].replace(/\.ts$/, '');
}

function resolveImport(from: string, specifier: string): string {
  const target = resolve(dirname(from), specifier);
  return existsSync(target) && statSync(target).isDirectory() ? join(target, 'index.ts') : `${target.replace(/\.(js|ts)$/, '')}.ts`;
}

/** Folder-to-folder edges, each with the file imports that make it (for the failure message). */
function folderEdges(): Edges {
  const edges: Edges = new Map();
  for (const file of sourceFiles(SRC)) {
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolveImport(file, fileName);
      const [a, b] = [nodeOf(file), nodeOf(target)];
      if (a === b) continue;
      const out = edges.get(a) ?? edges.set(a, new Map()).get(a)!;
      out.set(b, [...(out.get(b) ?? []), `${relative(SRC, file)} -> ${relative(SRC, target)}`]);
    }
  }
  return edges;
}

/** Every cycle's strongly connected group of nodes (Tarjan), each sorted; none in a folder DAG. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group = stack.splice(stack.indexOf(v));
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return groups;
}

describe('folders of src/', () => {
  it('finds a cycle through three folders, and none in a chain', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['d', ['a', 'c']]]))).toEqual([]);
  });

  it('import one another in one direction only', () => {
    const edges = folderEdges();
    expect(edges.size).toBeGreaterThan(10);
    const found = cycles(new Map([...edges].map(([a, out]) => [a, [...out.keys()]])));
    // On failure, the file imports that close each cycle.
    const culprits = found.map((group) => group.flatMap((a) => [...(edges.get(a) ?? [])].filter(([b]) => group.includes(b)).flatMap(([, why]) => why)));
    expect(culprits).toEqual([]);
  });
});
