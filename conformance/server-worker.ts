import { parentPort, workerData } from 'node:worker_threads';
import { loadGraphSONAdjacency } from '../src/embedded/io';
import { startGremlinServer } from '../src/embedded/server';
import { Graph, TINKERGRAPH } from '../src/embedded/structure';
import { indexGraph } from './resolve';
import { datasetAlias, type HostReply, type HostRequest, type WorkerConfig } from './server-host';

/**
 * The embedded Gremlin Server for a conformance run, in a worker thread so that a traversal that never yields
 * cannot freeze the runner: the host can tell, terminate this thread and start another. Datasets load once
 * into read-only aliases (`gmodern`, ...); scratch aliases are emptied (and optionally loaded) on request.
 * All graphs use the TinkerGraph profile, the semantics the suite is written for.
 */
async function main(): Promise<void> {
  const config = workerData as WorkerConfig;
  const graphs: Record<string, Graph> = {};
  for (const [name, file] of Object.entries(config.datasets)) {
    const graph = new Graph(TINKERGRAPH);
    loadGraphSONAdjacency(graph, file);
    graphs[datasetAlias(name)] = graph;
  }
  for (const alias of config.scratch) graphs[alias] = new Graph(TINKERGRAPH);
  const server = await startGremlinServer({ graphs, logLevel: 'silent', evaluationTimeoutMs: config.evaluationTimeoutMs });

  const port = parentPort!;
  port.on('message', (request: HostRequest) => {
    void handle(request).then(
      (reply) => port.postMessage(reply),
      (err: unknown) => port.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) } satisfies HostReply),
    );
  });

  async function handle(request: HostRequest): Promise<HostReply> {
    switch (request.type) {
      case 'ping':
        return { id: request.id };
      case 'index':
        return { id: request.id, index: indexGraph(graphOf(request.alias)) };
      case 'reset': {
        const graph = graphOf(request.alias);
        await clear(graph);
        if (request.dataset) loadGraphSONAdjacency(graph, config.datasets[request.dataset]);
        return { id: request.id, index: indexGraph(graph) };
      }
    }
  }

  function graphOf(alias: string): Graph {
    const graph = server.graphs[alias];
    if (!graph) throw new Error(`no graph ${alias}`);
    return graph;
  }

  const indexes = Object.fromEntries(Object.keys(config.datasets).map((name) => [datasetAlias(name), indexGraph(graphs[datasetAlias(name)])]));
  port.postMessage({ id: 0, url: server.url, indexes } satisfies HostReply);
}

/**
 * Empties a scratch graph. A traversal the runner gave up on may still hold the graph's write transaction
 * until the server's evaluation timeout ends it, so a busy graph is retried for a while.
 */
async function clear(graph: Graph): Promise<void> {
  for (let attempt = 0; graph.inTransaction; attempt++) {
    if (attempt > 200) throw new Error('the scratch graph stayed in a transaction');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  graph.transact((tx) => {
    for (const v of [...graph.vertices()]) tx.removeVertex(v);
  });
}

if (parentPort) {
  main().catch((err: unknown) => {
    parentPort!.postMessage({ id: 0, error: err instanceof Error ? err.stack ?? err.message : String(err) } satisfies HostReply);
  });
}
