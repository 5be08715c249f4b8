/**
 * Differential testing of the embedded engine against Apache TinkerPop's Gremlin Server (TinkerGraph): seeded
 * random traversals (test/peers/differential/generator.ts) on both, over the same data, through the same
 * JavaScript driver; prints the figures and every mismatch.
 *
 *   npx tsx bench/differential.ts [--cases 1000] [--seed 1] [--datasets modern,crew,air-routes-slice] [--show 40]
 *
 * The suite runs a small slice of the same (test/peers/differential.test.ts).
 */
import { parseArgs } from 'node:util';
import { DATASETS, runDifferential, type DatasetFigures } from '../test/peers/differential/run';
import { startReferenceServer, TINKERPOP_VERSION } from '../test/peers/gremlin-server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      datasets: { type: 'string', default: Object.keys(DATASETS).join(',') },
      show: { type: 'string', default: '40' },
    },
  });
  const cases = Number(values.cases);
  const seed = Number(values.seed);
  const reference = await startReferenceServer();
  console.log(`TinkerPop Gremlin Server ${TINKERPOP_VERSION} started in ${reference.startMs} ms`);
  const figures: DatasetFigures[] = [];
  try {
    for (const name of values.datasets!.split(',')) {
      const graph = await DATASETS[name]!();
      const started = Date.now();
      const f = await runDifferential(reference, name, graph, cases, seed);
      figures.push(f);
      console.log(`${name} (${graph.vertexCount} vertices, ${graph.edgeCount} edges): ${f.cases} cases, ${f.same} same, ${f.bothFailed} failed on both, ${f.tooLarge} too large to compare, ${Object.values(f.known).reduce((a, b) => a + b, 0)} known differences, ${f.mismatches.length} mismatches, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await reference.stop();
  }
  const all = figures.flatMap((f) => f.mismatches);
  const known: Record<string, number> = {};
  for (const f of figures) for (const [reason, n] of Object.entries(f.known)) known[reason] = (known[reason] ?? 0) + n;
  for (const [reason, n] of Object.entries(known)) console.log(`known difference (${n} cases): ${reason}`);
  console.log(`\ntotal: ${figures.reduce((n, f) => n + f.cases, 0)} cases, ${all.length} mismatches (seed ${seed})`);
  for (const m of all.slice(0, Number(values.show))) {
    console.log(`\n[${m.dataset} #${m.case}] ${m.traversal}\n  embedded : ${m.embedded.ok ? '' : 'ERROR '}${m.embedded.result.slice(0, 400)}\n  reference: ${m.reference.ok ? '' : 'ERROR '}${m.reference.result.slice(0, 400)}`);
  }
}

void main();
