/**
 * `npm run bench [-- NAME... [-- FLAGS]]`: runs the named benchmarks (all of them by default) one after another,
 * each in a process of its own so one's heap does not weigh on the next. Flags after a second `--` go to each.
 *
 * The whole default run fits in RUN_BUDGET_S on an idle 2-core machine: before starting, each benchmark plans its
 * part (bench/budget.ts: the time-boxed parts exactly, the rest from idle-machine estimates) and the plan is
 * printed with its total; at the end each benchmark's actual time is printed beside its plan, and both go into
 * `bench/results/run.json` (or `--out DIR`'s) with the load averages. `npm run bench -- -- --plan` prints the
 * plan alone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { BUILD_S, BUILT_ENV, seconds, type PlannedRun } from './budget';

const BENCHMARKS: Record<string, { readonly script: string; readonly what: string; readonly build?: boolean }> = {
  gateway: { script: 'gateway.ts', what: 'nereid against a naive gateway, hand-written traversals (also on TinkerGraph) and the graphql-js floor', build: true },
  'graphql-layer': { script: 'graphql-layer.ts', what: "the GraphQL layer's own cost: { __typename } through HTTP" },
  lookup: { script: 'embedded-lookup.ts', what: 'property-value index against scans on the embedded store' },
  'engine-scale': { script: 'engine-scale.ts', what: 'the embedded engine on power-law graphs of 10^5 and 10^6 edges: load, RSS, hops, the graphology floor, reads under writes, TinkerGraph beside it', build: true },
  transfer: { script: 'transfer.ts', what: 'nereid load and nereid export throughput through Gremlin, elements/s' },
  batch: { script: 'batch.ts', what: 'a batch mutation of thousands of inputs in one transaction against 500-input requests' },
};

/** Ten minutes, less half a minute for what no plan counts (starting each process, its imports, writing files). */
const RUN_BUDGET_S = 570;
/** Asking a benchmark for its plan starts it (tsx, its imports) and stops it: about a second on an idle machine. */
const PLAN_S = 1;
const started = performance.now();

const args = process.argv.slice(2);
const split = args.indexOf('--');
const names = split === -1 ? args : args.slice(0, split);
const flags = split === -1 ? [] : args.slice(split + 1);
const unknown = names.filter((n) => !(n in BENCHMARKS));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}; known: ${Object.entries(BENCHMARKS).map(([n, b]) => `${n} (${b.what})`).join('; ')}\n`);
  process.exit(2);
}
const chosen = names.length > 0 ? names : Object.keys(BENCHMARKS);
const build = chosen.some((n) => BENCHMARKS[n].build);
const env = { ...process.env, ...(build ? { [BUILT_ENV]: '1' } : {}) };
const outIndex = flags.indexOf('--out');
const out = outIndex === -1 ? join(__dirname, 'results') : flags[outIndex + 1];

const spawnBenchmark = (name: string, extra: string[], stdio: 'inherit' | 'pipe') =>
  spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, BENCHMARKS[name].script), ...flags, ...extra], { stdio, env, encoding: 'utf8' });

const plans: PlannedRun[] = chosen.map((name) => {
  const planned = spawnBenchmark(name, ['--plan'], 'pipe');
  if (planned.status !== 0) {
    process.stderr.write(`${name} --plan failed:\n${planned.stderr}`);
    process.exit(planned.status ?? 1);
  }
  return JSON.parse(planned.stdout.trim().split('\n').pop()!) as PlannedRun;
});
const plansS = PLAN_S * chosen.length;
const plannedS = plansS + (build ? BUILD_S : 0) + plans.reduce((s, p) => s + p.plannedS, 0);
process.stdout.write(
  `plan (time-boxed parts exact, the rest estimated from an idle 2-core machine):\n` +
    `  ${'plans'.padEnd(14)} ${seconds(plansS).padStart(10)}\n` +
    (build ? `  ${'build'.padEnd(14)} ${seconds(BUILD_S).padStart(10)}\n` : '') +
    plans.map((p) => `  ${p.benchmark.padEnd(14)} ${seconds(p.plannedS).padStart(10)}${p.timeBoxedS ? `  (${seconds(p.timeBoxedS)} time-boxed)` : ''}\n`).join('') +
    `  ${'total'.padEnd(14)} ${seconds(plannedS).padStart(10)}  of a ${seconds(RUN_BUDGET_S)} budget${plannedS > RUN_BUDGET_S ? ' (over it)' : ''}\n`,
);

if (flags.includes('--plan')) process.exit(0);
const loadBefore = loadavg();
const actual: Record<string, number> = { plans: (performance.now() - started) / 1000 };
if (build) {
  process.stdout.write('\nbuilding nereid (npm run build)...\n');
  const at = performance.now();
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: join(__dirname, '..'), stdio: 'inherit' });
  actual.build = (performance.now() - at) / 1000;
}
for (const name of chosen) {
  process.stdout.write(`\n=== ${name}: ${BENCHMARKS[name].what}\n`);
  const at = performance.now();
  const run = spawnBenchmark(name, [], 'inherit');
  actual[name] = (performance.now() - at) / 1000;
  if (run.status !== 0) process.exit(run.status ?? 1);
}
const totalS = (performance.now() - started) / 1000;
const rows = [{ name: 'plans', plannedS: plansS }, ...(build ? [{ name: 'build', plannedS: BUILD_S }] : []), ...plans.map((p) => ({ name: p.benchmark, plannedS: p.plannedS }))];
process.stdout.write(
  `\n${'benchmark'.padEnd(14)} ${'planned'.padStart(10)} ${'took'.padStart(10)}\n` +
    rows.map((r) => `${r.name.padEnd(14)} ${seconds(r.plannedS).padStart(10)} ${seconds(actual[r.name]).padStart(10)}\n`).join('') +
    `${'total'.padEnd(14)} ${seconds(plannedS).padStart(10)} ${seconds(totalS).padStart(10)}  (budget ${seconds(RUN_BUDGET_S)}; load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${loadavg().map((l) => l.toFixed(1)).join(' ')} after)\n`,
);
mkdirSync(out, { recursive: true });
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString(), loadAverageBefore: loadBefore, loadAverage: loadavg() };
const round = (s: number) => Math.round(s * 10) / 10;
writeFileSync(
  join(out, 'run.json'),
  `${JSON.stringify({ machine, budgetS: RUN_BUDGET_S, plannedS: round(plannedS), actualS: round(totalS), benchmarks: rows.map((r) => ({ ...r, actualS: round(actual[r.name]), plan: plans.find((p) => p.benchmark === r.name) })) }, null, 2)}\n`,
);
process.stdout.write(`wrote ${join(out, 'run.json')}\n`);
