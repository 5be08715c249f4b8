import type { Graph } from '../structure';
import { Cancelled, response, runTraversal, type Channel } from './execute';
import type { FaultInjector } from './faults';
import type { WriteLock } from './lock';
import type { Job, Settings } from './requests';
import type { SessionRegistry } from './sessions';

/** What every transport (WebSocket connection, HTTP request) needs to run a job against the server's graphs. */
export interface ServerState extends Settings {
  readonly sessions: SessionRegistry;
  readonly faults: FaultInjector;
  lockOf(graph: Graph): WriteLock;
}

/**
 * Runs a checked request to its last response on `channel`, whichever transport it came by; returns the
 * final status. `owner` is what a session opened by this request belongs to (its connection), so that
 * closing the connection ends the session.
 */
export async function runJob(job: Job, requestId: string, channel: Channel, state: ServerState, owner: object): Promise<number> {
  const { sessions } = state;
  switch (job.kind) {
    case 'close':
      await sessions.close(job.session);
      await channel.write(channel.encode(response(requestId, 204, []), 'tokens'));
      return 204;
    case 'commit':
    case 'rollback': {
      const session = job.session === undefined ? undefined : sessions.get(job.session);
      // Sessionless requests are already committed; like Gremlin Server, ending "their" transaction is a no-op.
      await session?.run(async () => (job.kind === 'commit' ? session.commit() : session.rollback()));
      await channel.write(channel.encode(response(requestId, 204, []), 'tokens'));
      return 204;
    }
    case 'traversal': {
      const fault = state.faults.take();
      if (fault?.kind === 'error') throw fault.error;
      if (fault?.kind === 'drop' && fault.when === 'before') {
        channel.drop();
        throw new Cancelled('connection dropped by an injected fault');
      }
      const out = fault?.kind === 'drop' ? droppingInsteadOfAnswer(channel) : channel;
      if (job.session === undefined) return runTraversal(job, requestId, out, state.lockOf, undefined);
      const session = sessions.open(job.session, owner);
      return session.run(() => runTraversal(job, requestId, out, state.lockOf, session));
    }
  }
}

/** The channel, except that its first frame (for a small write, the answer after the commit) drops the connection instead. */
function droppingInsteadOfAnswer(channel: Channel): Channel {
  return {
    get closed() {
      return channel.closed;
    },
    encode: (response, materialize) => channel.encode(response, materialize),
    write: async () => channel.drop(),
    drop: () => channel.drop(),
  };
}
