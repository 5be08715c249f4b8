import fs from 'node:fs';
import { z } from 'zod';
import { ConnectionOptions, settingFor } from './settings';

export type { ConnectionOptions } from './settings';

/** Every variable and flag is documented in ./settings.ts. */

export type Serializer = 'graphbinary' | 'graphson';

export interface EndpointConfig {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Path and query, as signed and requested, e.g. `/gremlin`. */
  readonly path: string;
  readonly secure: boolean;
}

export interface ConnectionConfig {
  readonly writer: EndpointConfig;
  /** Reads go here when present; otherwise to the writer. */
  readonly reader?: EndpointConfig;
  readonly iamAuth: boolean;
  /** Set whenever `iamAuth` is. */
  readonly region?: string;
  readonly serializer: Serializer;
  readonly timeoutMs: number;
  readonly poolSize: number;
  readonly maxRetries: number;
  readonly retryBaseMs: number;
  readonly retryMaxDelayMs: number;
  readonly tls: { readonly ca?: string; readonly rejectUnauthorized: boolean };
}

/** A bad or missing setting; `setting` is the variable or flag the value came from. */
export class ConnectionConfigError extends Error {
  override readonly name = 'ConnectionConfigError';
  constructor(readonly setting: string, message: string) {
    super(message);
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

const DEFAULT_NEPTUNE_PORT = 8182;

const integer = (min: number, max: number) => {
  const error = `expected a whole number from ${min} to ${max}`;
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error }).int({ error }).min(min, { error }).max(max, { error }),
  );
};

const boolean = z.union([z.boolean(), z.stringbool()], { error: 'expected true or false' });

const hostLabel = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const hostName = z
  .string()
  .trim()
  .regex(new RegExp(`^${hostLabel}(?:\\.${hostLabel})*$`), {
    error:
      'expected a host name such as my-db.cluster-abc123.us-east-1.neptune.amazonaws.com, ' +
      'without scheme, port or path (a ws:// URL goes in GREMLIN_ENDPOINT)',
  });

const webSocketUrl = z
  .string()
  .trim()
  .transform((value, ctx): EndpointConfig => {
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
    const path = (url.pathname === '/' ? '/gremlin' : url.pathname) + url.search;
    return endpoint(url.hostname, port, path, secure);
  });

const serializer = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.enum(['graphbinary', 'graphson'], { error: 'expected graphbinary or graphson' }),
);

const region = z
  .string()
  .trim()
  .regex(/^[a-z]{2}(?:-[a-z]+)+-\d+$/, { error: 'expected an AWS region such as us-east-1' });

const filePath = z.string().trim().min(1);

function endpoint(host: string, port: number, path: string, secure: boolean): EndpointConfig {
  return { url: `${secure ? 'wss' : 'ws'}://${host}:${port}${path}`, host, port, path, secure };
}

interface RawValue {
  value: unknown;
  /** The variable or flag the value came from, for error messages. */
  source: string;
}

function rawValue(option: keyof ConnectionOptions, env: Env, overrides: ConnectionOptions): RawValue | undefined {
  const setting = settingFor(option);
  const fromOption = overrides[option];
  if (fromOption !== undefined && fromOption !== '') return { value: fromOption, source: setting.flag };
  const fromEnv = env[setting.env];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { value: fromEnv, source: setting.env };
  return undefined;
}

/** True when the options or environment name an endpoint; without one, `nereid serve` starts the embedded server. */
export function isEndpointConfigured(env: Env, overrides: ConnectionOptions = {}): boolean {
  return (
    rawValue('neptuneEndpoint', env, overrides) !== undefined ||
    rawValue('gremlinEndpoint', env, overrides) !== undefined
  );
}

/**
 * Reads and validates the connection settings: each option in `overrides` (the CLI's) wins over its
 * environment variable, which wins over the default. Throws `ConnectionConfigError` naming the variable or flag.
 */
export function loadConnectionConfig(env: Env, overrides: ConnectionOptions = {}): ConnectionConfig {
  function read<T>(option: keyof ConnectionOptions, schema: z.ZodType<T>): T | undefined {
    const raw = rawValue(option, env, overrides);
    if (!raw) return undefined;
    const result = schema.safeParse(raw.value);
    if (result.success) return result.data;
    const reason = result.error.issues[0]?.message ?? 'invalid value';
    throw new ConnectionConfigError(raw.source, `${raw.source}: ${reason} (got ${JSON.stringify(raw.value)})`);
  }
  const sourceOf = (option: keyof ConnectionOptions) => rawValue(option, env, overrides)?.source;

  const neptuneHost = read('neptuneEndpoint', hostName);
  const neptuneReaderHost = read('neptuneReaderEndpoint', hostName);
  const neptunePort = read('neptunePort', integer(1, 65535)) ?? DEFAULT_NEPTUNE_PORT;
  const gremlinWriter = read('gremlinEndpoint', webSocketUrl);
  const gremlinReader = read('gremlinReaderEndpoint', webSocketUrl);

  if (neptuneHost !== undefined && gremlinWriter !== undefined) {
    throw new ConnectionConfigError(
      sourceOf('gremlinEndpoint')!,
      `${sourceOf('neptuneEndpoint')} and ${sourceOf('gremlinEndpoint')} are both set; set only one`,
    );
  }
  if (neptuneReaderHost !== undefined && neptuneHost === undefined) {
    throw new ConnectionConfigError(
      sourceOf('neptuneReaderEndpoint')!,
      `${sourceOf('neptuneReaderEndpoint')} needs ${settingFor('neptuneEndpoint').env} (the writer) too`,
    );
  }
  if (gremlinReader !== undefined && gremlinWriter === undefined) {
    throw new ConnectionConfigError(
      sourceOf('gremlinReaderEndpoint')!,
      `${sourceOf('gremlinReaderEndpoint')} needs ${settingFor('gremlinEndpoint').env} (the writer) too`,
    );
  }

  let writer: EndpointConfig;
  let reader: EndpointConfig | undefined;
  if (neptuneHost !== undefined) {
    writer = endpoint(neptuneHost, neptunePort, '/gremlin', true);
    reader = neptuneReaderHost === undefined ? undefined : endpoint(neptuneReaderHost, neptunePort, '/gremlin', true);
  } else if (gremlinWriter !== undefined) {
    writer = gremlinWriter;
    reader = gremlinReader;
  } else {
    throw new ConnectionConfigError(
      settingFor('neptuneEndpoint').env,
      'No Gremlin endpoint configured: set NEPTUNE_ENDPOINT (Amazon Neptune) or GREMLIN_ENDPOINT (any TinkerPop server)',
    );
  }

  const iamAuth = read('iamAuth', boolean) ?? false;
  const regionValue = read('region', region) ?? (neptuneHost ? regionInHostName(neptuneHost) : undefined);
  if (iamAuth && regionValue === undefined) {
    throw new ConnectionConfigError(
      settingFor('region').env,
      `${settingFor('region').env} is required with ${sourceOf('iamAuth')}=true (the endpoint host name does not name a region)`,
    );
  }

  const caFile = read('tlsCaFile', filePath);
  return {
    writer,
    reader,
    iamAuth,
    region: iamAuth ? regionValue : undefined,
    serializer: read('serializer', serializer) ?? 'graphbinary',
    timeoutMs: read('timeoutMs', integer(1, 86_400_000)) ?? 30_000,
    poolSize: read('poolSize', integer(1, 64)) ?? 4,
    maxRetries: read('maxRetries', integer(0, 10)) ?? 3,
    retryBaseMs: read('retryBaseMs', integer(1, 60_000)) ?? 100,
    retryMaxDelayMs: read('retryMaxDelayMs', integer(1, 300_000)) ?? 2_000,
    tls: {
      ca: caFile === undefined ? undefined : readCaFile(caFile, sourceOf('tlsCaFile')!),
      rejectUnauthorized: read('tlsRejectUnauthorized', boolean) ?? true,
    },
  };
}

/** Neptune host names end in `.<region>.neptune.amazonaws.com` (or `.com.cn`). */
export function regionInHostName(host: string): string | undefined {
  return /\.([a-z]{2}(?:-[a-z]+)+-\d+)\.neptune\.amazonaws\.com(?:\.cn)?$/.exec(host.toLowerCase())?.[1];
}

function readCaFile(file: string, source: string): string {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConnectionConfigError(source, `${source}: cannot read ${JSON.stringify(file)} (${code})`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConnectionConfigError(source, `${source}: ${JSON.stringify(file)} holds no PEM certificate`);
  }
  return pem;
}
