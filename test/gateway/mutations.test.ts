import { fillSocial } from '../support/social';
import { CLIENT_EDGE_IDS, GENERATED_ID, startNereid, type TestNereid } from '../support/nereid';

describe('mutations', () => {
  let nereid: TestNereid;
  beforeEach(async () => {
    nereid = await startNereid(fillSocial);
  });
  afterEach(() => nereid.stop());

  const counts = () => ({ vertices: nereid.graph.vertexCount, edges: nereid.graph.edgeCount });

  it('creates a vertex with scalar and multi-valued properties in one request', async () => {
    const res = await nereid.gql(
      `mutation($input: VertexInput!) { createVertex(input: $input) { id label properties } }`,
      { input: { id: 'fay', label: 'Person', properties: { name: 'Fay', age: 33, langs: ['de', 'en'], active: true } } },
    );
    expect(res.errors).toBeUndefined();
    // A set's values have no order in Gremlin; JanusGraph answers them in an order of its own.
    res.data!.createVertex.properties.langs.sort();
    expect(res.data!.createVertex).toEqual({
      id: 'fay',
      label: 'Person',
      properties: { active: true, age: 33, langs: ['de', 'en'], name: 'Fay' },
    });
    expect(res.extensions!.gremlin!.requests).toBe(1);
    expect(nereid.graph.vertex('fay')!.value('name')).toBe('Fay');
  });

  it('reads after each mutation see what it wrote, not what an earlier field of the request read', async () => {
    const res = await nereid.gql(`mutation {
      a: createVertex(input: { id: "fay", label: "Person" }) { out { totalCount } }
      b: createEdge(input: { label: "knows", from: "fay", to: "ada" }) { outV { out { totalCount } } }
      c: updateVertex(id: "ada", set: { name: "Ada L." }) { id }
      d: createEdge(input: { label: "knows", from: "fay", to: "bob" }) { outV { out { totalCount nodes { property(key: "name") } } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.a.out.totalCount).toBe(0);
    expect(res.data!.b.outV.out.totalCount).toBe(1);
    expect(res.data!.d.outV.out).toEqual({ totalCount: 2, nodes: [{ property: 'Ada L.' }, { property: 'Bob' }] });
  });

  it('generates an id when none is given', async () => {
    const res = await nereid.gql(`mutation { createVertex(input: { label: "Post" }) { id label } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createVertex.id).toMatch(GENERATED_ID);
  });

  it('refuses a duplicate id with CONFLICT and writes nothing', async () => {
    const before = counts();
    const res = await nereid.gql(`mutation { createVertex(input: { id: "ada", label: "Person", properties: { name: "Other" } }) { id } }`);
    expect(res.status).toBe(200);
    expect(res.errors![0].extensions!.code).toBe('CONFLICT');
    expect(res.errors![0].message).toMatch(/"ada"/);
    expect(counts()).toEqual(before);
    expect(nereid.graph.vertex('ada')!.value('name')).toBe('Ada');
  });

  it('upserts: creates when absent, updates when present, refuses another label', async () => {
    const created = await nereid.gql(`mutation { upsertVertex(input: { id: "gus", label: "Person", properties: { name: "Gus" } }) { id properties } }`);
    expect(created.data!.upsertVertex).toEqual({ id: 'gus', properties: { name: 'Gus' } });
    const updated = await nereid.gql(`mutation { upsertVertex(input: { id: "gus", label: "Person", properties: { age: 40 } }) { id properties } }`);
    expect(updated.data!.upsertVertex).toEqual({ id: 'gus', properties: { name: 'Gus', age: 40 } });
    const clash = await nereid.gql(`mutation { upsertVertex(input: { id: "gus", label: "Post", properties: { age: 1 } }) { id } }`);
    expect(clash.errors![0].extensions!.code).toBe('CONFLICT');
    expect(nereid.graph.vertex('gus')!.value('age')).toBe(40);
    const noId = await nereid.gql(`mutation { upsertVertex(input: { label: "Person" }) { id } }`);
    expect(noId.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('updates: sets single values, replaces lists, removes keys; NOT_FOUND for a missing vertex', async () => {
    const res = await nereid.gql(`mutation { updateVertex(id: "ada", set: { age: 37, langs: ["it"] }, remove: ["name"]) { properties } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateVertex.properties).toEqual({ age: 37, langs: 'it' });
    const missing = await nereid.gql(`mutation { updateVertex(id: "nobody", set: { age: 1 }) { id } }`);
    expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
    const both = await nereid.gql(`mutation { updateVertex(id: "ada", set: { age: 1 }, remove: ["age"]) { id } }`);
    expect(both.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(nereid.graph.vertex('ada')!.value('age')).toBe(37);
  });

  it('deletes a vertex with its edges, and says when there was nothing to delete', async () => {
    const res = await nereid.gql(`mutation { a: deleteVertex(id: "cy") { id deleted } b: deleteVertex(id: "cy") { id deleted } }`);
    expect(res.data).toEqual({ a: { id: 'cy', deleted: true }, b: { id: 'cy', deleted: false } });
    expect(nereid.graph.vertex('cy')).toBeUndefined();
    expect(nereid.graph.edge('k2')).toBeUndefined();
    expect(nereid.graph.edge('k3')).toBeUndefined();
  });

  it('creates, updates and deletes edges', async () => {
    const created = await nereid.gql(
      `mutation { createEdge(input: { ${CLIENT_EDGE_IDS ? 'id: "k9", ' : ''}label: "knows", from: "eve", to: "ada", properties: { since: 2020 } }) { id label properties outV { id } inV { id property(key: "name") } } }`,
    );
    expect(created.errors).toBeUndefined();
    const id: string = created.data!.createEdge.id;
    expect(created.data!.createEdge).toEqual({ id: CLIENT_EDGE_IDS ? 'k9' : id, label: 'knows', properties: { since: 2020 }, outV: { id: 'eve' }, inV: { id: 'ada', property: 'Ada' } });
    expect(nereid.graph.edge(id)!.value('since')).toBe(2020);
    const updated = await nereid.gql(`mutation($id: ID!) { updateEdge(id: $id, set: { weight: 0.5 }, remove: ["since"]) { properties } }`, { id });
    expect(updated.data!.updateEdge.properties).toEqual({ weight: 0.5 });
    const deleted = await nereid.gql(`mutation($id: ID!) { deleteEdge(id: $id) { deleted } }`, { id });
    expect(deleted.data!.deleteEdge.deleted).toBe(true);
    expect(nereid.graph.edge(id)).toBeUndefined();
  });

  it('creates an edge with the id given, or, where the server assigns edge ids (JanusGraph), refuses it with BAD_USER_INPUT and writes nothing', async () => {
    const before = counts();
    const res = await nereid.gql(`mutation { createEdge(input: { id: "k9", label: "knows", from: "eve", to: "ada" }) { id } }`);
    if (CLIENT_EDGE_IDS) {
      expect(res.data!.createEdge).toEqual({ id: 'k9' });
      return;
    }
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/Edge does not support user supplied identifiers/);
    expect(counts()).toEqual(before);
  });

  it('refuses an edge to a missing vertex with NOT_FOUND naming it, and writes nothing', async () => {
    const before = counts();
    const res = await nereid.gql(`mutation { createEdge(input: { label: "knows", from: "ada", to: "ghost" }) { id } }`);
    expect(res.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect(res.errors![0].message).toMatch(/"ghost" \(input\.to\)/);
    expect(counts()).toEqual(before);
  });

  it('creates batches all or nothing', async () => {
    const ok = await nereid.gql(
      `mutation($inputs: [VertexInput!]!) { batchCreateVertices(inputs: $inputs) { id properties } }`,
      { inputs: [{ id: 'x1', label: 'Tag', properties: { name: 'one' } }, { id: 'x2', label: 'Tag', properties: { name: 'two' } }, { label: 'Tag' }] },
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.batchCreateVertices.map((v: any) => v.properties)).toEqual([{ name: 'one' }, { name: 'two' }, {}]);
    expect(ok.extensions!.gremlin!.requests).toBe(1);

    const before = counts();
    const clash = await nereid.gql(
      `mutation($inputs: [VertexInput!]!) { batchCreateVertices(inputs: $inputs) { id } }`,
      { inputs: [{ id: 'x3', label: 'Tag' }, { id: 'x1', label: 'Tag' }] },
    );
    expect(clash.errors![0].extensions!.code).toBe('CONFLICT');
    expect(clash.errors![0].message).toMatch(/"x1"/);
    expect(counts()).toEqual(before);

    const edges = await nereid.gql(
      `mutation($inputs: [EdgeInput!]!) { batchCreateEdges(inputs: $inputs) { label outV { id } inV { id } } }`,
      { inputs: [{ label: 'tagged', from: 'p1', to: 'x1' }, { label: 'tagged', from: 'p1', to: 'x2' }] },
    );
    expect(edges.errors).toBeUndefined();
    expect(edges.data!.batchCreateEdges).toEqual([
      { label: 'tagged', outV: { id: 'p1' }, inV: { id: 'x1' } },
      { label: 'tagged', outV: { id: 'p1' }, inV: { id: 'x2' } },
    ]);

    const afterEdges = counts();
    const missing = await nereid.gql(
      `mutation($inputs: [EdgeInput!]!) { batchCreateEdges(inputs: $inputs) { id } }`,
      { inputs: [{ label: 'tagged', from: 'p1', to: 'x1' }, { label: 'tagged', from: 'p1', to: 'nope' }] },
    );
    expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect(missing.errors![0].message).toMatch(/inputs\[1\]\.to/);
    expect(counts()).toEqual(afterEdges);
  });

  it('refuses bad property values with BAD_USER_INPUT naming the argument', async () => {
    const before = counts();
    const cases: [string, RegExp][] = [
      [`createVertex(input: { label: "P", properties: { a: { nested: 1 } } }) { id }`, /input\.properties\.a/],
      [`createVertex(input: { label: "P", properties: { a: [] } }) { id }`, /input\.properties\.a/],
      [`createVertex(input: { label: "P", properties: { a: [1, [2]] } }) { id }`, /input\.properties\.a\[1\]/],
      [`createVertex(input: { label: "P", properties: [1] }) { id }`, /input\.properties/],
      [`createVertex(input: { label: "", properties: {} }) { id }`, /input\.label/],
      [`createEdge(input: { label: "k", from: "ada", to: "bob", properties: { w: [1, 2] } }) { id }`, /input\.properties\.w/],
      [`batchCreateVertices(inputs: []) { id }`, /inputs/],
      [`batchCreateVertices(inputs: [{ id: "d", label: "P" }, { id: "d", label: "P" }]) { id }`, /inputs\[1\]\.id/],
      // Beyond a 64-bit long no backend can store it exactly; the driver could not even encode it.
      [`updateVertex(id: "ada", set: { age: 12345678901234567890 }) { id }`, /^set\.age$/],
      [`createVertex(input: { label: "P", properties: { a: [1, -1e19] } }) { id }`, /input\.properties\.a\[1\]/],
    ];
    for (const [mutation, argument] of cases) {
      const res = await nereid.gql(`mutation { ${mutation} }`);
      expect(res.status).toBe(200);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.argument).toMatch(argument);
      expect(res.extensions!.gremlin!.requests).toBe(0);
    }
    const system = await nereid.gql(`mutation($p: JSON) { createVertex(input: { label: "P", properties: $p }) { id } }`, { p: { '~id': 'x' } });
    expect(system.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(system.errors![0].extensions!.argument).toBe('input.properties.~id');
    // A lone surrogate has no UTF-8 encoding: it would be stored as U+FFFD, not as what was sent.
    const broken = await nereid.gql(`mutation($p: JSON) { createVertex(input: { label: "P", properties: $p }) { id } }`, { p: { name: 'a\ud800b' } });
    expect(broken.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(broken.errors![0].extensions!.argument).toBe('input.properties.name');
    const brokenKey = await nereid.gql(`mutation($s: JSON) { updateVertex(id: "ada", set: $s) { id } }`, { s: { ['k\udc00']: 1 } });
    expect(brokenKey.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    for (const input of [{ id: 'v\ud800', label: 'P' }, { label: 'P\udc00' }]) {
      const res = await nereid.gql(`mutation($i: VertexInput!) { createVertex(input: $i) { id } }`, { i: input });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' in input ? 'input.id' : 'input.label' });
      expect(res.extensions!.gremlin!.requests).toBe(0);
    }
    expect(nereid.graph.vertexCount).toBe(before.vertices);
    const unusual = await nereid.gql(`mutation($p: JSON) { createVertex(input: { label: "P", properties: $p }) { properties } }`, {
      p: { name: 'ü😀\u0000\u200b' },
    });
    expect(unusual.errors).toBeUndefined();
    expect(unusual.data!.createVertex.properties).toEqual({ name: 'ü😀\u0000\u200b' });
    before.vertices += 1;
    expect(counts()).toEqual(before);
  });
});
