import { Command } from 'commander';
import { gremlinServerCommand } from './gremlin-server';
import { inferSchemaCommand } from './infer-schema';
import { serveCommand } from './serve';

/**
 * The `nereid` command. Each subcommand lives in its own module and is registered here; modules export a
 * function returning a configured commander Command.
 */
const program = new Command('nereid')
  .description('GraphQL gateway for Amazon Neptune and Apache TinkerPop Gremlin servers')
  .showHelpAfterError();

program.addCommand(serveCommand());
program.addCommand(inferSchemaCommand());
program.addCommand(gremlinServerCommand());

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`nereid: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
