import gremlin from 'gremlin';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { GraphError } from '../errors';
import type { ResponseMessage } from '../io';
import { compileTraversal, type Traverser } from '../process';
import { ReadView, type Graph, type Transaction } from '../structure';
import { timeLimitExceeded } from './errors';
import type { WriteLock, Release } from './lock';
import type { TraversalJob } from './requests';
import type { Session } from './sessions';

/** An encoded response, ready to go out. */
export type Frame = Buffer | string;

/**
 * Where results go: the requesting connection. Encoding (which fails for a value without a wire form) is
 * separate from writing, so a write transaction can commit only once its last frame is known to encode.
 */
export interface Channel {
  readonly closed: boolean;
  encode(response: ResponseMessage, materialize: TraversalJob['materialize']): Frame;
  /**
   * Resolves once the frame is handed to the socket. A client that has not taken it by `deadline` is not
   * reading: its connection is closed, which cancels (and rolls back) what it has under way instead of
   * letting it hold the graph's lock.
   */
  write(frame: Frame, deadline?: number): Promise<void>;
  /** Closes the connection at once, answering nothing (fault injection). */
  drop(): void;
}

/** The connection went away mid-request: the work is undone and nobody is answered. */
export class Cancelled extends Error {}

/**
 * Runs one traversal and streams results in batches of `batchSize`, 206 for every full batch with more to
 * come, then 200 (or 204 when there was nothing), yielding to the event loop between batches. A read-only
 * traversal outside a transaction reads a ReadView: the last committed state as of its start, whatever
 * commits while it streams, without waiting for any writer (Neptune's snapshot isolation). A mutating one
 * takes the graph's writer lock and runs in a transaction: sessionless writes commit before the final frame
 * and roll back on any error, so a failed traversal never changes the graph; in a session the transaction
 * stays open (see Session) and the session's reads see its writes.
 */
export async function runTraversal(
  job: TraversalJob,
  requestId: string,
  channel: Channel,
  lockOf: (graph: Graph) => WriteLock,
  session: Session | undefined,
): Promise<number> {
  const compiled = compileTraversal(job.bytecode);
  const lock = lockOf(job.graph);
  let release: Release | undefined;
  let tx: Transaction | undefined = session?.transactionFor(job.graph);
  let ownTx: Transaction | undefined;
  let view: ReadView | undefined;
  try {
    if (!tx && compiled.mutating) {
      release = await lock.acquire(job.deadline);
      tx = job.graph.begin();
      if (session) {
        session.hold(job.graph, tx, release);
        release = undefined;
      } else {
        ownTx = tx;
      }
    } else if (!tx) {
      view = new ReadView();
    }
    const inView = view ? view.run.bind(view) : <T>(fn: () => T): T => fn();
    const results = inView(() => values(compiled.execute({ graph: job.graph, tx, deadline: job.deadline }), job));
    const last = await stream({ next: () => inView(() => results.next()) }, job, requestId, inView, channel);
    // A partial frame is only sent when more results follow, so an empty last batch means no results at all.
    const status = last.length === 0 ? 204 : 200;
    const final = inView(() => channel.encode(response(requestId, status, last), job.materialize));
    ownTx?.commit();
    // The graph is done with; a slow reader of the last frame keeps nobody waiting.
    release?.();
    release = undefined;
    view?.close();
    await channel.write(final, job.deadline);
    return status;
  } catch (err) {
    if (ownTx?.isOpen) ownTx.rollback();
    session?.rollback();
    throw err;
  } finally {
    release?.();
    view?.close();
  }
}

/** Sends every full batch that has more results after it; returns the last batch, unsent. */
async function stream(
  results: Pick<Iterator<unknown>, 'next'>,
  job: TraversalJob,
  requestId: string,
  inView: <T>(fn: () => T) => T,
  channel: Channel,
): Promise<unknown[]> {
  let batch: unknown[] = [];
  let next = results.next();
  while (!next.done) {
    batch.push(next.value);
    next = results.next();
    if (batch.length >= job.batchSize && !next.done) {
      const frame = inView(() => channel.encode(response(requestId, 206, batch), job.materialize));
      await channel.write(frame, job.deadline);
      batch = [];
      await nextTurn();
      if (channel.closed) throw new Cancelled('the connection closed');
      if (job.deadline !== undefined && Date.now() > job.deadline) throw timeLimitExceeded();
    }
  }
  return batch;
}

/**
 * The interpreter's traversers as the op wants them: bytecode keeps them (object and bulk) for the driver's
 * RemoteTraversal; eval unrolls bulk into values, then applies the script's terminal method.
 */
function* values(traversers: Iterator<Traverser>, job: TraversalJob): Generator<unknown> {
  const all = iterate(traversers);
  if (job.results === 'traversers') {
    for (const t of all) yield new gremlin.process.Traverser(t.object, t.bulk);
    return;
  }
  const terminal = job.terminal;
  if (terminal?.name === 'toSet') {
    // A set holds a value once whatever its bulk: built from the traversers, not from the unrolled values,
    // which can be astronomically many.
    yield* new Set(objects(all));
    return;
  }
  const unrolled = unroll(all);
  switch (terminal?.name) {
    case undefined:
    case 'toList':
    case 'iterate':
    case 'toBulkSet':
      yield* unrolled;
      return;
    case 'next':
    case 'tryNext': {
      let left = terminal.name === 'next' ? (terminal.count ?? 1) : 1;
      for (const value of unrolled) {
        if (left-- <= 0) return;
        yield value;
      }
      return;
    }
    case 'hasNext':
      yield !unrolled.next().done;
      return;
    case 'explain':
      throw new GraphError('UnsupportedOperationException', 'explain() is not supported by this server');
  }
}

function* iterate<T>(iterator: Iterator<T>): Generator<T> {
  for (let r = iterator.next(); !r.done; r = iterator.next()) yield r.value;
}

function* objects(traversers: Iterable<Traverser>): Generator<unknown> {
  for (const t of traversers) yield t.object;
}

function* unroll(traversers: Iterable<Traverser>): Generator<unknown> {
  for (const t of traversers) for (let i = 0; i < t.bulk; i++) yield t.object;
}

export function response(requestId: string | null, code: number, data: unknown[] | null, message = ''): ResponseMessage {
  return { requestId, status: { code, message, attributes: new Map() }, data };
}
