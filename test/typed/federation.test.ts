import { buildTypedSchema } from '../../src/gateway/typed-schema';
import { startNereid, type TestNereid } from '../support/nereid';
import { MESSAGES_SDL, fillMessages } from './messages-fixture';
import { SOCIAL_SDL, fillSocial } from './social-fixture';

describe('a typed schema as a federation subgraph', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial, { schema: buildTypedSchema(SOCIAL_SDL, 'social.graphql', { federation: true }) });
  });
  afterAll(() => nereid.stop());

  it('keys typed types by id in its SDL', async () => {
    const res = await nereid.gql(`{ _service { sdl } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!._service.sdl).toMatch(/type User implements TypedVertex\s+@vertex\(label: "User", plural: "users"\)\s+@key\(fields: "id"\)/);
    expect(res.data!._service.sdl).toMatch(/type Post implements TypedVertex\s+@vertex\(label: "Post", plural: "posts"\)\s+@key\(fields: "id"\)/);
  });

  it('resolves typed entities in one Gremlin request, null for another label or a missing id', async () => {
    const representations = [
      ...Array.from({ length: 98 }, (_, i) => ({ __typename: 'User', id: ['ada', 'bob', 'cy'][i % 3] })),
      { __typename: 'User', id: 'zed' },
      { __typename: 'User', id: 'nobody' },
    ];
    const res = await nereid.gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on User { name handle } } }`, { r: representations });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toHaveLength(100);
    expect(res.data!._entities[0]).toEqual({ name: 'Ada', handle: '@ada' });
    expect(res.data!._entities[98]).toBeNull();
    expect(res.data!._entities[99]).toBeNull();
    expect(res.extensions!.gremlin!.requests).toBe(1);
  });
});

describe('a typed schema with an interface and a union as a federation subgraph', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillMessages, { schema: buildTypedSchema(MESSAGES_SDL, 'messages.graphql', { federation: true }) });
  });
  afterAll(() => nereid.stop());

  it('serves them in its SDL, and resolves the members as entities, relationships to them included', async () => {
    const sdl = (await nereid.gql(`{ _service { sdl } }`)).data!._service.sdl as string;
    expect(sdl).toMatch(/type Post implements TypedVertex & Message\s+@vertex\(label: "Post", plural: "posts"\)\s+@key\(fields: "id"\)/);
    expect(sdl).toContain('union Bookmark = Post | Tag');
    const res = await nereid.gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Message { content } ... on Person { likes { __typename id } } } }`, {
      r: [
        { __typename: 'Post', id: 'p1' },
        { __typename: 'Comment', id: 'c1' },
        { __typename: 'Person', id: 'bob' },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { content: 'hello graph' },
      { content: 'nice' },
      {
        likes: [
          { __typename: 'Comment', id: 'c3' },
          { __typename: 'Post', id: 'p1' },
        ],
      },
    ]);
  });
});
