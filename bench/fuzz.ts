/**
 * The full fuzzing count: `npx tsx bench/fuzz.ts [--operations 10000] [--seed N] [--concurrency 4]`. Starts a
 * nereid (the embedded graph with the sample social graph) on loopback and sends generated operations
 * (test/support/fuzz.ts: built from the live schema, valid and invalid, hostile strings and numbers, deep
 * nesting, many aliases, garbage), then stores hostile strings and reads them back (a tenth as many). Prints
 * the answers by kind and code, and every failure: a 5xx, an error without a code, INTERNAL_SERVER_ERROR, a
 * stack trace, or a string not read back verbatim. Exits 1 when there is one. The seeded slice of the same
 * generators runs in test/observability/fuzz.test.ts.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { Graph } from '../src/embedded/structure';
import { generateSocialGraph } from '../src/sample/social-graph';
import { serve } from '../src/serve';
import { codesOf, hostileString, problemOf, requestArbitrary, type FuzzRequest } from '../test/support/fuzz';

const { values } = parseArgs({ options: { operations: { type: 'string', default: '10000' }, seed: { type: 'string', default: '20261207' }, concurrency: { type: 'string', default: '4' } } });
const OPERATIONS = Number(values.operations);
const SEED = Number(values.seed);
const CONCURRENCY = Number(values.concurrency);

async function main(): Promise<void> {
  const graph = new Graph();
  generateSocialGraph(graph);
  const nereid = await serve({ port: 0, host: '127.0.0.1', env: {}, embeddedGraph: graph });
  const post = async (body: unknown) => {
    const res = await fetch(nereid.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, text: await res.text() };
  };
  const schema = buildClientSchema((JSON.parse((await post({ query: getIntrospectionQuery() })).text) as { data: IntrospectionQuery }).data);

  const requests = fc.sample(requestArbitrary(schema), { seed: SEED, numRuns: OPERATIONS });
  const counts = new Map<string, Map<string, number>>();
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request: FuzzRequest = requests[next++];
      const { status, text } = await post({ query: request.query, variables: request.variables });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const byCode = counts.get(request.kind) ?? new Map<string, number>();
      counts.set(request.kind, byCode);
      for (const code of codesOf(text)) byCode.set(code, (byCode.get(code) ?? 0) + 1);
      const problem = problemOf(status, text);
      if (problem) failures.push(`${problem} | ${request.kind}: ${request.query.slice(0, 300)} | variables ${JSON.stringify(request.variables)?.slice(0, 200)} | ${text.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;

  const pairs = fc.sample(fc.tuple(hostileString, hostileString), { seed: SEED, numRuns: Math.ceil(OPERATIONS / 10) });
  let stored = 0;
  let refused = 0;
  for (const [key, value] of pairs) {
    const created = JSON.parse((await post({ query: `mutation ($p: JSON) { createVertex(input: { label: "Fuzz", properties: $p }) { id } }`, variables: { p: { [key]: value } } })).text) as {
      data?: { createVertex: { id: string } };
      errors?: { extensions?: { code?: string } }[];
    };
    if (created.errors) {
      if (created.errors[0].extensions?.code === 'BAD_USER_INPUT') refused += 1;
      else failures.push(`round trip: creating ${JSON.stringify({ [key]: value }).slice(0, 200)} => ${JSON.stringify(created.errors).slice(0, 300)}`);
      continue;
    }
    const read = JSON.parse((await post({ query: `query ($id: ID!, $k: String!) { vertex(id: $id) { property(key: $k) } }`, variables: { id: created.data!.createVertex.id, k: key } })).text) as {
      data?: { vertex: { property: unknown } };
    };
    if (read.data?.vertex.property === value) stored += 1;
    else failures.push(`round trip: ${JSON.stringify({ [key]: value }).slice(0, 200)} came back as ${JSON.stringify(read).slice(0, 300)}`);
  }
  const alive = (await fetch(nereid.url.replace('/graphql', '/health'))).status === 200;
  await nereid.stop();

  console.log(`\nfuzz: ${requests.length} operations in ${seconds.toFixed(1)} s (${(requests.length / seconds).toFixed(0)}/s, concurrency ${CONCURRENCY}, seed ${SEED})\n`);
  console.log('| kind | answers by code |');
  console.log('|---|---|');
  for (const [kind, byCode] of [...counts].sort()) {
    console.log(`| ${kind} | ${[...byCode].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')} |`);
  }
  console.log(`\nHTTP statuses: ${[...statuses].sort().map(([s, n]) => `${s}: ${n}`).join(', ')}`);
  console.log(`round trips: ${pairs.length} hostile key/value pairs, ${stored} read back verbatim, ${refused} refused with BAD_USER_INPUT`);
  console.log(`server alive afterwards: ${alive ? 'yes' : 'NO'}`);
  console.log(`failures: ${failures.length}`);
  for (const failure of failures.slice(0, 50)) console.log(`  - ${failure}`);
  process.exitCode = failures.length > 0 || !alive ? 1 : 0;
}

void main();
