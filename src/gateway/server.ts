import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { context, trace } from '@opentelemetry/api';
import bodyParser from 'body-parser';
import cors from 'cors';
import type { GraphQLSchema } from 'graphql';
import type { GremlinSubmitter } from '../operations/operation';
import { createRequestContext, type RequestContext } from '../request/context';
import { logger, requestScope } from '../logger';
import { answerRequestError, formatError, toGraphQLError } from './errors';
import { notFound, prefersHtml, redirect, sendJson, sendText, splitUrl } from './http';
import { DEFAULT_LIMITS, queryProtection, type QueryLimits } from './limits';
import { KnownOperationTypesRule } from './validation';
import { requestPlugin, serving, type Served } from './requests';
import { operationSpans } from './tracing';
import { GatewayMetrics, type MetricSources } from './metrics';
import { explorerRoutes, landingPagePlugin, type Playground } from './explorer';
import { ANONYMOUS, type Authenticate } from '../security/authenticate';
import { authentication } from '../security/http';
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
  const shutdown = { ...DEFAULT_SHUTDOWN, ...options.shutdown };
  let draining = false;
  const metrics = options.metrics ?? new GatewayMetrics();
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const protection = queryProtection(limits, production);
  const security = options.security ?? {};
  const introspection = security.introspection ?? !production;
  // One set of rules: the file's, and a typed schema's directives compiled into the same model.
  const rules = mergeRules(security.rules, authorizationRulesOf(options.schema));
  const playground = options.playground ?? (production ? 'off' : 'explorer');
  const origins = options.corsOrigins ?? (production ? [] : '*');
  const allowCors = cors({ origin: origins === '*' ? true : [...origins], maxAge: 600 });
  const readBody = bodyParser.json({ limit: security.bodyLimit ?? '1mb' });
  const authenticate = authentication(security.authenticate, security.required ?? false);
  const trusted = security.trustedDocuments && trustedDocumentsOnly(security.trustedDocuments);
  const explorer = explorerRoutes(playground);

  const httpServer = createServer((req, res) => {
    const { path, search } = splitUrl(req.url);
    const served = serving(req, res, path, metrics);
    // While draining, no connection is kept for another request.
    if (draining) res.setHeader('connection', 'close');
    // As Express did: a trailing slash names the same route.
    const route = routes.get(path) ?? (path.length > 1 && path.endsWith('/') ? routes.get(path.slice(0, -1)) : undefined);
    if (route) {
      if (route.methods.includes(req.method ?? '')) return void route.serve(req, res, served, search).catch((err) => answerRequestError(res, err, served.requestId));
      res.setHeader('allow', route.methods.join(', '));
      return sendJson(res, 405, { errors: [{ message: `${path} does not take ${req.method}`, extensions: { code: 'METHOD_NOT_ALLOWED', requestId: served.requestId } }] });
    }
    if (!explorer?.(req, res, path)) notFound(res);
  });
  metrics.observe({ load: () => options.gremlin.load?.() ?? [] }, httpServer);

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
      requestPlugin(metrics, options.stats ?? !production),
      operationSpans(),
      landingPagePlugin(playground),
      ...protection.plugins,
    ],
  });
  await apollo.start();

  /** The GraphQL request: CORS, the body, then (in the request's scope) the caller, trusted documents and Apollo. */
  const graphql = (req: IncomingMessage, res: ServerResponse, served: Served, search: string): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      allowCors(req, res, (err?: unknown) => {
        if (err) return reject(err);
        if (req.method === 'OPTIONS') return resolve();
        const params = new URLSearchParams(search);
        // A browser opening the endpoint and asking nothing goes to the explorer.
        if (playground === 'explorer' && !params.has('query') && prefersHtml(req)) return resolve(redirect(res, 302, 'explorer'));
        readBody(req, res, (err?: unknown) => {
          if (err) return reject(err);
          const answer = () => answerGraphQL(req, res, served, params, (req as { body?: unknown }).body);
          // Every line logged while answering carries the request id; the Gremlin requests' spans go under the HTTP request's.
          const scoped = () => requestScope.run({ requestId: served.requestId }, answer);
          (served.span ? context.with(trace.setSpan(context.active(), served.span), scoped) : scoped()).then(resolve, reject);
        });
      });
    });

  const answerGraphQL = async (req: IncomingMessage, res: ServerResponse, served: Served, search: URLSearchParams, body: unknown): Promise<void> => {
    const get = req.method === 'GET';
    // The landing page (a GET without a query) shows nothing of the graph; its queries carry their own token.
    const principal = get && !search.has('query') ? ANONYMOUS : await authenticate(req.headers);
    const params = trusted ? trusted({ get, search, body }) : { search, body };
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: params.search.toString(), body: params.body },
      context: async () =>
        (served.graphql = createRequestContext(served.requestId, options.gremlin, toGraphQLError, { principal, access: rules && new Access(rules, principal) }, limits)),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') return void res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  const routes = new Map<string, { methods: string[]; serve: (req: IncomingMessage, res: ServerResponse, served: Served, search: string) => Promise<void> }>([
    ['/graphql', { methods: ['GET', 'HEAD', 'POST', 'OPTIONS'], serve: graphql }],
    ['/health', { methods: ['GET', 'HEAD'], serve: async (_req, res) => sendJson(res, 200, { status: 'ok' }) }],
    [
      '/ready',
      {
        methods: ['GET', 'HEAD'],
        serve: async (_req, res) => {
          if (draining) return sendJson(res, 503, { status: 'stopping', reason: 'The gateway is shutting down' });
          try {
            await options.gremlin.ping();
            sendJson(res, 200, { status: 'ready' });
          } catch {
            sendJson(res, 503, { status: 'unavailable', reason: 'The Gremlin endpoint did not answer' });
          }
        },
      },
    ],
    ['/metrics', { methods: ['GET', 'HEAD'], serve: async (_req, res) => sendText(res, 200, metrics.registry.contentType, await metrics.registry.metrics()) }],
  ]);

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
