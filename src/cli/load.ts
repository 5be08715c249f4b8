import { Command } from 'commander';
import { CsvLoadError } from '../embedded/import/load-error';
import { GremlinClient } from '../neptune/client';
import { LoadInterrupted, loadFiles } from '../transfer/load';
import { LoadStateError } from '../transfer/load-state';
import { Progress } from '../transfer/progress';
import { configFrom } from './endpoint';
import { runNeptuneLoader, type LoaderFlags } from './neptune-loader';
import { CONNECTION_SETTINGS } from '../neptune/settings';
import { addSettingOptions, wholeNumber } from './options';

interface LoadFlags {
  batchSize: string;
  concurrency: string;
  state: string;
  resume?: boolean;
  skipBad?: string;
  neptuneLoader?: string;
}

const DETAILS = `
Files are Neptune bulk-load CSV (the format of Neptune's loader and of nereid serve --load), plain or .gz,
vertex and edge files in any order: every vertex file loads before any edge file. Each batch is one request of
chained mergeV()/mergeE() steps (one transaction), so loading a row again changes nothing: an interrupted load
continues with --resume from the state file without duplicating anything.

Exit status: 0 when every row was loaded; 1 when the load stopped (a bad row, named with file and line, or the
endpoint failing); 2 when --skip-bad left rows out.

Examples:
  nereid load vertices.csv edges.csv --gremlin-endpoint ws://localhost:8182/gremlin
  nereid load nodes.csv.gz edges.csv.gz --neptune-endpoint my-db.cluster-abc.us-east-1.neptune.amazonaws.com --neptune-iam-auth true
`;

/** `nereid load`: Neptune bulk-load CSV into any Gremlin endpoint through batched upserts (src/transfer/load.ts). */
export function loadCommand(): Command {
  const command = new Command('load')
    .description('load Neptune bulk-load CSV files (vertices and edges, plain or gzip) into a Gremlin endpoint')
    .argument('[files...]', 'vertex and edge files, in any order')
    .option('--batch-size <n>', 'rows per request', '100')
    .option('--concurrency <n>', 'requests in flight at most', '4')
    .option('--state <file>', 'where progress is saved for --resume (removed once everything is loaded)', 'nereid-load.state.json')
    .option('--resume', 'continue an interrupted load from the state file')
    .option('--skip-bad <file>', 'write rows that cannot be loaded to this CSV file (file, line, reason, row) and go on')
    .option('--neptune-loader <s3-url>', "instead of files: start Neptune's bulk loader on s3://bucket/prefix, follow it and print its errors")
    .option('--iam-role-arn <arn>', 'with --neptune-loader: the IAM role, attached to the cluster, that reads the bucket')
    .option('--format <format>', 'with --neptune-loader: csv (Gremlin) or opencypher', 'csv')
    .option('--fail-on-error <true|false>', 'with --neptune-loader: stop the job at the first error', 'true')
    .option('--loader-poll-ms <ms>', 'with --neptune-loader: time between two status requests', '5000')
    .option('--errors-per-page <n>', "with --neptune-loader: error log entries per request (Neptune's limit: 500)", '100')
    .addHelpText('after', DETAILS);
  addSettingOptions(command, CONNECTION_SETTINGS);
  return command.action(async (files: string[], flags: LoadFlags) => {
    const batchSize = wholeNumber(command, '--batch-size', flags.batchSize, 1, 10_000);
    const concurrency = wholeNumber(command, '--concurrency', flags.concurrency, 1, 64);
    if (flags.neptuneLoader !== undefined) {
      if (files.length > 0) command.error('error: give files or --neptune-loader, not both');
      const loaderFlags = flags as unknown as LoaderFlags;
      const pollMs = wholeNumber(command, '--loader-poll-ms', loaderFlags.loaderPollMs, 1, 3_600_000);
      const errorsPerPage = wholeNumber(command, '--errors-per-page', loaderFlags.errorsPerPage, 1, 500);
      return runNeptuneLoader(command, loaderFlags, configFrom(command, flags), { pollMs, errorsPerPage });
    }
    if (files.length === 0) command.error('error: no files to load: name the vertex and edge CSV files (or --neptune-loader s3://...)');
    const client = GremlinClient.create(configFrom(command, flags));
    const progress = new Progress(process.stderr, 'elements');
    try {
      const result = await loadFiles(client, { files, batchSize, concurrency, statePath: flags.state, resume: flags.resume === true, skipBad: flags.skipBad, progress });
      const total = result.vertices + result.edges;
      progress.finish({ phase: 'done', done: total, fraction: 1 });
      const rate = Math.round(total / Math.max(result.ms / 1000, 1e-3));
      process.stderr.write(
        `nereid: loaded ${result.vertices.toLocaleString('en-US')} vertices and ${result.edges.toLocaleString('en-US')} edges ` +
          `from ${files.length} file${files.length === 1 ? '' : 's'} in ${(result.ms / 1000).toFixed(1)} s (${rate.toLocaleString('en-US')} elements/s)` +
          (result.resumed ? ', resuming an interrupted load' : '') +
          '\n',
      );
      if (result.skipped > 0) {
        process.stderr.write(`nereid: ${result.skipped} row${result.skipped === 1 ? '' : 's'} could not be loaded; written to ${flags.skipBad}\n`);
        process.exitCode = 2;
      }
    } catch (err) {
      if (err instanceof CsvLoadError || err instanceof LoadInterrupted || err instanceof LoadStateError) {
        process.stderr.write(`\nnereid: ${err.message}\n`);
        if (err instanceof CsvLoadError && err.line > 0) {
          process.stderr.write('nereid: the rows before it are loaded; fix the row and run the same command again (a row loaded twice changes nothing), or pass --skip-bad FILE\n');
        }
        process.exitCode = 1;
        return;
      }
      throw err;
    } finally {
      await client.close();
    }
  });
}
