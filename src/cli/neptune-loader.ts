import type { Command } from 'commander';
import { CredentialCache, defaultCredentialProvider } from '../neptune/credentials';
import { regionInHostName, type ConnectionConfig } from '../neptune/config';
import { NeptuneLoader, LoaderError, errorCount, runLoaderJob, type LoaderJob } from '../transfer/neptune-loader';
import { Progress } from '../transfer/progress';

export interface LoaderFlags {
  neptuneLoader: string;
  iamRoleArn?: string;
  format: string;
  failOnError: string;
  loaderPollMs: string;
  errorsPerPage: string;
  awsRegion?: string;
}

const FORMATS = ['csv', 'opencypher'] as const;

/**
 * `nereid load --neptune-loader s3://bucket/prefix --iam-role-arn ARN`: Neptune's own bulk loader reads the
 * files from S3; this starts the job on the configured writer endpoint, shows its progress, and prints its
 * error log page by page. Exit status 0 only when the job completed without errors.
 */
export async function runNeptuneLoader(command: Command, flags: LoaderFlags, config: ConnectionConfig, numbers: { pollMs: number; errorsPerPage: number }): Promise<void> {
  if (!/^s3:\/\/[^/]+/.test(flags.neptuneLoader)) command.error(`error: --neptune-loader: expected s3://bucket/prefix, got "${flags.neptuneLoader}"`);
  if (!flags.iamRoleArn) command.error('error: --neptune-loader needs --iam-role-arn: the role, attached to the cluster, that Neptune assumes to read the bucket');
  if (!(FORMATS as readonly string[]).includes(flags.format)) command.error(`error: --format: expected csv or opencypher, got "${flags.format}"`);
  if (flags.failOnError !== 'true' && flags.failOnError !== 'false') command.error(`error: --fail-on-error: expected true or false, got "${flags.failOnError}"`);
  const region = config.region ?? flags.awsRegion ?? process.env.AWS_REGION ?? regionInHostName(config.writer.host);
  if (!region) command.error('error: --neptune-loader needs the region of the bucket and cluster: set --aws-region or AWS_REGION');

  let chain: ReturnType<typeof defaultCredentialProvider> | undefined;
  const cache = new CredentialCache(async () => (await (chain ??= defaultCredentialProvider()))());
  const loader = new NeptuneLoader({
    endpoint: config.writer,
    signing: config.iamAuth ? { region: config.region!, credentials: () => cache.get() } : undefined,
    tls: config.tls,
  });
  const job: LoaderJob = {
    source: flags.neptuneLoader,
    format: flags.format as LoaderJob['format'],
    iamRoleArn: flags.iamRoleArn!,
    region: region!,
    failOnError: flags.failOnError === 'true',
  };
  const progress = new Progress(process.stderr, 'records');
  let last: string | undefined;
  try {
    const { loadId, status } = await runLoaderJob(loader, job, {
      pollMs: numbers.pollMs,
      errorsPerPage: numbers.errorsPerPage,
      onStatus: (s) => {
        if (s.status !== last) process.stderr.write(`nereid: loader job: ${s.status}, ${s.totalRecords.toLocaleString('en-US')} records\n`);
        last = s.status;
        progress.update({ phase: s.status, done: s.totalRecords });
      },
      onErrors: (entries, page) => {
        process.stderr.write(`nereid: loader errors, page ${page}:\n`);
        for (const e of entries) process.stderr.write(`  ${e.fileName}:${e.recordNum}: ${e.errorCode}: ${e.errorMessage}\n`);
      },
    });
    progress.finish({ phase: status.status, done: status.totalRecords });
    const errors = errorCount(status);
    process.stderr.write(
      `nereid: loader job ${loadId}: ${status.status}, ${status.totalRecords.toLocaleString('en-US')} records, ` +
        `${status.totalDuplicates.toLocaleString('en-US')} duplicates, ${errors} error${errors === 1 ? '' : 's'} ` +
        `(parsing ${status.parsingErrors}, data type ${status.datatypeMismatchErrors}, insert ${status.insertErrors}) in ${status.totalTimeSpent} s\n`,
    );
    if (status.status !== 'LOAD_COMPLETED' || errors > 0) process.exitCode = 1;
  } catch (err) {
    if (!(err instanceof LoaderError)) throw err;
    process.stderr.write(`nereid: ${err.message}\n`);
    process.exitCode = 1;
  }
}
