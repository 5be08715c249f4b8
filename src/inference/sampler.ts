import type { GremlinSubmitter, Operation } from '../operations/operation';
import { DistinctLabels } from './operations/distinct-labels';
import { EdgeSample, type SampledEdge } from './operations/edge-sample';
import { VertexSample, type SampledVertex } from './operations/vertex-sample';

export interface SampleOptions {
  /** At most this many vertices per vertex label and edges per edge label are read. */
  readonly perLabel: number;
  /** Elements per request. */
  readonly pageSize: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Edges looked at each way per sampled vertex when summarizing its relationships. */
  readonly edgesPerVertex: number;
  /** Label (combinations) read at most, per element kind. */
  readonly maxLabels: number;
}

export const DEFAULT_SAMPLE_OPTIONS: SampleOptions = {
  perLabel: 1000,
  pageSize: 250,
  concurrency: 2,
  edgesPerVertex: 100,
  maxLabels: 1000,
};

export interface LabelSample<T> {
  readonly label: string;
  readonly elements: readonly T[];
  /** Fewer than `perLabel` elements exist, so the sample is all of them. */
  readonly complete: boolean;
}

export interface GraphSample {
  /** Sorted by label. */
  readonly vertices: readonly LabelSample<SampledVertex>[];
  readonly edges: readonly LabelSample<SampledEdge>[];
  /** More labels exist than `maxLabels`; those beyond it were not sampled. */
  readonly labelsTruncated: boolean;
}

export interface SampleRun {
  readonly sample: GraphSample;
  /** Gremlin requests sent. */
  readonly requests: number;
}

/**
 * Reads a bounded sample of the graph: the labels (one request per element kind), then for every label up to
 * `perLabel` elements in windows of `pageSize`, with at most `concurrency` requests in flight. Within a label
 * the windows go one after another, so a label with few elements costs one request.
 */
export async function sampleGraph(client: GremlinSubmitter, options: SampleOptions = DEFAULT_SAMPLE_OPTIONS): Promise<SampleRun> {
  let requests = 0;
  const run = async <T>(operation: Operation<T>): Promise<T> => {
    requests++;
    return operation.decode(await client.submit(operation.traversal().getBytecode(), { mode: operation.mode }));
  };
  const [vertexLabels, edgeLabels] = await inParallel(
    [() => run(new DistinctLabels('vertex', options.maxLabels)), () => run(new DistinctLabels('edge', options.maxLabels))],
    options.concurrency,
  );

  const sampleLabel = async <T>(label: string, page: (start: number, end: number) => Operation<T[]>): Promise<LabelSample<T>> => {
    const elements: T[] = [];
    for (let start = 0; start < options.perLabel; start += options.pageSize) {
      const end = Math.min(start + options.pageSize, options.perLabel);
      const found = await run(page(start, end));
      elements.push(...found);
      if (found.length < end - start) return { label, elements, complete: true };
    }
    return { label, elements, complete: false };
  };
  const vertices: LabelSample<SampledVertex>[] = [];
  const edges: LabelSample<SampledEdge>[] = [];
  await inParallel(
    [
      ...vertexLabels.labels.map((label, i) => async () => {
        vertices[i] = await sampleLabel(label, (s, e) => new VertexSample(label, s, e, options.edgesPerVertex));
      }),
      ...edgeLabels.labels.map((label, i) => async () => {
        edges[i] = await sampleLabel(label, (s, e) => new EdgeSample(label, s, e));
      }),
    ],
    options.concurrency,
  );
  return {
    sample: { vertices, edges, labelsTruncated: vertexLabels.truncated || edgeLabels.truncated },
    requests,
  };
}

/** Runs the tasks with at most `limit` running at once; results in task order. After a failure no task starts. */
async function inParallel<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < tasks.length && !failed) {
      const index = next++;
      try {
        results[index] = await tasks[index]();
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
