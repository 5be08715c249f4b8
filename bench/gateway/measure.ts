/** Closed-loop load: `concurrency` callers each send the next operation as soon as the last one answered. */

export interface Sample {
  readonly operations: number;
  readonly p50: number;
  readonly p99: number;
  /** Operations per second over the run. */
  readonly throughput: number;
}

export async function measure(operation: (round: number) => Promise<void>, options: { concurrency: number; durationMs: number; minOperations?: number }): Promise<Sample> {
  const latencies: number[] = [];
  let round = 0;
  const started = performance.now();
  const until = started + options.durationMs;
  const min = options.minOperations ?? 0;
  const caller = async () => {
    while (performance.now() < until || latencies.length < min) {
      const at = performance.now();
      await operation(round++);
      latencies.push(performance.now() - at);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, caller));
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    operations: latencies.length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    throughput: (latencies.length / elapsed) * 1000,
  };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
