import type { Transaction, Vertex } from '../../src/embedded/structure';
import { graphOf, inferFrom, servable, typeSdl } from './infer';

function vertex(tx: Transaction, labels: string[], id: string, properties: Record<string, unknown[]>): Vertex {
  const v = tx.addVertex(labels, id);
  for (const [key, values] of Object.entries(properties)) for (const value of values) tx.addVertexProperty(v, key, value as never);
  return v;
}

describe('inferring a schema from a graph', () => {
  it('types properties from their values: Int, Float (also for integers beyond 32 bits), Boolean, DateTime, String', async () => {
    const graph = graphOf((tx) => {
      vertex(tx, ['thing'], 't1', { small: [7], big: [2 ** 31], huge: [2n ** 60n], ratio: [0.5], flag: [true], at: [new Date(0)], name: ['a'] });
      vertex(tx, ['thing'], 't2', { small: [-(2 ** 31)], big: [1], huge: [1], ratio: [2], flag: [false], at: [new Date(1)], name: ['b'] });
    });
    const { sdl } = await inferFrom(graph);
    expect(typeSdl(sdl, 'Thing')).toBe(
      [
        'type Thing @vertex(label: "thing") {',
        '  id: ID! @id',
        '  at: DateTime!',
        '  big: Float!',
        '  flag: Boolean!',
        '  huge: Float!',
        '  name: String!',
        '  ratio: Float!',
        '  small: Int!',
        '}',
      ].join('\n'),
    );
  });

  it('widens mixed numbers (Int with Float is Float) and falls back to String for other mixtures', async () => {
    const graph = graphOf((tx) => {
      vertex(tx, ['m'], 'm1', { n: [1], x: ['text'], l: [1], b: [true] });
      vertex(tx, ['m'], 'm2', { n: [1.5], x: [3], l: [2 ** 40], b: [new Date(0)] });
    });
    expect(typeSdl((await inferFrom(graph)).sdl, 'M')).toBe(
      ['type M @vertex(label: "m") {', '  id: ID! @id', '  b: String!', '  l: Float!', '  n: Float!', '  x: String!', '}'].join('\n'),
    );
  });

  it('makes a property nullable when some sampled vertex lacks it, and a list when some vertex holds several values', async () => {
    const graph = graphOf((tx) => {
      vertex(tx, ['person'], 'p1', { name: ['Ada'], nick: ['ada'], langs: ['en', 'fr'], tags: ['x', 'y'] });
      vertex(tx, ['person'], 'p2', { name: ['Bob'], langs: ['en'] });
    });
    expect(typeSdl((await inferFrom(graph)).sdl, 'Person')).toBe(
      [
        'type Person @vertex(label: "person") {',
        '  id: ID! @id',
        '  langs: [String!]!',
        '  name: String!',
        '  nick: String',
        '  tags: [String!]',
        '}',
      ].join('\n'),
    );
  });

  it('gives relationships in both directions, one field per end-point type, named by the documented rule', async () => {
    const graph = graphOf((tx) => {
      const ada = vertex(tx, ['Person'], 'ada', {});
      const bob = vertex(tx, ['Person'], 'bob', {});
      const post = vertex(tx, ['Post'], 'post', {});
      const comment = vertex(tx, ['Comment'], 'comment', {});
      tx.addEdge('knows', ada, bob);
      tx.addEdge('likes', ada, post);
      tx.addEdge('likes', bob, comment);
      tx.addEdge('hasCreator', post, ada);
    });
    const { sdl } = await inferFrom(graph);
    expect(typeSdl(sdl, 'Person')).toBe(
      [
        'type Person @vertex(label: "Person") {',
        '  id: ID! @id',
        '  knows: [Person!]! @edge(label: "knows", direction: OUT)',
        '  likesComment: [Comment!]! @edge(label: "likes", direction: OUT)',
        '  likesPost: [Post!]! @edge(label: "likes", direction: OUT)',
        '  personKnows: [Person!]! @edge(label: "knows", direction: IN)',
        '  postHasCreator: [Post!]! @edge(label: "hasCreator", direction: IN)',
        '}',
      ].join('\n'),
    );
    expect(typeSdl(sdl, 'Post')).toBe(
      [
        'type Post @vertex(label: "Post") {',
        '  id: ID! @id',
        '  hasCreator: [Person!]! @edge(label: "hasCreator", direction: OUT)',
        '  personLikes: [Person!]! @edge(label: "likes", direction: IN)',
        '}',
      ].join('\n'),
    );
  });

  it('counts a multi-label vertex as an instance of each of its labels, never as a combined type', async () => {
    const graph = graphOf((tx) => {
      const both = vertex(tx, ['Person', 'Employee'], 'both', { name: ['Ada'], salary: [10] });
      vertex(tx, ['Person'], 'plain', { name: ['Bob'] });
      const acme = vertex(tx, ['Company'], 'acme', {});
      tx.addEdge('worksAt', both, acme);
    });
    const { sdl } = await inferFrom(graph);
    expect(sdl).not.toMatch(/Person::Employee|EmployeePerson|PersonEmployee/);
    expect(typeSdl(sdl, 'Employee')).toBe(
      [
        'type Employee @vertex(label: "Employee") {',
        '  id: ID! @id',
        '  name: String!',
        '  salary: Int!',
        '  worksAt: [Company!]! @edge(label: "worksAt", direction: OUT)',
        '}',
      ].join('\n'),
    );
    expect(typeSdl(sdl, 'Person')).toBe(
      [
        'type Person @vertex(label: "Person") {',
        '  id: ID! @id',
        '  name: String!',
        '  salary: Int',
        '  worksAt: [Company!]! @edge(label: "worksAt", direction: OUT)',
        '}',
      ].join('\n'),
    );
    expect(typeSdl(sdl, 'Company')).toContain('  employeeWorksAt: [Employee!]! @edge(label: "worksAt", direction: IN)\n  personWorksAt: [Person!]! @edge(label: "worksAt", direction: IN)');
  });

  it('sanitizes labels and keys into GraphQL names and settles collisions deterministically', async () => {
    const graph = graphOf((tx) => {
      const a = vertex(tx, ['air-route'], 'a', { screen_name: ['x'], IATA: ['y'], '2fa': [true], id: ['own id'], knows: [1], label: ['l'] });
      vertex(tx, ['air_route'], 'b', {});
      vertex(tx, ['~weird'], 'c', {});
      vertex(tx, ['人'], 'u', {});
      vertex(tx, ['vertex'], 'd', {});
      vertex(tx, ['Query'], 'e', {});
      tx.addEdge('knows', a, a);
    });
    const { sdl } = await inferFrom(graph);
    expect(sdl.match(/^type \S+ @vertex\(label: "[^"]+"\)/gm)).toEqual([
      'type AirRoute @vertex(label: "air-route")',
      'type AirRoute2 @vertex(label: "air_route")',
      'type Query2 @vertex(label: "Query")',
      'type U4EBA @vertex(label: "人")',
      'type Vertex2 @vertex(label: "vertex")',
      'type Weird @vertex(label: "~weird")',
    ]);
    expect(typeSdl(sdl, 'AirRoute')).toBe(
      [
        'type AirRoute @vertex(label: "air-route") {',
        '  id: ID! @id',
        '  _2fa: Boolean! @property(key: "2fa")',
        '  iata: String! @property(key: "IATA")',
        '  id2: String! @property(key: "id")',
        '  knows: Int!',
        '  label2: String! @property(key: "label")',
        '  screenName: String! @property(key: "screen_name")',
        '  knows2: [AirRoute!]! @edge(label: "knows", direction: OUT)',
        '  airRouteKnows: [AirRoute!]! @edge(label: "knows", direction: IN)',
        '}',
      ].join('\n'),
    );
    expect(servable(sdl)).toEqual([]);
  });

  it('reads labels and keys written in capitals (FOLLOWS, HAS_CREATOR) as words, not as one acronym', async () => {
    const graph = graphOf((tx) => {
      const ada = vertex(tx, ['USER'], 'ada', { SCREEN_NAME: ['ada'] });
      const post = vertex(tx, ['BLOG_POST'], 'p1', {});
      tx.setEdgeProperty(tx.addEdge('FOLLOWS', ada, ada), 'SINCE', 2001);
      tx.addEdge('HAS_CREATOR', post, ada);
    });
    const { sdl } = await inferFrom(graph);
    expect(typeSdl(sdl, 'User')).toBe(
      [
        'type User @vertex(label: "USER") {',
        '  id: ID! @id',
        '  screenName: String! @property(key: "SCREEN_NAME")',
        '  follows: [User!]! @edge(label: "FOLLOWS", direction: OUT, properties: "FollowsProperties")',
        '  blogPostHasCreator: [BlogPost!]! @edge(label: "HAS_CREATOR", direction: IN)',
        '  userFollows: [User!]! @edge(label: "FOLLOWS", direction: IN, properties: "FollowsProperties")',
        '}',
      ].join('\n'),
    );
    expect(typeSdl(sdl, 'BlogPost')).toContain('  hasCreator: [User!]! @edge(label: "HAS_CREATOR", direction: OUT)');
    expect(typeSdl(sdl, 'FollowsProperties')).toContain('  since: Int! @property(key: "SINCE")');
    expect(servable(sdl)).toEqual([]);
  });

  it('leaves free every name the typed layer generates: root fields, generated types, connection fields', async () => {
    const graph = graphOf((tx) => {
      vertex(tx, ['people'], 'p1', {});
      const person = vertex(tx, ['person'], 'p2', { knowsConnection: [1], vertex: ['v'] });
      vertex(tx, ['traverse'], 't', {});
      vertex(tx, ['TagWhere'], 'w', {});
      vertex(tx, ['tag'], 'g', {});
      tx.setEdgeProperty(tx.addEdge('knows', person, person), 'since', 2001);
      vertex(tx, ['KnowsProperties'], 'k', {});
    });
    const { sdl } = await inferFrom(graph);
    expect(sdl.match(/^type \S+ @vertex\(label: "[^"]+"\)/gm)).toEqual([
      'type KnowsProperties @vertex(label: "KnowsProperties")',
      'type People @vertex(label: "people")',
      // Person's list query would be Query.people, which People's lookup has.
      'type Person2 @vertex(label: "person")',
      // Tag's filter input would be TagWhere.
      'type Tag2 @vertex(label: "tag")',
      'type TagWhere @vertex(label: "TagWhere")',
      // The core API has Query.traverse.
      'type Traverse2 @vertex(label: "traverse")',
    ]);
    expect(typeSdl(sdl, 'Person2')).toBe(
      [
        'type Person2 @vertex(label: "person") {',
        '  id: ID! @id',
        '  knowsConnection: Int!',
        '  vertex2: String! @property(key: "vertex")',
        '  knows2: [Person2!]! @edge(label: "knows", direction: OUT, properties: "KnowsProperties2")',
        '  person2Knows: [Person2!]! @edge(label: "knows", direction: IN, properties: "KnowsProperties2")',
        '}',
      ].join('\n'),
    );
    expect(sdl).toContain('"Properties of knows edges."\ntype KnowsProperties2 {\n  since: Int!\n}');
    expect(servable(sdl)).toEqual([]);
  });

  it('prints valid SDL, byte for byte the same on every run', async () => {
    const graph = graphOf((tx) => {
      const z = vertex(tx, ['zeta'], 'z', { b: [1], a: ['x'], 'quote"key': ['q'] });
      const y = vertex(tx, ['alpha'], 'y', { c: [true] });
      tx.addEdge('to', z, y);
      tx.addEdge('back', y, z);
    });
    const first = (await inferFrom(graph)).sdl;
    expect((await inferFrom(graph, { concurrency: 4, pageSize: 1 })).sdl).toBe(first);
    expect(first.indexOf('type Alpha')).toBeLessThan(first.indexOf('type Zeta'));
    expect(first).toContain('  quoteKey: String! @property(key: "quote\\"key")');
    expect(servable(first)).toEqual([]);
  });

  it('infers an empty graph as a header with no types', async () => {
    const { sdl, schema, requests } = await inferFrom(graphOf(() => undefined));
    expect(schema.vertexTypes).toEqual([]);
    expect(requests).toBe(2);
    expect(sdl).toMatch(/^# Inferred by `nereid infer-schema`/);
  });
});
