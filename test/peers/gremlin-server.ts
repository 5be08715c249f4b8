import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Serializer } from '../../src/neptune/config';

/**
 * Apache TinkerPop's own Gremlin Server (3.7, TinkerGraph) as a test peer: resolved by Maven into ~/.m2 by
 * `test/peers/prepare`, started on a free loopback port with a graph configured as close to Neptune as
 * TinkerGraph allows, stopped like the embedded server.
 */
export const PEERS_DIR = __dirname;
export const TINKERPOP_VERSION = /<tinkerpop\.version>([^<]+)</.exec(readFileSync(join(__dirname, 'pom.xml'), 'utf8'))![1];

export interface ReferenceServer {
  /** ws://127.0.0.1:PORT/gremlin */
  readonly url: string;
  /** http://127.0.0.1:PORT/gremlin (POST a script: `{ gremlin, language: 'gremlin-lang' }`). */
  readonly httpUrl: string;
  readonly port: number;
  /** The JVM's process id (benchmarks read its RSS). */
  readonly pid: number;
  /** From spawning the JVM to the server listening. */
  readonly startMs: number;
  stop(): Promise<void>;
}

const run = promisify(execFile);

/** The first of `tools` not on the PATH, or undefined when all are. */
export function missingTool(tools: readonly string[]): string | undefined {
  return tools.find((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
}

/**
 * `describe` for suites needing external tools (Java, Maven, Python): skipped with a line saying why where one
 * is absent, except in CI (`CI` or `NEREID_PEERS_REQUIRED` set), where .ci/run installs them and a missing one must fail the run.
 */
export function describeWithTools(tools: readonly string[]): jest.Describe {
  const missing = missingTool(tools);
  if (!missing || process.env.CI || process.env.NEREID_PEERS_REQUIRED) return describe;
  console.warn(`test/peers: skipped, ${missing} is not installed (the peers need ${tools.join(', ')})`);
  return describe.skip;
}

/** Runs test/peers/prepare for the given steps (quick when already done); rejects with its output. */
export async function preparePeers(...steps: ('tinkerpop' | 'janusgraph' | 'python')[]): Promise<void> {
  try {
    await run(join(PEERS_DIR, 'prepare'), steps, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`test/peers/prepare ${steps.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/**
 * Neptune's choices where TinkerGraph has a setting: ids of any type given by the client, UUID strings when
 * none is given (java/NeptuneIdManager.java), `set` cardinality by default, and one transaction per request (TinkerTransactionGraph, which Gremlin
 * Server commits after a request and rolls back on error, as Neptune does).
 */
const TINKERGRAPH_PROPERTIES = `gremlin.graph=org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerTransactionGraph
gremlin.tinkergraph.vertexIdManager=nereid.peers.NeptuneIdManager
gremlin.tinkergraph.edgeIdManager=nereid.peers.NeptuneIdManager
gremlin.tinkergraph.defaultVertexPropertyCardinality=set
`;

function serverYaml(port: number, graphPropertiesFile: string): string {
  return `host: 127.0.0.1
port: ${port}
evaluationTimeout: 30000
maxContentLength: 67108864
channelizer: org.apache.tinkerpop.gremlin.server.channel.WsAndHttpChannelizer
graphManager: nereid.peers.NereidGraphManager
graphs: { graph: ${JSON.stringify(graphPropertiesFile)} }
scriptEngines: { gremlin-lang: {} }
serializers:
  - { className: org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1 }
  - { className: org.apache.tinkerpop.gremlin.util.ser.GraphSONMessageSerializerV3, config: { ioRegistries: [org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerIoRegistryV3] } }
`;
}

/**
 * JanusGraph 1.1 (TinkerPop 3.7.3) with its in-memory backend, as close to Neptune as it allows: vertex ids
 * given by the client as strings (`set-vertex-id` with custom id types), `set` cardinality for keys made on
 * first use (janusgraph/NeptuneSchemaMaker.java), a UUID string for a vertex added without an id
 * (janusgraph/NeptuneIdStrategy.java), one transaction per request (Gremlin Server commits after each), and
 * traversals evaluated lazily as TinkerGraph and Neptune do: JanusGraph's batched queries (`query.batch`, on by
 * default) put barriers into repeat(), so an unbounded `repeat(out()).emit()...limit(4)` over a cycle never
 * ends (test/typed/gremlin-bounds.test.ts ran into its timeout). Edge
 * ids stay JanusGraph's own: it refuses client-given edge ids, and sends them as its RelationIdentifier type,
 * registered for GraphSON 3 by JanusGraph's IoRegistry (the JavaScript driver's GraphBinary reader has no
 * custom types, so the gateway talks GraphSON to it).
 */
const JANUSGRAPH_PROPERTIES = `gremlin.graph=org.janusgraph.core.JanusGraphFactory
storage.backend=inmemory
graph.set-vertex-id=true
graph.allow-custom-vid-types=true
schema.default=nereid.peers.janusgraph.NeptuneSchemaMaker
query.batch.enabled=false
`;

function janusGraphYaml(port: number, graphPropertiesFile: string): string {
  return serverYaml(port, graphPropertiesFile)
    .replace('nereid.peers.NereidGraphManager', 'nereid.peers.janusgraph.JanusGraphManager')
    .replace(/^serializers:[\s\S]*$/m, `serializers:
  - { className: org.apache.tinkerpop.gremlin.util.ser.GraphSONMessageSerializerV3, config: { ioRegistries: [org.janusgraph.graphdb.tinkerpop.JanusGraphIoRegistry] } }
`);
}

/** Starts JanusGraph's Gremlin Server (running `prepare tinkerpop janusgraph` first) and resolves once it listens. */
export async function startJanusGraph(): Promise<ReferenceServer> {
  await preparePeers('tinkerpop', 'janusgraph');
  const work = join(PEERS_DIR, '.work');
  return startReferenceServer({
    classpath: [readFileSync(join(work, 'janusgraph.classpath'), 'utf8').trim(), join(work, 'classes'), join(work, 'janusgraph-classes')].join(':'),
    graphProperties: JANUSGRAPH_PROPERTIES,
    yaml: janusGraphYaml,
    heap: '1g',
  });
}

/** The servers the gateway's HTTP suites can run against instead of the embedded one (NEREID_TEST_BACKEND). */
export type RemoteBackend = 'tinkerpop' | 'janusgraph';

export function testBackend(): 'embedded' | RemoteBackend {
  const name = process.env.NEREID_TEST_BACKEND;
  return name === 'tinkerpop' || name === 'janusgraph' ? name : 'embedded';
}

/** The wire format spoken to a backend: GraphSON for JanusGraph, whose edge ids are a custom GraphBinary type. */
export function wireFormat(backend: RemoteBackend): Serializer {
  return backend === 'janusgraph' ? 'graphson' : 'graphbinary';
}

export function startBackendServer(backend: RemoteBackend): Promise<ReferenceServer> {
  return backend === 'janusgraph' ? startJanusGraph() : startReferenceServer();
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface StartOptions {
  /** Classpath file under test/peers/.work and extra entries; defaults to the TinkerPop server. */
  readonly classpath?: string;
  /** Contents of the graph's properties file; defaults to the Neptune-like TinkerGraph. */
  readonly graphProperties?: string;
  /** The server YAML given its port and the graph properties file; defaults to TinkerPop's. */
  readonly yaml?: (port: number, graphPropertiesFile: string) => string;
  readonly heap?: string;
}

/** Starts the reference server (running `prepare tinkerpop` first) and resolves once it listens. */
export async function startReferenceServer(options: StartOptions = {}): Promise<ReferenceServer> {
  if (!options.classpath) await preparePeers('tinkerpop');
  const classpath = options.classpath ?? [readFileSync(join(PEERS_DIR, '.work', 'tinkerpop.classpath'), 'utf8').trim(), join(PEERS_DIR, '.work', 'classes')].join(':');
  // A port taken between picking and binding is retried with another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(classpath, options);
    } catch (err) {
      if (attempt >= 3 || !/Address already in use/.test(String(err))) throw err;
    }
  }
}

async function startOnce(classpath: string, options: StartOptions): Promise<ReferenceServer> {
  const dir = mkdtempSync(join(tmpdir(), 'nereid-peer-'));
  const port = await freePort();
  const propertiesFile = join(dir, 'graph.properties');
  writeFileSync(propertiesFile, options.graphProperties ?? TINKERGRAPH_PROPERTIES);
  writeFileSync(join(dir, 'server.yaml'), (options.yaml ?? serverYaml)(port, propertiesFile));
  const started = Date.now();
  const child = spawn(
    'java',
    [`-Xmx${options.heap ?? '768m'}`, '-XX:+UseSerialGC', '-cp', classpath, 'org.apache.tinkerpop.gremlin.server.GremlinServer', join(dir, 'server.yaml')],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const log: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      const onData = (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          log.push(line);
          if (log.length > 200) log.shift();
          if (/Channel started at port/.test(line)) resolve();
          if (/Address already in use|BindException/.test(line)) reject(new Error(`Address already in use: ${port}`));
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`gremlin server exited (${code}) before listening:\n${log.slice(-40).join('\n')}`)));
    });
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    process.off('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const startMs = Date.now() - started;
  // The log keeps flowing; drain it so the pipe never blocks the server.
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url: `ws://127.0.0.1:${port}/gremlin`,
    httpUrl: `http://127.0.0.1:${port}/gremlin`,
    port,
    pid: child.pid!,
    startMs,
    async stop() {
      await stopChild(child, exited);
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  // Gremlin Server closes its graphs on SIGTERM; one that hangs is killed rather than left behind.
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
