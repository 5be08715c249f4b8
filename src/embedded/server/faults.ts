import { GraphError, type NeptuneErrorCode } from '../errors';

/** Neptune's wording for the faults clients retry on, so injected ones look like the real thing. */
const MESSAGES: Partial<Record<NeptuneErrorCode, string>> = {
  ConcurrentModificationException:
    'Failed to complete Insert operation for a Vertex due to conflicting concurrent operations. Please retry. 0 transactions are currently rolling back.',
  TimeLimitExceededException: 'A timeout occurred within the script during evaluation.',
  InternalFailureException: 'The request processing has failed.',
  MemoryLimitExceededException: 'The request processing did not succeed due to lack of memory, but can be retried when the server is less busy.',
  ThrottlingException: 'The request could not be processed because the server is too busy. Please retry.',
  TooManyRequestsException: 'The number of requests exceeds the limit the server can handle. Please retry.',
  QueryLimitExceededException: 'The number of concurrent queries exceeds what the server can handle. Please retry.',
};

/** A fault for one request: an error answer, or the connection dropped before it runs or instead of its answer. */
export type Fault = { readonly kind: 'error'; readonly error: GraphError } | { readonly kind: 'drop'; readonly when: 'before' | 'after' };

/**
 * Makes the next traversals (ops bytecode and eval, not commits or session closes) fail, so clients' retries,
 * error mapping and handling of lost connections can be tested end to end: with a chosen Neptune error before
 * they touch the graph, or by dropping the connection before they run (nothing applied) or after they ran
 * and committed, instead of answering (applied, but the client cannot know).
 */
export class FaultInjector {
  private readonly queue: Fault[] = [];

  failNext(count: number, code: NeptuneErrorCode, message?: string): void {
    for (let i = 0; i < count; i++) this.queue.push({ kind: 'error', error: new GraphError(code, message ?? MESSAGES[code] ?? `Injected ${code}`) });
  }

  dropNext(count: number, when: 'before' | 'after'): void {
    for (let i = 0; i < count; i++) this.queue.push({ kind: 'drop', when });
  }

  get pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** The fault for the request being started, if one is queued. */
  take(): Fault | undefined {
    return this.queue.shift();
  }
}
