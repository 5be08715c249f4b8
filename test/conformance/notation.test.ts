import { containsLambda, NotationError, parseNotation, splitItems } from '../../conformance/notation';

describe('parseNotation', () => {
  it('reads scalars and numbers with their Gremlin type', () => {
    expect(parseNotation('null')).toEqual({ kind: 'null' });
    expect(parseNotation('true')).toEqual({ kind: 'boolean', value: true });
    expect(parseNotation('marko')).toEqual({ kind: 'string', value: 'marko' });
    expect(parseNotation('d[29].i')).toEqual({ kind: 'number', value: 29, type: 'i', text: '29' });
    expect(parseNotation('d[-3].l')).toMatchObject({ value: -3, type: 'l' });
    expect(parseNotation('d[0.5].d')).toMatchObject({ value: 0.5, type: 'd' });
    expect(parseNotation('d[1.5].f')).toMatchObject({ value: 1.5, type: 'f' });
    expect(parseNotation('d[123456789012345678901234567890].n')).toMatchObject({ value: 123456789012345678901234567890n, type: 'n' });
    expect(parseNotation('d[3.14].m')).toMatchObject({ value: 3.14, type: 'm' });
    expect((parseNotation('d[NaN]') as { value: number }).value).toBeNaN();
    expect(parseNotation('d[-Infinity]')).toMatchObject({ value: -Infinity });
  });

  it('refuses a malformed number rather than reading it as text', () => {
    expect(() => parseNotation('d[1.5].i')).toThrow(NotationError);
    expect(() => parseNotation('d[x].d')).toThrow(NotationError);
  });

  it('reads element references and their ids', () => {
    expect(parseNotation('v[marko]')).toEqual({ kind: 'vertex', name: 'marko' });
    expect(parseNotation('v[marko].id')).toEqual({ kind: 'vertexId', name: 'marko', asString: false });
    expect(parseNotation('v[marko].sid')).toEqual({ kind: 'vertexId', name: 'marko', asString: true });
    expect(parseNotation('e[marko-knows->vadas]')).toEqual({ kind: 'edge', key: 'marko-knows->vadas' });
    expect(parseNotation('e[marko-knows->vadas].id')).toEqual({ kind: 'edgeId', key: 'marko-knows->vadas', asString: false });
    expect(parseNotation('vp[name->marko]')).toMatchObject({ kind: 'vertexProperty', key: 'name', value: { kind: 'string', value: 'marko' } });
    expect(parseNotation('vp[marko-age->d[29].i]')).toMatchObject({ kind: 'vertexProperty', key: 'age', value: { kind: 'number', value: 29 } });
  });

  it('nests lists, sets, paths and maps', () => {
    expect(parseNotation('l[]')).toEqual({ kind: 'list', items: [] });
    expect(parseNotation('l[a,l[b,c],d[1].i]')).toEqual({
      kind: 'list',
      items: [
        { kind: 'string', value: 'a' },
        { kind: 'list', items: [{ kind: 'string', value: 'b' }, { kind: 'string', value: 'c' }] },
        { kind: 'number', value: 1, type: 'i', text: '1' },
      ],
    });
    expect(parseNotation('s[x]')).toEqual({ kind: 'set', items: [{ kind: 'string', value: 'x' }] });
    expect(parseNotation('p[v[marko],v[lop]]')).toEqual({
      kind: 'path',
      items: [
        { kind: 'vertex', name: 'marko' },
        { kind: 'vertex', name: 'lop' },
      ],
    });
    expect(parseNotation('m[{"d[35].i":"l[v[peter]]","name":["a",1,null,{"x":true}]}]')).toEqual({
      kind: 'map',
      entries: [
        [
          { kind: 'number', value: 35, type: 'i', text: '35' },
          { kind: 'list', items: [{ kind: 'vertex', name: 'peter' }] },
        ],
        [
          { kind: 'string', value: 'name' },
          {
            kind: 'list',
            items: [
              { kind: 'string', value: 'a' },
              { kind: 'number', value: 1, type: 'json', text: '1' },
              { kind: 'null' },
              { kind: 'map', entries: [[{ kind: 'string', value: 'x' }, { kind: 'boolean', value: true }]] },
            ],
          },
        ],
      ],
    });
  });

  it('reads tokens, dates, literal strings and lambdas', () => {
    expect(parseNotation('t[label]')).toEqual({ kind: 'token', type: 'T', name: 'label' });
    expect(parseNotation('D[OUT]')).toEqual({ kind: 'token', type: 'Direction', name: 'OUT' });
    expect(parseNotation('D[from]')).toEqual({ kind: 'token', type: 'Direction', name: 'OUT' });
    expect(parseNotation('M[outV]')).toEqual({ kind: 'token', type: 'Merge', name: 'outV' });
    expect(parseNotation('dt[2023-08-02T00:00:20Z]')).toEqual({ kind: 'date', value: new Date(Date.UTC(2023, 7, 2, 0, 0, 20)) });
    expect(parseNotation('str[v[1]]')).toEqual({ kind: 'string', value: 'v[1]' });
    expect(parseNotation('str[ marko]')).toEqual({ kind: 'string', value: ' marko' });
    expect(parseNotation('c[it.get()]')).toEqual({ kind: 'lambda', source: 'it.get()' });
  });

  it('treats a form that does not span the whole text as a plain string', () => {
    expect(parseNotation('v[marko]x')).toEqual({ kind: 'string', value: 'v[marko]x' });
    expect(parseNotation('d[1]')).toEqual({ kind: 'string', value: 'd[1]' });
    expect(parseNotation('x[1]')).toEqual({ kind: 'string', value: 'x[1]' });
  });

  it('finds lambdas at any depth', () => {
    expect(containsLambda(parseNotation('m[{"a":"c[x]"}]'))).toBe(true);
    expect(containsLambda(parseNotation('l[a,c[x]]'))).toBe(true);
    expect(containsLambda(parseNotation('l[a,b]'))).toBe(false);
  });
});

describe('splitItems', () => {
  it('splits on commas at depth 0 only, also outside JSON strings', () => {
    expect(splitItems('a,b')).toEqual(['a', 'b']);
    expect(splitItems('l[a,b],c')).toEqual(['l[a,b]', 'c']);
    expect(splitItems('m[{"x":"1,2]"}],y')).toEqual(['m[{"x":"1,2]"}]', 'y']);
    expect(splitItems('')).toEqual([]);
  });
});
