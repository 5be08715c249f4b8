import type { Bytecode, GraphTraversal } from '../gremlin/source';

/**
 * One request to the graph. A GraphQL request is planned into operations; each is a small tree of nodes
 * (filters, orderings, pages, projections) that can be printed and tested without a server, compiled into
 * exactly one traversal, and decoded from that traversal's results.
 */
export interface Operation<T> {
  /** Reads may go to a reader endpoint; writes must go to the writer. */
  readonly mode: 'read' | 'write';
  /**
   * A write whose results may be none though it wrote (raw Gremlin ending in drop()). Otherwise a write
   * returns what it changed, so none under rules that narrow changes means it was kept from its element.
   */
  readonly mayWriteSilently?: boolean;
  /** The node tree in one line, for tests, logs and explain output. */
  print(): string;
  /** The single traversal this operation sends. */
  traversal(): GraphTraversal;
  decode(results: unknown[]): T;
}

/** What running operations needs of a Gremlin connection: the Neptune client (and test doubles of it) provide it. */
export interface GremlinSubmitter {
  submit(bytecode: Bytecode, options: { readonly mode: Operation<unknown>['mode']; readonly fromWriter?: boolean }): Promise<unknown[]>;
  /**
   * Runs `work` as one transaction on the writer (the Neptune client's is a Gremlin session); uncommitted work
   * is rolled back. Test doubles may have none: then nothing needs more than one traversal to be atomic.
   */
  transaction?<T>(work: (tx: TransactionSubmitter) => Promise<T>): Promise<T>;
}

/** The requests of one transaction: traversals, then `commit`; `rollback` gives them up. */
export interface TransactionSubmitter {
  submit(bytecode: Bytecode): Promise<unknown[]>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}
