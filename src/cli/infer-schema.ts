import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { loadNeptuneCsv } from '../embedded/import/neptune-csv';
import { startGremlinServer, type GremlinServer } from '../embedded/server';
import { Graph } from '../embedded/structure';
import { DEFAULT_SAMPLE_OPTIONS, inferGraphSchema, type Inference } from '../inference';
import { GremlinClient } from '../neptune/client';
import { isEndpointConfigured, loadConnectionConfig } from '../neptune/config';
import { CONNECTION_SETTINGS } from '../neptune/settings';
import { addSettingOptions, collect, settingOptionsFrom, wholeNumber } from './options';

interface InferFlags {
  sample: string;
  concurrency: string;
  output?: string;
  load?: string[];
}

const NO_ENDPOINT =
  'no Gremlin endpoint configured: set NEPTUNE_ENDPOINT or GREMLIN_ENDPOINT (or --neptune-endpoint / --gremlin-endpoint), ' +
  'or pass --load FILE to infer from Neptune CSV files loaded into an embedded graph';

const RULES = `
What is inferred (details in src/inference/model.ts, names.ts, scalars.ts):
  - one type per vertex label; a vertex labelled a::b counts as an a and as a b
  - a field per property key: Int (32-bit), Float (other numbers, longs included), Boolean, String, DateTime
    (dates), String for mixed values; a list when some sampled vertex holds several values; non-null when every
    sampled vertex has the key
  - relationship fields both ways for each (label, edge label, other label) seen: outgoing knows (or
    likesPost/likesComment when the edge label reaches several types), incoming personKnows
    (source type + edge label); edge properties as an object type named in @edge(properties:)
  - names: PascalCase types, camelCase fields (labels in capitals too: HAS_CREATOR gives hasCreator), numbered
    (Vertex2, knows2) where they would clash

Load on the server: one label scan per element kind, then at most --sample vertices per vertex label and edges
per edge label, ${DEFAULT_SAMPLE_OPTIONS.pageSize} per request, at most --concurrency requests in flight.
`;

/**
 * `nereid infer-schema`: samples a live graph (the configured endpoint, or Neptune CSV files `--load`ed into an
 * embedded graph) and writes a typed SDL schema to `-o FILE` or stdout. A summary goes to stderr, so stdout
 * holds nothing but the schema.
 */
export function inferSchemaCommand(): Command {
  const command = new Command('infer-schema')
    .description('write a typed GraphQL schema (@vertex/@edge/@property/@id) inferred from a sample of the graph')
    .option('--sample <n>', 'vertices per vertex label and edges per edge label to read at most', String(DEFAULT_SAMPLE_OPTIONS.perLabel))
    .option('--concurrency <n>', 'Gremlin requests in flight at most', String(DEFAULT_SAMPLE_OPTIONS.concurrency))
    .option('-o, --output <file>', 'write the schema here instead of stdout')
    .option('--load <file>', 'infer from this Neptune bulk-load CSV file in an embedded graph instead of an endpoint (repeatable)', collect)
    .addHelpText('after', RULES);
  addSettingOptions(command, CONNECTION_SETTINGS);
  return command.action(async (flags: InferFlags) => {
    const perLabel = wholeNumber(command, '--sample', flags.sample, 1, 10_000_000);
    const concurrency = wholeNumber(command, '--concurrency', flags.concurrency, 1, 16);
    const connection = settingOptionsFrom(flags, CONNECTION_SETTINGS);
    const load = flags.load ?? [];
    let embedded: GremlinServer | undefined;
    if (load.length > 0) {
      if (isEndpointConfigured(process.env, connection)) process.stderr.write('nereid: --load given: inferring from the loaded files, not the configured endpoint\n');
      const graph = new Graph();
      await loadNeptuneCsv(graph, load);
      embedded = await startGremlinServer({ graphs: { g: graph }, logLevel: 'silent' });
    } else if (!isEndpointConfigured(process.env, connection)) {
      command.error(`error: ${NO_ENDPOINT}`);
    }
    const config = embedded ? loadConnectionConfig({}, { gremlinEndpoint: embedded.url }) : loadConnectionConfig(process.env, connection);
    const client = GremlinClient.create(config);
    let inference: Inference;
    try {
      inference = await inferGraphSchema(client, { perLabel, concurrency });
    } finally {
      await client.close();
      await embedded?.close();
    }
    if (flags.output) await writeFile(flags.output, inference.sdl);
    else process.stdout.write(inference.sdl);
    const types = inference.schema.vertexTypes.length;
    process.stderr.write(
      `nereid: ${types} type${types === 1 ? '' : 's'} inferred with ${inference.requests} Gremlin requests in ${inference.ms} ms` +
        (flags.output ? `, written to ${flags.output}` : '') +
        '\n',
    );
    if (inference.labelsTruncated) process.stderr.write('nereid: warning: the graph has more labels than were read; some have no type\n');
  });
}
