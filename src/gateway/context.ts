import { performance } from 'node:perf_hooks';
import type { GraphQLError } from 'graphql';
import { Loaders, type Run } from '../loaders/loaders';
import type { GremlinSubmitter, Operation } from '../operations/operation';

/** Per-request Gremlin accounting, reported as `extensions.gremlin` when stats are on. */
export interface GremlinStats {
  requests: number;
  ms: number;
}

export interface RequestContext {
  readonly run: Run;
  readonly loaders: Loaders;
  readonly stats: GremlinStats;
}

/**
 * Builds the context of one GraphQL request. Every operation goes through `run`, which is where requests are
 * counted and timed and where backend failures become coded GraphQL errors.
 */
export function createRequestContext(submitter: GremlinSubmitter, toGraphQLError: (err: unknown) => GraphQLError): RequestContext {
  const stats: GremlinStats = { requests: 0, ms: 0 };
  const run: Run = async <T>(operation: Operation<T>): Promise<T> => {
    const bytecode = operation.traversal().getBytecode();
    const started = performance.now();
    stats.requests += 1;
    let results: unknown[];
    try {
      results = await submitter.submit(bytecode, { mode: operation.mode });
    } catch (err) {
      throw toGraphQLError(err);
    } finally {
      stats.ms += performance.now() - started;
    }
    return operation.decode(results);
  };
  return { run, loaders: new Loaders(run), stats };
}
