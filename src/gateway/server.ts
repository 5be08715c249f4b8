import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { GremlinSubmitter } from '../operations/operation';
import { createRequestContext, explainTraversal, type RequestContext } from '../request/context';
import { logger } from '../logger';
import { formatError, requestErrorHandler, toGraphQLError } from './errors';
import { DEFAULT_LIMITS, queryProtection, type QueryLimits } from './limits';
import { KnownOperationTypesRule } from './validation';
import { inRequestScope, requestIdPlugin, requestIds } from './request-id';
import { httpSpans, operationSpans } from './tracing';
import { GatewayMetrics, type MetricSources } from './metrics';
import { landingPagePlugin, serveExplorer, type Playground } from './explorer';
import type { Authenticate } from '../security/authenticate';
import { authentication, principalOf } from '../security/http';
import { noIntrospection } from '../security/introspection';
import { Access } from '../security/policy';
import { mergeRules, type Rules } from '../security/rules';
import { authorizationRulesOf } from './schema';
import { trustedDocumentsOnly, type TrustedDocuments } from '../security/trusted-documents';

export interface GatewayOptions {
  schema: GraphQLSchema;
  gremlin: GremlinSubmitter & { ping(): Promise<void> } & Partial<MetricSources>;
  port?: number;
  host?: string;
  /** Adds `extensions.gremlin` to responses; on by default outside production. */
  stats?: boolean;
  /** Production turns off introspection and the Sandbox landing page. */
  production?: boolean;
  /**
   * Browser origins allowed to call the API (CORS). Default: any origin outside production, none in
   * production, where the deployment must name its frontends.
   */
  corsOrigins?: readonly string[] | '*';
  /** Depth, aliases, cost and returned-elements limits; DEFAULT_LIMITS unless given. */
  limits?: Partial<QueryLimits>;
  /** Prometheus metrics, served at /metrics; a registry of the gateway's own unless given. */
  metrics?: GatewayMetrics;
  /** How stop() drains; see ShutdownOptions. */
  shutdown?: Partial<ShutdownOptions>;
  /** What a browser gets at /graphql, and whether /explorer is served: `explorer` outside production, `off` in it. */
  playground?: Playground;
  security?: GatewaySecurity;
}

/** Who may ask what; every part is optional and off by default (outside production). */
export interface GatewaySecurity {
  /** Verifies bearer tokens; without it tokens are not looked at and every request is anonymous. */
  authenticate?: Authenticate;
  /** Refuse requests without a valid token (HTTP 401). */
  required?: boolean;
  /** Default: on outside production. */
  introspection?: boolean;
  /** Largest request body (`1mb` unless given). */
  bodyLimit?: string;
  /** Only these operations are served. */
  trustedDocuments?: TrustedDocuments;
  /** Authorization rules; without them every caller may read and write everything. */
  rules?: Rules;
}

export interface ShutdownOptions {
  /**
   * Between `/ready` turning 503 and the listener closing, the gateway keeps serving, so that a load balancer
   * polling `/ready` takes it out of rotation before connections are refused. 0 by default.
   */
  delayMs: number;
  /** In-flight requests still running this long after the listener closed have their connections cut. */
  timeoutMs: number;
}

export const DEFAULT_SHUTDOWN: ShutdownOptions = { delayMs: 0, timeoutMs: 10_000 };

export interface Gateway {
  readonly url: string;
  readonly port: number;
  /**
   * Graceful: `/ready` answers 503 at once, the listener closes after the shutdown delay, in-flight requests
   * finish (up to the shutdown timeout), idle connections close, then Apollo stops.
   */
  stop(): Promise<void>;
}

/** Serves GraphQL at /graphql, the explorer at /explorer, liveness at /health and backend readiness at /ready. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const shutdown = { ...DEFAULT_SHUTDOWN, ...options.shutdown };
  let draining = false;
  const metrics = options.metrics ?? new GatewayMetrics();
  metrics.observe({ load: () => options.gremlin.load?.() ?? [] }, httpServer);
  app.use(requestIds, httpSpans, (_req, res, next) => {
    // While draining, no connection is kept for another request.
    if (draining) res.setHeader('connection', 'close');
    next();
  });
  app.use((_req, res, next) => {
    const done = metrics.httpRequest();
    res.once('finish', done);
    res.once('close', done);
    next();
  });
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const protection = queryProtection(limits, production);
  const security = options.security ?? {};
  const introspection = security.introspection ?? !production;
  // One set of rules: the file's, and a typed schema's directives compiled into the same model.
  const rules = mergeRules(security.rules, authorizationRulesOf(options.schema));
  const playground = options.playground ?? (production ? 'off' : 'explorer');
  const apollo = new ApolloServer<RequestContext>({
    schema: options.schema,
    // Refused by nereid's own rule instead, whose message names the setting that allows it.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The command drains on SIGTERM itself (Gateway.stop). Apollo's own handler (on outside NODE_ENV=test)
    // stopped Apollo and re-raised the signal, so `nereid serve` died by SIGTERM instead of exiting 0.
    stopOnTerminationSignals: false,
    validationRules: [KnownOperationTypesRule, ...protection.validationRules, ...(introspection ? [] : [noIntrospection])],
    parseOptions: { maxTokens: limits.maxTokens },
    // Compact JSON: Apollo's default indents every response, which costs time and bytes on each one.
    stringifyResult: (result) => JSON.stringify(result),
    // Apollo's own notices (e.g. inline tracing enabled for a subgraph) go to the structured log, not the console.
    logger,
    formatError,
    plugins: [
      // The schemas carry no @cacheControl hints, so every response was uncacheable anyway; the default plugin
      // still wrapped every field's resolver to compute a policy nobody reads.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: shutdown.timeoutMs }),
      metrics.plugin(),
      requestIdPlugin(),
      operationSpans(),
      landingPagePlugin(playground),
      ...protection.plugins,
      ...((options.stats ?? !production) ? [statsPlugin()] : []),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    if (draining) {
      res.status(503).json({ status: 'stopping', reason: 'The gateway is shutting down' });
      return;
    }
    try {
      await options.gremlin.ping();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'The Gremlin endpoint did not answer' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  serveExplorer(app, playground);
  const origins = options.corsOrigins ?? (production ? [] : '*');
  app.use(
    '/graphql',
    cors({ origin: origins === '*' ? true : [...origins], maxAge: 600 }),
    express.json({ limit: security.bodyLimit ?? '1mb' }),
    inRequestScope,
    authentication(security.authenticate, security.required ?? false),
    ...(security.trustedDocuments ? [trustedDocumentsOnly(security.trustedDocuments)] : []),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const principal = principalOf(res);
        const access = rules && new Access(rules, principal);
        return (res.locals.graphql = createRequestContext(res.locals.requestId as string, options.gremlin, toGraphQLError, { principal, access }, limits));
      },
    }),
  );
  app.use(requestErrorHandler);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 4000, options.host ?? '0.0.0.0', resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = !options.host || options.host === '0.0.0.0' ? 'localhost' : options.host;
  return {
    url: `http://${shownHost}:${port}/graphql`,
    port,
    stop: async () => {
      if (draining) return;
      draining = true;
      logger.info({ delayMs: shutdown.delayMs, timeoutMs: shutdown.timeoutMs }, 'shutting down: /ready answers 503, in-flight requests finish');
      if (shutdown.delayMs > 0) await sleep(shutdown.delayMs);
      await stopServer(apollo, httpServer);
    },
  };
}

async function stopServer(apollo: ApolloServer<RequestContext>, httpServer: Server): Promise<void> {
  await apollo.stop();
  if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
}

/**
 * Reports how many Gremlin requests a GraphQL request cost, how long it waited on them, and each one as
 * Gremlin text (explain: paste it into Neptune's explain or profile).
 */
function statsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single') return;
          const { requests, ms, traversals } = contextValue.stats;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            gremlin: { requests, ms: Math.round(ms * 100) / 100, traversals: traversals.map(explainTraversal) },
          };
        },
      };
    },
  };
}
