import { Command, Option } from 'commander';
import { extname } from 'node:path';
import { loadNeptuneCsv } from '../embedded/import/neptune-csv';
import { loadProgress } from './load-progress';
import { loadGraphSONAdjacency } from '../embedded/io';
import { startGremlinServer, type GremlinServerOptions } from '../embedded/server';
import { NEPTUNE, TINKERGRAPH, type Graph } from '../embedded/structure';
import { createRegistry } from '../gateway/metrics';
import { logger } from '../logger';
import { addDataDirOption, openEmbeddedGraph } from './data-dir';
import { addMaxMemoryOption, ensureHeap } from './heap';
import { collect, wholeNumber } from './options';

interface GremlinServerFlags {
  port: string;
  host: string;
  load?: string[];
  profile: 'neptune' | 'tinkergraph';
  timeout: string;
  materializeProperties: 'tokens' | 'all';
  iamRegion?: string;
  iamAccessKeyId?: string;
  iamSecretAccessKey?: string;
  iamSessionToken?: string;
  dataDir?: string;
  maxMemory?: string;
  latencyMs: string;
}

/**
 * `nereid gremlin-server`: the embedded Gremlin Server on its own, for the driver, the Gremlin console or any
 * TinkerPop client. `--load` fills the graph from Neptune bulk-load CSV files (.csv) and TinkerPop GraphSON
 * adjacency files (.json). With `--iam-region` every WebSocket upgrade and HTTP request must carry a SigV4
 * signature made with the given key pair (by default the AWS_* variables a client would sign with).
 */
export function gremlinServerCommand(): Command {
  const command = new Command('gremlin-server')
    .description('run the embedded, Neptune-compatible Gremlin Server (ws://HOST:PORT/gremlin, and HTTP POST /gremlin)')
    .option('-p, --port <port>', 'port to listen on (0 picks a free one)', '8182')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--load <file>', 'Neptune CSV (.csv) or GraphSON adjacency (.json) file to load (repeatable)', collect)
    .addOption(new Option('--profile <profile>', 'graph semantics').choices(['neptune', 'tinkergraph']).default('neptune'))
    .option('--timeout <ms>', 'default evaluationTimeout in milliseconds (0: none)', '120000')
    .addOption(
      new Option('--materialize-properties <mode>', 'elements as references (Neptune) or with their properties')
        .choices(['tokens', 'all'])
        .default('tokens'),
    )
    .option('--iam-region <region>', 'require SigV4 (service neptune-db) signed for this region')
    .option('--iam-access-key-id <id>', 'access key clients sign with (env AWS_ACCESS_KEY_ID)')
    .option('--iam-secret-access-key <secret>', 'its secret (env AWS_SECRET_ACCESS_KEY)')
    .option('--iam-session-token <token>', 'session token of temporary credentials (env AWS_SESSION_TOKEN)')
    .option('--latency-ms <ms>', 'delay before each WebSocket response frame, to model a network round trip (benchmarks)', '0');
  addDataDirOption(command);
  addMaxMemoryOption(command);

  return command.action(async (flags: GremlinServerFlags) => {
    const port = wholeNumber(command, '--port', flags.port, 0, 65535);
    const timeout = wholeNumber(command, '--timeout', flags.timeout, 0, 2 ** 31 - 1);
    const latencyMs = wholeNumber(command, '--latency-ms', flags.latencyMs, 0, 60_000);
    await ensureHeap(command, flags);

    const graph = await openEmbeddedGraph({
      dataDir: flags.dataDir,
      profile: flags.profile === 'tinkergraph' ? TINKERGRAPH : NEPTUNE,
      seeds: flags.load,
      seed: (g) => load(g, flags.load ?? []),
    });
    const server = await startGremlinServer({
      port,
      host: flags.host,
      graphs: { g: graph },
      // Process metrics (memory, CPU, event loop) beside the server's own, at GET /metrics.
      metrics: createRegistry(),
      evaluationTimeoutMs: timeout,
      materializeProperties: flags.materializeProperties,
      iam: iamOption(flags, command),
      latencyMs,
      logger: logger.child({ component: 'gremlin-server' }),
    });
    const http = server.url.replace(/^ws:/, 'http:');
    process.stdout.write(`Gremlin Server ready at ${server.url} (${graph.vertexCount} vertices, ${graph.edgeCount} edges); HTTP: POST ${http}\n`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function load(graph: Graph, files: string[]): Promise<void> {
  const csv = files.filter((f) => extname(f).toLowerCase() === '.csv');
  const json = files.filter((f) => extname(f).toLowerCase() === '.json');
  const other = files.filter((f) => !csv.includes(f) && !json.includes(f));
  if (other.length > 0) throw new Error(`--load takes .csv (Neptune bulk-load) or .json (GraphSON adjacency) files, not ${other.join(', ')}`);
  for (const file of json) logger.info({ file, ...loadGraphSONAdjacency(graph, file) }, 'GraphSON loaded');
  if (csv.length > 0) {
    const { vertices, edges } = await loadNeptuneCsv(graph, csv, { onProgress: loadProgress() });
    logger.info({ files: csv, vertices, edges }, 'Neptune CSV loaded');
  }
}

function iamOption(flags: GremlinServerFlags, command: Command): GremlinServerOptions['iam'] {
  if (!flags.iamRegion) return undefined;
  const accessKeyId = flags.iamAccessKeyId ?? process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = flags.iamSecretAccessKey ?? process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    command.error('--iam-region needs a key pair: --iam-access-key-id and --iam-secret-access-key, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
  }
  const sessionToken = flags.iamSessionToken ?? process.env.AWS_SESSION_TOKEN;
  return { region: flags.iamRegion, credentials: [{ accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }] };
}
