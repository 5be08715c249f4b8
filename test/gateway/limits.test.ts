import { Graph } from '../../src/embedded/structure';
import { loadQueryLimits } from '../../src/gateway/settings';
import { SettingError } from '../../src/settings';
import { DEFAULT_LIMITS } from '../../src/gateway/limits';
import { serve } from '../../src/serve';
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

  it('estimates a repeated document by its page sizes, also when they are variables in a fragment', async () => {
    const query = `query($id: ID!, $n: Int) { vertex(id: $id) { ...Out } }
      fragment Out on Vertex { out(first: $n) { nodes { out(first: $n) { nodes { out(first: $n) { nodes { id } } } } } } }`;
    for (const [id, n, refused] of [['p000', 5, false], ['p001', 40, true], ['p002', 5, false], ['p003', 40, true]] as const) {
      const res = await nereid.gql(query, { id, n });
      expect(res.errors?.[0].extensions!.code).toBe(refused ? 'QUERY_TOO_LARGE' : undefined);
    }
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
    const nereid = await startNereid(undefined, { production: true, security: { embedded: true } });
    const res = await nereid.gql(`{ vertx(id: "a") { id } }`);
    expect(res.status).toBe(400);
    expect(res.errors![0].message).not.toMatch(/Did you mean/);
    await nereid.stop();
  });
});

describe('limits lowered by settings', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid((tx) => fillCrowd(tx, 30, 4), {
      // The option (as `--max-depth` passes it) wins over the variable; the others come from the environment.
      env: { NEREID_MAX_DEPTH: '100', NEREID_MAX_NODES: '60', NEREID_MAX_ALIASES: '2', NEREID_MAX_DIRECTIVES: '1', NEREID_MAX_TOKENS: '40' },
      limits: { maxDepth: '5' },
    });
  });
  afterAll(() => nereid.stop());

  it('refuses a query that could return more elements than NEREID_MAX_NODES, and answers one within it', async () => {
    const over = await nereid.gql(`{ vertices(first: 10) { nodes { out(first: 6) { nodes { id } } } } }`);
    expect(over.status).toBe(400);
    expect(over.errors![0].extensions!.code).toBe('QUERY_TOO_LARGE');
    expect(over.errors![0].message).toMatch(/70 elements, more than the 60 allowed/);
    expect(over.extensions?.gremlin?.requests ?? 0).toBe(0);
    const under = await nereid.gql(`{ vertices(first: 10) { nodes { out(first: 5) { nodes { id } } } } }`);
    expect(under.errors).toBeUndefined();
    expect(under.data!.vertices.nodes).toHaveLength(10);
  });

  it('refuses a selection deeper than --max-depth, though the variable allows more', async () => {
    const over = await nereid.gql(`{ vertex(id: "p000") { out(first: 1) { nodes { out(first: 1) { nodes { id } } } } } }`);
    expect(over.status).toBe(400);
    expect(over.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(over.errors![0].message).toMatch(/depth limit of 5/);
    const under = await nereid.gql(`{ vertex(id: "p000") { out(first: 1) { nodes { out(first: 1) { totalCount } } } } }`);
    expect(under.errors).toBeUndefined();
    expect(under.data!.vertex.out.nodes).toHaveLength(1);
  });

  it('refuses more aliases or directives than allowed, and answers as many as allowed', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: vertex(id: "p000") { id }`).join(' ')} }`;
    const over = await nereid.gql(aliases(3));
    expect(over.status).toBe(400);
    expect(over.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(over.errors![0].message).toMatch(/Aliases limit of 2/);
    const under = await nereid.gql(aliases(2));
    expect(under.errors).toBeUndefined();
    expect(under.data!.a1.id).toBe('p000');

    const directives = await nereid.gql(`{ vertex(id: "p000") { id @include(if: true) label @include(if: true) } }`);
    expect(directives.status).toBe(400);
    expect(directives.errors![0].message).toMatch(/Directives limit of 1/);
    expect((await nereid.gql(`{ vertex(id: "p000") { id @include(if: true) } }`)).errors).toBeUndefined();
  });

  it('refuses a document longer than NEREID_MAX_TOKENS as a parse error', async () => {
    const typenames = (n: number) => `{ ${Array.from({ length: n }, () => '__typename').join(' ')} }`;
    const over = await nereid.gql(typenames(39));
    expect(over.status).toBe(400);
    expect(over.errors![0].extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await nereid.gql(typenames(38))).errors).toBeUndefined();
  });
});

describe('limit settings', () => {
  it('reads each from its variable, the option winning, and falls back to the defaults', () => {
    expect(loadQueryLimits({})).toEqual(DEFAULT_LIMITS);
    expect(loadQueryLimits({ NEREID_MAX_NODES: ' 700 ', NEREID_MAX_DEPTH: '' }, { maxNodes: undefined, maxAliases: 3 })).toEqual({
      ...DEFAULT_LIMITS,
      maxNodes: 700,
      maxAliases: 3,
    });
    expect(loadQueryLimits({ NEREID_MAX_TOKENS: '900' }, { maxTokens: '800' }).maxTokens).toBe(800);
  });

  it.each([
    [{ NEREID_MAX_DEPTH: 'ten' }, {}, 'NEREID_MAX_DEPTH', 'expected a whole number from 1 to 1000 (got "ten")'],
    [{ NEREID_MAX_NODES: '1.5' }, {}, 'NEREID_MAX_NODES', 'expected a whole number from 1 to 100000000 (got "1.5")'],
    [{ NEREID_MAX_ALIASES: '-1' }, {}, 'NEREID_MAX_ALIASES', 'expected a whole number from 0 to 10000 (got "-1")'],
    [{ NEREID_MAX_TOKENS: '0x100' }, {}, 'NEREID_MAX_TOKENS', 'expected a whole number from 10 to 1000000 (got "0x100")'],
    [{ NEREID_MAX_DIRECTIVES: '5' }, { maxDirectives: '10001' }, '--max-directives', 'expected a whole number from 0 to 10000 (got "10001")'],
  ])('refuses %j with options %j, naming %s', (env, options, source, reason) => {
    let error: unknown;
    try {
      loadQueryLimits(env, options);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SettingError);
    expect(error).toMatchObject({ setting: source, message: `${source}: ${reason}` });
  });

  it('stops serve() before it starts anything when a limit is bad', async () => {
    const graph = jest.fn(async () => new Graph());
    await expect(serve({ port: 0, host: '127.0.0.1', env: { NEREID_MAX_NODES: '0' }, embeddedGraph: graph })).rejects.toThrow(
      'NEREID_MAX_NODES: expected a whole number from 1 to 100000000 (got "0")',
    );
    expect(graph).not.toHaveBeenCalled();
  });
});
