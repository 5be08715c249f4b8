import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Graph } from '../../src/embedded/structure';
import type { G } from './copy-graph';

/**
 * JanusGraph keeps its schema when the data is dropped, and edge labels and property keys share one namespace:
 * a graph with a property `created` cannot go into a server that once held `created` edges ("The type of given
 * name is not a key"). The names a worker's shared server has held are logged in a file (test files of one
 * worker run one after another, each with its own modules), so a graph that would clash gets a server of its own.
 */
export class JanusGraphSchemaLog {
  private readonly file: string;

  constructor(serverUrl: string) {
    this.file = join(tmpdir(), `nereid-janusgraph-schema-${new URL(serverUrl).port}.json`);
  }

  /** Forgets what an earlier server on the same port held (global setup, for a fresh server). */
  reset(): void {
    rmSync(this.file, { force: true });
  }

  clashes(graph: Graph): boolean {
    const held = this.read();
    const { edgeLabels, keys } = namesOf(graph);
    return [...edgeLabels].some((l) => held.keys.has(l)) || [...keys].some((k) => held.edgeLabels.has(k));
  }

  /** Adds the names the server's graph holds now (the gateway may have written new ones). */
  async record(g: G): Promise<void> {
    const held = this.read();
    for (const l of (await g.E().label().dedup().toList()) as string[]) held.edgeLabels.add(l);
    for (const k of (await g.V().properties().key().dedup().toList()) as string[]) held.keys.add(k);
    for (const k of (await g.E().properties().key().dedup().toList()) as string[]) held.keys.add(k);
    writeFileSync(this.file, JSON.stringify({ edgeLabels: [...held.edgeLabels], keys: [...held.keys] }));
  }

  private read(): { edgeLabels: Set<string>; keys: Set<string> } {
    if (!existsSync(this.file)) return { edgeLabels: new Set(), keys: new Set() };
    const { edgeLabels, keys } = JSON.parse(readFileSync(this.file, 'utf8')) as { edgeLabels: string[]; keys: string[] };
    return { edgeLabels: new Set(edgeLabels), keys: new Set(keys) };
  }
}

function namesOf(graph: Graph): { edgeLabels: Set<string>; keys: Set<string> } {
  const edgeLabels = new Set<string>();
  const keys = new Set<string>();
  for (const v of graph.vertices()) for (const k of v.properties.keys()) keys.add(k);
  for (const e of graph.edges()) {
    edgeLabels.add(e.label);
    for (const k of e.properties.keys()) keys.add(k);
  }
  return { edgeLabels, keys };
}
