import type { Command } from 'commander';
import { openDataDir } from '../embedded/storage';
import { Graph, type GraphProfile } from '../embedded/structure';
import { logger } from '../logger';
import { releaseBuildGarbage } from './release-heap';

/** `--data-dir DIR` on the commands that run the embedded graph (`serve`, `gremlin-server`). */
export function addDataDirOption(command: Command): Command {
  return command.option(
    '--data-dir <dir>',
    'keep the embedded graph in this directory (SQLite): a write is on disk before it is acknowledged, and the same directory restarts on the same graph',
  );
}

/**
 * The embedded graph, in memory or kept in a data directory. `seed` fills it (sample data, `--load` files)
 * only when there is no graph to restart on: in memory always, in a data directory the first time, so
 * the same command line restarts on the same graph; on later starts seeding is skipped and `seeds` (what
 * the user asked to load) named in a warning. What building the graph left in the heap is given back
 * before it is returned.
 */
export async function openEmbeddedGraph(options: {
  readonly dataDir?: string;
  readonly profile?: GraphProfile;
  readonly seed: (graph: Graph) => Promise<void> | void;
  readonly seeds?: readonly string[];
}): Promise<Graph> {
  const graph = new Graph(options.profile);
  if (options.dataDir === undefined) {
    await options.seed(graph);
    await releaseBuildGarbage();
    return graph;
  }
  const store = openDataDir(options.dataDir, graph);
  // The data is on disk at every commit; closing only checkpoints the log (and spares the next start a replay of it).
  process.once('exit', () => store.close());
  const { vertices, edges, ms } = store.loaded;
  if (store.fresh) {
    await options.seed(graph);
    store.markSeeded();
    logger.info({ dataDir: store.path, vertices: graph.vertexCount, edges: graph.edgeCount }, 'data directory created');
  } else {
    logger.info({ dataDir: store.path, vertices, edges, ms: Math.round(ms) }, 'data directory opened');
    if (options.seeds && options.seeds.length > 0) {
      logger.warn({ dataDir: store.path, ignored: options.seeds }, 'the data directory already holds a graph; ignoring what would seed a new one');
    }
  }
  await releaseBuildGarbage();
  return graph;
}
