import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import gremlin from 'gremlin';
import { loadFeatures } from '../../conformance/features';
import { skipReason } from '../../conformance/skips';
import { startGremlinServer, type GremlinServer } from '../../src/embedded/server';
import { Graph, type Transaction } from '../../src/embedded/structure';
import { startGateway, type Gateway } from '../../src/gateway/server';
import type { Bytecode } from '../../src/gremlin/source';
import { GremlinClient } from '../../src/neptune/client';
import { loadConnectionConfig } from '../../src/neptune/config';
import { buildTypedSchema } from '../../src/gateway/typed-schema';

/**
 * "Every step that the gateway emits passes its scenarios": this test drives every resolver of the API through
 * the gateway over the real driver, records the steps of each traversal sent, and checks that every
 * (non-skipped) scenario of each step's feature in TinkerPop's suite is in the conformance baseline — which
 * `npm test` in turn requires to keep passing.
 */

const FEATURES = join(__dirname, '..', '..', '..', 'shared', 'tinkerpop', 'features');
const BASELINE = join(__dirname, '..', '..', 'conformance', 'baseline.json');

/** Steps whose scenarios live under another step's tag, and steps no feature covers on its own. */
const FEATURE_TAGS: Record<string, string[]> = {
  out: ['@StepVertex'],
  in: ['@StepVertex'],
  both: ['@StepVertex'],
  outE: ['@StepVertex'],
  inE: ['@StepVertex'],
  bothE: ['@StepVertex'],
  outV: ['@StepVertex'],
  inV: ['@StepVertex'],
  otherV: ['@StepVertex'],
  id: ['@StepVertex'],
  label: ['@StepVertex'],
  values: ['@StepProperties'],
  properties: ['@StepProperties'],
  limit: ['@StepRange'],
  as: ['@StepSelect'],
  by: ['@StepOrder', '@StepProject', '@StepPath', '@StepSelect'],
  from: ['@StepAddE'],
  to: ['@StepAddE'],
  property: ['@StepAddV'],
  option: ['@StepMergeV', '@StepMergeE'],
  not: ['@StepFilter', '@StepWhere'],
  identity: [],
  sideEffect: [],
};

const SDL = `
type User @vertex(label: "User") {
  id: ID!
  name: String!
  age: Int
  follows: [User!]! @edge(label: "FOLLOWS", direction: OUT, properties: "Follow")
  followers: [User!]! @edge(label: "FOLLOWS", direction: IN)
  friendsOfFriends: [User!]! @gremlin(traversal: "g.V(id).out('FOLLOWS').out('FOLLOWS').dedup()")
}
type Follow { since: Int }
`;

const QUERIES = [
  `{ vertex(id: "u1") { id label properties name: property(key: "name") degree(direction: OUT, labels: ["FOLLOWS"]) } }`,
  `{ vertices(ids: ["u1", "u2"], label: "User", where: { or: [{ key: "age", gte: 30 }, { and: [{ key: "name", startsWith: "B" }, { not: { key: "age", exists: false } }] }] },
      orderBy: [{ key: "age", direction: DESC }], first: 1) { totalCount pageInfo { endCursor } edges { cursor node { id } } } }`,
  `{ vertices(where: { key: "name", in: ["Ann", "Bo"] }) { nodes { id } } }`,
  `{ edge(id: "f1") { label properties outV { id } inV { property(key: "name") } } edges(label: "FOLLOWS", where: { key: "since", lt: 2020 }, orderBy: [{ key: "since" }]) { totalCount nodes { id } } }`,
  `{ vertex(id: "u1") { out(labels: ["FOLLOWS"], where: { key: "name", contains: "o" }) { totalCount nodes { id } } in { nodes { id } } both(orderBy: [{ key: "name" }], first: 1) { nodes { id } }
      outE { nodes { id } } inE { totalCount } bothE(where: { key: "since", neq: 1 }) { nodes { properties } } } }`,
  `{ traverse(start: ["u1"], steps: [{ direction: OUT, edgeLabels: ["FOLLOWS"] }, { direction: BOTH, where: { key: "age", gt: 1 } }], limit: 5) { vertices { id } edges { id } paths { length vertices { id } } } }`,
  `{ shortestPath(from: "u1", to: "u3", edgeLabels: ["FOLLOWS"]) { length vertices { id } edges { id } } }`,
  `{ pageRank(label: "User", edgeLabels: ["FOLLOWS"], limit: 2) { rank vertex { id } } }`,
  `mutation { createVertex(input: { id: "n1", label: "User", properties: { name: "Nu", langs: ["a", "b"] } }) { id } }`,
  `mutation { upsertVertex(input: { id: "n1", label: "User", properties: { age: 3 } }) { id } }`,
  `mutation { updateVertex(id: "n1", set: { langs: ["c"] }, remove: ["age"]) { id } }`,
  `mutation { createEdge(input: { id: "e9", label: "FOLLOWS", from: "n1", to: "u1", properties: { since: 2024 } }) { id } }`,
  `mutation { updateEdge(id: "e9", set: { since: 2025 }, remove: ["x"]) { id } }`,
  `mutation { deleteEdge(id: "e9") { deleted } }`,
  `mutation { batchCreateVertices(inputs: [{ id: "b1", label: "User", properties: { name: "B1" } }, { id: "b2", label: "User", properties: { name: "B2" } }]) { id } }`,
  `mutation { batchCreateEdges(inputs: [{ label: "FOLLOWS", from: "b1", to: "b2" }, { label: "FOLLOWS", from: "b2", to: "b1" }]) { id } }`,
  `mutation { deleteVertex(id: "n1") { deleted } }`,
  `{ user(id: "u1") { name follows(where: { name: { startsWith: "B" } }, orderBy: [{ name: ASC }]) { name } followsConnection(first: 1) { totalCount edges { properties { since } node { id } } }
      friendsOfFriends { id } } }`,
  `{ users(where: { follows_some: { name: { eq: "Bo" } }, followers_none: { age: { gt: 100 } }, AND: [{ age: { in: [30, 41] } }] }, first: 5) { totalCount nodes { id typedBack: vertex { id } } } }`,
  `{ vertex(id: "u2") { typed { ... on User { name } } } }`,
  `mutation { createUser(input: { id: "t1", name: "Ty" }) { id } }`,
  `mutation { updateUser(id: "t1", set: { age: 5 }) { id } }`,
  `mutation { connectUserFollows(id: "t1", to: "u1", properties: { since: 2001 }) { id } }`,
  `mutation { disconnectUserFollows(id: "t1", from: "u1") { id } }`,
  `mutation { deleteUser(id: "t1") { deleted } }`,
];

function fill(tx: Transaction): void {
  const user = (id: string, name: string, age: number) => {
    const v = tx.addVertex(['User'], id);
    tx.addVertexProperty(v, 'name', name);
    tx.addVertexProperty(v, 'age', age);
    return v;
  };
  const [ann, bo, cy] = [user('u1', 'Ann', 30), user('u2', 'Bo', 41), user('u3', 'Cy', 25)];
  tx.setEdgeProperty(tx.addEdge('FOLLOWS', ann, bo, 'f1'), 'since', 2010);
  tx.setEdgeProperty(tx.addEdge('FOLLOWS', bo, cy, 'f2'), 'since', 2015);
}

function stepsOf(value: unknown, into: Set<string>): Set<string> {
  if (value instanceof gremlin.process.Traversal) return stepsOf(value.getBytecode(), into);
  if (value instanceof gremlin.process.Bytecode) {
    for (const [name, ...args] of [...value.sourceInstructions, ...value.stepInstructions]) {
      into.add(name);
      args.forEach((a: unknown) => stepsOf(a, into));
    }
  } else if (Array.isArray(value)) {
    value.forEach((v) => stepsOf(v, into));
  } else if (value instanceof Map) {
    value.forEach((v, k) => (stepsOf(k, into), stepsOf(v, into)));
  }
  return into;
}

describe('the steps the gateway emits', () => {
  let server: GremlinServer;
  let client: GremlinClient;
  let gateway: Gateway;
  const emitted = new Set<string>();

  beforeAll(async () => {
    const graph = new Graph();
    graph.transact(fill);
    server = await startGremlinServer({ graphs: { g: graph } });
    client = GremlinClient.create(loadConnectionConfig({}, { gremlinEndpoint: server.url }));
    const recording = {
      submit: (bytecode: Bytecode, options: { mode: 'read' | 'write' }) => {
        stepsOf(bytecode, emitted);
        return client.submit(bytecode, options);
      },
      ping: () => client.ping(),
    };
    gateway = await startGateway({ schema: buildTypedSchema(SDL), gremlin: recording, port: 0, host: '127.0.0.1' });
    for (const query of QUERIES) {
      const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(`${query}\n${JSON.stringify(body.errors)}`);
    }
  }, 60_000);

  afterAll(async () => {
    await gateway.stop();
    await client.close();
    await server.close();
  });

  it('each pass all their scenarios in the conformance baseline', () => {
    const passing = new Set<string>((JSON.parse(readFileSync(BASELINE, 'utf8')) as { scenarios: string[] }).scenarios);
    const scenarios = loadFeatures([FEATURES]).flatMap((feature) =>
      feature.scenarios.map((scenario) => ({ key: `${feature.path.split('/').pop()} ${scenario.name}`, scenario })),
    );
    expect(emitted.size).toBeGreaterThan(30);
    const missing: string[] = [];
    for (const step of [...emitted].sort()) {
      const tags = FEATURE_TAGS[step] ?? [`@Step${step[0].toUpperCase()}${step.slice(1)}`];
      for (const { key, scenario } of scenarios) {
        if (!tags.some((t) => scenario.tags.includes(t)) || skipReason(scenario)) continue;
        if (!passing.has(key)) missing.push(`${step}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
