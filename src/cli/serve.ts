import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { GraphQLSchema } from 'graphql';
import { loadNeptuneCsv } from '../embedded/import/neptune-csv';
import { loadProgress } from './load-progress';
import { logger } from '../logger';
import { generateSocialGraph } from '../sample/social-graph';
import { loadConnectionConfig, type ConnectionConfig } from '../neptune/config';
import { LIMIT_SETTINGS, SERVER_SETTINGS } from '../gateway/settings';
import { CONNECTION_SETTINGS } from '../neptune/settings';
import { SECURITY_SETTINGS } from '../security/settings';
import { serve, type Nereid } from '../serve';
import { TypedSchemaError, buildTypedSchema } from '../gateway/typed-schema';
import { startTracing } from './tracing';
import { addDataDirOption, openEmbeddedGraph } from './data-dir';
import { addMaxMemoryOption, ensureHeap } from './heap';
import { addSettingOptions, collect, settingOptionsFrom, wholeNumber } from './options';

interface ServeFlags {
  port: string;
  host: string;
  load?: string[];
  empty?: boolean;
  stats?: boolean;
  federation?: boolean;
  schema?: string;
  dataDir?: string;
  maxMemory?: string;
}

/**
 * `nereid serve`: the GraphQL gateway. With no Gremlin endpoint configured it starts the embedded graph, filled
 * with the sample social graph (unless `--empty`) and any `--load`ed Neptune CSV files.
 */
export function serveCommand(): Command {
  const command = new Command('serve')
    .description('serve the GraphQL API over Neptune, a Gremlin server, or the embedded graph')
    .option('-p, --port <port>', 'HTTP port (env PORT)', process.env.PORT ?? '4000')
    .option('--host <host>', 'interface to listen on', '0.0.0.0')
    .option('--load <file>', 'Neptune bulk-load CSV file for the embedded graph (repeatable)', collect)
    .option('--empty', 'start the embedded graph without the sample data')
    .option('--stats', 'report Gremlin requests and time in extensions.gremlin (default: on outside production)')
    .option('--no-stats', 'never report them')
    .option('--schema <file>', 'typed schema: SDL with @vertex/@edge/@property/@id/@gremlin, served beside the generic API (see docs/typed-schemas.md)')
    .option('--federation', 'serve as an Apollo Federation 2 subgraph (@key on Vertex, Edge and typed types; _service, _entities)');
  addDataDirOption(command);
  addMaxMemoryOption(command);
  for (const settings of [SERVER_SETTINGS, CONNECTION_SETTINGS, LIMIT_SETTINGS, SECURITY_SETTINGS]) addSettingOptions(command, settings);
  return command.action(async (flags: ServeFlags) => {
    const port = wholeNumber(command, '--port', flags.port, 0, 65535);
    await ensureHeap(command, flags);
    const server = settingOptionsFrom(flags, SERVER_SETTINGS);
    const connection = settingOptionsFrom(flags, CONNECTION_SETTINGS);
    const limits = settingOptionsFrom(flags, LIMIT_SETTINGS);
    // --data-dir asks for the embedded graph as explicitly as --embedded does, production or not.
    const security = { ...(flags.dataDir !== undefined ? { embedded: true } : {}), ...settingOptionsFrom(flags, SECURITY_SETTINGS) };
    const load = flags.load ?? [];
    const federation = flags.federation === true;
    const embeddedGraph = () =>
      openEmbeddedGraph({
        dataDir: flags.dataDir,
        seeds: load,
        seed: async (graph) => {
          if (!flags.empty) logger.info(generateSocialGraph(graph), 'embedded graph: sample social graph generated');
          if (load.length > 0) {
            const loaded = await loadNeptuneCsv(graph, load, { onProgress: loadProgress() });
            logger.info({ vertices: loaded.vertices, edges: loaded.edges, files: load }, 'embedded graph: CSV loaded');
          }
        },
      });
    const stopTracing = startTracing(process.env);
    const schema = flags.schema === undefined ? undefined : typedSchema(flags.schema, federation, (message) => command.error(message));
    const nereid = await serve({ port, host: flags.host, connection, limits, embeddedGraph, schema, stats: flags.stats, federation, server, security }).catch(
      (err: NodeJS.ErrnoException) => {
        // Most often a second `npm start`: say which setting to change rather than Node's "listen EADDRINUSE".
        if (err.code === 'EADDRINUSE') command.error(`error: port ${port} is in use on ${flags.host}; stop what holds it, or choose another with --port or PORT`);
        throw err;
      },
    );
    if (load.length > 0 && !nereid.embeddedGremlinUrl) logger.warn('--load only fills the embedded graph; ignored with a configured endpoint');
    if (flags.dataDir !== undefined && !nereid.embeddedGremlinUrl) logger.warn('--data-dir only keeps the embedded graph; ignored with a configured endpoint');
    logger.info({ url: nereid.url, gremlin: nereid.embeddedGremlinUrl ?? 'configured endpoint' }, 'nereid is serving');
    process.stdout.write(`\nnereid GraphQL API ready at ${nereid.url}\n\n`);
    if (!nereid.embeddedGremlinUrl) void warnIfUnreachable(nereid, endpointsOf(loadConnectionConfig(process.env, connection)));
    // Graceful (see Gateway.stop): exit 0 once in-flight requests have finished and connections closed.
    const stop = () => {
      void nereid
        .stop()
        .then(() => stopTracing?.())
        .then(
          () => process.exit(0),
          (err: unknown) => {
            logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * A mistyped host name or a closed security group would otherwise show only as BACKEND_UNAVAILABLE on the
 * first query; the gateway keeps serving, since the database may simply not be up yet.
 */
async function warnIfUnreachable(nereid: Nereid, endpoints: string): Promise<void> {
  try {
    await nereid.ping();
  } catch (err) {
    process.stderr.write(
      `nereid: warning: the Gremlin endpoint (${endpoints}) does not answer: ${(err as Error).message}. ` +
        'Queries fail with BACKEND_UNAVAILABLE and /ready answers 503 until it does.\n',
    );
  }
}

function endpointsOf(config: ConnectionConfig): string {
  return config.reader ? `${config.writer.url}, reader ${config.reader.url}` : config.writer.url;
}

/** Built before anything starts, so a schema mistake is reported (with its lines) without loading data first. */
function typedSchema(file: string, federation: boolean, fail: (message: string) => never): GraphQLSchema {
  let sdl: string;
  try {
    sdl = readFileSync(file, 'utf8');
  } catch (err) {
    return fail(`--schema: cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return buildTypedSchema(sdl, file, { federation });
  } catch (err) {
    if (err instanceof TypedSchemaError) return fail(err.message);
    throw err;
  }
}
