import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTypedSchema } from '../../src/gateway/typed-schema';
import { fillCrowd, fillSocial } from '../support/social';
import { startNereid, type TestNereid } from '../support/nereid';

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Vertex { id label name: property(key: "name") rank: property(key: "rank") }
    ... on Edge { id label outV { id } inV { id } }
  }
}`;

const vertexRef = (id: unknown) => ({ __typename: 'Vertex', id });

describe('nereid as a Federation 2 subgraph', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid((tx) => fillCrowd(tx, 100, 2), { federation: true });
  });
  afterAll(() => nereid.stop());

  it('publishes its SDL with the federation link, @key on Vertex and Edge and a shareable PageInfo', async () => {
    const res = await nereid.gql(`{ _service { sdl } }`);
    expect(res.errors).toBeUndefined();
    const sdl: string = res.data!._service.sdl;
    expect(sdl).toMatch(/extend schema\s+@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.3", import: \["@key", "@shareable"\]\)/);
    expect(sdl).toMatch(/type Vertex\s+@key\(fields: "id"\)\s*\{/);
    expect(sdl).toMatch(/type Edge\s+@key\(fields: "id"\)\s*\{/);
    expect(sdl).toMatch(/type PageInfo\s+@shareable\s*\{/);
    // The rest of the API is still there.
    expect(sdl).toContain('shortestPath(from: ID!, to: ID!');
  });

  it('resolves 100 vertex representations in one Gremlin request, in order, with the selected properties', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `p${String(99 - i).padStart(3, '0')}`);
    const res = await nereid.gql(ENTITIES, { representations: ids.map(vertexRef) });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toHaveLength(100);
    expect(res.data!._entities[0]).toEqual({ __typename: 'Vertex', id: 'p099', label: 'Person', name: 'Person 99', rank: 99 % 7 });
    expect(res.data!._entities.map((e: { id: string }) => e.id)).toEqual(ids);
    expect(res.extensions!.gremlin!.requests).toBe(1);
  });

  it('nests what the entities select below them: 100 vertices with their neighbours are one request', async () => {
    const res = await nereid.gql(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Vertex { id out(labels: ["follows"]) { totalCount nodes { name: property(key: "name") } } }
        }
      }`,
      { representations: Array.from({ length: 100 }, (_, i) => vertexRef(`p${String(i).padStart(3, '0')}`)) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[98].out).toEqual({ totalCount: 2, nodes: [{ name: 'Person 0' }, { name: 'Person 99' }] });
    expect(res.extensions!.gremlin!.requests).toBe(1);
  });

  it('answers null for an id that does not exist, without failing the others', async () => {
    const res = await nereid.gql(ENTITIES, { representations: [vertexRef('p001'), vertexRef('nobody'), vertexRef('p002')] });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.map((e: { id: string } | null) => e?.id ?? null)).toEqual(['p001', null, 'p002']);
    expect(res.extensions!.gremlin!.requests).toBe(1);
  });

  it('rejects a representation without a usable id with BAD_USER_INPUT on that entity alone', async () => {
    const res = await nereid.gql(ENTITIES, {
      representations: [vertexRef('p001'), { __typename: 'Vertex' }, vertexRef(''), vertexRef({ nested: true })],
    });
    expect(res.data!._entities[0]).toMatchObject({ id: 'p001' });
    expect(res.data!._entities.slice(1)).toEqual([null, null, null]);
    expect(res.errors).toHaveLength(3);
    expect(res.errors!.map((e) => e.path)).toEqual([
      ['_entities', 1],
      ['_entities', 2],
      ['_entities', 3],
    ]);
    for (const error of res.errors!) {
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'representations', requestId: expect.any(String) });
      expect(error.message).toMatch(/^A Vertex representation must carry its key "id"/);
    }
    expect(res.errors![0].message).toContain('got no "id"');
    expect(res.errors![2].message).toContain('got "id": {"nested":true}');
  });

  it('rejects a representation naming no entity type with BAD_USER_INPUT on that entity alone', async () => {
    const res = await nereid.gql(ENTITIES, {
      representations: [{ __typename: 'Vertexx', id: 'p001' }, vertexRef('p002'), { id: 'p003' }, { __typename: 'PageInfo', id: 'p004' }, 'p005'],
    });
    expect(res.data!._entities).toEqual([null, expect.objectContaining({ id: 'p002' }), null, null, null]);
    expect(res.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([
      [['_entities', 0], 'BAD_USER_INPUT'],
      [['_entities', 2], 'BAD_USER_INPUT'],
      [['_entities', 3], 'BAD_USER_INPUT'],
      [['_entities', 4], 'BAD_USER_INPUT'],
    ]);
    expect(res.errors![0].message).toBe('A representation must name an entity type of this subgraph in "__typename"; got "__typename": "Vertexx"');
    expect(res.errors![1].message).toContain('got no "__typename"');
    expect(res.extensions!.gremlin!.requests).toBe(1);
  });

  it('accepts an integer id, as GraphQL ID input does', async () => {
    const numbered = await startNereid(
      (tx) => {
        tx.addVertex(['Thing'], '7');
      },
      { federation: true },
    );
    try {
      const res = await numbered.gql(ENTITIES, { representations: [vertexRef(7)] });
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual([{ __typename: 'Vertex', id: '7', label: 'Thing', name: null, rank: null }]);
    } finally {
      await numbered.stop();
    }
  });
});

describe('edges as entities', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial, { federation: true });
  });
  afterAll(() => nereid.stop());

  it('resolves edges by id, one request per entity type', async () => {
    const res = await nereid.gql(ENTITIES, {
      representations: [
        { __typename: 'Edge', id: 'k1' },
        vertexRef('ada'),
        { __typename: 'Edge', id: 'k3' },
        { __typename: 'Edge', id: 'gone' },
        vertexRef('eve'),
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { __typename: 'Edge', id: 'k1', label: 'knows', outV: { id: 'ada' }, inV: { id: 'bob' } },
      { __typename: 'Vertex', id: 'ada', label: 'Person', name: 'Ada', rank: null },
      { __typename: 'Edge', id: 'k3', label: 'knows', outV: { id: 'cy' }, inV: { id: 'dee' } },
      null,
      { __typename: 'Vertex', id: 'eve', label: 'Person', name: 'Eve', rank: null },
    ]);
    // One g.E(...) with the end vertices nested, and one g.V(...), for the representations.
    expect(res.extensions!.gremlin!.requests).toBe(2);
  });
});

describe('typed and generic entities together', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    const sdl = readFileSync(join(__dirname, 'sample-users.graphql'), 'utf8');
    nereid = await startNereid(
      (tx) => {
        for (const [id, name] of [['u1', 'Ada'], ['u2', 'Bob']]) {
          const user = tx.addVertex(['User'], id);
          tx.addVertexProperty(user, 'name', name);
          tx.addVertexProperty(user, 'handle', name.toLowerCase());
        }
        tx.addVertexProperty(tx.addVertex(['Post'], 'p1'), 'name', 'Not a user');
      },
      { schema: buildTypedSchema(sdl, 'sample-users.graphql', { federation: true }) },
    );
  });
  afterAll(() => nereid.stop());

  it('keys a typed type that declares no @key', async () => {
    const res = await nereid.gql(`{ _service { sdl } }`);
    expect(res.data!._service.sdl).toMatch(/type User implements TypedVertex\s+@vertex\(label: "User", plural: "users"\)\s+@key\(fields: "id"\)\s*\{/);
  });

  it('share one g.V(...) for all vertex representations; a typed one of another label is null', async () => {
    const res = await nereid.gql(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id handle } ... on Vertex { id label name: property(key: "name") } } }`,
      {
        r: [
          { __typename: 'User', id: 'u1' },
          vertexRef('u2'),
          { __typename: 'User', id: 'p1' },
          vertexRef('p1'),
          { __typename: 'User', id: 'u2' },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { id: 'u1', handle: 'ada' },
      { id: 'u2', label: 'User', name: 'Bob' },
      null,
      { id: 'p1', label: 'Post', name: 'Not a user' },
      { id: 'u2', handle: 'bob' },
    ]);
    expect(res.extensions!.gremlin!.requests).toBe(1);
  });
});

describe('without --federation', () => {
  it('serves no federation fields', async () => {
    const nereid = await startNereid(fillSocial);
    try {
      const res = await nereid.gql(`{ _service { sdl } }`);
      expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0].message).toContain('Cannot query field "_service"');
    } finally {
      await nereid.stop();
    }
  });
});
