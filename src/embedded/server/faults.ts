import { GraphError, type NeptuneErrorCode } from '../errors';

/** Neptune's wording for the faults clients retry on, so injected ones look like the real thing. */
const MESSAGES: Partial<Record<NeptuneErrorCode, string>> = {
  ConcurrentModificationException:
    'Failed to complete Insert operation for a Vertex due to conflicting concurrent operations. Please retry. 0 transactions are currently rolling back.',
  TimeLimitExceededException: 'A timeout occurred within the script during evaluation.',
  InternalFailureException: 'The request processing has failed.',
  MemoryLimitExceededException: 'The request processing did not succeed due to lack of memory, but can be retried when the server is less busy.',
};

/**
 * Makes the next traversals (ops bytecode and eval, not commits or session closes) fail with a chosen Neptune
 * error before they touch the graph, so clients' retry and error mapping can be tested end to end.
 */
export class FaultInjector {
  private readonly queue: GraphError[] = [];

  failNext(count: number, code: NeptuneErrorCode, message?: string): void {
    for (let i = 0; i < count; i++) this.queue.push(new GraphError(code, message ?? MESSAGES[code] ?? `Injected ${code}`));
  }

  get pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** The fault for the request being started, if one is queued. */
  take(): GraphError | undefined {
    return this.queue.shift();
  }
}
