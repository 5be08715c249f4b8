import { Command } from 'commander';
import { GremlinClient } from '../neptune/client';
import { exportGraph } from '../transfer/export';
import { Progress } from '../transfer/progress';
import { configFrom } from './endpoint';
import { CONNECTION_SETTINGS } from '../neptune/settings';
import { addSettingOptions, wholeNumber } from './options';

interface ExportFlags {
  output?: string;
  gzip?: boolean;
  pageSize: string;
}

const DETAILS = `
Writes one Neptune bulk-load CSV file per vertex label (vertices-LABEL.csv) and per edge label
(edges-LABEL.csv), with typed headers (name:Int, name:String[] for several values, ...), exact ids and labels.
nereid load, nereid serve --load and Neptune's bulk loader take them back as they are.

Examples:
  nereid export --gremlin-endpoint ws://localhost:8182/gremlin -o backup/
  nereid export --neptune-endpoint my-db.cluster-abc.us-east-1.neptune.amazonaws.com --neptune-iam-auth true -o backup/ --gzip
`;

/** `nereid export`: the graph behind a Gremlin endpoint as Neptune bulk-load CSV (src/transfer/export.ts). */
export function exportCommand(): Command {
  const command = new Command('export')
    .description('write the graph of a Gremlin endpoint as Neptune bulk-load CSV files')
    .option('-o, --output <dir>', 'directory to write the files to (created if needed)')
    .option('--gzip', 'write .csv.gz files')
    .option('--page-size <n>', 'elements per request', '2000')
    .addHelpText('after', DETAILS);
  addSettingOptions(command, CONNECTION_SETTINGS);
  return command.action(async (flags: ExportFlags) => {
    const pageSize = wholeNumber(command, '--page-size', flags.pageSize, 1, 100_000);
    if (!flags.output) command.error('error: -o DIR is required: the directory to write the CSV files to');
    const client = GremlinClient.create(configFrom(command, flags));
    const progress = new Progress(process.stderr, 'elements');
    try {
      const result = await exportGraph(client, { dir: flags.output!, gzip: flags.gzip === true, pageSize, progress });
      const total = result.vertices + result.edges;
      progress.finish({ phase: 'done', done: total, fraction: 1 });
      const rate = Math.round(total / Math.max(result.ms / 1000, 1e-3));
      process.stderr.write(
        `nereid: exported ${result.vertices.toLocaleString('en-US')} vertices and ${result.edges.toLocaleString('en-US')} edges ` +
          `to ${result.files.length} file${result.files.length === 1 ? '' : 's'} in ${flags.output} in ${(result.ms / 1000).toFixed(1)} s (${rate.toLocaleString('en-US')} elements/s)\n`,
      );
    } finally {
      await client.close();
    }
  });
}
