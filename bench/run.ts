/**
 * `npm run bench [-- NAME... [-- FLAGS]]`: runs the named benchmarks (all of them by default) one after another,
 * each in a process of its own so one's heap does not weigh on the next. Flags after a second `--` go to each.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BENCHMARKS: Record<string, { readonly script: string; readonly what: string }> = {
  gateway: { script: 'gateway.ts', what: 'nereid against a naive gateway, hand-written traversals (also on TinkerGraph) and the graphql-js floor' },
  'graphql-layer': { script: 'graphql-layer.ts', what: "the GraphQL layer's own cost: { __typename } through HTTP" },
  lookup: { script: 'embedded-lookup.ts', what: 'property-value index against scans on the embedded store' },
  'engine-scale': { script: 'engine-scale.ts', what: 'the embedded engine on power-law graphs of 10^5 and 10^6 edges: load, RSS, hops, the graphology floor, reads under writes, TinkerGraph beside it' },
  transfer: { script: 'transfer.ts', what: 'nereid load and nereid export throughput through Gremlin, elements/s' },
  batch: { script: 'batch.ts', what: 'a batch mutation of thousands of inputs in one transaction against 500-input requests' },
};

const args = process.argv.slice(2);
const split = args.indexOf('--');
const names = split === -1 ? args : args.slice(0, split);
const flags = split === -1 ? [] : args.slice(split + 1);
const unknown = names.filter((n) => !(n in BENCHMARKS));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}; known: ${Object.entries(BENCHMARKS).map(([n, b]) => `${n} (${b.what})`).join('; ')}\n`);
  process.exit(2);
}
for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
  process.stdout.write(`\n=== ${name}: ${BENCHMARKS[name].what}\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, BENCHMARKS[name].script), ...flags], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
