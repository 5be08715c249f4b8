/**
 * The connection settings, each settable by environment variable or by the same option on the command line
 * (the command line wins). This list is the single source of truth: `renderSettingsTable()` prints the table
 * below, and a test fails when the two differ, so the README can link here or embed the generated table.
 *
 * <!-- settings-table:start -->
 * | Variable | CLI flag | Default | Meaning |
 * |---|---|---|---|
 * | `NEPTUNE_ENDPOINT` | `--neptune-endpoint` |  | Neptune writer (cluster) endpoint host name, e.g. `my-db.cluster-abc123.us-east-1.neptune.amazonaws.com`. Always reached over TLS (`wss://HOST:PORT/gremlin`). Writes and, without a reader, reads go here. |
 * | `NEPTUNE_READER_ENDPOINT` | `--neptune-reader-endpoint` |  | Neptune reader endpoint host name; reads go here when set. |
 * | `NEPTUNE_PORT` | `--neptune-port` | `8182` | Port of both Neptune endpoints. |
 * | `NEPTUNE_IAM_AUTH` | `--neptune-iam-auth` | `false` | Sign every WebSocket upgrade with SigV4 (service `neptune-db`), credentials from the AWS default provider chain. Also applies to `GREMLIN_ENDPOINT`. |
 * | `AWS_REGION` | `--aws-region` | from the endpoint host name | Region used in the SigV4 signature; required with IAM auth unless the Neptune host name contains it. |
 * | `GREMLIN_ENDPOINT` | `--gremlin-endpoint` |  | URL of any TinkerPop Gremlin Server, `ws://HOST:PORT/gremlin` or `wss://...` (a URL without path gets `/gremlin`). Instead of `NEPTUNE_ENDPOINT`. |
 * | `GREMLIN_READER_ENDPOINT` | `--gremlin-reader-endpoint` |  | URL of a read replica of `GREMLIN_ENDPOINT`; reads go here when set. |
 * | `GREMLIN_SERIALIZER` | `--gremlin-serializer` | `graphbinary` | Wire format: `graphbinary` (GraphBinary 1.0) or `graphson` (GraphSON 3.0). |
 * | `GREMLIN_TIMEOUT_MS` | `--gremlin-timeout-ms` | `30000` | Per-request `evaluationTimeout` sent to the server; the client gives up a little later. |
 * | `GREMLIN_POOL_SIZE` | `--gremlin-pool-size` | `4` | WebSocket connections per endpoint; requests are multiplexed over them, least busy first. |
 * | `GREMLIN_MAX_RETRIES` | `--gremlin-max-retries` | `3` | Retries after the first attempt, for the errors Neptune documents as retryable. `0` disables retries. |
 * | `GREMLIN_RETRY_BASE_MS` | `--gremlin-retry-base-ms` | `100` | Backoff base: retry n waits a random time in [0, min(max delay, base * 2^n)]. |
 * | `GREMLIN_RETRY_MAX_DELAY_MS` | `--gremlin-retry-max-delay-ms` | `2000` | Backoff cap for one wait. |
 * | `GREMLIN_TLS_CA_FILE` | `--gremlin-tls-ca-file` |  | PEM file of extra certificate authorities to trust for `wss://` (Neptune's certificates chain to Amazon's public roots, so this is only needed behind a proxy or tunnel). |
 * | `GREMLIN_TLS_REJECT_UNAUTHORIZED` | `--gremlin-tls-reject-unauthorized` | `true` | Set `false` only for local testing against self-signed certificates. |
 * <!-- settings-table:end -->
 */

export interface ConnectionSetting {
  /** Environment variable name. */
  readonly env: string;
  /** Key in the options object the CLI passes to `loadConnectionConfig`. */
  readonly option: keyof ConnectionOptions;
  readonly flag: string;
  /** Default as shown to users; empty when there is none. */
  readonly default: string;
  readonly description: string;
}

/** Raw values as the CLI passes them; anything left undefined falls back to the environment, then the default. */
export interface ConnectionOptions {
  neptuneEndpoint?: string;
  neptuneReaderEndpoint?: string;
  neptunePort?: string | number;
  iamAuth?: string | boolean;
  region?: string;
  gremlinEndpoint?: string;
  gremlinReaderEndpoint?: string;
  serializer?: string;
  timeoutMs?: string | number;
  poolSize?: string | number;
  maxRetries?: string | number;
  retryBaseMs?: string | number;
  retryMaxDelayMs?: string | number;
  tlsCaFile?: string;
  tlsRejectUnauthorized?: string | boolean;
}

function setting(env: string, option: keyof ConnectionOptions, dflt: string, description: string): ConnectionSetting {
  const flag = '--' + env.toLowerCase().replace(/_/g, '-');
  return { env, option, flag, default: dflt, description };
}

export const CONNECTION_SETTINGS: readonly ConnectionSetting[] = [
  setting('NEPTUNE_ENDPOINT', 'neptuneEndpoint', '',
    'Neptune writer (cluster) endpoint host name, e.g. `my-db.cluster-abc123.us-east-1.neptune.amazonaws.com`. Always reached over TLS (`wss://HOST:PORT/gremlin`). Writes and, without a reader, reads go here.'),
  setting('NEPTUNE_READER_ENDPOINT', 'neptuneReaderEndpoint', '', 'Neptune reader endpoint host name; reads go here when set.'),
  setting('NEPTUNE_PORT', 'neptunePort', '`8182`', 'Port of both Neptune endpoints.'),
  setting('NEPTUNE_IAM_AUTH', 'iamAuth', '`false`',
    'Sign every WebSocket upgrade with SigV4 (service `neptune-db`), credentials from the AWS default provider chain. Also applies to `GREMLIN_ENDPOINT`.'),
  setting('AWS_REGION', 'region', 'from the endpoint host name',
    'Region used in the SigV4 signature; required with IAM auth unless the Neptune host name contains it.'),
  setting('GREMLIN_ENDPOINT', 'gremlinEndpoint', '',
    'URL of any TinkerPop Gremlin Server, `ws://HOST:PORT/gremlin` or `wss://...` (a URL without path gets `/gremlin`). Instead of `NEPTUNE_ENDPOINT`.'),
  setting('GREMLIN_READER_ENDPOINT', 'gremlinReaderEndpoint', '',
    'URL of a read replica of `GREMLIN_ENDPOINT`; reads go here when set.'),
  setting('GREMLIN_SERIALIZER', 'serializer', '`graphbinary`',
    'Wire format: `graphbinary` (GraphBinary 1.0) or `graphson` (GraphSON 3.0).'),
  setting('GREMLIN_TIMEOUT_MS', 'timeoutMs', '`30000`',
    'Per-request `evaluationTimeout` sent to the server; the client gives up a little later.'),
  setting('GREMLIN_POOL_SIZE', 'poolSize', '`4`',
    'WebSocket connections per endpoint; requests are multiplexed over them, least busy first.'),
  setting('GREMLIN_MAX_RETRIES', 'maxRetries', '`3`',
    'Retries after the first attempt, for the errors Neptune documents as retryable. `0` disables retries.'),
  setting('GREMLIN_RETRY_BASE_MS', 'retryBaseMs', '`100`',
    'Backoff base: retry n waits a random time in [0, min(max delay, base * 2^n)].'),
  setting('GREMLIN_RETRY_MAX_DELAY_MS', 'retryMaxDelayMs', '`2000`', 'Backoff cap for one wait.'),
  setting('GREMLIN_TLS_CA_FILE', 'tlsCaFile', '',
    "PEM file of extra certificate authorities to trust for `wss://` (Neptune's certificates chain to Amazon's public roots, so this is only needed behind a proxy or tunnel)."),
  setting('GREMLIN_TLS_REJECT_UNAUTHORIZED', 'tlsRejectUnauthorized', '`true`',
    'Set `false` only for local testing against self-signed certificates.'),
];

export function settingFor(option: keyof ConnectionOptions): ConnectionSetting {
  const found = CONNECTION_SETTINGS.find((s) => s.option === option);
  if (!found) throw new Error(`no connection setting for option ${option}`);
  return found;
}

/** The Markdown table of all settings, as embedded in this file's doc comment. */
export function renderSettingsTable(): string {
  const rows = CONNECTION_SETTINGS.map(
    (s) => `| \`${s.env}\` | \`${s.flag}\` | ${s.default} | ${s.description} |`,
  );
  return ['| Variable | CLI flag | Default | Meaning |', '|---|---|---|---|', ...rows].join('\n');
}
