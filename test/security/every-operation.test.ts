import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Graph } from '../../src/embedded/structure';
import { GremlinClient } from '../../src/neptune/client';
import { generateSocialGraph } from '../../src/sample/social-graph';
import { createRequestContext } from '../../src/request/context';
import { toGraphQLError } from '../../src/gateway/errors';
import { DEFAULT_LIMITS } from '../../src/gateway/limits';
import { loadConnectionConfig } from '../../src/neptune/config';
import type { Operation } from '../../src/operations/operation';
import { FetchNested } from '../../src/operations/read/fetch-elements';
import { degreeHop } from '../../src/planner/plan';
import { Access } from '../../src/security/policy';
import { parseRules } from '../../src/security/rules';
import { buildTypedSchema } from '../../src/gateway/typed-schema';
import { serve, type Nereid } from '../../src/serve';
import { post, SECRET, token } from './support';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');

/**
 * Every class in src/ that implements Operation: each kind of request the gateway can send. `nereid
 * infer-schema` (src/inference) samples a graph from the command line with its own operations and serves no caller.
 */
function operationKinds(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (path === join(ROOT, 'src', 'inference')) return [];
    if (statSync(path).isDirectory()) return operationKinds(path);
    if (!name.endsWith('.ts')) return [];
    return [...readFileSync(path, 'utf8').matchAll(/class (\w+)(?:<[^{]*?>)? implements Operation</g)].map((m) => m[1]);
  });
}

// One request per operation kind (the kind it exercises first): a new kind fails this test until it is added here,
// or to FALLBACKS.
const REQUESTS: Record<string, string> = {
  ElementPage: '{ vertices(label: "User", first: 2) { totalCount } edges(first: 1) { totalCount } }',
  FetchElements: '{ _entities(representations: [{ __typename: "User", id: "user:1" }]) { ... on User { name } } }',
  Traverse: '{ traverse(start: ["user:1"], steps: [{ direction: OUT, edgeLabels: ["FOLLOWS"] }], limit: 3) { vertices { id } } }',
  ShortestPath: '{ shortestPath(from: "user:1", to: "user:2") { vertices { id } } }',
  SubgraphSize: '{ pageRank(label: "User", edgeLabels: ["FOLLOWS"], limit: 2) { rank } }',
  AdjacencyPage: '{ pageRank(label: "User", edgeLabels: ["FOLLOWS"], limit: 2) { vertex { id } } }',
  CustomTraversals: '{ users(first: 2) { nodes { follows(first: 2) { name } notFollowed { id } } } }',
  RootTraversal: '{ topics }',
  CreateVertex: 'mutation { createVertex(input: { id: "x1", label: "User", properties: { name: "X" } }) { id degree out { totalCount } } }',
  UpsertVertex: 'mutation { upsertVertex(input: { id: "x1", label: "User", properties: { name: "Y" } }) { id } }',
  UpdateVertex: 'mutation { updateVertex(id: "x1", set: { city: "Oslo" }) { id } }',
  CreateEdge: 'mutation { createEdge(input: { id: "e1", label: "FOLLOWS", from: "x1", to: "user:1" }) { id } }',
  UpdateEdge: 'mutation { updateEdge(id: "e1", set: { since: "2020-01-01T00:00:00Z" }) { id } }',
  DeleteElement: 'mutation { deleteEdge(id: "e1") { deleted } }',
  BatchCreate: 'mutation { batchCreateVertices(inputs: [{ label: "Post", properties: { title: "t" } }]) { id } }',
  ConnectVertices: 'mutation { connectUserFollows(id: "x1", to: ["user:2"]) { id } }',
  DisconnectVertices: 'mutation { disconnectUserFollows(id: "x1", from: ["user:2"]) { id } }',
  RawGremlin: '{ gremlin(query: "g.V(\'user:1\')") }',
  ElementProperties: '{ gremlin(query: "g.V(\'user:2\')") }',
};

/**
 * Kinds no request reaches while the planner nests every field in its parent's traversal: the loaders' fallback
 * for a field that was not nested. Run here through a request context directly, the same `run` every request uses.
 */
const FALLBACKS: Record<string, () => Operation<unknown>> = {
  FetchNested: () => new FetchNested(['user:1'], { kind: 'degree', hop: degreeHop('OUT', ['FOLLOWS']) }),
};

const KEYS = ['name', 'handle', 'age', 'city', 'joined', 'langs', 'title', 'topic', 'createdAt', 'since', 'weight'];
const ALL = { vertices: '*', edges: '*', keys: KEYS };
const RULES = { roles: { authenticated: { read: ALL, create: ALL, update: ALL, delete: ALL, gremlin: { write: true } } } };

describe('the policy', () => {
  let nereid: Nereid;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nereid-every-'));
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(RULES));
    const graph = new Graph();
    generateSocialGraph(graph);
    // The sample's typed schema, with a @gremlin field using its parent's id as a value past the start (within():
    // not nestable, so it runs as CustomTraversals).
    const sdl = readFileSync(join(ROOT, 'examples', 'social.graphql'), 'utf8').replace(
      '  mutualFriends(',
      `  notFollowed: [User!]! @gremlin(traversal: "g.V(id).both('FOLLOWS').both('FOLLOWS').where(__.not(__.hasId(within(id)))).dedup().limit(5)")\n  mutualFriends(`,
    );
    const schema = buildTypedSchema(sdl, 'social.graphql', { federation: true });
    nereid = await serve({ port: 0, host: '127.0.0.1', env: {}, embeddedGraph: graph, schema, security: { jwtSecret: SECRET, rules: join(dir, 'rules.json') } });
  });
  afterAll(() => nereid.stop());

  it('has a request for every kind of operation', () => {
    expect(operationKinds().sort()).toEqual([...Object.keys(REQUESTS), ...Object.keys(FALLBACKS)].sort());
  });

  it('is consulted by every read and write operation, and every traversal sent carries its rules', async () => {
    const enforced: string[] = [];
    const sent: { sources: unknown[][] }[] = [];
    const realEnforce = Access.prototype.enforce;
    const enforce = jest.spyOn(Access.prototype, 'enforce').mockImplementation(function (this: Access, operation) {
      enforced.push(operation.constructor.name);
      return realEnforce.call(this, operation);
    });
    const realSubmit = GremlinClient.prototype.submit;
    const submit = jest.spyOn(GremlinClient.prototype, 'submit').mockImplementation(function (this: GremlinClient, bytecode, options) {
      sent.push({ sources: bytecode.sourceInstructions as unknown[][] });
      return realSubmit.call(this, bytecode, options);
    });
    try {
      const bearer = await token({ sub: 'tester' });
      for (const [kind, query] of Object.entries(REQUESTS)) {
        const res = await post(nereid.url.replace('localhost', '127.0.0.1'), { query }, bearer);
        expect({ kind, errors: res.body.errors }).toEqual({ kind, errors: undefined });
      }
      const client = GremlinClient.create(loadConnectionConfig({}, { gremlinEndpoint: nereid.embeddedGremlinUrl }));
      try {
        const context = createRequestContext('every-operation', client, toGraphQLError, { access: new Access(parseRules(RULES), { claims: {}, authenticated: true }) }, DEFAULT_LIMITS);
        for (const make of Object.values(FALLBACKS)) await context.run(make());
      } finally {
        await client.close();
      }
    } finally {
      enforce.mockRestore();
      submit.mockRestore();
    }
    expect([...new Set(enforced)].sort()).toEqual([...Object.keys(REQUESTS), ...Object.keys(FALLBACKS)].sort());
    expect(sent.length).toBe(enforced.length);
    for (const { sources } of sent) {
      expect(sources.some(([name, strategy]) => name === 'withStrategies' && (strategy as { fqcn: string }).fqcn.endsWith('.SubgraphStrategy'))).toBe(true);
    }
  });
});
