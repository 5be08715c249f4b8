import { inferSchema, type InferredSchema } from './model';
import { printSdl } from './print-sdl';
import { reservedKeys } from './claims';
import type { GremlinSubmitter } from '../operations/operation';
import { DEFAULT_SAMPLE_OPTIONS, sampleGraph, type SampleOptions } from './sampler';

export { DEFAULT_SAMPLE_OPTIONS, type SampleOptions } from './sampler';
export type { InferredSchema } from './model';

export interface Inference {
  readonly sdl: string;
  readonly schema: InferredSchema;
  /** Gremlin requests sent. */
  readonly requests: number;
  readonly ms: number;
  /** The graph has more labels than were read (see `SampleOptions.maxLabels`). */
  readonly labelsTruncated: boolean;
}

/**
 * Samples a live graph and writes the typed schema it calls for. Bounded: one scan per element kind for the
 * labels, then at most `perLabel` elements per label in small windows, `concurrency` requests at a time.
 */
export async function inferGraphSchema(client: GremlinSubmitter, options: Partial<SampleOptions> = {}): Promise<Inference> {
  const sampling = { ...DEFAULT_SAMPLE_OPTIONS, ...options };
  const started = performance.now();
  const { sample, requests } = await sampleGraph(client, sampling);
  const ms = Math.round(performance.now() - started);
  const schema = inferSchema(sample, reservedKeys());
  return { sdl: printSdl(schema, { perLabel: sampling.perLabel }), schema, requests, ms, labelsTruncated: sample.labelsTruncated };
}
