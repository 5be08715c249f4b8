import gremlin from 'gremlin';
import { GraphError } from '../../../src/embedded/errors';
import { SerializationError, type ResponseMessage } from '../../../src/embedded/io';
import { runTraversal, type Channel } from '../../../src/embedded/server/execute';
import { WriteLock } from '../../../src/embedded/server/lock';
import type { TraversalJob } from '../../../src/embedded/server/requests';
import { Graph } from '../../../src/embedded/structure';

describe('WriteLock', () => {
  it('gives writers the lock alone, in arrival order', async () => {
    const lock = new WriteLock();
    const events: string[] = [];
    const first = await lock.acquire();
    const second = lock.acquire().then((release) => {
      events.push('second');
      return release;
    });
    const third = lock.acquire().then((release) => {
      events.push('third');
      return release;
    });
    await Promise.resolve();
    expect(events).toEqual([]);
    first();
    (await second)();
    (await third)();
    expect(events).toEqual(['second', 'third']);
    expect(lock.idle).toBe(true);
  });

  it('gives up at the deadline with TimeLimitExceededException and serves the next waiter', async () => {
    const lock = new WriteLock();
    const held = await lock.acquire();
    await expect(lock.acquire(Date.now() + 30)).rejects.toMatchObject({ code: 'TimeLimitExceededException' });
    const next = lock.acquire();
    held();
    (await next)();
    expect(lock.idle).toBe(true);
  });
});

describe('runTraversal', () => {
  const job = (graph: Graph, bytecode: gremlin.process.Bytecode): TraversalJob => ({
    kind: 'traversal',
    graph,
    bytecode,
    results: 'traversers',
    batchSize: 64,
    materialize: 'tokens',
  });
  const addVertex = () => gremlin.process.traversal().withGraph(new gremlin.structure.Graph()).addV('person').getBytecode();

  it('commits a write only once its last frame has encoded', async () => {
    const graph = new Graph();
    const locks = new WriteLock();
    const written: ResponseMessage[] = [];
    const refusing: Channel = {
      closed: false,
      encode: () => {
        throw new SerializationError('no wire form');
      },
      write: async () => undefined,
      drop: () => undefined,
    };
    await expect(runTraversal(job(graph, addVertex()), 'r1', refusing, () => locks, undefined)).rejects.toBeInstanceOf(SerializationError);
    expect(graph.vertexCount).toBe(0);
    expect(locks.idle).toBe(true);

    const accepting: Channel = { closed: false, encode: (r) => (written.push(r), ''), write: async () => undefined, drop: () => undefined };
    expect(await runTraversal(job(graph, addVertex()), 'r2', accepting, () => locks, undefined)).toBe(200);
    expect(graph.vertexCount).toBe(1);
    expect(written.map((r) => r.status.code)).toEqual([200]);
  });

  it('rolls back and releases the lock when the traversal fails', async () => {
    const graph = new Graph();
    const locks = new WriteLock();
    const channel: Channel = { closed: false, encode: () => '', write: async () => undefined, drop: () => undefined };
    const failing = gremlin.process.traversal().withGraph(new gremlin.structure.Graph()).addV('a').property(gremlin.process.t.id, 'x').addV('b').property(gremlin.process.t.id, 'x');
    await expect(runTraversal(job(graph, failing.getBytecode()), 'r', channel, () => locks, undefined)).rejects.toBeInstanceOf(GraphError);
    expect(graph.vertexCount).toBe(0);
    expect(locks.idle).toBe(true);
  });
});
