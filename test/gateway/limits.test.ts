import { fillCrowd } from '../support/social';
import { startNereid, type TestNereid } from '../support/nereid';

describe('query limits', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid((tx) => fillCrowd(tx, 30, 4));
  });
  afterAll(() => nereid.stop());

  const nested = (levels: number, first: string) => {
    let selection = '{ id }';
    for (let i = 1; i < levels; i++) selection = `{ id out(first: ${first}) { nodes ${selection} } }`;
    return `vertices(first: ${first}) { nodes ${selection} }`;
  };

  it('refuses, before any Gremlin request, a query whose nested pages could return too many elements', async () => {
    const res = await nereid.gql(`{ ${nested(3, '100')} }`);
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions!.code).toBe('QUERY_TOO_LARGE');
    expect(res.errors![0].message).toMatch(/1010100 elements/);
    expect(res.extensions?.gremlin?.requests ?? 0).toBe(0);
  });

  it('counts page sizes given as variables, and defaults where none is given', async () => {
    const query = `query($n: Int) { ${nested(3, '$n')} }`;
    expect((await nereid.gql(query, { n: 40 })).errors![0].extensions!.code).toBe('QUERY_TOO_LARGE');
    const small = await nereid.gql(query, { n: 5 });
    expect(small.errors).toBeUndefined();
    expect(small.data!.vertices.nodes).toHaveLength(5);
    const defaults = await nereid.gql(`{ ${nested(3, '20').replace(/\(first: 20\)/g, '')} }`);
    expect(defaults.errors).toBeUndefined();
  });

  it('refuses documents that are too deep, too aliased or too long with a coded 400', async () => {
    let deep = '{ id }';
    for (let i = 0; i < 10; i++) deep = `{ out(first: 1) { nodes ${deep} } }`;
    const tooDeep = await nereid.gql(`{ vertex(id: "p000") ${deep} }`);
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: vertex(id: "p000") { id }`).join(' ');
    const tooAliased = await nereid.gql(`{ ${aliases} }`);
    expect(tooAliased.status).toBe(400);
    expect(tooAliased.errors![0].message).toMatch(/[Aa]liases/);

    const tooLong = await nereid.gql(`{ ${Array.from({ length: 6000 }, () => '__typename').join(' ')} }`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.errors![0].extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('keeps answering normal queries', async () => {
    const res = await nereid.gql(`{ ${nested(2, '10')} }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.vertices.nodes).toHaveLength(10);
  });
});

describe('in production', () => {
  it('does not suggest field names', async () => {
    const nereid = await startNereid(undefined, { production: true });
    const res = await nereid.gql(`{ vertx(id: "a") { id } }`);
    expect(res.status).toBe(400);
    expect(res.errors![0].message).not.toMatch(/Did you mean/);
    await nereid.stop();
  });
});
