import { z } from 'zod';
import { boolean, setting, text, wholeNumber, type SettingOptions } from '../settings';

/**
 * The connection settings (see src/settings.ts for how a setting is read and documented). Every command that
 * talks to a Gremlin endpoint takes them; `loadConnectionConfig` (./config.ts) turns them into a connection.
 */

const hostLabel = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const hostName = z
  .string()
  .trim()
  .regex(new RegExp(`^${hostLabel}(?:\\.${hostLabel})*$`), {
    error:
      'expected a host name such as my-db.cluster-abc123.us-east-1.neptune.amazonaws.com, ' +
      'without scheme, port or path (a ws:// URL goes in GREMLIN_ENDPOINT)',
  });

/** A Gremlin Server URL's parts, as the connection signs and requests them. */
export interface WebSocketAddress {
  readonly host: string;
  readonly port: number;
  /** Path and query, e.g. `/gremlin`. */
  readonly path: string;
  readonly secure: boolean;
}

const webSocketUrl = z
  .string()
  .trim()
  .transform((value, ctx): WebSocketAddress => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected a URL such as ws://localhost:8182/gremlin' });
      return z.NEVER;
    }
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
      ctx.addIssue({ code: 'custom', message: 'expected a ws:// or wss:// URL' });
      return z.NEVER;
    }
    if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'credentials in the URL are not supported' });
      return z.NEVER;
    }
    const secure = url.protocol === 'wss:';
    const port = url.port ? Number(url.port) : secure ? 443 : 80;
    return { host: url.hostname, port, path: (url.pathname === '/' ? '/gremlin' : url.pathname) + url.search, secure };
  });

const serializer = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.enum(['graphbinary', 'graphson'], { error: 'expected graphbinary or graphson' }),
);

const region = z
  .string()
  .trim()
  .regex(/^[a-z]{2}(?:-[a-z]+)+-\d+$/, { error: 'expected an AWS region such as us-east-1' });

export const CONNECTION_SETTINGS = {
  neptuneEndpoint: setting({
    env: 'NEPTUNE_ENDPOINT', flag: '--neptune-endpoint', placeholder: '<host>', schema: hostName,
    description: 'Neptune writer (cluster) endpoint host name, e.g. `my-db.cluster-abc123.us-east-1.neptune.amazonaws.com`. Always reached over TLS (`wss://HOST:PORT/gremlin`). Writes and, without a reader, reads go here.',
  }),
  neptuneReaderEndpoint: setting({
    env: 'NEPTUNE_READER_ENDPOINT', flag: '--neptune-reader-endpoint', placeholder: '<host>', schema: hostName,
    description: 'Neptune reader endpoint host name; reads go here when set.',
  }),
  neptunePort: setting({
    env: 'NEPTUNE_PORT', flag: '--neptune-port', placeholder: '<port>', schema: wholeNumber(1, 65535), default: 8182,
    description: 'Port of both Neptune endpoints.',
  }),
  iamAuth: setting({
    env: 'NEPTUNE_IAM_AUTH', flag: '--neptune-iam-auth', placeholder: '<true|false>', schema: boolean, default: false,
    description: 'Sign every WebSocket upgrade with SigV4 (service `neptune-db`), credentials from the AWS default provider chain. Also applies to `GREMLIN_ENDPOINT`.',
  }),
  region: setting({
    env: 'AWS_REGION', flag: '--aws-region', placeholder: '<region>', schema: region, defaultText: 'from the endpoint host name',
    description: 'Region used in the SigV4 signature; required with IAM auth unless the Neptune host name contains it.',
  }),
  gremlinEndpoint: setting({
    env: 'GREMLIN_ENDPOINT', flag: '--gremlin-endpoint', placeholder: '<url>', schema: webSocketUrl,
    description: 'URL of any TinkerPop Gremlin Server, `ws://HOST:PORT/gremlin` or `wss://...` (a URL without path gets `/gremlin`). Instead of `NEPTUNE_ENDPOINT`.',
  }),
  gremlinReaderEndpoint: setting({
    env: 'GREMLIN_READER_ENDPOINT', flag: '--gremlin-reader-endpoint', placeholder: '<url>', schema: webSocketUrl,
    description: 'URL of a read replica of `GREMLIN_ENDPOINT`; reads go here when set.',
  }),
  serializer: setting({
    env: 'GREMLIN_SERIALIZER', flag: '--gremlin-serializer', placeholder: '<format>', schema: serializer, default: 'graphbinary' as const,
    description: 'Wire format: `graphbinary` (GraphBinary 1.0) or `graphson` (GraphSON 3.0).',
  }),
  timeoutMs: setting({
    env: 'GREMLIN_TIMEOUT_MS', flag: '--gremlin-timeout-ms', placeholder: '<ms>', schema: wholeNumber(1, 86_400_000), default: 30_000,
    description: 'Per-request `evaluationTimeout` sent to the server; the client gives up a little later.',
  }),
  poolSize: setting({
    env: 'GREMLIN_POOL_SIZE', flag: '--gremlin-pool-size', placeholder: '<n>', schema: wholeNumber(1, 64), default: 4,
    description: 'WebSocket connections per endpoint; requests are multiplexed over them, least busy first.',
  }),
  maxRetries: setting({
    env: 'GREMLIN_MAX_RETRIES', flag: '--gremlin-max-retries', placeholder: '<n>', schema: wholeNumber(0, 10), default: 3,
    description: 'Retries after the first attempt, for the errors Neptune documents as retryable. `0` disables retries.',
  }),
  retryBaseMs: setting({
    env: 'GREMLIN_RETRY_BASE_MS', flag: '--gremlin-retry-base-ms', placeholder: '<ms>', schema: wholeNumber(1, 60_000), default: 100,
    description: 'Backoff base: retry n waits a random time in [0, min(max delay, base * 2^n)].',
  }),
  retryMaxDelayMs: setting({
    env: 'GREMLIN_RETRY_MAX_DELAY_MS', flag: '--gremlin-retry-max-delay-ms', placeholder: '<ms>', schema: wholeNumber(1, 300_000), default: 2_000,
    description: 'Backoff cap for one wait.',
  }),
  tlsCaFile: setting({
    env: 'GREMLIN_TLS_CA_FILE', flag: '--gremlin-tls-ca-file', placeholder: '<file>', schema: text,
    description: "PEM file of extra certificate authorities to trust for `wss://` (Neptune's certificates chain to Amazon's public roots, so this is only needed behind a proxy or tunnel).",
  }),
  tlsRejectUnauthorized: setting({
    env: 'GREMLIN_TLS_REJECT_UNAUTHORIZED', flag: '--gremlin-tls-reject-unauthorized', placeholder: '<true|false>', schema: boolean, default: true,
    description: 'Set `false` only for local testing against self-signed certificates.',
  }),
};

/** Raw values as the CLI passes them; anything left undefined falls back to the environment, then the default. */
export type ConnectionOptions = SettingOptions<typeof CONNECTION_SETTINGS>;
