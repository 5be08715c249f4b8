import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transaction } from '../../src/embedded/structure';
import { loadRules } from '../../src/security/rules';
import { fillSocial } from '../support/social';
import { startNereid, type TestNereid } from '../support/nereid';
import { post, SECRET, token } from './support';

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), 'nereid-rules-'));
function rulesFile(name: string, content: object | string): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** The social fixture, with posts that have authors. */
function fill(tx: Transaction): void {
  fillSocial(tx);
  const p1 = tx.graph.vertex('p1')!;
  tx.addVertexProperty(p1, 'author', 'ada');
  const p2 = tx.addVertex(['Post'], 'p2');
  tx.addVertexProperty(p2, 'title', 'On Bob');
  tx.addVertexProperty(p2, 'author', 'bob');
}

const RULES = {
  roles: {
    anonymous: { read: { vertices: ['Person'], edges: ['knows'], keys: ['name'] } },
    member: {
      read: { vertices: '*', edges: '*', keys: ['name', 'title', 'author', 'since'] },
      create: { vertices: ['Post'], edges: ['created', 'likes'], keys: ['title', 'author'] },
      update: { vertices: ['Post'], keys: ['title'] },
      delete: { vertices: ['Post'], edges: ['likes'] },
      owners: [{ label: 'Post', key: 'author', claim: 'sub', actions: ['update', 'delete'] }],
    },
    reader: {
      read: { vertices: ['Person', 'Post'], edges: '*' },
      owners: [{ label: 'Post', key: 'author', claim: 'sub', actions: ['read'] }],
    },
  },
};

describe('authorization rules', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fill as never, { security: { jwtSecret: SECRET, rules: rulesFile('rules.json', RULES) } });
  });
  afterAll(() => nereid.stop());

  const as = async (who: { sub: string; roles: string[] } | undefined, query: string, variables?: object) =>
    post(nereid.url, { query, variables }, who ? await token(who) : undefined);
  const member = (sub: string) => ({ sub, roles: ['member'] });
  const counts = () => ({ vertices: nereid.graph.vertexCount, edges: nereid.graph.edgeCount });

  describe('reads', () => {
    it('root pages and lookups show only the labels a role may read', async () => {
      const q = '{ all: vertices { totalCount } posts: vertices(label: "Post") { totalCount } p1: vertex(id: "p1") { id } ada: vertex(id: "ada") { id } }';
      expect((await as(undefined, q)).body.data).toEqual({ all: { totalCount: 5 }, posts: { totalCount: 0 }, p1: null, ada: { id: 'ada' } });
      expect((await as(member('ada'), q)).body.data).toEqual({ all: { totalCount: 7 }, posts: { totalCount: 2 }, p1: { id: 'p1' }, ada: { id: 'ada' } });
    });

    it('neighbour pages and edges show only the labels a role may read', async () => {
      const q = '{ vertex(id: "ada") { out { totalCount nodes { id } } outE { totalCount } } }';
      expect((await as(undefined, q)).body.data).toEqual({ vertex: { out: { totalCount: 2, nodes: [{ id: 'bob' }, { id: 'dee' }] }, outE: { totalCount: 2 } } });
      expect((await as(member('ada'), q)).body.data!.vertex.out.totalCount).toBe(3);
    });

    it('properties show only the readable keys', async () => {
      const q = '{ vertex(id: "ada") { properties } }';
      expect((await as(undefined, q)).body.data).toEqual({ vertex: { properties: { name: 'Ada' } } });
      expect((await as(member('ada'), q)).body.data).toEqual({ vertex: { properties: { name: 'Ada' } } });
    });

    // SubgraphStrategy has no edge-property filter: the policy narrows the traversal's own property reads.
    it('edge properties show only the readable keys on every path that returns edges', async () => {
      const q = `{
        edges(label: "knows", first: 1) { nodes { id properties } }
        vertex(id: "ada") { outE(labels: ["knows"], first: 1) { nodes { id properties outV { properties } } } }
        edge(id: "k1") { properties }
        traverse(start: ["ada"], steps: [{ direction: OUT, edgeLabels: ["knows"] }]) { edges { id properties } paths { edges { properties } } }
        shortestPath(from: "ada", to: "cy", edgeLabels: ["knows"]) { edges { id properties } }
      }`;
      const anonymous = (await as(undefined, q)).body;
      expect(anonymous.errors).toBeUndefined();
      expect(anonymous.data).toEqual({
        edges: { nodes: [{ id: 'k1', properties: {} }] },
        vertex: { outE: { nodes: [{ id: 'k1', properties: {}, outV: { properties: { name: 'Ada' } } }] } },
        edge: { properties: {} },
        traverse: {
          edges: expect.arrayContaining([{ id: 'k1', properties: {} }, { id: 'k4', properties: {} }]),
          paths: [{ edges: [{ properties: {} }] }, { edges: [{ properties: {} }] }],
        },
        shortestPath: { edges: [{ id: 'k1', properties: {} }, { id: 'k2', properties: {} }] },
      });
      const member = (await as({ sub: 'ada', roles: ['member'] }, q)).body;
      expect(member.errors).toBeUndefined();
      expect(member.data!.edges.nodes).toEqual([{ id: 'k1', properties: { since: 2001 } }]);
      expect(member.data!.edge).toEqual({ properties: { since: 2001 } });
      expect(member.data!.shortestPath.edges).toEqual([{ id: 'k1', properties: { since: 2001 } }, { id: 'k2', properties: { since: 2005 } }]);
      // Naming a hidden edge key is refused like a hidden vertex key, before anything is sent.
      const named = await as(undefined, '{ edge(id: "k1") { property(key: "since") } }');
      expect(named.body.errors![0]).toMatchObject({ message: expect.stringMatching(/^Not allowed to read the property "since"/), extensions: { code: 'UNAUTHENTICATED' } });
      expect(named.body.extensions!.gremlin!.requests).toBe(0);
    });

    it('traverse, shortestPath and pageRank walk only visible elements', async () => {
      const q = `{
        traverse(start: ["bob"], steps: [{ direction: OUT, edgeLabels: ["likes"] }]) { vertices { id } }
        shortestPath(from: "bob", to: "p1") { vertices { id } }
        pageRank(limit: 100) { vertex { id } }
      }`;
      const anonymous = (await as(undefined, q)).body;
      expect(anonymous.errors).toBeUndefined();
      expect(anonymous.data!.traverse.vertices).toEqual([]);
      expect(anonymous.data!.shortestPath).toBeNull();
      expect(anonymous.data!.pageRank.map((r: { vertex: { id: string } }) => r.vertex.id).sort()).toEqual(['ada', 'bob', 'cy', 'dee', 'eve']);
      const signedIn = (await as(member('ada'), q)).body;
      expect(signedIn.data!.traverse.vertices).toEqual([{ id: 'p1' }]);
      expect(signedIn.data!.shortestPath.vertices).toEqual([{ id: 'bob' }, { id: 'p1' }]);
      expect(signedIn.data!.pageRank).toHaveLength(7);
    });

    it('an owner rule on read: a reader sees only the posts they wrote', async () => {
      const q = '{ vertices(label: "Post") { nodes { id } } vertex(id: "ada") { out { nodes { id } } } }';
      const res = await as({ sub: 'bob', roles: ['reader'] }, q);
      expect(res.body.data).toEqual({ vertices: { nodes: [{ id: 'p2' }] }, vertex: { out: { nodes: [{ id: 'bob' }, { id: 'dee' }] } } });
    });

    // A nested filter is part of its root field's one traversal, so the whole root field is refused, sending nothing.
    it.each([
      ['a filter', '{ vertices(where: { key: "age", gt: 30 }) { totalCount } }', 0],
      ['an order', '{ vertices(orderBy: [{ key: "age" }]) { totalCount } }', 0],
      ['a nested filter', '{ vertex(id: "ada") { out(where: { key: "age", lt: 30 }) { totalCount } } }', 0],
      ['a traverse step filter', '{ traverse(start: ["ada"], steps: [{ direction: OUT, where: { key: "age", gt: 1 } }]) { vertices { id } } }', 0],
      ['a property field', '{ vertex(id: "ada") { property(key: "age") } }', 0],
    ])('refuses %s on a key the caller may not read, never answering from it', async (_what, q, requests) => {
      const anonymous = await as(undefined, q);
      expect(anonymous.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect(anonymous.body.errors![0].message).toMatch(/^Not allowed to read the property "age"/);
      expect(anonymous.body.extensions!.gremlin!.requests).toBe(requests);
      const signedIn = await as(member('ada'), q);
      expect(signedIn.body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(signedIn.body.extensions!.gremlin!.requests).toBe(requests);
    });
  });

  describe('writes', () => {
    it('refuses an anonymous write with UNAUTHENTICATED, sending nothing', async () => {
      const before = counts();
      const res = await as(undefined, 'mutation { createVertex(input: { label: "Post", properties: { title: "x" } }) { id } }');
      expect(res.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect(res.body.extensions!.gremlin!.requests).toBe(0);
      expect(counts()).toEqual(before);
    });

    it('lets a member create what the rules allow, and refuses another label or key with FORBIDDEN, sending nothing', async () => {
      const created = await as(member('bob'), 'mutation { createVertex(input: { id: "p3", label: "Post", properties: { title: "New", author: "bob" } }) { id } }');
      expect(created.body.errors).toBeUndefined();
      expect(nereid.graph.vertex('p3')!.value('title')).toBe('New');
      const before = counts();
      for (const q of [
        'mutation { createVertex(input: { label: "Person", properties: { name: "Zed" } }) { id } }',
        'mutation { createVertex(input: { label: "Post", properties: { title: "x", secret: 1 } }) { id } }',
        'mutation { createEdge(input: { label: "knows", from: "bob", to: "ada" }) { id } }',
        'mutation { batchCreateVertices(inputs: [{ label: "Post" }, { label: "Person" }]) { id } }',
      ]) {
        const res = await as(member('bob'), q);
        expect({ q, code: res.body.errors![0].extensions!.code }).toEqual({ q, code: 'FORBIDDEN' });
        expect({ q, requests: res.body.extensions!.gremlin!.requests }).toEqual({ q, requests: 0 });
      }
      expect(counts()).toEqual(before);
      await as(member('bob'), 'mutation { deleteVertex(id: "p3") { deleted } }');
    });

    it('owner rule on update: only the author changes a post; anyone else writes nothing', async () => {
      const other = await as(member('bob'), 'mutation { updateVertex(id: "p1", set: { title: "Hijacked" }) { id } }');
      expect(other.body.errors![0]).toMatchObject({ message: 'Not allowed to change this element, or it does not exist; nothing was written', extensions: { code: 'FORBIDDEN' } });
      expect(nereid.graph.vertex('p1')!.value('title')).toBe('Notes on the Analytical Engine');
      const author = await as(member('ada'), 'mutation { updateVertex(id: "p1", set: { title: "Notes" }) { id } }');
      expect(author.body.errors).toBeUndefined();
      expect(nereid.graph.vertex('p1')!.value('title')).toBe('Notes');
      const key = await as(member('ada'), 'mutation { updateVertex(id: "p1", set: { author: "bob" }) { id } }');
      expect(key.body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(key.body.extensions!.gremlin!.requests).toBe(0);
      expect(nereid.graph.vertex('p1')!.value('author')).toBe('ada');
      const person = await as(member('ada'), 'mutation { updateVertex(id: "ada", set: { title: "x" }) { id } }');
      expect(person.body.errors).toBeDefined();
      expect(nereid.graph.vertex('ada')!.value('title')).toBeUndefined();
    });

    it('updateEdge: a key or an edge label the role may not update writes nothing', async () => {
      const key = await as(member('ada'), 'mutation { updateEdge(id: "k1", set: { since: 1 }) { id } }');
      expect(key.body.errors![0]).toMatchObject({ message: 'Not allowed to change the property "since"; nothing was written', extensions: { code: 'FORBIDDEN' } });
      expect(key.body.extensions!.gremlin!.requests).toBe(0);
      // title may be changed, but on Post vertices only: the edge is out of the write's reach.
      const label = await as(member('ada'), 'mutation { updateEdge(id: "k1", set: { title: "x" }) { id } }');
      expect(label.body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(nereid.graph.edge('k1')!.value('since')).toBe(2001);
      expect(nereid.graph.edge('k1')!.value('title')).toBeUndefined();
    });

    it('upsert: an existing element the caller may not update is not changed, nor created again', async () => {
      const before = counts();
      const title = nereid.graph.vertex('p1')!.value('title');
      // Out of bob's reach, p1 is not matched, and creating it again collides with its id.
      const res = await as(member('bob'), 'mutation { upsertVertex(input: { id: "p1", label: "Post", properties: { title: "Upserted" } }) { id } }');
      expect(res.body.errors![0].extensions!.code).toBe('CONFLICT');
      expect(counts()).toEqual(before);
      expect(nereid.graph.vertex('p1')!.value('title')).toBe(title);
      const key = await as(member('ada'), 'mutation { upsertVertex(input: { id: "p1", label: "Post", properties: { author: "bob" } }) { id } }');
      expect(key.body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(key.body.extensions!.gremlin!.requests).toBe(0);
      expect(nereid.graph.vertex('p1')!.value('author')).toBe('ada');
    });

    it('owner rule on delete: only the author deletes a post', async () => {
      const other = await as(member('ada'), 'mutation { deleteVertex(id: "p2") { deleted } }');
      expect(other.body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(nereid.graph.vertex('p2')).toBeDefined();
      const author = await as(member('bob'), 'mutation { deleteVertex(id: "p2") { deleted } }');
      expect(author.body.data!.deleteVertex.deleted).toBe(true);
      expect(nereid.graph.vertex('p2')).toBeUndefined();
    });
  });
});

describe('read-only mode', () => {
  it('refuses every write, whatever the roles allow, with 0 Gremlin requests', async () => {
    const file = rulesFile('read-only.yaml', 'readOnly: true\nroles:\n  authenticated:\n    read: { vertices: "*", edges: "*" }\n    create: { vertices: "*", edges: "*" }\n');
    const nereid = await startNereid(fillSocial, { security: { jwtSecret: SECRET, rules: file } });
    try {
      const before = nereid.graph.vertexCount;
      const res = await post(nereid.url, { query: 'mutation { createVertex(input: { label: "Person" }) { id } }' }, await token({ sub: 'x' }));
      expect(res.body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(res.body.errors![0].message).toMatch(/read-only/);
      expect(res.body.extensions!.gremlin!.requests).toBe(0);
      expect(nereid.graph.vertexCount).toBe(before);
      expect((await post(nereid.url, { query: '{ vertices { totalCount } }' }, await token({ sub: 'x' }))).body.data).toEqual({ vertices: { totalCount: 6 } });
    } finally {
      await nereid.stop();
    }
  });
});

describe('the rules file', () => {
  it('reports mistakes in restrictions with their path', () => {
    const file = rulesFile('bad-restrict.yaml', 'restrict:\n  vertices: { Post: { read: [], owners: [{ key: author, actions: [update] }] } }\n  keys: { email: { delete: [admin] } }\n');
    expect(() => loadRules(file)).toThrow(
      [
        `NEREID_AUTH_RULES: ${file} has 3 mistakes:`,
        '  at restrict.vertices.Post.read: Too small: expected array to have >=1 items',
        '  at restrict.vertices.Post.owners.0.claim: Invalid input: expected string, received undefined',
        '  at restrict.keys.email: Unrecognized key: "delete"',
      ].join('\n'),
    );
  });

  it('reports every mistake with its path', () => {
    const file = rulesFile('bad.yaml', [
      'readOnly: maybe',
      'roles:',
      '  member:',
      '    read: { vertices: Person }',
      '    create: { labels: [Post] }',
      '    owners: [{ label: Post, key: author, actions: [edit] }]',
    ].join('\n'));
    expect(() => loadRules(file)).toThrow(
      [
        `NEREID_AUTH_RULES: ${file} has 5 mistakes:`,
        '  at readOnly: Invalid input: expected boolean, received string',
        '  at roles.member.read.vertices: Invalid input',
        '  at roles.member.create: Unrecognized key: "labels"',
        '  at roles.member.owners.0.claim: Invalid input: expected string, received undefined',
        '  at roles.member.owners.0.actions.0: Invalid option: expected one of "read"|"create"|"update"|"delete"',
      ].join('\n'),
    );
  });
});
