import fs from 'node:fs';
import { given, readSettings, SettingError, type Env } from '../settings';
import { CONNECTION_SETTINGS, type ConnectionOptions, type WebSocketAddress } from './settings';

export type { ConnectionOptions } from './settings';

/** Every variable and flag is declared in ./settings.ts. */

export type Serializer = 'graphbinary' | 'graphson';

export interface EndpointConfig extends WebSocketAddress {
  readonly url: string;
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

function endpoint({ host, port, path, secure }: WebSocketAddress): EndpointConfig {
  return { url: `${secure ? 'wss' : 'ws'}://${host}:${port}${path}`, host, port, path, secure };
}

/** True when the options or environment name an endpoint; without one, `nereid serve` starts the embedded server. */
export function isEndpointConfigured(env: Env, overrides: ConnectionOptions = {}): boolean {
  return (
    given(CONNECTION_SETTINGS.neptuneEndpoint, env, overrides.neptuneEndpoint) !== undefined ||
    given(CONNECTION_SETTINGS.gremlinEndpoint, env, overrides.gremlinEndpoint) !== undefined
  );
}

/**
 * Reads and validates the connection settings: each option in `overrides` (the CLI's) wins over its
 * environment variable, which wins over the default. Throws `SettingError` naming the variable or flag.
 */
export function loadConnectionConfig(env: Env, overrides: ConnectionOptions = {}): ConnectionConfig {
  const settings = readSettings(CONNECTION_SETTINGS, env, overrides);
  const sourceOf = (option: keyof ConnectionOptions) => given(CONNECTION_SETTINGS[option], env, overrides[option])?.source;
  const neptuneHost = settings.neptuneEndpoint;
  const gremlinWriter = settings.gremlinEndpoint;

  if (neptuneHost !== undefined && gremlinWriter !== undefined) {
    throw new SettingError(sourceOf('gremlinEndpoint')!, `${sourceOf('neptuneEndpoint')} and ${sourceOf('gremlinEndpoint')} are both set; set only one`);
  }
  if (settings.neptuneReaderEndpoint !== undefined && neptuneHost === undefined) {
    throw new SettingError(sourceOf('neptuneReaderEndpoint')!, `${sourceOf('neptuneReaderEndpoint')} needs ${CONNECTION_SETTINGS.neptuneEndpoint.env} (the writer) too`);
  }
  if (settings.gremlinReaderEndpoint !== undefined && gremlinWriter === undefined) {
    throw new SettingError(sourceOf('gremlinReaderEndpoint')!, `${sourceOf('gremlinReaderEndpoint')} needs ${CONNECTION_SETTINGS.gremlinEndpoint.env} (the writer) too`);
  }

  let writer: EndpointConfig;
  let reader: EndpointConfig | undefined;
  if (neptuneHost !== undefined) {
    const neptune = (host: string) => endpoint({ host, port: settings.neptunePort, path: '/gremlin', secure: true });
    writer = neptune(neptuneHost);
    reader = settings.neptuneReaderEndpoint === undefined ? undefined : neptune(settings.neptuneReaderEndpoint);
  } else if (gremlinWriter !== undefined) {
    writer = endpoint(gremlinWriter);
    reader = settings.gremlinReaderEndpoint === undefined ? undefined : endpoint(settings.gremlinReaderEndpoint);
  } else {
    throw new SettingError(
      CONNECTION_SETTINGS.neptuneEndpoint.env,
      'No Gremlin endpoint configured: set NEPTUNE_ENDPOINT (Amazon Neptune) or GREMLIN_ENDPOINT (any TinkerPop server)',
    );
  }

  const region = settings.region ?? (neptuneHost ? regionInHostName(neptuneHost) : undefined);
  if (settings.iamAuth && region === undefined) {
    const variable = CONNECTION_SETTINGS.region.env;
    throw new SettingError(variable, `${variable} is required with ${sourceOf('iamAuth')}=true (the endpoint host name does not name a region)`);
  }

  return {
    writer,
    reader,
    iamAuth: settings.iamAuth,
    region: settings.iamAuth ? region : undefined,
    serializer: settings.serializer,
    timeoutMs: settings.timeoutMs,
    poolSize: settings.poolSize,
    maxRetries: settings.maxRetries,
    retryBaseMs: settings.retryBaseMs,
    retryMaxDelayMs: settings.retryMaxDelayMs,
    tls: {
      ca: settings.tlsCaFile === undefined ? undefined : readCaFile(settings.tlsCaFile, sourceOf('tlsCaFile')!),
      rejectUnauthorized: settings.tlsRejectUnauthorized,
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
    throw new SettingError(source, `${source}: cannot read ${JSON.stringify(file)} (${code})`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new SettingError(source, `${source}: ${JSON.stringify(file)} holds no PEM certificate`);
  }
  return pem;
}
