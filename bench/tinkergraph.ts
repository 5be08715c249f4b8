/**
 * TinkerGraph, the reference in-memory engine, as the benchmarks' yardstick: Apache TinkerPop's Gremlin Server
 * from the test peers (test/peers/gremlin-server.ts) holding a plain TinkerGraph, reached through the same
 * JavaScript driver and serializer as the embedded server. Plain TinkerGraph, not the TinkerTransactionGraph the
 * gateway tests use for Neptune's semantics: the point here is the speed of the engine TinkerPop ships.
 *
 * Data goes in the fastest honest way: the Neptune CSV files are read into an embedded graph once, written as a
 * GraphSON adjacency file (cached beside the CSV), and the server reads that file with its own io() step.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { loadNeptuneCsv } from '../src/embedded/import/neptune-csv';
import { Graph } from '../src/embedded/structure';
import { clearRemote, readGraphSON, remote, writeAdjacency } from '../test/peers/copy-graph';
import { missingTool, preparePeers, startReferenceServer, type ReferenceServer } from '../test/peers/gremlin-server';
import type gremlin from 'gremlin';

type Source = gremlin.process.GraphTraversalSource;

export interface TinkerGraphServer {
  readonly g: Source;
  /** From spawning the JVM to the server listening, in seconds. */
  readonly startS: number;
  /** Empties the graph and has the server read the files' graph; resolves to the read's seconds. */
  load(files: readonly string[], cache: string): Promise<number>;
  /** Resident set size of the JVM now, in MB. */
  rssMB(): number;
  /** Heap in use after a full collection (jcmd), in MB: the graph's own size, without the heap's slack. */
  heapAfterGcMB(): number;
  stop(): Promise<void>;
}

/** Why TinkerGraph cannot run here without preparing anything (Java, Maven or jcmd absent), or undefined: for plans. */
export function tinkerGraphToolMissing(): string | undefined {
  const missing = missingTool(['java', 'mvn', 'jcmd']);
  return missing && `${missing} is not installed`;
}

/** Why TinkerGraph cannot run here (Java or Maven absent, or the peers fail to prepare), or undefined. */
export async function tinkerGraphUnavailable(): Promise<string | undefined> {
  const missing = tinkerGraphToolMissing();
  if (missing) return missing;
  try {
    await preparePeers('tinkerpop');
  } catch (err) {
    return `test/peers/prepare tinkerpop failed: ${String(err).split('\n')[0]}`;
  }
  return undefined;
}

export async function startTinkerGraph(heap: string): Promise<TinkerGraphServer> {
  const server: ReferenceServer = await startReferenceServer({
    heap,
    graphProperties: 'gremlin.graph=org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerGraph\ngremlin.tinkergraph.defaultVertexPropertyCardinality=set\n',
  });
  const { g, close } = remote(server.url);
  return {
    g,
    startS: server.startMs / 1000,
    async load(files, cache) {
      if (graphsonStale(files, cache)) await writeGraphSON(files, cache);
      await clearRemote(g);
      const started = performance.now();
      await readGraphSON(g, cache);
      return (performance.now() - started) / 1000;
    },
    rssMB: () => (Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024) / 1e6,
    heapAfterGcMB() {
      execFileSync('jcmd', [String(server.pid), 'GC.run']);
      // Serial GC prints "def new generation total …K, used …K" and "tenured generation total …K, used …K".
      const info = execFileSync('jcmd', [String(server.pid), 'GC.heap_info'], { encoding: 'utf8' });
      const used = [...info.matchAll(/generation\s+total \d+K, used (\d+)K/g)].reduce((sum, m) => sum + Number(m[1]), 0);
      return (used * 1024) / 1e6;
    },
    async stop() {
      await close();
      await server.stop();
    },
  };
}

/** Whether the GraphSON copy of the files is missing or older than they are, so that load() writes it first. */
export function graphsonStale(files: readonly string[], cache: string): boolean {
  return !existsSync(cache) || files.some((f) => statSync(f).mtimeMs > statSync(cache).mtimeMs);
}

/** The Neptune CSV files as a GraphSON adjacency file, through the embedded loader (so both engines hold one graph). */
async function writeGraphSON(files: readonly string[], cache: string): Promise<void> {
  process.stderr.write(`writing ${cache} for TinkerGraph\n`);
  const graph = new Graph();
  await loadNeptuneCsv(graph, [...files]);
  // A run stopped half-way leaves no half file to be taken as the cache; the pid keeps two runs' files apart.
  writeAdjacency(graph, `${cache}.${process.pid}.tmp`);
  renameSync(`${cache}.${process.pid}.tmp`, cache);
}

/** -Xmx for a graph of `edges` edges: about 2.5 KB an edge with room to spare, 1 to 16 GB. */
export const heapFor = (edges: number) => `${Math.min(16, Math.max(1, Math.ceil((edges * 2500) / 1e9)))}g`;
