// First: it loads graphql-js before any module that uses it (see the file).
import './graphql-mode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';

/**
 * The `nereid` command. Each subcommand lives in its own module and is registered here; modules export a
 * function returning a configured commander Command.
 */
const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };

const EXAMPLES = `
Examples:
  # the sample social graph at http://localhost:4000/graphql
  nereid serve
  # Neptune bulk-load CSV files in the embedded graph
  nereid serve --empty --load nodes.csv --load edges.csv
  # a Neptune cluster with IAM auth (every connection setting: nereid serve --help)
  nereid serve --neptune-endpoint my-db.cluster-abc123.us-east-1.neptune.amazonaws.com --neptune-iam-auth true
  # a typed schema inferred from the data, served beside the generic API (docs/typed-schemas.md)
  nereid infer-schema --load nodes.csv --load edges.csv -o schema.graphql
  nereid serve --empty --load nodes.csv --load edges.csv --schema schema.graphql
  # the embedded Gremlin Server alone, for any Gremlin client
  nereid gremlin-server --port 8182
  # Neptune bulk-load CSV into any Gremlin endpoint, and the graph back out as such files
  nereid load nodes.csv edges.csv --gremlin-endpoint ws://localhost:8182/gremlin
  nereid export --gremlin-endpoint ws://localhost:8182/gremlin -o backup/
`;

const program = new Command('nereid')
  .description('GraphQL gateway for Amazon Neptune and Apache TinkerPop Gremlin servers')
  .version(version)
  .addHelpText('after', EXAMPLES);

// Each loaded only when it runs (all of them for help or a mistyped name): `gremlin-server` would otherwise
// start by loading the GraphQL gateway, its tracing and the Gremlin driver, a third of a second of CPU.
const COMMANDS: Readonly<Record<string, () => Command>> = {
  serve: () => (require('./serve') as typeof import('./serve')).serveCommand(),
  'infer-schema': () => (require('./infer-schema') as typeof import('./infer-schema')).inferSchemaCommand(),
  'gremlin-server': () => (require('./gremlin-server') as typeof import('./gremlin-server')).gremlinServerCommand(),
  load: () => (require('./load') as typeof import('./load')).loadCommand(),
  export: () => (require('./export') as typeof import('./export')).exportCommand(),
};
const named = process.argv[2];
for (const name of Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS)) program.addCommand(COMMANDS[name]());

// Every failure is one line starting with the program's name: commander's usage errors ("error: unknown
// option") and the commands' own checks alike, as the runtime failures below are.
for (const command of [program, ...program.commands]) {
  command.configureOutput({ outputError: (text, write) => write(`nereid: ${text.replace(/^error: /, '')}`) });
}

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`nereid: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
