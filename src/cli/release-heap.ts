import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Gives back to the system what building a graph left in the heap, with one full, compacting collection.
 * A bulk load leaves about as much garbage as graph (parser buffers, adjacency arrays outgrown as edges
 * arrived), scattered between the survivors; V8 collects it only when the process allocates again, which
 * an idle server does not, and a collection without compaction keeps the holes. Either way the RSS stays
 * near twice the graph. Node offers no collection call without --expose-gc, which is set here for this.
 */
export async function releaseBuildGarbage(): Promise<void> {
  // A load's streams let go of their buffers and row callbacks as they close, a turn of the loop after it ends.
  await new Promise((resolve) => setImmediate(resolve));
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // Sweeping in the foreground also unmaps the freed pages before gc() returns, so the RSS reported from the
  // ready line on is the one the process keeps (in the background that lags by seconds on a busy machine).
  setFlagsFromString('--compact-on-every-full-gc');
  setFlagsFromString('--no-concurrent-sweeping');
  try {
    gc();
  } finally {
    setFlagsFromString('--concurrent-sweeping');
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}
