import { printSchema } from 'graphql';
import { buildTypedSchema, typedSchemaModule } from '../../src/gateway/typed-schema';
import { pluralOf } from '../../src/typed/names';
import { problemsOf } from './schema-problems';
import { SOCIAL_SDL } from './social-fixture';


describe('reading a typed schema', () => {
  it('generates the documented API names', () => {
    const sdl = printSchema(buildTypedSchema(SOCIAL_SDL));
    for (const expected of [
      'user(id: ID!): User',
      'users(where: UserWhere, orderBy: [UserOrderBy!], first: Int, after: String): UserConnection!',
      'follows(where: UserWhere, orderBy: [UserOrderBy!], first: Int, after: String): [User!]!',
      'followsConnection(where: UserWhere, edgeWhere: FollowWhere, orderBy: [UserOrderBy!], first: Int, after: String): UserFollowsConnection!',
      'type UserFollowsRelationship {',
      'properties: Follow!',
      'follows_some: UserWhere',
      'follows_none: UserWhere',
      'follows_every: UserWhere',
      'author: UserWhere',
      'AND: [UserWhere!]',
      'input StringListFilter {',
      'input RoleFilter {',
      'input DateTimeFilter {',
      'createUser(input: UserCreateInput!): User!',
      'updateUser(id: ID!, set: UserUpdateInput!): User!',
      'deleteUser(id: ID!): DeleteResult!',
      'connectUserFollows(id: ID!, to: [ID!]!, properties: FollowInput): User!',
      'disconnectUserFollows(id: ID!, from: [ID!]!): User!',
      'type User implements TypedVertex',
      'typed: TypedVertex',
      'vertex(id: ID!): Vertex',
    ]) {
      expect(sdl).toContain(expected);
    }
  });

  it('pluralises type names, irregular ones included', () => {
    expect(['User', 'Company', 'Country', 'Person', 'TagClass', 'Address', 'Key', 'AirportAnalysis', 'Sheep', 'People'].map(pluralOf)).toEqual([
      'Users',
      'Companies',
      'Countries',
      'People',
      'TagClasses',
      'Addresses',
      'Keys',
      'AirportAnalyses',
      'SheepList',
      'PeopleList',
    ]);
  });

  it('decides the batch shape of @gremlin fields from where the parent id is used', () => {
    const { model } = typedSchemaModule(SOCIAL_SDL);
    const user = model.typeByName('User')!;
    const shape = (name: string) => user.fields.find((f) => f.name === name && f.kind === 'gremlin') as { shape: string };
    expect(shape('mutualFriends').shape).toBe('keyed');
    expect(shape('friendsOfFriends').shape).toBe('union');
  });

  it.each([
    ['a syntax error', 'type User @vertex {', 'my.graphql:1:20: Syntax Error: Expected Name, found <EOF>.'],
    ['an unknown directive', 'type User @vertex { id: ID! name: String @prop(key: "n") }', 'my.graphql:1:42: Unknown directive "@prop".'],
    ['a directive in the wrong place', 'type User @edge(label: "x") { id: ID! }', 'my.graphql:1:11: Directive "@edge" may not be used on OBJECT.'],
    ['an unknown type', 'type User @vertex { id: ID! friend: Friend }', 'my.graphql:1:37: Unknown type "Friend".'],
    [
      'an @edge to a type without @vertex',
      'type User @vertex { id: ID! home: Place @edge(label: "LIVES_IN") } type Place { name: String }',
      'my.graphql:1:29: @edge field User.home must return a @vertex type, or a union or interface of them (or a list of one), not Place, which has no @vertex',
    ],
    [
      'an @edge to a scalar',
      'type User @vertex { id: ID! home: String @edge(label: "LIVES_IN") }',
      'my.graphql:1:29: @edge field User.home must return a @vertex type, or a union or interface of them (or a list of one), not String',
    ],
    [
      'an object field without a mapping',
      'type User @vertex { id: ID! friends: [User!]! }',
      'my.graphql:1:29: User.friends returns the object type User: map it with @edge(label: "...", direction: OUT) or @gremlin(traversal: "...")',
    ],
    [
      'a type without @vertex that no edge names',
      'type User @vertex { id: ID! } type Stray { name: String }',
      'my.graphql:1:31: Type Stray has no @vertex: map it to a vertex label with @vertex(label: "..."), or name it in @edge(properties: "Stray")',
    ],
    [
      '@gremlin text that does not parse',
      'type User @vertex { id: ID! odd: [User!]! @gremlin(traversal: "g.V(id).out(") }',
      "my.graphql:1:29: @gremlin traversal of User.odd does not parse",
    ],
    [
      '@gremlin with an unbound variable',
      'type User @vertex { id: ID! odd: [User!]! @gremlin(traversal: "g.V(id).out(edgeLabel)") }',
      "my.graphql:1:29: @gremlin traversal of User.odd: variable 'edgeLabel' is not bound",
    ],
    [
      '@gremlin that writes',
      'type User @vertex { id: ID! odd: Int @gremlin(traversal: "g.V(id).sideEffect(__.drop()).count()") }',
      'my.graphql:1:29: @gremlin traversal of User.odd writes (drop()); fields are reads',
    ],
    [
      '@gremlin with a terminal step',
      'type User @vertex { id: ID! odd: Int @gremlin(traversal: "g.V(id).count().next()") }',
      'my.graphql:1:29: @gremlin traversal of User.odd ends with next(): leave it out, the gateway iterates the traversal',
    ],
    [
      '@gremlin configuring the source',
      `type User @vertex { id: ID! odd: Int @gremlin(traversal: "g.withSideEffect('a', 1).V(id).count()") }`,
      'my.graphql:1:29: @gremlin traversal of User.odd configures the traversal source (withSideEffect); start directly with a step such as g.V(id)',
    ],
    ['two mapping directives', 'type User @vertex { id: ID! name: String @property(key: "n") @id }', 'my.graphql:1:29: User.name combines @property and @id; use one'],
    ['an id that is not ID!', 'type User @vertex { id: String }', 'my.graphql:1:21: User.id is the id field and must have type ID!'],
    ['a reserved field', 'type User @vertex { id: ID! label: String }', 'my.graphql:1:29: User.label: "label" is generated on every typed type; map the property under another field name with @property(key: "label")'],
    ['encoding on a non-date', 'type User @vertex { id: ID! n: Int @property(encoding: EPOCH_MILLIS) }', 'my.graphql:1:29: @property(encoding:) of User.n only applies to DateTime fields'],
    [
      'a federation key on another field than the id',
      'type User @vertex @key(fields: "handle") { id: ID! handle: String! }',
      'my.graphql:1:19: @key(fields: "handle") of User: typed types are resolved by their vertex id; use @key(fields: "id")',
    ],
    ['a system key', 'type User @vertex { id: ID! n: String @property(key: "~id") }', 'my.graphql:1:29: @property(key: "~id") of User.n is not a valid property key'],
    ['two types on one label', 'type A @vertex(label: "X") { id: ID! } type B @vertex(label: "X") { id: ID! }', 'my.graphql:1:40: B and A both map label "X"; a label maps to one type'],
    ['a clash with the core API', 'type Vertice @vertex { id: ID! }', "my.graphql:1:1: Query.vertices of Vertice clashes with Query.vertices of the core API; rename the type or set @vertex(plural: \"...\")"],
    ['an input type', 'type User @vertex { id: ID! } input Extra { a: Int }', 'my.graphql:1:31: Only object types (with @vertex, or describing edge properties), interfaces and unions of @vertex types, enums and type Query can be declared; found input object type definition Extra'],
    [
      'id in a traversal of Query',
      'type User @vertex { id: ID! } type Query { me: User @gremlin(traversal: "g.V(id)") }',
      "my.graphql:1:44: @gremlin traversal of Query.me uses id, the parent's id, but a field of Query has no parent; take what it needs as an argument (e.g. airportId: ID!), and write T.id for the token",
    ],
    [
      'a Query field without @gremlin',
      'type User @vertex { id: ID! } type Query { count: Int }',
      'my.graphql:1:44: Query.count needs @gremlin(traversal: "...") and no other of our directives',
    ],
    [
      'a Query field named like a generated one',
      `type User @vertex { id: ID! } type Query { users: [User!]! @gremlin(traversal: "g.V().hasLabel('User')") }`,
      'my.graphql:1:44: Query.users clashes with Query.users of User; rename one of them',
    ],
    [
      'a Query field named like one of the core API',
      `type User @vertex { id: ID! } type Query { vertex: User @gremlin(traversal: "g.V().hasLabel('User')") }`,
      'my.graphql:1:44: Query.vertex clashes with Query.vertex of the core API; rename one of them',
    ],
    [
      'a Mutation type',
      `type User @vertex { id: ID! } type Mutation { touch: Int @gremlin(traversal: "g.V().count()") }`,
      'my.graphql:1:31: type Mutation cannot be declared: the mutations of @vertex types are generated, and @gremlin fields are reads (declare them on Query)',
    ],
    [
      'a window argument on a field that is not a list',
      `type User @vertex { id: ID! best(first: Int): User @gremlin(traversal: "g.V(id).out()") }`,
      'my.graphql:1:29: User.best declares "first", which sizes list fields; User.best is not a list',
    ],
    [
      'a window argument that is not an Int',
      `type User @vertex { id: ID! next(limit: String): [User!]! @gremlin(traversal: "g.V(id).out()") }`,
      'my.graphql:1:29: User.next: "limit" sizes the list and must be an Int',
    ],
    [
      'a window default above the most a list returns',
      `type Query { many(first: Int = 500): [String!]! @gremlin(traversal: "g.V().values('name')") } type User @vertex { id: ID! }`,
      'my.graphql:1:14: Query.many: the default of "first" must be from 0 to 100',
    ],
    [
      'both first and limit',
      `type User @vertex { id: ID! next(first: Int, limit: Int): [User!]! @gremlin(traversal: "g.V(id).out()") }`,
      'my.graphql:1:29: User.next declares both first and limit; declare one',
    ],
    [
      'a generated name taken',
      'type User @vertex { id: ID! } type UserWhere @vertex { id: ID! }',
      'my.graphql:1:1: The generated type UserWhere clashes with a type of the same name; rename one of them',
    ],
  ])('refuses %s with its location', (_name, sdl, expected) => {
    expect(problemsOf(sdl).some((p) => p.startsWith(expected))).toBe(true);
  });

  it('serves the fields of the author\'s Query next to the generated ones, as written or as an extension', () => {
    for (const keyword of ['type', 'extend type']) {
      const schema = buildTypedSchema(`type User @vertex { id: ID! } ${keyword} Query { top(n: Int!): [User!]! @gremlin(traversal: "g.V().hasLabel('User').limit(n)") }`);
      const query = schema.getQueryType()!.getFields();
      expect(String(query.top.type)).toBe('[User!]!');
      expect(query.top.args.map((a) => `${a.name}: ${String(a.type)}`)).toEqual(['n: Int!']);
      expect(Object.keys(query)).toEqual(expect.arrayContaining(['user', 'users', 'vertices']));
      const subgraph = buildTypedSchema(`type User @vertex @key(fields: "id") { id: ID! } ${keyword} Query { top: [User!]! @gremlin(traversal: "g.V().hasLabel('User')") }`, 'my.graphql', { federation: true });
      expect(Object.keys(subgraph.getQueryType()!.getFields())).toEqual(expect.arrayContaining(['top', '_entities', '_service']));
    }
  });

  it('lists every problem at once', () => {
    const problems = problemsOf('type User @vertex { id: ID! a: Place @edge(label: "x") b: [User] } type Place { n: Int }');
    expect(problems).toHaveLength(3);
  });

  it('accepts its own directive declarations and federation keys in the author file', () => {
    const sdl = `
      directive @vertex(label: String) on OBJECT
      directive @key(fields: String!) repeatable on OBJECT
      scalar DateTime
      type User @vertex @key(fields: "id") { id: ID! when: DateTime }
    `;
    expect(() => buildTypedSchema(sdl)).not.toThrow();
    expect(() => buildTypedSchema(sdl, 'my.graphql', { federation: true })).not.toThrow();
  });
});
