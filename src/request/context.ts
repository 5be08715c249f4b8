import { performance } from 'node:perf_hooks';
import { context, trace, type Span } from '@opentelemetry/api';
import type { FieldNode, GraphQLError, GraphQLResolveInfo } from 'graphql';
import { Loaders, type Run } from '../loaders/loaders';
import { printBytecode } from '../gremlin/print';
import { TX_COMMIT, TX_ROLLBACK, type Bytecode } from '../gremlin/source';
import { logger } from '../logger';
import type { GremlinSubmitter, Operation } from '../operations/operation';
import { failSpan, tracer } from '../tracing';
import { audit } from '../security/audit';
import { ANONYMOUS, type Principal } from '../security/authenticate';
import type { Access } from '../security/policy';

/** One Gremlin request as sent: printed only when someone reads it (stats on, or the debug log). */
export interface SentTraversal {
  readonly bytecode: Bytecode;
  readonly endpoint: 'reader' | 'writer';
  ms: number;
}

/** Per-request Gremlin accounting, reported as `extensions.gremlin` when stats are on. */
export interface GremlinStats {
  requests: number;
  ms: number;
  /** Every request in the order sent. */
  readonly traversals: SentTraversal[];
}

/**
 * A sent traversal as explain output: Gremlin text with its values written in, which Neptune's
 * `/gremlin/explain` and `/gremlin/profile` take as it is.
 */
export function explainTraversal(sent: SentTraversal): { gremlin: string; endpoint: 'reader' | 'writer'; ms: number } {
  return { gremlin: printBytecode(sent.bytecode), endpoint: sent.endpoint, ms: Math.round(sent.ms * 100) / 100 };
}

export interface RequestContext {
  /** The request's id: the caller's `x-request-id`, or one made up; in its log lines and its errors. */
  readonly requestId: string;
  /**
   * The operation's name (null when anonymous) and type once resolved, for the request's log line and metrics.
   * An object shared by reference: Apollo hands plugins and resolvers a shallow copy of the context.
   */
  readonly operation: { name?: string | null; type?: string; span?: Span };
  readonly run: Run;
  /**
   * Runs `work` as one transaction: the operations it runs through the `run` it is given are sent in one
   * session on the writer, then committed; when `work` fails they are rolled back, and when a request failed
   * with a retryable error the whole of `work` runs again (see GremlinClient.transaction). Every request,
   * commit and rollback included, is counted. Undefined where the Gremlin submitter has no transactions.
   */
  readonly transaction?: <T>(work: (run: Run) => Promise<T>) => Promise<T>;
  /** Most inputs one batch mutation takes (`NEREID_MAX_BATCH`). */
  readonly maxBatch: number;
  readonly loaders: Loaders;
  readonly stats: GremlinStats;
  /** Who is asking (anonymous without a verified token). */
  readonly principal: Principal;
  /** The rules applied to this caller; undefined without a rules file (everything allowed). */
  readonly access?: Access;
  /**
   * Plans a field once per request rather than once per parent: graphql-js hands every parent in a list the same
   * field nodes (it collects a type's sub-selection once), and a field's arguments and look-ahead depend on
   * nothing else, so what was planned for the first parent holds for all of them.
   */
  planned<T>(info: GraphQLResolveInfo, plan: () => T): T;
}

/**
 * Builds the context of one GraphQL request. Every operation goes through `run`, which is where requests are
 * counted and timed and where backend failures become coded GraphQL errors.
 */
export function createRequestContext(
  requestId: string,
  submitter: GremlinSubmitter,
  toGraphQLError: (err: unknown) => GraphQLError,
  security: { principal?: Principal; access?: Access },
  limits: { readonly maxBatch: number },
): RequestContext {
  const { principal = ANONYMOUS, access } = security;
  const stats: GremlinStats = { requests: 0, ms: 0, traversals: [] };
  // Once a request has written, its reads (a mutation's selection, the lookup explaining a failed write) go to
  // the writer: a reader replica may not have the write yet, and a client reads its own writes.
  let wrote = false;
  const operationContext: RequestContext['operation'] = {};
  /** Sends one request through `submit`, counted and timed; a failure becomes a coded GraphQL error. */
  const send = async (bytecode: Bytecode, mode: Operation<unknown>['mode'], plan: () => string, submit: () => Promise<unknown[]>): Promise<unknown[]> => {
    const started = performance.now();
    stats.requests += 1;
    const sent: SentTraversal = { bytecode, endpoint: mode === 'write' || wrote ? 'writer' : 'reader', ms: 0 };
    stats.traversals.push(sent);
    try {
      // The Gremlin request's span (the client starts it) is a child of the GraphQL operation's.
      const parent = operationContext.span ? trace.setSpan(context.active(), operationContext.span) : context.active();
      return await context.with(parent, submit);
    } catch (err) {
      throw toGraphQLError(err);
    } finally {
      sent.ms = performance.now() - started;
      stats.ms += sent.ms;
      if (logger.isLevelEnabled('debug')) logger.debug({ plan: plan(), ...explainTraversal(sent) }, 'gremlin request');
      // Even a failed write may have been applied (a lost connection), so reads after it must not be answered from before it.
      if (mode === 'write') {
        wrote = true;
        loaders.forget();
      }
    }
  };
  /** `run` over one way of submitting: every request alone, or those of one transaction. */
  const runner = (submit: (bytecode: Bytecode, mode: Operation<unknown>['mode']) => Promise<unknown[]>): Run => async <T>(operation: Operation<T>): Promise<T> => {
    // The policy is applied here, to every operation of every kind: one place no read or write path can miss.
    let bytecode: Bytecode;
    try {
      bytecode = access ? access.enforce(operation) : operation.traversal().getBytecode();
    } catch (err) {
      if (operation.mode === 'write') audit({ principal, requestId, what: operation.print(), outcome: 'refused', error: err });
      throw err;
    }
    let results: unknown[];
    try {
      results = await send(bytecode, operation.mode, () => operation.print(), () => submit(bytecode, operation.mode));
    } catch (error) {
      if (operation.mode === 'write') audit({ principal, requestId, what: operation.print(), outcome: 'failed', error });
      throw error;
    }
    if (operation.mode === 'write' && results.length === 0 && !operation.mayWriteSilently && access?.narrowsChanges(bytecode)) {
      const refused = access.refuse('Not allowed to change this element, or it does not exist; nothing was written');
      audit({ principal, requestId, what: operation.print(), outcome: 'refused', error: refused });
      throw refused;
    }
    if (operation.mode === 'write') audit({ principal, requestId, what: operation.print(), outcome: 'written', results: results.length });
    return operation.decode(results);
  };
  const run = runner((bytecode, mode) => submitter.submit(bytecode, { mode, fromWriter: wrote }));
  const transaction = submitter.transaction && (<T>(work: (run: Run) => Promise<T>): Promise<T> =>
    submitter.transaction!(async (tx) => {
      let result: T;
      try {
        result = await work(runner((bytecode) => tx.submit(bytecode)));
      } catch (err) {
        // The session closing would roll back as well; saying so at once frees the server's locks sooner.
        await send(TX_ROLLBACK, 'write', () => 'Rollback', async () => (await tx.rollback(), [])).catch(() => undefined);
        // The audit log said `written` for the chunks that went through: this line takes them back.
        audit({ principal, requestId, what: 'Rollback', outcome: 'failed', error: err });
        throw err;
      }
      try {
        await send(TX_COMMIT, 'write', () => 'Commit', async () => (await tx.commit(), []));
      } catch (error) {
        audit({ principal, requestId, what: 'Commit', outcome: 'failed', error });
        throw error;
      }
      audit({ principal, requestId, what: 'Commit', outcome: 'written' });
      return result;
    }));
  const loaders = new Loaders(run);
  const plans = new WeakMap<readonly FieldNode[], unknown>();
  const planned = <T>(info: GraphQLResolveInfo, plan: () => T): T => {
    if (!plans.has(info.fieldNodes)) plans.set(info.fieldNodes, tracePlanning(operationContext.span, info, plan));
    return plans.get(info.fieldNodes) as T;
  };
  return { requestId, operation: operationContext, run, transaction, maxBatch: limits.maxBatch, loaders, stats, planned, principal, access };
}

/** Planning a field is a span of its own under the operation's: the hook the planner's work is seen through. */
function tracePlanning<T>(operation: Span | undefined, info: GraphQLResolveInfo, plan: () => T): T {
  if (!operation) return plan();
  const parent = trace.setSpan(context.active(), operation);
  return tracer.startActiveSpan(`plan ${info.parentType.name}.${info.fieldName}`, { attributes: { 'graphql.field.path': pathOf(info.path) } }, parent, (span) => {
    try {
      return plan();
    } catch (err) {
      failSpan(span, (err as { extensions?: { code?: string } }).extensions?.code ?? 'INTERNAL_SERVER_ERROR', (err as Error).message);
      throw err;
    } finally {
      span.end();
    }
  });
}

function pathOf(path: GraphQLResolveInfo['path'] | undefined): string {
  const keys: (string | number)[] = [];
  for (let p = path; p; p = p.prev) keys.unshift(p.key);
  return keys.join('.');
}
