import type { GraphQLSchema } from 'graphql';
import { startGremlinServer } from './embedded/server';
import { Graph } from './embedded/structure';
import { buildCoreSchema } from './gateway/schema';
import { GatewayMetrics } from './gateway/metrics';
import { loadQueryLimits, loadServerSettings, type LimitOptions, type ServerOptions } from './gateway/settings';
import { startGateway } from './gateway/server';
import { logger } from './logger';
import { GremlinClient } from './neptune/client';
import { createAuthenticator } from './security/authenticate';
import { loadRules } from './security/rules';
import { loadSecurityConfig, type SecurityOptions } from './security/settings';
import { SettingError, type Env } from './settings';
import { loadTrustedDocuments } from './security/trusted-documents';
import { isEndpointConfigured, loadConnectionConfig, type ConnectionOptions } from './neptune/config';

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Connection settings from the command line; they win over the environment. */
  connection?: ConnectionOptions;
  env?: Env;
  /** Query limits from the command line or the caller; they win over the environment (`NEREID_MAX_DEPTH`...). */
  limits?: LimitOptions;
  /**
   * The graph the embedded Gremlin Server serves when no endpoint is configured; a function is only called
   * (to generate or load data) when the embedded server is actually needed.
   */
  embeddedGraph?: Graph | (() => Promise<Graph>);
  schema?: GraphQLSchema;
  /** Serve as an Apollo Federation 2 subgraph (ignored when `schema` is given: build it with federation). */
  federation?: boolean;
  stats?: boolean;
  production?: boolean;
  corsOrigins?: readonly string[] | '*';
  /** Graceful shutdown's delay and timeout, and the playground, from the command line; they win over the environment. */
  server?: ServerOptions;
  /** Authentication, rules, trusted documents and production defaults from the command line; they win over the environment. */
  security?: SecurityOptions;
}

export interface Nereid {
  /** The GraphQL endpoint. */
  readonly url: string;
  readonly port: number;
  /** The embedded Gremlin Server's WebSocket URL, when nereid started one. */
  readonly embeddedGremlinUrl?: string;
  /** One trivial request to each Gremlin endpoint, without retries (as `/ready` sends); rejects with the first failure. */
  ping(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the gateway against the configured Gremlin endpoint, or — with none configured — against an embedded
 * Gremlin Server it starts on a loopback port. Either way the gateway talks to Gremlin through the same driver
 * code path: the embedded graph is reached over a real WebSocket, exactly as Neptune would be.
 */
export async function serve(options: ServeOptions = {}): Promise<Nereid> {
  const env = options.env ?? process.env;
  let connection = options.connection ?? {};
  // Checked before the embedded graph is generated or loaded, so a mistyped limit fails at once.
  const limits = loadQueryLimits(env, options.limits);
  const security = loadSecurityConfig(env, options.security);
  const production = options.production ?? env.NODE_ENV === 'production';
  const endpointConfigured = isEndpointConfigured(env, connection);
  // A misspelled NEPTUNE_ENDPOINT must not quietly turn a production deployment into an in-memory sample graph.
  if (production && !endpointConfigured && !security.embedded) {
    throw new SettingError('NEPTUNE_ENDPOINT',
      'NODE_ENV=production and no Gremlin endpoint is configured: set NEPTUNE_ENDPOINT (or GREMLIN_ENDPOINT), or pass --embedded (NEREID_EMBEDDED=true) to serve the embedded graph');
  }
  const trustedDocuments = security.trustedDocuments === undefined ? undefined : loadTrustedDocuments(security.trustedDocuments);
  const rules = security.rules === undefined ? undefined : loadRules(security.rules);
  // --landing false turns the page off as NEREID_PLAYGROUND=off does; --landing true serves the explorer even in production.
  const landing = security.landing === undefined ? undefined : security.landing ? 'explorer' : 'off';
  const { shutdown, playground } = loadServerSettings(env, { ...options.server, playground: options.server?.playground ?? landing }, production);
  const stops: (() => Promise<void>)[] = [];
  // One registry for the process: the embedded server's metrics are served at the gateway's /metrics too.
  const metrics = new GatewayMetrics();
  let embeddedGremlinUrl: string | undefined;
  try {
    if (!endpointConfigured) {
      const graph = typeof options.embeddedGraph === 'function' ? await options.embeddedGraph() : (options.embeddedGraph ?? new Graph());
      const embedded = await startGremlinServer({ port: 0, host: '127.0.0.1', graphs: { g: graph }, metrics: metrics.registry });
      stops.unshift(() => embedded.close());
      embeddedGremlinUrl = embedded.url;
      connection = { ...connection, gremlinEndpoint: embedded.url };
    }
    const client = GremlinClient.create(loadConnectionConfig(env, connection), { logger, instruments: metrics });
    stops.unshift(() => client.close());
    const gateway = await startGateway({
      schema: options.schema ?? buildCoreSchema({ federation: options.federation }),
      gremlin: client,
      port: options.port,
      host: options.host,
      stats: options.stats,
      production,
      corsOrigins: options.corsOrigins ?? corsFromEnv(env.CORS_ORIGINS),
      limits,
      metrics,
      shutdown,
      playground,
      security: {
        authenticate: createAuthenticator(security),
        required: security.required,
        introspection: security.introspection,
        bodyLimit: security.bodyLimit,
        trustedDocuments,
        rules,
      },
    });
    stops.unshift(() => gateway.stop());
    return {
      url: gateway.url,
      port: gateway.port,
      embeddedGremlinUrl,
      ping: () => client.ping(),
      stop: () => runAll(stops),
    };
  } catch (err) {
    await runAll(stops);
    throw err;
  }
}

/** `CORS_ORIGINS`: `*`, or a comma-separated list of origins such as `https://app.example.com`. */
function corsFromEnv(value: string | undefined): readonly string[] | '*' | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (value.trim() === '*') return '*';
  return value.split(',').map((o) => o.trim()).filter(Boolean);
}

async function runAll(stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops) await stop();
}
